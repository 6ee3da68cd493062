"""The meanings of contract section 5 at their edges, as pure functions of (ledger, T)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from ledger.asof.score import competition_ranks, unit_score
from ledger.asof.status import claim_status, latest_entry, statuses
from ledger.calendar import Quarter, reporting_half, reporting_quarter
from ledger.load import load
from ledger.model import Claim, Ledger
from tests.conftest import LedgerMaker
from tests.reference import report_state

D = date


def claim(**fields: object) -> Claim:
    base: dict[str, object] = {
        "project": "K1",
        "leader": "张三",
        "measures": ["a"],
        "deadline": D(2026, 12, 31),
    }
    base.update(fields)
    return Claim.model_validate(base)


def entry(
    quarter: str, reported: date, percent: int = 50, status: str = "on_track"
) -> dict[str, object]:
    return {
        "quarter": quarter,
        "status": status,
        "percent": percent,
        "summary": "s",
        "reported": reported,
    }


@pytest.fixture
def ledger(make_ledger: LedgerMaker) -> Ledger:
    root: Path = make_ledger(units={"a": "id: a\nname: 甲\nparent: city\n"})
    loaded = load(root)
    assert not loaded.problems
    return loaded.ledger()


def status_of(ledger: Ledger, c: Claim, today: date):  # type: ignore[no-untyped-def]
    return claim_status(ledger, ledger.units["a"], c, today)


# -- quarters -----------------------------------------------------------------------------------


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


# -- milestones ---------------------------------------------------------------------------------


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


# -- progress, reports, flags ------------------------------------------------------------------


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


# -- year-end score -----------------------------------------------------------------------------


def test_score_parts_with_nothing_to_count_are_one(ledger: Ledger) -> None:
    s = status_of(ledger, claim(claimed=D(2026, 5, 1)), D(2026, 5, 2))
    score = unit_score(ledger, [s], D(2026, 5, 2))
    assert (score.milestones, score.reports, score.completion) == (1, 1, 1)  # type: ignore[comparison-overlap]
    assert score.score == 100


def test_score_is_exact_and_rounds_half_up(ledger: Ledger) -> None:
    # milestones 1/2 on time, reports 2/4 on time (Q3 late, Q4 missing), completion 0/1
    c = claim(
        deadline=D(2026, 12, 1),
        milestones=[{"id": "survey", "done": D(2026, 3, 1)}],
        progress=[
            entry("2026Q1", D(2026, 4, 1), 10),
            entry("2026Q2", D(2026, 7, 1), 20),
            entry("2026Q3", D(2026, 10, 20), 30),
        ],
    )
    today = D(2027, 1, 20)
    s = status_of(ledger, c, today)
    score = unit_score(ledger, [s], today)
    assert score.milestones == Fraction(1, 2)
    assert score.reports == Fraction(2, 4)  # Q3 late, Q4 missing
    assert score.completion == 0
    assert score.score == Fraction(40)
    assert score.rounded == Fraction(40)


@pytest.mark.parametrize(
    ("exact", "shown"),
    [
        (Fraction(8625, 100), Fraction(863, 10)),
        (Fraction(8624, 100), Fraction(862, 10)),
        (Fraction(1, 20), Fraction(1, 10)),
    ],
)
def test_rounding_half_up(exact: Fraction, shown: Fraction) -> None:
    from ledger.asof.score import Score

    assert Score(Fraction(1), Fraction(1), Fraction(1), exact).rounded == shown


def test_competition_ranks_share_and_skip() -> None:
    assert competition_ranks(
        [Fraction(90), Fraction(90), Fraction(80), Fraction(70), Fraction(70)]
    ) == [1, 1, 3, 4, 4]


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Fraction(6125, 100), 1, Fraction(613, 10)),
        (Fraction(8625, 100), 1, Fraction(863, 10)),
        (Fraction(1, 3), 1, Fraction(3, 10)),
        (Fraction(5, 1000), 2, Fraction(1, 100)),
    ],
)
def test_half_up(value: Fraction, places: int, expected: Fraction) -> None:
    from ledger.asof.score import half_up

    assert half_up(value, places) == expected


def test_quarter_parse_is_kept_per_text_and_a_bad_text_raises_every_time() -> None:
    assert Quarter.parse("2026Q3") == Quarter(2026, 3)
    assert Quarter.parse("2026Q3") is Quarter.parse("2026Q3")  # parsed once
    for _ in range(2):
        with pytest.raises(ValueError):
            Quarter.parse("2026Q5")
