"""Writing a file so that a failure loses nothing, and two clerks at once lose nothing either.

- ``Snapshot``: the bytes as read, with the byte-order mark and a hash, so the text can be edited
  without them and the write can check that nobody changed the file meanwhile.
- ``atomic_write``: a temporary file in the same folder, flushed and fsynced, ``os.replace``d
  over the old one, then the folder fsynced: the file is either the old or the new, never half.
- ``write_all``: the same for several files, all or nothing: every new text is staged and every
  old file kept (a hard link, or a staged copy) before any is replaced, so a failure at any step
  puts back the ones already replaced by renames alone, which need no free space.
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
from collections.abc import Iterator, Sequence
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


@dataclass(frozen=True)
class Write:
    """One file of ``write_all``: its new bytes and, if it exists, the snapshot it was read as
    (the write is refused if the file no longer holds those bytes)."""

    path: Path
    data: bytes
    expect: Snapshot | None = None


class WriteFailed(Exception):
    """A write of ``write_all`` failed at ``path``; every file is as it was, except those in
    ``kept``: (file, where its old bytes are kept, None if it was new) when even putting them
    back failed."""

    def __init__(
        self, path: Path, reason: str, kept: Sequence[tuple[Path, Path | None]] = ()
    ) -> None:
        super().__init__(str(path))
        self.path = path
        self.reason = reason
        self.kept = list(kept)


@dataclass
class _Staged:
    write: Write
    tmp: str | None = None  # the new bytes, staged next to the file
    old: str | None = None  # the old file kept next to it (None: there was no file)
    replaced: bool = False


def write_all(writes: Sequence[Write]) -> None:
    """Replace every file with its new bytes, or none: a failure (``WriteFailed``,
    ``ChangedMeanwhile``) leaves every file byte for byte as it was and no temporary file."""
    staged = [_Staged(w) for w in writes]
    at = writes[0].path if writes else Path()  # the file (or folder) of the step under way
    try:
        for s in staged:
            at = s.write.path
            s.tmp = _stage(at, s.write.data)
        for s in staged:
            at = s.write.path
            _check(s.write)
        for s in staged:
            at = s.write.path
            s.old = _keep(at)
        try:
            for s in staged:
                at = s.write.path
                os.replace(s.tmp or "", at)
                s.tmp, s.replaced = None, True
            for folder in dict.fromkeys(s.write.path.parent for s in staged):
                at = folder
                _fsync_folder(folder)
        except OSError as exc:
            raise WriteFailed(at, _reason(exc), _put_back(staged)) from None
    except OSError as exc:  # staging, checking, keeping: nothing is replaced yet
        raise WriteFailed(at, _reason(exc)) from None
    finally:
        _clean(staged)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _temp(path: Path) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)


def _stage(path: Path, data: bytes, mode: int | None = None) -> str:
    if mode is None:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = _temp(path)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _check(write: Write) -> None:
    """The file still holds what was read, and it and its folder can be written (``access``
    also says no for an immutable file, even to root)."""
    path = write.path
    if write.expect is not None:
        current = path.read_bytes() if path.exists() else b""
        if hashlib.sha256(current).hexdigest() != write.expect.digest:
            raise ChangedMeanwhile(str(path))
    if path.exists() and not os.access(path, os.W_OK):
        raise PermissionError(13, os.strerror(13), str(path))
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise PermissionError(13, os.strerror(13), str(path.parent))


def _keep(path: Path) -> str | None:
    """Keep the old file under a temporary name: a hard link (the same bytes, mode and owner,
    no space needed), or where links are not allowed a staged copy."""
    if not path.exists():
        return None
    fd, keep = _temp(path)
    os.close(fd)
    os.unlink(keep)
    try:
        os.link(path, keep)
    except OSError:
        return _stage(path, path.read_bytes(), path.stat().st_mode & 0o777)
    return keep


def _put_back(staged: list[_Staged]) -> list[tuple[Path, Path | None]]:
    """Put back the old files of those replaced, newest first; each is tried twice. Returns those
    that could not be, with where their old bytes are kept."""
    kept: list[tuple[Path, Path | None]] = []
    for s in reversed(staged):
        if not s.replaced:
            continue
        for attempt in range(2):
            try:
                if s.old is None:
                    os.unlink(s.write.path)
                else:
                    os.replace(s.old, s.write.path)
                    s.old = None
                s.replaced = False
                break
            except OSError:
                if attempt == 1:
                    kept.append((s.write.path, None if s.old is None else Path(s.old)))
                    s.old = None  # not cleaned: it is all that is left of the old file
    for folder in dict.fromkeys(s.write.path.parent for s in staged):
        with contextlib.suppress(OSError):
            _fsync_folder(folder)
    return kept


def _clean(staged: list[_Staged]) -> None:
    for s in staged:
        for name in (s.tmp, s.old):
            if name is not None:
                with contextlib.suppress(OSError):
                    os.unlink(name)


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
