"""A claim's dates and milestones.

R007  a milestone id written twice in one claim
R009  a milestone that is not one of the project's, so the unit's own, without ``title`` or ``due``
      bad: ``- id: rectify`` alone; fixed: ``- {id: rectify, title: 整顿转化, due: 2026-09-30}``
R010  a claim's ``due`` that moves a project milestone later than the book's date
D001  ``deadline``, ``claimed``, ``due`` outside the ledger year; ``done`` outside it or the next
D002  ``done`` after today (reports as of an earlier day ignore this: it has not happened yet)
D007  a ``deadline`` before the day the project was ``claimed``
W002  a unit's own milestone due after the claim's deadline
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ledger.load import PROJECTS, Loaded
from ledger.problems import Problem
from ledger.rules.common import claims, in_year


def check(loaded: Loaded, today: date) -> Iterator[Problem]:
    assert loaded.config is not None
    year = loaded.config.ledger.year
    if loaded.book is not None:
        for row, project in zip(loaded.project_rows, loaded.book.projects, strict=True):
            for j, pm in enumerate(project.milestones):
                if not in_year(pm.due, year):
                    ploc = ("projects", row, "milestones", j, "due")
                    yield Problem(PROJECTS, "D001", {"date": pm.due, "year": year}, loc=ploc)
    for at in claims(loaded):
        claim, path = at.claim, at.path
        for key in ("deadline", "claimed"):
            day = getattr(claim, key)
            if day is not None and not in_year(day, year):
                yield Problem(path, "D001", {"date": day, "year": year}, loc=(*at.loc, key))
        if claim.claimed is not None and claim.deadline < claim.claimed:
            dates = {"deadline": claim.deadline, "claimed": claim.claimed}
            yield Problem(path, "D007", dates, loc=(*at.loc, "deadline"))
        book = {m.id: m for m in at.project.milestones} if at.project is not None else None
        seen: dict[str, int] = {}
        for j, m in enumerate(claim.milestones):
            loc = (*at.loc, "milestones", j)
            if m.id in seen:
                line, _, _ = loaded.locate(path, (*at.loc, "milestones", seen[m.id], "id"), "value")
                yield Problem(path, "R007", {"id": m.id, "first": line}, loc=(*loc, "id"))
            else:
                seen[m.id] = j
            if m.due is not None and not in_year(m.due, year):
                yield Problem(path, "D001", {"date": m.due, "year": year}, loc=(*loc, "due"))
            if m.done is not None:
                if not in_year(m.done, year, late=True):
                    yield Problem(path, "D001", {"date": m.done, "year": year}, loc=(*loc, "done"))
                elif m.done > today:
                    args: dict[str, object] = {"date": m.done, "today": today}
                    yield Problem(path, "D002", args, loc=(*loc, "done"))
            if book is None:
                continue
            if m.id in book:
                if m.due is not None and m.due > book[m.id].due:
                    args = {"id": m.id, "due": m.due, "book_due": book[m.id].due}
                    yield Problem(path, "R010", args, loc=(*loc, "due"))
                continue
            for key in ("title", "due"):
                if getattr(m, key) is None:
                    args = {
                        "id": m.id,
                        "project": claim.project,
                        "known": ", ".join(book) or "-",
                        "key": key,
                    }
                    yield Problem(path, "R009", args, loc=(*loc, "id"))
            if m.due is not None and m.due > claim.deadline:
                args = {"id": m.id, "due": m.due, "deadline": claim.deadline}
                yield Problem(path, "W002", args, loc=(*loc, "due"))
