"""A claim's dates and milestones.

R007  a milestone id written twice in one claim
R009  a milestone that is not one of the project's, so the unit's own, without ``title`` or ``due``
      bad: ``- id: rectify`` alone; fixed: ``- {id: rectify, title: 整顿转化, due: 2026-09-30}``
R010  a claim's ``due`` that moves a project milestone later than the book's date
D001  ``deadline``, ``claimed``, ``due`` outside the ledger year; ``done`` outside it or the next
D002  ``done`` after today (reports as of an earlier day ignore this: it has not happened yet)
D007  a ``deadline`` before the day the project was ``claimed``
W002  a unit's own milestone due after the claim's deadline

Each check below is one small function registered with its scope and codes (``@rule``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ledger.load import PROJECTS
from ledger.problems import Problem
from ledger.rules.common import View, claims, in_year, milestones
from ledger.rules.registry import rule


@rule("across", "D001")
def book_milestones_in_year(view: View, today: date) -> Iterator[Problem]:
    year = view.year
    if view.book is None:
        return
    for row, project in zip(view.project_rows, view.book.projects, strict=True):
        for j, pm in enumerate(project.milestones):
            if not in_year(pm.due, year):
                ploc = ("projects", row, "milestones", j, "due")
                yield Problem(PROJECTS, "D001", {"date": pm.due, "year": year}, loc=ploc)


@rule("file", "D001")
def claim_dates_in_year(view: View, today: date) -> Iterator[Problem]:
    year = view.year
    for at in claims(view):
        for key in ("deadline", "claimed"):
            day = getattr(at.claim, key)
            if day is not None and not in_year(day, year):
                yield Problem(at.path, "D001", {"date": day, "year": year}, loc=(*at.loc, key))


@rule("file", "D007")
def deadline_after_claimed(view: View, today: date) -> Iterator[Problem]:
    for at in claims(view):
        claim = at.claim
        if claim.claimed is not None and claim.deadline < claim.claimed:
            dates = {"deadline": claim.deadline, "claimed": claim.claimed}
            yield Problem(at.path, "D007", dates, loc=(*at.loc, "deadline"))


@rule("file", "R007")
def milestone_ids_once(view: View, today: date) -> Iterator[Problem]:
    for at in claims(view):
        seen: dict[str, int] = {}
        for j, m in enumerate(at.claim.milestones):
            if m.id in seen:
                first = (*at.loc, "milestones", seen[m.id], "id")
                line, _, _ = view.locate(at.path, first, "value")
                loc = (*at.loc, "milestones", j, "id")
                yield Problem(at.path, "R007", {"id": m.id, "first": line}, loc=loc)
            else:
                seen[m.id] = j


@rule("file", "D001", "D002")
def milestone_dates(view: View, today: date) -> Iterator[Problem]:
    year = view.year
    for at, j, m in milestones(view):
        if m.due is not None and not in_year(m.due, year):
            yield Problem(
                at.path,
                "D001",
                {"date": m.due, "year": year},
                loc=(*at.loc, "milestones", j, "due"),
            )
        if m.done is not None:
            if not in_year(m.done, year, late=True):
                args: dict[str, object] = {"date": m.done, "year": year}
                yield Problem(at.path, "D001", args, loc=(*at.loc, "milestones", j, "done"))
            elif m.done > today:
                args = {"date": m.done, "today": today}
                yield Problem(at.path, "D002", args, loc=(*at.loc, "milestones", j, "done"))


@rule("file", "R010")
def book_milestone_never_later(view: View, today: date) -> Iterator[Problem]:
    for at, j, m in milestones(view):
        if at.project is None or m.due is None:
            continue
        pm = at.book.get(m.id)
        if pm is not None and m.due > pm.due:
            args = {"id": m.id, "due": m.due, "book_due": pm.due}
            yield Problem(at.path, "R010", args, loc=(*at.loc, "milestones", j, "due"))


@rule("file", "R009")
def own_milestone_complete(view: View, today: date) -> Iterator[Problem]:
    for at, j, m in milestones(view):
        if at.project is None or m.id in at.book or (m.title is not None and m.due is not None):
            continue
        book = [pm.id for pm in at.project.milestones]
        for key in ("title", "due"):
            if getattr(m, key) is None:
                args = {
                    "id": m.id,
                    "project": at.claim.project,
                    "known": ", ".join(book) or "-",
                    "key": key,
                }
                yield Problem(at.path, "R009", args, loc=(*at.loc, "milestones", j, "id"))


@rule("file", "W002")
def own_milestone_by_deadline(view: View, today: date) -> Iterator[Problem]:
    for at, j, m in milestones(view):
        if at.project is None or m.id in at.book:
            continue
        if m.due is not None and m.due > at.claim.deadline:
            args = {"id": m.id, "due": m.due, "deadline": at.claim.deadline}
            yield Problem(at.path, "W002", args, loc=(*at.loc, "milestones", j, "due"))
