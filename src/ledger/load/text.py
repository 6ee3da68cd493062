"""File bytes to text: encoding, byte-order mark, merge-conflict markers.

Problems found here stop the file from being parsed: a file that is not UTF-8 or that holds
conflict markers would only give confusing YAML errors after this point.
"""

from __future__ import annotations

import re
from pathlib import Path

from ledger.i18n import words
from ledger.problems import Problem

_BOM = "\ufeff"
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?: |\r?$)", re.MULTILINE)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def read_text(file: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """The file's text (BOM removed, line endings as written), or None and the problems."""
    raw, problems = read_bytes(file, rel)
    if raw is None:
        return None, problems
    return decode(raw, rel)


def read_bytes(file: Path, rel: str) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or None and the problem that stopped the reading."""
    try:
        return file.read_bytes(), []
    except FileNotFoundError:
        return None, [Problem(rel, "F001")]
    except OSError as exc:
        return None, [Problem(rel, "F002", {"reason": exc.strerror or str(exc)})]


def decode(raw: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [Problem(rel, "F003", _encoding_hint(raw), line=line, column=1)]
    if text.startswith(_BOM):
        text = text[1:]
    if "<<<<<<<" in text or ">>>>>>>" in text:
        markers = [
            Problem(
                rel,
                "F004",
                {"marker": m.group(1)},
                line=text.count("\n", 0, m.start()) + 1,
                column=1,
            )
            for m in _CONFLICT.finditer(text)
        ]
        if markers:
            return None, markers
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
