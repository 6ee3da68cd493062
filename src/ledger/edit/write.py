"""Writing a file so that a failure loses nothing, and two clerks at once lose nothing either.

- ``Snapshot``: the bytes as read, with the byte-order mark and a hash, so the text can be edited
  without them and the write can check that nobody changed the file meanwhile.
- ``atomic_write``: a temporary file in the same folder, flushed and fsynced, ``os.replace``d
  over the old one, then the folder fsynced: the file is either the old or the new, never half.
- ``ledger_lock``: one lock per ledger, ``<root>/.ledger-cache/lock`` (the folder ignores itself
  in git), held from reading to writing. It lives with the ledger, not in the system's temporary
  folder, where its predictable name would let any local user block every edit.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
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


class LockUnavailable(Exception):
    """The edit lock cannot be made or opened (a read-only ledger, a lock that is a folder or
    another user's file); ``path`` is the lock, relative to the ledger."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path)
        self.path = path
        self.reason = reason


LOCK = ".ledger-cache/lock"


@contextlib.contextmanager
def ledger_lock(root: Path, timeout: float = 30.0) -> Iterator[None]:
    """Serialise the edits of one ledger."""
    from ledger.load.cache import folder

    where = folder(root, create=True)
    if where is None:
        raise LockUnavailable(LOCK, "cannot make the folder .ledger-cache")
    path = where / "lock"
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise LockUnavailable(LOCK, exc.strerror or str(exc)) from None
    if mode is not None and not stat.S_ISREG(mode):
        raise LockUnavailable(LOCK, "not a regular file")
    try:  # a lock that cannot be opened is said now, not after waiting for it
        os.close(os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644))
    except OSError as exc:
        raise LockUnavailable(LOCK, exc.strerror or str(exc)) from None
    lock = FileLock(path, timeout=timeout)
    with lock:
        yield
