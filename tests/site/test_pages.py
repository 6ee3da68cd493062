"""site/pages.py: the pages' data, from the same builders as the reports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ledger.load import load
from ledger.reports import quarterly
from ledger.site.pages import build, chart_days
from tests.conftest import REPO, LedgerMaker

DAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("today", "days"),
    [
        (date(2026, 2, 1), ["2026-02-01"]),
        (date(2026, 3, 31), ["2026-03-31"]),
        (date(2026, 7, 5), ["2026-03-31", "2026-06-30", "2026-07-05"]),
        (date(2026, 9, 30), ["2026-03-31", "2026-06-30", "2026-09-30"]),
        (
            date(2027, 1, 8),
            ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31", "2027-01-08"],
        ),
    ],
)
def test_the_chart_has_each_quarter_end_up_to_t_and_t(today: date, days: list[str]) -> None:
    assert [d.isoformat() for d, _ in chart_days(2026, today)] == days


def test_the_totals_are_the_checklists_of_the_reporting_quarter() -> None:
    ledger = load(REPO, cache=False).ledger()
    site = build(ledger, DAY, "en")
    checklist = quarterly.build(ledger, site.quarter, DAY)
    assert site.quarter.label == "2026Q4"
    assert site.totals == quarterly.headline(checklist, "en")[0]
    t = checklist.totals
    last = site.points[-1]
    assert (last.day, last.counts.red, last.counts.yellow, last.counts.green) == (
        DAY,
        t.red,
        t.yellow,
        t.green,
    )
    assert sum(u.counts.total for u in site.units) == t.claims


def test_a_unit_has_a_page_when_it_or_a_unit_under_it_has_claims(
    make_ledger: LedgerMaker,
) -> None:
    claim = """\
        claims:
          - project: K1
            leader: 王某
            measures: [排查]
            deadline: 2026-11-30
        """
    root = make_ledger(
        units={
            "county": "id: county\nname: 县\nparent: city\n",
            "town": "id: town\nname: 镇\nparent: county\n" + _dedent(claim),
            "idle": "id: idle\nname: 闲\nparent: city\n",
        }
    )
    ledger = load(root, cache=False).ledger()
    site = build(ledger, DAY, "zh")
    assert [p.unit.id for p in site.unit_pages] == ["city", "county", "town"]
    county = site.unit_pages[1]
    assert county.parent is not None and county.parent.id == "city"
    assert [c.id for c in county.children] == ["town"]
    assert {r.unit.id: r.unit.page for r in site.units} == {
        "city": True,
        "county": True,
        "town": True,
        "idle": False,
    }
    # with --unit, the top of the site links to no parent outside it
    scoped = build(ledger, DAY, "zh", "county")
    assert [p.unit.id for p in scoped.unit_pages] == ["county", "town"]
    assert scoped.unit_pages[0].parent is None
    assert [r.unit.id for r in scoped.units] == ["county", "town"]


def test_progress_reported_after_t_is_not_shown(tmp_path: Path) -> None:
    ledger = load(REPO, cache=False).ledger()
    early = build(ledger, date(2026, 7, 5), "zh")
    for page in early.unit_pages:
        for claim in page.claims:
            assert all(e.reported <= date(2026, 7, 5) for e in claim.progress)
            quarters = [e.quarter for e in claim.progress]
            assert quarters == sorted(quarters)


def _dedent(text: str) -> str:
    import textwrap

    return textwrap.dedent(text)


@pytest.mark.parametrize("today", [date(2026, 7, 5), DAY, date(2027, 1, 8)])
def test_each_points_flags_are_those_as_of_that_day(today: date) -> None:
    """The chart takes an earlier day's flags from T's statuses (``flag_on``): the same as the
    statuses as of that day, on the same files."""
    from collections import Counter

    from ledger.asof.status import statuses

    ledger = load(REPO, cache=False).ledger()
    for point in build(ledger, today, "zh").points:
        flags = Counter(s.flag for s in statuses(ledger, point.day))
        counts = point.counts
        assert (counts.red, counts.yellow, counts.green) == (
            flags["red"],
            flags["yellow"],
            flags["green"],
        ), point.day
