"""Findings as of T (contract section 10): each state and its boundaries, days, rectified late,
the visits after T left out, the one order (visit date, visit id, file order), the index by unit
and by claim, and what findings do to a claim's flag, today and on another day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from ledger.asof.findings import (
    FindingAsOf,
    all_findings,
    finding_state,
    findings_as_of,
    index,
)
from ledger.asof.status import ClaimStatus, claim_status, flag_on, statuses
from ledger.model import Ledger, Visit
from tests.asof.conftest import claim, entry

D = date
T = D(2026, 11, 25)
SOON = D(2026, 12, 9)  # T + warn_days (14, the default)


def visit(vid: str, day: date, *findings: dict[str, object]) -> Visit:
    units = sorted({str(f.get("unit", "a")) for f in findings} | {"a"})
    return Visit.model_validate(
        {
            "id": vid,
            "title": "督导",
            "date": day,
            "units": units,
            "findings": [
                {"unit": "a", "problem": f"问题{f['id']}", "requirement": "改", **f}
                for f in findings
            ],
        }
    )


def with_visits(ledger: Ledger, *visits: Visit) -> Ledger:
    return replace(ledger, visits={v.id: v for v in sorted(visits, key=lambda v: v.id)})


def one(ledger: Ledger, **fields: object) -> FindingAsOf:
    """The one finding of a visit on 1 June, as of T."""
    found = findings_as_of(
        with_visits(ledger, visit("v", D(2026, 6, 1), {"id": "f1", **fields})), T
    )
    assert len(found) == 1
    return found[0]


# -- states, days, late --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "state", "days"),
    [
        ({"due": D(2026, 11, 24)}, "overdue", 1),
        ({"due": D(2026, 10, 31)}, "overdue", 25),
        ({"due": T}, "due_soon", 0),  # due on T: not yet overdue
        ({"due": SOON}, "due_soon", 14),
        ({"due": D(2026, 12, 10)}, "open", 15),
        ({"due": D(2026, 10, 31), "rectified": T}, "rectified", None),
        ({"due": D(2026, 10, 31), "rectified": D(2026, 11, 26)}, "overdue", 25),  # after T
        ({"due": D(2026, 12, 31), "rectified": D(2026, 12, 1)}, "open", 36),
        ({"due": D(2026, 10, 31), "rectified": D(2026, 10, 1), "closed": T}, "closed", None),
        # closed after T: as of T only rectified
        ({"due": D(2026, 10, 31), "rectified": D(2026, 10, 1), "closed": SOON}, "rectified", None),
    ],
)
def test_every_state_with_its_days(
    ledger: Ledger, fields: dict[str, object], state: str, days: int | None
) -> None:
    f = one(ledger, **fields)
    assert (f.state, f.days) == (state, days)


@pytest.mark.parametrize(
    ("rectified", "late"),
    [
        (D(2026, 10, 31), False),  # on its due date: in time
        (D(2026, 11, 1), True),  # a day after
        (T, True),
        (D(2026, 11, 26), False),  # after T: not rectified yet as of T
        (None, False),
    ],
)
def test_late_only_when_rectified_by_t_after_its_due_date(
    ledger: Ledger, rectified: date | None, late: bool
) -> None:
    assert one(ledger, due=D(2026, 10, 31), rectified=rectified).late is late


def test_late_stays_once_closed(ledger: Ledger) -> None:
    f = one(ledger, due=D(2026, 7, 31), rectified=D(2026, 8, 20), closed=D(2026, 9, 1))
    assert (f.state, f.late, f.days) == ("closed", True, None)


def test_state_is_a_function_of_the_finding_and_the_day() -> None:
    f = visit("v", D(2026, 6, 1), {"id": "f1", "due": D(2026, 7, 1)}).findings[0]
    assert finding_state(f, D(2026, 6, 10), D(2026, 6, 24)) == "open"
    assert finding_state(f, D(2026, 6, 20), D(2026, 7, 4)) == "due_soon"
    assert finding_state(f, D(2026, 7, 2), D(2026, 7, 16)) == "overdue"


# -- which findings, in which order --------------------------------------------------------------


def test_a_visit_after_t_is_left_out(ledger: Ledger) -> None:
    early = visit("early", D(2026, 6, 1), {"id": "f1", "due": D(2026, 7, 1), "project": "K1"})
    later = visit("later", D(2026, 11, 26), {"id": "f1", "due": D(2026, 12, 1), "project": "K1"})
    both = with_visits(ledger, early, later)
    assert [f.inspection for f in findings_as_of(both, T)] == ["early"]
    assert [f.inspection for f in findings_as_of(both, D(2026, 11, 26))] == ["early", "later"]
    # nor does it colour a claim: its finding would be due soon as of T
    c = claim(**QUIET)
    s = claim_status(both, both.units["a"], c, T)
    assert [f.inspection for f in s.findings] == ["early"]
    assert [r.kind for r in s.reasons] == ["finding_overdue"]
    on_the_day = claim_status(both, both.units["a"], c, D(2026, 11, 26))
    assert [r.kind for r in on_the_day.reasons] == ["finding_overdue"]  # red: no due-soon listed
    assert [f.state for f in on_the_day.findings] == ["overdue", "due_soon"]


def test_order_is_visit_date_then_visit_id_then_file_order(ledger: Ledger) -> None:
    visits = [
        # the latest date, though its id sorts first
        visit("a-last", D(2026, 9, 1), {"id": "f1", "due": D(2026, 10, 1)}),
        # the same day: by id
        visit("z-same", D(2026, 6, 1), {"id": "x", "due": D(2026, 7, 1)}),
        visit("b-same", D(2026, 6, 1), {"id": "z", "due": D(2026, 8, 1)}),
        # file order, not id order nor due order
        visit(
            "c-first",
            D(2026, 5, 1),
            {"id": "f9", "due": D(2026, 9, 1)},
            {"id": "f1", "due": D(2026, 6, 1)},
            {"id": "f5", "due": D(2026, 7, 1), "project": "K1"},
        ),
    ]
    led = with_visits(ledger, *visits)
    expected = [
        ("c-first", "f9"),
        ("c-first", "f1"),
        ("c-first", "f5"),
        ("b-same", "z"),
        ("z-same", "x"),
        ("a-last", "f1"),
    ]
    assert [(p.visit.id, p.finding.id) for p in all_findings(led)] == expected
    assert [(f.inspection, f.finding.id) for f in findings_as_of(led, T)] == expected
    assert [(p.visit.id, p.finding.id) for p in index(led).of_unit("a")] == expected


def test_index_by_unit_and_by_claim(ledger: Ledger) -> None:
    led = with_visits(
        ledger,
        visit(
            "v",
            D(2026, 6, 1),
            {"id": "f1", "due": D(2026, 7, 1), "project": "K1"},
            {"id": "f2", "due": D(2026, 7, 1)},  # the unit's, no claim's
            {"id": "f3", "due": D(2026, 7, 1), "project": "B1"},
        ),
    )
    found = index(led)
    assert [p.finding.id for p in found.of_unit("a")] == ["f1", "f2", "f3"]
    assert [p.finding.id for p in found.of_claim("a", "K1")] == ["f1"]
    assert [p.finding.id for p in found.of_claim("a", "B1")] == ["f3"]
    assert found.of_unit("city") == [] and found.of_claim("city", "K1") == []


# -- flags -----------------------------------------------------------------------------------------

# a claim of K1 with nothing else against it on T: both project milestones done, reported on time
DONE_MILESTONES = [{"id": "survey", "done": D(2026, 3, 1)}, {"id": "accept", "done": D(2026, 3, 1)}]
QUIET = {
    "milestones": DONE_MILESTONES,
    "progress": [
        entry("2026Q1", D(2026, 4, 1)),
        entry("2026Q2", D(2026, 7, 1)),
        entry("2026Q3", D(2026, 10, 1)),
    ],
}


def status(
    ledger: Ledger, *findings: dict[str, object], day: date = T, **fields: object
) -> ClaimStatus:
    led = with_visits(ledger, visit("v", D(2026, 6, 1), *findings))
    return claim_status(led, led.units["a"], claim(**{**QUIET, **fields}), day)


def test_without_findings_the_claim_is_green(ledger: Ledger) -> None:
    assert status(ledger).flag == "green"


def test_an_overdue_finding_turns_the_claim_red_after_the_missing_reports(ledger: Ledger) -> None:
    s = status(
        ledger,
        {"id": "f1", "due": D(2026, 10, 31), "project": "K1"},
        {"id": "f2", "due": D(2026, 11, 1), "project": "K1"},
        progress=[entry("2026Q1", D(2026, 4, 1)), entry("2026Q3", D(2026, 10, 1))],
    )
    assert s.flag == "red"
    kinds = [(r.kind, r.days, r.finding.finding.id if r.finding else None) for r in s.reasons]
    assert kinds == [
        ("missing_report", 138, None),
        ("finding_overdue", 25, "f1"),
        ("finding_overdue", 24, "f2"),
    ]


def test_a_finding_due_soon_makes_it_yellow_after_the_status(ledger: Ledger) -> None:
    s = status(
        ledger,
        {"id": "f1", "due": D(2026, 12, 1), "project": "K1"},
        progress=[
            entry("2026Q1", D(2026, 4, 1)),
            entry("2026Q2", D(2026, 7, 1)),
            entry("2026Q3", D(2026, 10, 1), status="at_risk"),
        ],
    )
    assert s.flag == "yellow"
    assert [(r.kind, r.days) for r in s.reasons] == [("status", None), ("finding_due_soon", 6)]


def test_a_red_claim_lists_no_finding_due_soon(ledger: Ledger) -> None:
    s = status(
        ledger,
        {"id": "f1", "due": D(2026, 11, 1), "project": "K1"},
        {"id": "f2", "due": D(2026, 12, 1), "project": "K1"},
    )
    assert s.flag == "red" and [r.kind for r in s.reasons] == ["finding_overdue"]


@pytest.mark.parametrize(
    "fields",
    [
        {"due": D(2026, 12, 20)},  # open: too far off to warn
        {"due": D(2026, 10, 1), "rectified": D(2026, 11, 1)},  # rectified, though late
        {"due": D(2026, 10, 1), "rectified": D(2026, 9, 1), "closed": D(2026, 9, 2)},
    ],
)
def test_open_rectified_and_closed_findings_leave_it_green(
    ledger: Ledger, fields: dict[str, object]
) -> None:
    s = status(ledger, {"id": "f1", "project": "K1", **fields})
    assert (s.flag, s.reasons) == ("green", ())
    assert len(s.findings) == 1


def test_findings_of_another_project_or_of_none_give_no_colour(ledger: Ledger) -> None:
    s = status(
        ledger,
        {"id": "f1", "due": D(2026, 10, 1)},
        {"id": "f2", "due": D(2026, 10, 1), "project": "B1"},
    )
    assert (s.flag, s.findings) == ("green", ())


def test_a_complete_claim_stays_green_with_an_overdue_finding(ledger: Ledger) -> None:
    s = status(
        ledger,
        {"id": "f1", "due": D(2026, 11, 1), "project": "K1"},
        progress=[entry("2026Q1", D(2026, 4, 1), percent=100, status="done")],
    )
    assert s.complete and (s.flag, s.reasons) == ("green", ())
    assert [f.state for f in s.findings] == ["overdue"]  # still there to be reminded


def test_statuses_give_the_same_flags_as_one_claim_at_a_time(ledger: Ledger) -> None:
    c = claim(**QUIET)
    unit = ledger.units["a"].model_copy(update={"claims": [c]})
    led = with_visits(
        replace(ledger, units={**ledger.units, "a": unit}),
        visit("v", D(2026, 6, 1), {"id": "f1", "due": D(2026, 11, 1), "project": "K1"}),
    )
    [s] = [s for s in statuses(led, T) if s.unit.id == "a"]
    assert s.flag == "red" and s.flag == claim_status(led, unit, c, T).flag


@pytest.mark.parametrize(
    ("day", "flag"),
    [
        (D(2026, 5, 31), "green"),  # before the visit: it has not happened
        (D(2026, 10, 20), "yellow"),  # due within warn_days
        (D(2026, 11, 1), "yellow"),  # due that day
        (D(2026, 11, 2), "red"),  # overdue
        (D(2026, 11, 20), "green"),  # rectified by then
    ],
)
def test_flag_on_another_day_sees_the_findings_as_of_that_day(
    ledger: Ledger, day: date, flag: str
) -> None:
    finding = {"id": "f1", "due": D(2026, 11, 1), "project": "K1", "rectified": D(2026, 11, 20)}
    s = status(ledger, finding)
    assert flag_on(ledger, s, day) == flag
    assert status(ledger, finding, day=day).flag == flag
