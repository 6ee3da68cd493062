"""asof/status.py: the status of a claim as of T at its edges (milestones, reports, flags),
as pure functions of (ledger, T)."""

from __future__ import annotations

from datetime import date

import pytest

from ledger.asof.status import latest_entry, statuses
from ledger.calendar import Quarter
from ledger.load import load
from ledger.model import Ledger
from tests.asof.conftest import claim, entry, status_of
from tests.conftest import LedgerMaker
from tests.reference import report_state

D = date


def test_milestone_due_today_is_due_soon_not_overdue(ledger: Ledger) -> None:
    s = status_of(ledger, claim(), D(2026, 3, 31))
    assert next((m.id, st) for m, st in s.milestones) == ("survey", "due_soon")
    s = status_of(ledger, claim(), D(2026, 4, 1))
    assert next((m.id, st) for m, st in s.milestones) == ("survey", "overdue")
    assert s.flag == "red"


def test_due_soon_window_is_warn_days(ledger: Ledger) -> None:
    # accept is due 2026-11-30; warn_days 14
    states = {
        today: dict(
            (m.id, st)
            for m, st in status_of(ledger, claim(claimed=D(2026, 5, 1)), today).milestones
        )["accept"]
        for today in (D(2026, 11, 15), D(2026, 11, 16), D(2026, 11, 30))
    }
    assert states == {
        D(2026, 11, 15): "open",
        D(2026, 11, 16): "due_soon",
        D(2026, 11, 30): "due_soon",
    }


def test_done_after_today_is_not_done(ledger: Ledger) -> None:
    c = claim(milestones=[{"id": "survey", "done": D(2026, 4, 5)}])
    before = dict((m.id, st) for m, st in status_of(ledger, c, D(2026, 4, 4)).milestones)
    on = dict((m.id, st) for m, st in status_of(ledger, c, D(2026, 4, 5)).milestones)
    assert before["survey"] == "overdue" and on["survey"] == "done"


def test_claim_may_bring_a_milestone_earlier_and_milestones_before_claimed_do_not_apply(
    ledger: Ledger,
) -> None:
    c = claim(claimed=D(2026, 4, 1), milestones=[{"id": "accept", "due": D(2026, 10, 31)}])
    ms = status_of(ledger, c, D(2026, 11, 5)).milestones
    assert [(m.id, m.due, st) for m, st in ms] == [("accept", D(2026, 10, 31), "overdue")]


def test_own_milestones_follow_the_projects(ledger: Ledger) -> None:
    c = claim(milestones=[{"id": "mine", "title": "自定", "due": D(2026, 6, 30)}])
    ids = [m.id for m, _ in status_of(ledger, c, D(2026, 1, 2)).milestones]
    assert ids == ["survey", "accept", "mine"]


def test_latest_entry_ignores_entries_reported_after_the_day() -> None:
    c = claim(progress=[entry("2026Q1", D(2026, 4, 5), 20), entry("2026Q2", D(2026, 7, 5), 40)])
    assert latest_entry(c, D(2026, 7, 4)).percent == 20  # type: ignore[union-attr]
    assert latest_entry(c, D(2026, 7, 5)).percent == 40  # type: ignore[union-attr]
    assert latest_entry(c, D(2026, 4, 4)) is None


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (D(2026, 4, 10), "not_due"),  # T equal to the report due date
        (D(2026, 4, 11), "missing"),
    ],
)
def test_report_missing_only_after_its_due_date(today: date, state: str) -> None:
    assert report_state(claim(), Quarter(2026, 1), today, 2026, 10) == state


def test_report_on_time_on_the_due_date_and_late_after() -> None:
    on = claim(progress=[entry("2026Q1", D(2026, 4, 10))])
    late = claim(progress=[entry("2026Q1", D(2026, 4, 11))])
    assert report_state(on, Quarter(2026, 1), D(2026, 5, 1), 2026, 10) == "on_time"
    assert report_state(late, Quarter(2026, 1), D(2026, 5, 1), 2026, 10) == "late"
    # reported after T: not made yet as of T
    assert report_state(late, Quarter(2026, 1), D(2026, 4, 10), 2026, 10) == "not_due"


def test_no_report_required_before_claimed_or_after_done() -> None:
    c = claim(claimed=D(2026, 4, 1))
    assert report_state(c, Quarter(2026, 1), D(2026, 5, 1), 2026, 10) == "not_required"
    assert (
        report_state(claim(claimed=D(2026, 3, 31)), Quarter(2026, 1), D(2026, 5, 1), 2026, 10)
        == "missing"
    )
    done = claim(progress=[entry("2026Q1", D(2026, 4, 2), 100, "done")])
    assert report_state(done, Quarter(2026, 2), D(2026, 8, 1), 2026, 10) == "not_required"
    # the done entry was reported after T: as of T, Q2 is still owed
    assert report_state(done, Quarter(2026, 2), D(2026, 4, 1), 2026, 10) == "not_due"


def test_complete_claim_is_green_even_with_an_overdue_milestone(ledger: Ledger) -> None:
    c = claim(progress=[entry("2026Q1", D(2026, 4, 2), 100, "done")])
    s = status_of(ledger, c, D(2026, 12, 1))
    assert s.complete and s.flag == "green" and [m.id for m in s.overdue] == ["survey", "accept"]


def test_past_deadline_is_red_and_not_when_complete(ledger: Ledger) -> None:
    c = claim(deadline=D(2026, 6, 30), milestones=[{"id": "survey", "done": D(2026, 3, 1)}])
    s = status_of(ledger, c, D(2026, 7, 1))
    assert s.past_deadline and s.flag == "red"
    s = status_of(ledger, c, D(2026, 6, 30))
    assert not s.past_deadline


def test_yellow_for_at_risk_and_green_otherwise(ledger: Ledger) -> None:
    base = {"milestones": [{"id": "survey", "done": D(2026, 3, 1)}]}
    risky = claim(**base, progress=[entry("2026Q1", D(2026, 4, 2), 30, "at_risk")])
    fine = claim(**base, progress=[entry("2026Q1", D(2026, 4, 2), 30, "on_track")])
    assert status_of(ledger, risky, D(2026, 5, 1)).flag == "yellow"
    assert status_of(ledger, fine, D(2026, 5, 1)).flag == "green"


def test_claim_with_no_progress_before_first_report_is_due(ledger: Ledger) -> None:
    s = status_of(ledger, claim(claimed=D(2026, 5, 1)), D(2026, 5, 2))
    assert s.latest is None and s.flag == "green"
    assert s.reports[Quarter(2026, 2)] == "not_due"


def test_claims_made_after_today_are_left_out(make_ledger: LedgerMaker) -> None:
    root = make_ledger(
        units={
            "a": """\
                id: a
                name: 甲
                claims:
                  - project: B1
                    leader: 张三
                    measures: [a]
                    deadline: 2026-12-31
                    claimed: 2026-06-01
                """
        }
    )
    ledger = load(root).ledger()
    assert list(statuses(ledger, D(2026, 5, 31))) == []
    assert len(list(statuses(ledger, D(2026, 6, 1)))) == 1
