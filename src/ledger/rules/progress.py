"""A claim's quarterly progress entries.

P001  a quarter reported twice          P002  quarters out of order
P003  percent falling from one quarter to the next
P004  status done with percent below 100        P005  percent 100 without status done
D001  ``reported`` outside the ledger year and the next
D003  ``reported`` after today          D004  a quarter after today's quarter
D005  ``reported`` before its quarter began     D006  a quarter of another year
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ledger.asof import Quarter
from ledger.load import Loaded
from ledger.problems import Problem
from ledger.rules.common import claims, in_year


def check(loaded: Loaded, today: date) -> Iterator[Problem]:
    assert loaded.config is not None
    year = loaded.config.ledger.year
    today_q = Quarter.of(today)
    for at in claims(loaded):
        path = at.path
        first: dict[str, int] = {}
        previous: tuple[Quarter, str, float] | None = None  # quarter, its name, percent
        for j, entry in enumerate(at.claim.progress):
            loc = (*at.loc, "progress", j)
            q = Quarter.parse(entry.quarter)
            if q.year != year:
                yield Problem(
                    path, "D006", {"quarter": entry.quarter, "year": year}, loc=(*loc, "quarter")
                )
            elif q > today_q:
                args = {"quarter": entry.quarter, "today": today}
                yield Problem(path, "D004", args, loc=(*loc, "quarter"))
            if entry.quarter in first:
                line, _, _ = loaded.locate(
                    path, (*at.loc, "progress", first[entry.quarter], "quarter"), "value"
                )
                args = {"quarter": entry.quarter, "first": line}
                yield Problem(path, "P001", args, loc=(*loc, "quarter"))
            else:
                first[entry.quarter] = j
            if previous is not None and q < previous[0]:
                args = {"quarter": entry.quarter, "previous": previous[1]}
                yield Problem(path, "P002", args, loc=(*loc, "quarter"))
            elif previous is not None and q > previous[0] and entry.percent < previous[2]:
                args = {
                    "value": entry.percent,
                    "previous": previous[2],
                    "previous_quarter": previous[1],
                }
                yield Problem(path, "P003", args, loc=(*loc, "percent"))
            if previous is None or q > previous[0]:
                previous = (q, entry.quarter, entry.percent)
            if entry.status == "done" and entry.percent < 100:
                yield Problem(path, "P004", {"value": entry.percent}, loc=(*loc, "percent"))
            elif entry.percent == 100 and entry.status != "done":
                args = {"status": {"words": f"status_word.{entry.status}"}}
                yield Problem(path, "P005", args, loc=(*loc, "status"))
            reported = entry.reported
            if not in_year(reported, year, late=True):
                yield Problem(
                    path, "D001", {"date": reported, "year": year}, loc=(*loc, "reported")
                )
            elif reported > today:
                yield Problem(
                    path, "D003", {"date": reported, "today": today}, loc=(*loc, "reported")
                )
            start = q.start
            if reported < start:
                args = {"date": reported, "quarter": entry.quarter, "start": start}
                yield Problem(path, "D005", args, loc=(*loc, "reported"))
