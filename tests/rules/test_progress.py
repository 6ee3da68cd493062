"""rules/progress.py: the quarterly progress entries (P001-P005) and their dates (D001,
D003-D006)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ledger.validate import validate
from tests.support import check


def test_reported_after_today(tmp_path: Path) -> None:
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
            progress:
              - quarter: 2026Q3
                status: on_track
                percent: 50
                summary: 进展
                reported: 2026-11-26
        """,
        [(13, 19, "D003")],
    )
    assert problems[0].message("en") == (
        "reported on 2026-11-26, which is after today (2026-11-25)"
    )
    assert problems[0].after_today


def test_a_quarter_after_todays_quarter(tmp_path: Path) -> None:
    # Q3 has not begun on 15 May, so its report is dated after today too.
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
            progress:
              - quarter: 2026Q1
                status: on_track
                percent: 10
                summary: 进展
                reported: 2026-04-02
              - quarter: 2026Q3
                status: on_track
                percent: 30
                summary: 进展
                reported: 2026-07-01
        """,
        [(14, 18, "D004"), (18, 19, "D003")],
        today=date(2026, 5, 15),
    )
    assert problems[0].message("en") == "quarter 2026Q3 has not begun yet (today is 2026-05-15)"
    assert problems[0].after_today


def test_todays_quarter_is_fine(tmp_path: Path) -> None:
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
            progress:
              - quarter: 2026Q2
                status: on_track
                percent: 10
                summary: 进展
                reported: 2026-05-10
        """,
        [],
        today=date(2026, 5, 15),
    )


def test_a_quarter_of_another_year(tmp_path: Path) -> None:
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
            progress:
              - quarter: 2025Q4
                status: on_track
                percent: 10
                summary: 进展
                reported: 2026-01-05
              - quarter: 2027Q1
                status: on_track
                percent: 20
                summary: 进展
                reported: 2026-04-05
        """,
        [(9, 18, "D006"), (14, 18, "D006"), (18, 19, "D005")],
        today=date(2027, 6, 1),
    )
    assert problems[0].message("en") == "quarter 2025Q4 is not in the ledger year 2026"


def test_reported_before_the_quarter_began(tmp_path: Path) -> None:
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
            progress:
              - quarter: 2026Q3
                status: on_track
                percent: 50
                summary: 进展
                reported: 2026-06-30
        """,
        [(13, 19, "D005")],
    )
    assert problems[0].message("en") == (
        "reported on 2026-06-30, before quarter 2026Q3 began (2026-07-01)"
    )


def test_reported_on_the_first_day_of_the_quarter_is_fine(tmp_path: Path) -> None:
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
            progress:
              - quarter: 2026Q3
                status: on_track
                percent: 50
                summary: 进展
                reported: 2026-07-01
        """,
        [],
    )


def test_sample_before_the_reports_were_made(sample: Path) -> None:
    problems = validate(sample, date(2026, 10, 15)).problems
    late = [p for p in problems if p.code in ("D002", "D003", "D004")]
    assert late and all(p.after_today and p.line is not None for p in late)


def test_a_quarter_reported_twice(tmp_path: Path) -> None:
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
            progress:
              - quarter: 2026Q1
                status: on_track
                percent: 10
                summary: 进展
                reported: 2026-04-02
              - quarter: 2026Q1
                status: on_track
                percent: 20
                summary: 进展
                reported: 2026-04-05
        """,
        [(14, 18, "P001")],
    )
    assert problems[0].message("en") == "quarter 2026Q1 is reported twice (first on line 9)"


def test_quarters_out_of_order(tmp_path: Path) -> None:
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
            progress:
              - quarter: 2026Q2
                status: on_track
                percent: 10
                summary: 进展
                reported: 2026-07-02
              - quarter: 2026Q1
                status: on_track
                percent: 20
                summary: 进展
                reported: 2026-04-05
        """,
        [(14, 18, "P002")],
    )
    assert problems[0].message("en") == (
        "quarter 2026Q1 comes after 2026Q2: keep the entries in quarter order"
    )


def test_percent_falling(tmp_path: Path) -> None:
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
            progress:
              - quarter: 2026Q1
                status: on_track
                percent: 30
                summary: 进展
                reported: 2026-04-02
              - quarter: 2026Q2
                status: behind
                percent: 20
                summary: 进展
                reported: 2026-07-02
              - quarter: 2026Q3
                status: on_track
                percent: 20
                summary: 进展
                reported: 2026-10-02
        """,
        [(16, 18, "P003")],
    )
    assert problems[0].message("en") == "percent falls from 30 (2026Q1) to 20"


def test_percent_falling_over_a_missing_quarter(tmp_path: Path) -> None:
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
            progress:
              - quarter: 2026Q1
                status: on_track
                percent: 30
                summary: 进展
                reported: 2026-04-02
              - quarter: 2026Q3
                status: on_track
                percent: 25.5
                summary: 进展
                reported: 2026-10-02
        """,
        [(16, 18, "P003")],
    )
    assert problems[0].message("en") == "percent falls from 30 (2026Q1) to 25.5"


def test_done_with_percent_below_100(tmp_path: Path) -> None:
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
            progress:
              - quarter: 2026Q1
                status: done
                percent: 90
                summary: 进展
                reported: 2026-04-02
        """,
        [(11, 18, "P004")],
    )
    assert problems[0].message("en") == "status is done but percent is 90, not 100"


@pytest.mark.parametrize(
    ("status", "en", "zh"), [("on_track", "on_track", "正常推进"), ("滞后", "behind", "滞后")]
)
def test_percent_100_without_done(tmp_path: Path, status: str, en: str, zh: str) -> None:
    text = f"""
        id: a
        name: 甲单位
        claims:
          - project: K1
            leader: 王某
            measures: [开展排查]
            deadline: 2026-11-30
            progress:
              - quarter: 2026Q1
                status: {status}
                percent: 100
                summary: 进展
                reported: 2026-04-02
        """
    problems = check(tmp_path, text, [(10, 17, "P005")])
    assert problems[0].message("en") == f"percent is 100 but status is {en}, not done"
    assert problems[0].message("zh") == f"完成百分比为 100，但状态是{zh}，不是已完成"
