"""calendar.py: quarters, their bounds and the reporting days."""

from __future__ import annotations

from datetime import date

import pytest

from ledger.calendar import Quarter, reporting_half, reporting_quarter
from tests.conftest import LedgerMaker
from tests.support import Cli


def test_a_ledger_year_at_the_end_of_time_never_overflows(
    cli: Cli, make_ledger: LedgerMaker
) -> None:
    book = "title: 书\nprojects:\n  - {id: K1, category: key, title: t, lead_units: [a], goal: g}\n"
    unit = (
        "id: a\nname: 甲\nclaims:\n  - project: K1\n    leader: 王\n    measures: [m]\n"
        "    deadline: 9998-12-31\n    milestones:\n      - {id: m1, title: t, due: 9998-12-31}\n"
        "    progress:\n      - {quarter: 9998Q4, status: on_track, percent: 5, summary: s,"
        " reported: 9999-01-09}\n"
    )
    config = '[ledger]\ntitle = "t"\nyear = 9998\n[reporting]\nreport_due_days = 366\n'
    config += "warn_days = 366\n"
    root = make_ledger(units={"a": unit}, book=book, config=config, with_city=False)
    for today in ("9999-12-31", "9998-12-31", "0001-01-01"):
        for args in (
            ["validate"],
            ["overdue"],
            ["report", "--quarter"],
            ["report", "--quarter", "4"],
            ["report", "--half"],
            ["report", "--year"],
            ["inspect", "-n", "1"],
            ["remind"],
        ):
            code, out = cli(*args, "-C", root, "--today", today, "--lang", "en")
            assert code in (0, 1), (today, args, out)


D = date


def test_quarter_bounds_and_report_due() -> None:
    q = Quarter(2026, 1)
    assert (q.start, q.end, q.report_due(10)) == (D(2026, 1, 1), D(2026, 3, 31), D(2026, 4, 10))
    q4 = Quarter(2026, 4)
    assert (q4.end, q4.report_due(10)) == (D(2026, 12, 31), D(2027, 1, 10))
    assert Quarter.of(D(2026, 7, 1)) == Quarter(2026, 3)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2025, 12, 31), 1),
        (D(2026, 1, 1), 1),
        (D(2026, 4, 10), 1),  # Q1's reports are due on 10 April: still being collected
        (D(2026, 4, 11), 2),
        (D(2026, 5, 5), 2),
        (D(2026, 7, 5), 2),  # the contract's examples
        (D(2026, 7, 11), 3),
        (D(2026, 12, 31), 4),
        (D(2027, 1, 8), 4),
        (D(2027, 1, 15), 4),
        (D(2027, 3, 1), 4),
    ],
)
def test_reporting_quarter(today: date, expected: int) -> None:
    assert reporting_quarter(2026, today, 10) == Quarter(2026, expected)


def test_reporting_half_follows_the_reporting_quarter() -> None:
    assert reporting_half(2026, D(2026, 7, 5), 10) == "H1"
    assert reporting_half(2026, D(2026, 7, 11), 10) == "H2"
    assert reporting_half(2027, D(2026, 12, 1), 10) == "H1"


def test_reporting_quarter_with_long_due_days_takes_the_later_quarter() -> None:
    # Q1's reports are due 9 July and Q2's 8 October: on 5 July both are being collected
    assert reporting_quarter(2026, D(2026, 7, 5), 100) == Quarter(2026, 2)


def test_quarter_parse_is_kept_per_text_and_a_bad_text_raises_every_time() -> None:
    assert Quarter.parse("2026Q3") == Quarter(2026, 3)
    assert Quarter.parse("2026Q3") is Quarter.parse("2026Q3")  # parsed once
    for _ in range(2):
        with pytest.raises(ValueError):
            Quarter.parse("2026Q5")
