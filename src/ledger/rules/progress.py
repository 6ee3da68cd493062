"""A claim's quarterly progress entries.

P001  a quarter reported twice          P002  quarters out of order
P003  percent falling from one quarter to the next
P004  status done with percent below 100        P005  percent 100 without status done
D001  ``reported`` outside the ledger year and the next
D003  ``reported`` after today          D004  a quarter after today's quarter
D005  ``reported`` before its quarter began     D006  a quarter of another year

Each check below is one small function registered with its scope and codes (``@rule``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ledger.calendar import Quarter
from ledger.problems import Problem
from ledger.rules.common import ClaimAt, View, claims, in_year, progress
from ledger.rules.registry import rule


@rule("file", "D006", "D004")
def quarter_of_the_year_and_begun(view: View, today: date) -> Iterator[Problem]:
    year, today_q = view.year, Quarter.of(today)
    for at, j, entry, q in progress(view):
        if q.year != year:
            args: dict[str, object] = {"quarter": entry.quarter, "year": year}
            yield Problem(at.path, "D006", args, loc=(*at.loc, "progress", j, "quarter"))
        elif q > today_q:
            args = {"quarter": entry.quarter, "today": today}
            yield Problem(at.path, "D004", args, loc=(*at.loc, "progress", j, "quarter"))


@rule("file", "P001")
def quarter_once(view: View, today: date) -> Iterator[Problem]:
    for at in claims(view):
        first: dict[str, int] = {}
        for j, entry in enumerate(at.claim.progress):
            if entry.quarter in first:
                where = (*at.loc, "progress", first[entry.quarter], "quarter")
                line, _, _ = view.locate(at.path, where, "value")
                args = {"quarter": entry.quarter, "first": line}
                yield Problem(at.path, "P001", args, loc=(*at.loc, "progress", j, "quarter"))
            else:
                first[entry.quarter] = j


@rule("file", "P002", "P003")
def quarters_in_order_and_percent_never_falls(view: View, today: date) -> Iterator[Problem]:
    claim: ClaimAt | None = None
    previous: tuple[Quarter, str, float] | None = None  # quarter, its name, percent
    for at, j, entry, q in progress(view):
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


@rule("file", "P004", "P005")
def status_agrees_with_percent(view: View, today: date) -> Iterator[Problem]:
    for at, j, entry, _ in progress(view):
        if entry.status == "done" and entry.percent < 100:
            yield Problem(
                at.path, "P004", {"value": entry.percent}, loc=(*at.loc, "progress", j, "percent")
            )
        elif entry.percent == 100 and entry.status != "done":
            args = {"status": {"words": f"status_word.{entry.status}"}}
            yield Problem(at.path, "P005", args, loc=(*at.loc, "progress", j, "status"))


@rule("file", "D001", "D003")
def reported_in_year_and_by_today(view: View, today: date) -> Iterator[Problem]:
    year = view.year
    for at, j, entry, _ in progress(view):
        reported = entry.reported
        if not in_year(reported, year, late=True):
            args: dict[str, object] = {"date": reported, "year": year}
            yield Problem(at.path, "D001", args, loc=(*at.loc, "progress", j, "reported"))
        elif reported > today:
            args = {"date": reported, "today": today}
            yield Problem(at.path, "D003", args, loc=(*at.loc, "progress", j, "reported"))


@rule("file", "D005")
def reported_after_the_quarter_began(view: View, today: date) -> Iterator[Problem]:
    starts: dict[Quarter, date] = {}
    for at, j, entry, q in progress(view):
        start = starts.get(q)
        if start is None:
            start = starts[q] = q.start
        if entry.reported < start:
            args = {"date": entry.reported, "quarter": entry.quarter, "start": start}
            yield Problem(at.path, "D005", args, loc=(*at.loc, "progress", j, "reported"))
