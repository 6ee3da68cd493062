"""rules/claims.py: a claim's own dates and milestones (D001, D002, D007, R007, R009, R010,
W002)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.conftest import BOOK
from tests.support import BOOK_PATH, A, at, check, found


def test_duplicate_milestone_id_in_a_claim(tmp_path: Path) -> None:
    problems = check(
        tmp_path,
        """
        id: a
        name: 甲单位
        claims:
          - project: K1
            leader: 王某
            measures: [开展排查]
            deadline: 2026-11-30
            milestones:
              - {id: mine, title: 自定一, due: 2026-05-01}
              - {id: survey, done: 2026-03-20}
              - {id: mine, title: 自定二, due: 2026-06-01}
        """,
        [(11, 14, "R007")],
    )
    assert problems[0].args == {"id": "mine", "first": 9}


def test_a_project_milestone_recorded_twice_in_a_claim(tmp_path: Path) -> None:
    check(
        tmp_path,
        """
        id: a
        name: 甲单位
        claims:
          - project: K1
            leader: 王某
            measures: [开展排查]
            deadline: 2026-11-30
            milestones:
              - {id: survey, done: 2026-03-20}
              - {id: survey, done: 2026-03-25}
        """,
        [(10, 14, "R007")],
    )


@pytest.mark.parametrize(
    ("rest", "missing"),
    [("", ["title", "due"]), ("  title: 整顿转化", ["due"]), ("  due: 2026-09-30", ["title"])],
    ids=["both", "due", "title"],
)
def test_own_milestone_without_title_or_due(tmp_path: Path, rest: str, missing: list[str]) -> None:
    text = f"""
        id: a
        name: 甲单位
        claims:
          - project: K1
            leader: 王某
            measures: [开展排查]
            deadline: 2026-11-30
            milestones:
              - id: rectify
              {rest}
        """
    problems = check(tmp_path, text, [(9, 13, "R009")] * len(missing))
    assert [p.args["key"] for p in problems] == missing
    assert problems[0].message("en") == (
        f"milestone `rectify` is not one of project K1's milestones (survey, accept), "
        f"so it is the unit's own and needs `{missing[0]}`"
    )


def test_a_project_milestone_needs_no_title_or_due_in_a_claim(tmp_path: Path) -> None:
    check(
        tmp_path,
        """
        id: a
        name: 甲单位
        claims:
          - project: K1
            leader: 王某
            measures: [开展排查]
            deadline: 2026-11-30
            milestones:
              - id: survey
                done: 2026-03-20
              - id: accept
        """,
        [],
    )


def test_claim_milestone_due_later_than_the_books(tmp_path: Path) -> None:
    problems = check(
        tmp_path,
        """
        id: a
        name: 甲单位
        claims:
          - project: K1
            leader: 王某
            measures: [开展排查]
            deadline: 2026-11-30
            milestones:
              - id: survey
                due: 2026-04-30
              - id: accept
                due: 2026-11-01
        """,
        [(10, 14, "R010")],
    )
    assert problems[0].message("en") == (
        "`due: 2026-04-30` moves project milestone `survey` later than the book's 2026-03-31: "
        "a claim may only set an earlier date"
    )


def test_claim_milestone_due_on_the_books_date_is_fine(tmp_path: Path) -> None:
    check(
        tmp_path,
        """
        id: a
        name: 甲单位
        claims:
          - project: K1
            leader: 王某
            measures: [开展排查]
            deadline: 2026-11-30
            milestones:
              - id: survey
                due: 2026-03-31
        """,
        [],
    )


def test_deadline_and_claimed_outside_the_year(tmp_path: Path) -> None:
    problems = check(
        tmp_path,
        """
        id: a
        name: 甲单位
        claims:
          - project: K1
            leader: 王某
            measures: [开展排查]
            deadline: 2027-01-31
            claimed: 2025-12-20
        """,
        [(7, 15, "D001"), (8, 14, "D001")],
    )
    assert problems[0].message("en") == "2027-01-31 lies outside the ledger year 2026"


def test_due_outside_the_year_in_book_and_claim(tmp_path: Path) -> None:
    problems = check(
        tmp_path,
        """
        id: a
        name: 甲单位
        claims:
          - project: K1
            leader: 王某
            measures: [开展排查]
            deadline: 2026-11-30
            milestones:
              - {id: own, title: 自定, due: 2025-11-30}
        """,
        [(9, 35, "D001")],
        book=BOOK.replace("due: 2026-03-31", "due: 2025-12-31"),
    )
    assert at(found(tmp_path / "ledger")) == [(BOOK_PATH, "D001", 11, 14), (A, "D001", 9, 35)]
    assert problems[0].message("en") == "2025-11-30 lies outside the ledger year 2026"


def test_done_and_reported_in_the_following_year_are_accepted(tmp_path: Path) -> None:
    check(
        tmp_path,
        """
        id: a
        name: 甲单位
        claims:
          - project: K1
            leader: 王某
            measures: [开展排查]
            deadline: 2026-11-30
            milestones:
              - id: accept
                done: 2027-01-10
            progress:
              - quarter: 2026Q4
                status: done
                percent: 100
                summary: 进展
                reported: 2027-01-05
        """,
        [],
        today=date(2027, 1, 20),
    )
    assert found(tmp_path / "ledger", today=date(2027, 1, 20)) == []


def test_done_and_reported_two_years_later_are_outside_the_year(tmp_path: Path) -> None:
    problems = check(
        tmp_path,
        """
        id: a
        name: 甲单位
        claims:
          - project: K1
            leader: 王某
            measures: [开展排查]
            deadline: 2026-11-30
            milestones:
              - id: accept
                done: 2028-01-10
            progress:
              - quarter: 2026Q4
                status: done
                percent: 100
                summary: 进展
                reported: 2028-01-05
        """,
        [(10, 15, "D001"), (16, 19, "D001")],
        today=date(2028, 2, 1),
    )
    assert [p.message("en") for p in problems] == [
        "2028-01-10 lies outside the ledger year 2026",
        "2028-01-05 lies outside the ledger year 2026",
    ]


def test_done_before_the_year(tmp_path: Path) -> None:
    check(
        tmp_path,
        """
        id: a
        name: 甲单位
        claims:
          - project: K1
            leader: 王某
            measures: [开展排查]
            deadline: 2026-11-30
            milestones:
              - id: survey
                done: 2025-12-30
        """,
        [(10, 15, "D001")],
    )


def test_done_after_today(tmp_path: Path) -> None:
    problems = check(
        tmp_path,
        """
        id: a
        name: 甲单位
        claims:
          - project: K1
            leader: 王某
            measures: [开展排查]
            deadline: 2026-11-30
            milestones:
              - id: survey
                done: 2026-11-26
        """,
        [(10, 15, "D002")],
    )
    assert problems[0].message("en") == "done on 2026-11-26, which is after today (2026-11-25)"
    assert problems[0].after_today


def test_done_on_today_is_fine(tmp_path: Path) -> None:
    check(
        tmp_path,
        """
        id: a
        name: 甲单位
        claims:
          - project: K1
            leader: 王某
            measures: [开展排查]
            deadline: 2026-11-30
            milestones:
              - id: survey
                done: 2026-11-25
        """,
        [],
    )


def test_deadline_before_claimed(tmp_path: Path) -> None:
    problems = check(
        tmp_path,
        """
        id: a
        name: 甲单位
        claims:
          - project: K1
            leader: 王某
            measures: [开展排查]
            deadline: 2026-04-30
            claimed: 2026-05-20
        """,
        [(7, 15, "D007")],
    )
    assert problems[0].message("en") == (
        "the deadline 2026-04-30 is before the day the project was claimed (2026-05-20)"
    )


def test_own_milestone_due_after_the_deadline(tmp_path: Path) -> None:
    problems = check(
        tmp_path,
        """
        id: a
        name: 甲单位
        claims:
          - project: K1
            leader: 王某
            measures: [开展排查]
            deadline: 2026-11-30
            milestones:
              - id: own
                title: 自定
                due: 2026-12-15
        """,
        [(11, 14, "W002")],
    )
    assert problems[0].level == "warning"
    assert problems[0].message("en") == (
        "milestone `own` is due 2026-12-15, after the claim's deadline 2026-11-30"
    )
