"""site/findings.py: a finding's state as of T (contract section 10) and the order of the list."""

from __future__ import annotations

from datetime import date

import pytest

from ledger.load import load
from ledger.model import Finding
from ledger.site.findings import finding_state, findings_of
from ledger.site.pages import UnitLink
from tests.conftest import REPO

T = date(2026, 9, 1)


def _finding(**dates: date) -> Finding:
    return Finding(id="f1", unit="a", problem="p", requirement="r", **dates)


@pytest.mark.parametrize(
    ("dates", "state", "days"),
    [
        ({"due": date(2026, 8, 20)}, "overdue", 12),
        ({"due": date(2026, 9, 1)}, "due_soon", 0),
        ({"due": date(2026, 9, 15)}, "due_soon", 14),
        ({"due": date(2026, 9, 16)}, "open", 15),
        ({"due": date(2026, 8, 20), "rectified": date(2026, 8, 25)}, "rectified", None),
        ({"due": date(2026, 8, 20), "rectified": date(2026, 9, 2)}, "overdue", 12),
        (
            {"due": date(2026, 8, 20), "rectified": date(2026, 8, 1), "closed": date(2026, 8, 2)},
            "closed",
            None,
        ),
        (
            {"due": date(2026, 8, 20), "rectified": date(2026, 8, 1), "closed": date(2026, 9, 9)},
            "rectified",
            None,
        ),
    ],
)
def test_state_and_days(dates: dict[str, date], state: str, days: int | None) -> None:
    assert finding_state(_finding(**dates), T, 14) == (state, days)


def test_the_sample_findings_by_visit_date_then_file_order() -> None:
    ledger = load(REPO, cache=False).ledger()
    links = {u: UnitLink(u, u, u, True) for u in ledger.units}
    found = findings_of(ledger, date(2026, 11, 25), set(ledger.units), links)
    keys = [(f.visited, f.inspection) for f in found]
    assert keys == sorted(keys) and found
    # a visit after T is left out with its findings
    assert findings_of(ledger, date(2026, 5, 19), set(ledger.units), links) == []
    late = [f for f in found if f.late]
    assert all(f.rectified is not None and f.rectified > f.due for f in late)
