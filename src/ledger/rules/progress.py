"""A claim's quarterly progress entries.

P001  a quarter reported twice          P002  quarters out of order
P003  percent falling from one quarter to the next
P004  status done with percent below 100        P005  percent 100 without status done
D001  ``reported`` outside the ledger year and the next
D003  ``reported`` after today          D004  a quarter after today's quarter
D005  ``reported`` before its quarter began     D006  a quarter of another year

Each check below is one small function tagged with its codes (``@check``); ``check`` runs them all.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ledger.calendar import Quarter
from ledger.load import Loaded
from ledger.problems import Problem
from ledger.rules.common import ClaimAt, claims, in_year, progress, run_module
from ledger.rules.common import check as tagged


def check(loaded: Loaded, today: date) -> Iterator[Problem]:
    """Every problem of this family: the checks below, in order."""
    return run_module(__name__, loaded, today)


def _year(loaded: Loaded) -> int:
    assert loaded.config is not None
    return loaded.config.ledger.year


@tagged("D006", "D004")
def quarter_of_the_year_and_begun(loaded: Loaded, today: date) -> Iterator[Problem]:
    year, today_q = _year(loaded), Quarter.of(today)
    for at, j, entry, q in progress(loaded):
        if q.year != year:
            args: dict[str, object] = {"quarter": entry.quarter, "year": year}
            yield Problem(at.path, "D006", args, loc=(*at.loc, "progress", j, "quarter"))
        elif q > today_q:
            args = {"quarter": entry.quarter, "today": today}
            yield Problem(at.path, "D004", args, loc=(*at.loc, "progress", j, "quarter"))


@tagged("P001")
def quarter_once(loaded: Loaded, today: date) -> Iterator[Problem]:
    for at in claims(loaded):
        first: dict[str, int] = {}
        for j, entry in enumerate(at.claim.progress):
            if entry.quarter in first:
                where = (*at.loc, "progress", first[entry.quarter], "quarter")
                line, _, _ = loaded.locate(at.path, where, "value")
                args = {"quarter": entry.quarter, "first": line}
                yield Problem(at.path, "P001", args, loc=(*at.loc, "progress", j, "quarter"))
            else:
                first[entry.quarter] = j


@tagged("P002", "P003")
def quarters_in_order_and_percent_never_falls(loaded: Loaded, today: date) -> Iterator[Problem]:
    claim: ClaimAt | None = None
    previous: tuple[Quarter, str, float] | None = None  # quarter, its name, percent
    for at, j, entry, q in progress(loaded):
        if at is not claim:  # the entries come claim by claim, in the file's order
            claim, previous = at, None
        if previous is not None and q < previous[0]:
            args: dict[str, object] = {"quarter": entry.quarter, "previous": previous[1]}
            yield Problem(at.path, "P002", args, loc=(*at.loc, "progress", j, "quarter"))
        elif previous is not None and q > previous[0] and entry.percent < previous[2]:
            args = {
                "value": entry.percent,
                "previous": previous[2],
                "previous_quarter": previous[1],
            }
            yield Problem(at.path, "P003", args, loc=(*at.loc, "progress", j, "percent"))
        if previous is None or q > previous[0]:
            previous = (q, entry.quarter, entry.percent)


@tagged("P004", "P005")
def status_agrees_with_percent(loaded: Loaded, today: date) -> Iterator[Problem]:
    for at, j, entry, _ in progress(loaded):
        if entry.status == "done" and entry.percent < 100:
            yield Problem(
                at.path, "P004", {"value": entry.percent}, loc=(*at.loc, "progress", j, "percent")
            )
        elif entry.percent == 100 and entry.status != "done":
            args = {"status": {"words": f"status_word.{entry.status}"}}
            yield Problem(at.path, "P005", args, loc=(*at.loc, "progress", j, "status"))


@tagged("D001", "D003")
def reported_in_year_and_by_today(loaded: Loaded, today: date) -> Iterator[Problem]:
    year = _year(loaded)
    for at, j, entry, _ in progress(loaded):
        reported = entry.reported
        if not in_year(reported, year, late=True):
            args: dict[str, object] = {"date": reported, "year": year}
            yield Problem(at.path, "D001", args, loc=(*at.loc, "progress", j, "reported"))
        elif reported > today:
            args = {"date": reported, "today": today}
            yield Problem(at.path, "D003", args, loc=(*at.loc, "progress", j, "reported"))


@tagged("D005")
def reported_after_the_quarter_began(loaded: Loaded, today: date) -> Iterator[Problem]:
    starts: dict[Quarter, date] = {}
    for at, j, entry, q in progress(loaded):
        start = starts.get(q)
        if start is None:
            start = starts[q] = q.start
        if entry.reported < start:
            args = {"date": entry.reported, "quarter": entry.quarter, "start": start}
            yield Problem(at.path, "D005", args, loc=(*at.loc, "progress", j, "reported"))
