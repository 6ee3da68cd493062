"""asof/owed.py: what a unit owes for a quarter, in section 5's order."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from ledger.asof.owed import owed
from ledger.asof.status import claim_status
from ledger.calendar import Quarter
from ledger.model import Claim, Ledger
from tests.asof.test_properties import SETTINGS, claims, days
from tests.asof.test_properties import ledger as ledger


@SETTINGS
@given(c=claims(), today=days(-30, 420), q=st.integers(1, 4))
def test_every_red_reason_is_owed_and_complete_claims_owe_nothing(
    ledger: Ledger,
    c: Claim,
    today: date,
    q: int,
) -> None:
    s = claim_status(ledger, ledger.units["city"], c, today)
    items = owed(s, Quarter(2026, q), ledger)
    if s.complete:
        assert items == []
        return
    keys = {(o.kind, o.milestone.id if o.milestone else None, o.quarter, o.days) for o in items}
    for r in s.reasons:
        if r.red:
            key = (r.kind, r.milestone.id if r.milestone else None, r.quarter, r.days)
            assert key in keys
    # kinds in section 5's order
    order = ["overdue", "past_deadline", "missing_report", "report_due", "due_soon"]
    ranks = [order.index(o.kind) for o in items]
    assert ranks == sorted(ranks)
    for o in items:
        late = o.kind in ("overdue", "past_deadline", "missing_report")
        assert (o.days > 0) if late else (o.days >= 0)


def test_findings_owed_are_the_overdue_and_due_soon_in_their_order(ledger: Ledger) -> None:
    from dataclasses import replace

    from ledger.asof.findings import findings_as_of
    from ledger.asof.owed import findings_owed
    from ledger.model import Visit

    visit = Visit.model_validate(
        {
            "id": "v",
            "title": "督导",
            "date": date(2026, 6, 1),
            "units": ["a"],
            "findings": [
                {"id": f"f{n}", "unit": "a", "problem": "p", "requirement": "r", **f}
                for n, f in enumerate(
                    [
                        {"due": date(2026, 12, 1)},  # due soon
                        {"due": date(2026, 12, 31)},  # open
                        {"due": date(2026, 11, 1)},  # overdue
                        {"due": date(2026, 11, 1), "rectified": date(2026, 11, 2)},
                        {"due": date(2026, 11, 25)},  # due on T
                    ]
                )
            ],
        }
    )
    found = findings_as_of(replace(ledger, visits={"v": visit}), date(2026, 11, 25))
    owed_ = findings_owed(found)
    assert [(o.kind, o.days, o.finding.finding.id if o.finding else None) for o in owed_] == [
        ("finding_due_soon", 6, "f0"),
        ("finding_overdue", 24, "f2"),
        ("finding_due_soon", 0, "f4"),
    ]
