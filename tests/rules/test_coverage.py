"""rules/coverage.py: the book's projects that no unit claimed (W001)."""

from __future__ import annotations

from pathlib import Path

from tests.support import BOOK_PATH, UNIT_A, at, check, found


def test_project_nobody_claimed(tmp_path: Path) -> None:
    check(tmp_path, UNIT_A, [], ignore=())
    problems = found(tmp_path / "ledger", ignore=())
    # B1 is the book's second project: its `id` is on line 15 of tests/conftest.py's BOOK.
    assert at(problems) == [(BOOK_PATH, "W001", 15, 9)]
    assert problems[0].level == "warning"
    assert problems[0].message("en") == "project B1 (两委班子学历提升) is claimed by no unit"
