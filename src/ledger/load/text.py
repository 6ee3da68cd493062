"""File bytes to text: what the file is, encoding, byte-order mark, conflict markers, control
characters.

Problems found here stop the file from being parsed: a file that is not UTF-8, that holds
conflict markers or raw control characters would only give confusing YAML errors after this point.

A ledger file is a regular file (contract section 1): a symbolic link, a named pipe, a device or
a folder in its place is an error (F008) and is never read, so that no file outside the ledger is
ever read or shown, and nothing can make a read wait for ever or never end. The check is made on
the open file itself (``O_NOFOLLOW``, ``O_NONBLOCK``, then ``fstat``): nothing can be swapped in
between the check and the read. Lines are counted as git counts them, by LF (``line_column``).
"""

from __future__ import annotations

import os
import re
import stat
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

from ledger.i18n import words
from ledger.problems import Problem
from ledger.regular import READ_FLAGS, kind
from ledger.visible import CONTROL

BOM = "\ufeff"  # a byte-order mark: accepted on reading, kept on writing (edit/write.py)
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?: |\r?$)", re.MULTILINE)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LF = re.compile("\n")


def not_regular(mode: int, rel: str, folder: bool = False) -> Problem | None:
    """F008 when ``mode`` (from ``lstat``) is not a regular file (a real folder, with
    ``folder``); None when it is."""
    if (stat.S_ISDIR(mode) and not stat.S_ISLNK(mode)) if folder else stat.S_ISREG(mode):
        return None
    found = kind(mode)
    expected = "folder" if folder else "file"
    args = {"found": words(f"kind.a_{found}"), "expected": words(f"kind.{expected}")}
    return Problem(rel, "F008", args)


def read_bytes(file: Path, rel: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a regular file, or None and the problem (F001, F002, F008)."""
    try:
        before = os.lstat(file)
    except FileNotFoundError:
        return None, [Problem(rel, "F001")]
    except OSError as exc:
        return None, [Problem(rel, "F002", {"reason": exc.strerror or str(exc)})]
    problem = not_regular(before.st_mode, rel)
    if problem is not None:
        return None, [problem]
    try:
        fd = os.open(file, READ_FLAGS)
    except FileNotFoundError:
        return None, [Problem(rel, "F001")]
    except OSError as exc:  # ELOOP: a link swapped in since the lstat
        return None, [Problem(rel, "F002", {"reason": exc.strerror or str(exc)})]
    try:
        problem = not_regular(os.fstat(fd).st_mode, rel)
        if problem is not None:
            return None, [problem]
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read(), []
    except OSError as exc:
        return None, [Problem(rel, "F002", {"reason": exc.strerror or str(exc)})]
    finally:
        os.close(fd)


def read_text(file: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """The file's text (BOM removed, line endings as written), or None and the problems."""
    raw, problems = read_bytes(file, rel)
    if raw is None:
        return None, problems
    return decode(raw, rel)


def line_column(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of ``text[index]``, lines counted by LF only (as git counts
    them: a lone CR, U+0085 or U+2028 does not start a line)."""
    starts = _line_starts(text)
    line = bisect_right(starts, index)
    return line, index - starts[line - 1] + 1


@lru_cache(maxsize=4)
def _line_starts(text: str) -> list[int]:
    """Where each line of the text starts: found once per text, so that the positions of a
    file's thousands of problems take time in proportion to their number."""
    return [0, *(m.end() for m in _LF.finditer(text))]


def control_characters(text: str, rel: str, limit: int = 20) -> list[Problem]:
    """S013 at each raw control character of the text (the first ``limit`` of them)."""
    out = []
    for m in CONTROL.finditer(text):
        line, column = line_column(text, m.start())
        out.append(Problem(rel, "S013", {"char": _name(m.group())}, line=line, column=column))
        if len(out) >= limit:
            break
    return out


def _name(char: str) -> str:
    return f"U+{ord(char):04X}"


def decode(raw: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [Problem(rel, "F003", _encoding_hint(raw), line=line, column=1)]
    if text.startswith(BOM):
        text = text[1:]
    if "<<<<<<<" in text or ">>>>>>>" in text:
        markers = [
            Problem(
                rel,
                "F004",
                {"marker": m.group(1)},
                line=line_column(text, m.start())[0],
                column=1,
            )
            for m in _CONFLICT.finditer(text)
        ]
        if markers:
            return None, markers
    if CONTROL.search(text):
        return None, control_characters(text, rel)
    return text, []


def _encoding_hint(raw: bytes) -> dict[str, object]:
    """Windows editors in China save as GBK (GB18030 is its superset): say so when it reads."""
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return {"hint": words("hint.none")}
    if not _CJK.search(text):
        return {"hint": words("hint.none")}
    return {"hint": words("hint.gbk")}
