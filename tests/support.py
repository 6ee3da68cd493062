"""What the bad-input and rule tests share: a small correct unit, and the problems of a ledger
as (path, code, line, column)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from ledger.problems import Problem
from ledger.validate import validate

Cli = Callable[..., tuple[int, str]]
Where = tuple[str, str, int | None, int | None]

TODAY = date(2026, 11, 25)
A = "data/units/a.yaml"
BOOK_PATH = "data/projects.yaml"

# A unit that claims K1 correctly: lines 1-7, so that the lines each test adds start at 8.
UNIT_A = """\
id: a
name: 甲单位
claims:
  - project: K1
    leader: 王某
    measures: [开展排查]
    deadline: 2026-11-30
"""


def found(root: Path, today: date = TODAY, ignore: tuple[str, ...] = ("W001",)) -> list[Problem]:
    """Every problem of the ledger but the codes in ``ignore`` (by default the warning about the
    default book's projects nobody claimed), in report order."""
    return [p for p in validate(root, today).problems if p.code not in ignore]


def at(problems: list[Problem]) -> list[Where]:
    return [(p.path, p.code, p.line, p.column) for p in problems]


def ledger_files(root: Path) -> dict[str, bytes]:
    """Every file of a ledger folder and its bytes, by path; the cache (.ledger-cache/) aside,
    which is not the ledger's and which any command may refresh."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".ledger-cache" not in p.relative_to(root).parts
    }
