"""Writing a report where the user said (``--output PATH``): into what is there, never over it.

A report is not a ledger file. It is written *into* the path the user named:

- nothing there, or a regular file: a temporary file in the same folder, then renamed over it
  (the old report, if any, is whole until the new one is; its mode is kept);
- a symbolic link: into the file it points to, by these same rules (the link stays a link);
- a named pipe: opened for writing without waiting; with no reader at the other end that is an
  error at once, never a hang;
- a device (``/dev/stdout``, a printer): opened for writing, never created, truncated or replaced;
- a folder, a socket: an error.

Paths inside the ledger's own files are refused, after following links: ``.git/``, ``data/``,
``ledger.toml`` and ``.ledger-cache/``. A failed write (a full disk, a full device) is an error:
nothing says "written" unless every byte was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

_OWN = (".git", "data", "ledger.toml", ".ledger-cache")


class OutputError(Exception):
    """Why a report was not written: ``key`` names the message in ``ledger.i18n``."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


def check_output(path: Path, root: Path) -> Path:
    """The file ``path`` leads to, after following links; ``OutputError`` when that is one of
    the ledger's own files or folders."""
    try:
        target = Path(os.path.realpath(path))
        own = [Path(os.path.realpath(root / name)) for name in _OWN]
    except (OSError, RuntimeError, ValueError) as exc:  # a link loop, a NUL
        raise OutputError("cannot_write", path=path, reason=_reason(exc)) from None
    if any(target == p or target.is_relative_to(p) for p in own):
        raise OutputError("output_in_ledger", path=path)
    return target


def write_report(path: Path, data: bytes, root: Path) -> None:
    """Write ``data`` into ``path`` (see the module's rules) or raise ``OutputError``."""
    target = check_output(path, root)
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError("cannot_write", path=path, reason=_reason(exc)) from None
    try:
        if mode is None or stat.S_ISREG(mode):
            _replace(target, data, None if mode is None else stat.S_IMODE(mode))
        elif stat.S_ISFIFO(mode):
            _into_pipe(target, data)
        elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            _into(target, data, os.O_WRONLY)
        elif stat.S_ISDIR(mode):
            raise OutputError("output_is_folder", path=path)
        else:
            raise OutputError("cannot_write", path=path, reason="not a file")
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputError("output_no_reader", path=path) from None
        raise OutputError("cannot_write", path=path, reason=_reason(exc)) from None


def _reason(exc: BaseException) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)


def _replace(target: Path, data: bytes, mode: int | None) -> None:
    folder = target.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _into_pipe(target: Path, data: bytes) -> None:
    """A pipe is opened without waiting (ENXIO when nobody reads), then written as usual."""
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(target, flags)
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        _write_all(fd, data)
    finally:
        os.close(fd)


def _into(target: Path, data: bytes, flags: int) -> None:
    fd = os.open(target, flags | getattr(os, "O_NOCTTY", 0))
    try:
        _write_all(fd, data)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        if n <= 0:
            raise OSError(errno.EIO, "nothing written")
        view = view[n:]
