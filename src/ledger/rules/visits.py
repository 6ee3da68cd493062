"""The visit files of ``data/inspections/`` (contract section 10, v3).

V001  a visit file's ``id`` differs from its file name
V002  a unit id in ``units`` that no unit file has
V003  a unit listed twice in ``units`` (at its second occurrence)
V004  a finding's ``unit`` that is not among the visit's ``units``
V005  a finding's ``project`` that the book does not have
V006  a finding's ``project`` that its unit has not claimed (any claim in the unit's file,
      whatever its ``claimed`` day)
V007  a finding's ``due`` or ``rectified`` before the visit's ``date``
V008  ``closed`` without ``rectified``
V009  ``closed`` before ``rectified`` (reported at ``closed``)
V010  ``date`` or ``due`` outside the ledger year; ``rectified`` or ``closed`` outside it or the
      following year
V011  ``rectified`` or ``closed`` after today (reports as of an earlier day ignore this)
V012  a finding id written twice in one file (at its second occurrence)

A visit dated after today is no error. Every check here reads a visit with the unit files' facts
or the book, so all are of scope ``"across"``: they run every time, on the visits as read (a
visit file's reading itself is cached like any other file's).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ledger.hints import did_you_mean
from ledger.load import VisitFile
from ledger.model import Finding, Visit
from ledger.problems import Problem
from ledger.rules.common import View, in_year
from ledger.rules.registry import rule


def _visits(view: View) -> Iterator[tuple[str, Visit]]:
    for file in view.loaded.visits:
        if file.visit is not None:
            yield file.path, file.visit


def _findings(view: View) -> Iterator[tuple[str, Visit, int, Finding]]:
    """Every finding read, with its index in its file (a visit with a broken finding keeps the
    others: their rows say where they stand)."""
    for file in view.loaded.visits:
        if file.visit is not None:
            for j, finding in zip(file.finding_rows, file.visit.findings, strict=True):
                yield file.path, file.visit, j, finding


@rule("across", "V001")
def id_matches_file_name(view: View, today: date) -> Iterator[Problem]:
    file: VisitFile
    for file in view.loaded.visits:
        if file.visit is not None and file.visit.id != file.stem:
            args = {"id": file.visit.id, "stem": file.stem}
            yield Problem(file.path, "V001", args, loc=("id",))


@rule("across", "V002", "V003")
def units_visited(view: View, today: date) -> Iterator[Problem]:
    # a unit file that could not be read still names a unit: no second "unknown" problem
    known = {f.facts.id for f in view.units if f.facts is not None} | {f.stem for f in view.units}
    for path, visit in _visits(view):
        first: dict[str, int] = {}
        for i, unit in enumerate(visit.units):
            if unit not in known:
                args = {"unit": unit, **did_you_mean(unit, sorted(known))}
                yield Problem(path, "V002", args, loc=("units", i))
            if unit in first:
                line, _, _ = view.locate(path, ("units", first[unit]), "value")
                yield Problem(path, "V003", {"unit": unit, "first": line}, loc=("units", i))
            else:
                first[unit] = i


@rule("across", "V004")
def finding_unit_visited(view: View, today: date) -> Iterator[Problem]:
    for path, visit, j, finding in _findings(view):
        if finding.unit not in visit.units:
            yield Problem(path, "V004", {"unit": finding.unit}, loc=("findings", j, "unit"))


@rule("across", "V005", "V006")
def finding_project_claimed(view: View, today: date) -> Iterator[Problem]:
    if view.book is None:
        return
    known = [p.id for p in view.book.projects]
    projects = set(known) | view.broken_projects
    claimed: dict[str, set[str]] = {}
    for f in view.units:
        if f.facts is not None:
            claimed.setdefault(f.facts.id, set()).update(f.facts.projects, f.broken)
    for path, _visit, j, finding in _findings(view):
        project = finding.project
        if project is None:
            continue
        loc = ("findings", j, "project")
        if project not in projects:
            args = {"project": project, **did_you_mean(project, known)}
            yield Problem(path, "V005", args, loc=loc)
        elif finding.unit in claimed and project not in claimed[finding.unit]:
            yield Problem(path, "V006", {"unit": finding.unit, "project": project}, loc=loc)


@rule("across", "V007", "V008", "V009")
def finding_dates_in_order(view: View, today: date) -> Iterator[Problem]:
    for path, visit, j, finding in _findings(view):
        for key in ("due", "rectified"):
            day = getattr(finding, key)
            if day is not None and day < visit.date:
                args = {"key": key, "date": day, "visit": visit.date}
                yield Problem(path, "V007", args, loc=("findings", j, key))
        if finding.closed is None:
            continue
        loc = ("findings", j, "closed")
        if finding.rectified is None:
            yield Problem(path, "V008", {}, loc=loc)
        elif finding.closed < finding.rectified:
            args = {"closed": finding.closed, "rectified": finding.rectified}
            yield Problem(path, "V009", args, loc=loc)


@rule("across", "V010", "V011")
def visit_dates(view: View, today: date) -> Iterator[Problem]:
    year = view.year
    for path, visit in _visits(view):
        if not in_year(visit.date, year):
            yield Problem(path, "V010", {"date": visit.date, "year": year}, loc=("date",))
    for path, _visit, j, finding in _findings(view):
        if not in_year(finding.due, year):
            args: dict[str, object] = {"date": finding.due, "year": year}
            yield Problem(path, "V010", args, loc=("findings", j, "due"))
        for key in ("rectified", "closed"):
            day = getattr(finding, key)
            if day is None:
                continue
            if not in_year(day, year, late=True):
                args = {"date": day, "year": year}
                yield Problem(path, "V010", args, loc=("findings", j, key))
            elif day > today:
                args = {"key": key, "date": day, "today": today}
                yield Problem(path, "V011", args, loc=("findings", j, key))


@rule("across", "V012")
def finding_ids_once(view: View, today: date) -> Iterator[Problem]:
    first: dict[tuple[str, str], int] = {}
    for path, _visit, j, finding in _findings(view):
        key = (path, finding.id)
        if key in first:
            line, _, _ = view.locate(path, ("findings", first[key], "id"), "value")
            args = {"id": finding.id, "first": line}
            yield Problem(path, "V012", args, loc=("findings", j, "id"))
        else:
            first[key] = j
