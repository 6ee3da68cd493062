"""rules/__init__.py: ``run`` by scope, and ``days``, the dates a file's checks compare with T."""

from __future__ import annotations

from datetime import date

from ledger import rules
from ledger.load import load
from tests.conftest import LedgerMaker

UNIT = """\
id: a
name: 甲
parent: nobody
claims:
  - project: K1
    leader: 王
    measures: [排查]
    deadline: 2026-11-30
    milestones:
      - id: survey
        done: 2026-03-20
    progress:
      - quarter: 2026Q2
        status: on_track
        percent: 30
        summary: 推进
        reported: 2026-07-05
"""


def test_run_keeps_to_the_scope_asked_for(make_ledger: LedgerMaker) -> None:
    loaded = load(make_ledger(units={"a": UNIT}), cache=False)
    today = date(2026, 7, 1)  # the Q2 report is dated after T: D003, a check of one file
    across = {p.code for p in rules.run(loaded, today, "across")}
    one_file = {p.code for p in rules.run(loaded, today, "file")}
    assert "R004" in across and "R004" not in one_file  # the unknown parent
    assert "D003" in one_file and "D003" not in across
    assert {p.code for p in rules.run(loaded, today)} == across | one_file


def test_days_are_the_dates_of_done_reported_and_quarter_starts(make_ledger: LedgerMaker) -> None:
    loaded = load(make_ledger(units={"a": UNIT}), cache=False)
    unit = loaded.ledger().units["a"]
    assert rules.days(unit) == {date(2026, 3, 20), date(2026, 7, 5), date(2026, 4, 1)}
