"""calendar.py: quarters, their bounds and the reporting days."""

from __future__ import annotations

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
