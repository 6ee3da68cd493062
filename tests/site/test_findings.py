"""site/findings.py: the findings report's rows as the site lists them."""

from __future__ import annotations

from datetime import date

from ledger.load import load
from ledger.reports import findings as report
from ledger.site.findings import lines_of
from ledger.site.pages import UnitLink
from tests.conftest import REPO

DAY = date(2026, 11, 25)


def test_the_reports_rows_in_its_order_with_its_words() -> None:
    ledger = load(REPO, cache=False).ledger()
    links = {u: UnitLink(u, u, u, True) for u in ledger.units}
    built = report.build(ledger, DAY)
    lines = lines_of(built, links, "zh")
    data = report.to_json(built)["findings"]
    assert [(x.inspection, x.finding, x.unit.id, x.state) for x in lines] == [
        (f["inspection"], f["finding"], f["unit"], f["state"]) for f in data
    ]
    assert [x.rectified.isoformat() if x.rectified else None for x in lines] == [
        f["rectified"] for f in data
    ]
    overdue = [x for x in lines if x.state == "overdue"]
    assert overdue and all("逾期" in x.state_text for x in overdue)


def test_dates_after_t_have_not_happened() -> None:
    ledger = load(REPO, cache=False).ledger()
    links = {u: UnitLink(u, u, u, True) for u in ledger.units}
    early = lines_of(report.build(ledger, date(2026, 7, 1)), links, "en")
    assert all(x.visited <= date(2026, 7, 1) for x in early)
    assert all(x.closed is None or x.closed <= date(2026, 7, 1) for x in early)
