"""Writing a file so that a failure loses nothing, and two clerks at once lose nothing either.

- ``Snapshot``: the bytes as read, with the byte-order mark and a hash, so the text can be edited
  without them and the write can check that nobody changed the file meanwhile.
- ``atomic_write``: a temporary file in the same folder, flushed and fsynced, ``os.replace``d
  over the old one, then the folder fsynced: the file is either the old or the new, never half.
- ``ledger_lock``: one lock per ledger (in the system's temporary folder, so nothing appears in
  the repository) held from reading to writing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

from ledger.load.text import BOM


class ChangedMeanwhile(Exception):
    """The file changed between reading and writing."""


@dataclass(frozen=True)
class Snapshot:
    path: Path
    raw: bytes

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    @property
    def bom(self) -> bool:
        return self.raw.startswith(BOM.encode())

    @property
    def text(self) -> str:
        """The text without its byte-order mark (the editor and the parser never see it)."""
        text = self.raw.decode("utf-8")
        return text[1:] if text.startswith(BOM) else text

    def encode(self, text: str) -> bytes:
        """New text as bytes in this file's way: UTF-8, with the mark if it had one."""
        return ((BOM if self.bom else "") + text).encode("utf-8")

    @classmethod
    def read(cls, path: Path) -> Snapshot:
        return cls(path, path.read_bytes())


def atomic_write(path: Path, data: bytes, expect: Snapshot | None = None) -> None:
    """Replace ``path`` with ``data`` atomically; with ``expect``, only if the file still holds
    the bytes it held when it was read."""
    folder = path.parent
    if expect is not None:
        current = path.read_bytes() if path.exists() else b""
        if hashlib.sha256(current).hexdigest() != expect.digest:
            raise ChangedMeanwhile(str(path))
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder for fsync; os.replace is enough there
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def ledger_lock(root: Path, timeout: float = 30.0) -> Iterator[None]:
    """Serialise the edits of one ledger on this machine."""
    key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    lock = FileLock(Path(tempfile.gettempdir()) / f"ledger-{key}.lock", timeout=timeout)
    with lock:
        yield
