"""Opening a file the tool reads that is not a ledger file (the cache's pack, a form to import):
a regular file only, never through a link, and never more of it than a bound.

Contract section 1's rule holds for everything the tool reads: a named pipe would make the read
wait for ever, a device (``/dev/zero``) would never end, a link could point anywhere. The check
is made on the open file itself (``O_NOFOLLOW``, ``O_NONBLOCK``, then ``fstat``), so nothing can
be swapped in between the check and the read. (Ledger files themselves are read by
``ledger.load.text``, which turns the same findings into problems.)
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

READ_FLAGS = (  # a read that follows no link and waits on no pipe
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_BINARY", 0)
)

# The kind of a file that is not regular, as ``ledger.i18n`` words it (``kind.a_<kind>``).
_KINDS = [
    (stat.S_ISLNK, "link"),
    (stat.S_ISDIR, "folder"),
    (stat.S_ISFIFO, "pipe"),
    (stat.S_ISCHR, "device"),
    (stat.S_ISBLK, "device"),
    (stat.S_ISSOCK, "socket"),
]


class NotRegular(OSError):
    """The path is not a regular file: ``kind`` says what it is (``link``, ``pipe``, ...)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class TooLarge(OSError):
    """The file holds more bytes than the reader takes."""


def kind(mode: int) -> str:
    return next((k for test, k in _KINDS if test(mode)), "other")


def open_regular(path: Path) -> int:
    """A descriptor of ``path`` opened for reading, when it is a regular file (the caller closes
    it); ``NotRegular`` when it is not, ``OSError`` when it cannot be opened."""
    try:
        fd = os.open(path, READ_FLAGS)
    except OSError as exc:
        # ELOOP (EMLINK on some systems) for a link, ENXIO for a socket: say what it is
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            raise exc from None
        if not stat.S_ISREG(mode):
            raise NotRegular(kind(mode)) from exc
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegular(kind(mode))
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them (``TooLarge`` for more:
    the size is checked before the read and again by reading one byte past the bound, as a file
    may grow meanwhile)."""
    fd = open_regular(path)
    try:
        if os.fstat(fd).st_size > limit:
            raise TooLarge(path)
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(limit + 1)
        if len(data) > limit:
            raise TooLarge(path)
        return data
    finally:
        os.close(fd)
