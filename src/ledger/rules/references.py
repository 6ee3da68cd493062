"""Ids that must match, exist or be unique, and the parent hierarchy.

The checks of one file (R001, R002, R008) run on the files whose findings are not cached; those
across files (R003-R007, R011) run every time, on each unit file's facts.

R001  a unit file's ``id`` differs from its file name
      bad:  data/units/jining.yaml holds ``id: jinning``      fixed: ``id: jining``
R002  a claim names a project the book does not have
R003  a project's ``lead_units`` names a unit that has no file
R004  a unit's ``parent`` names a unit that has no file
R005  parents that form a cycle (a is under b, b under a): once per cycle, on its first unit by id
R006  a project id used twice in the book
R007  a milestone id used twice in one project (or one claim: see ``claims``)
R008  one unit claiming the same project twice
R011  project ids that differ only in case (v3): their pages in ``ledger site`` would collide
      on the disks of Windows and macOS
      bad:  ``id: K1`` and ``id: k1``                     fixed: ``id: K1`` and ``id: K6``
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ledger.hints import did_you_mean
from ledger.load import PROJECTS
from ledger.problems import Problem
from ledger.rules.common import View, claims
from ledger.rules.registry import rule


def _unit_ids(view: View) -> set[str]:
    return {f.facts.id for f in view.units if f.facts is not None}


@rule("file", "R001")
def id_matches_file_name(view: View, today: date) -> Iterator[Problem]:
    for file in view.files:
        if file.facts is not None and file.facts.id != file.stem:
            args = {"id": file.facts.id, "stem": file.stem}
            yield Problem(file.path, "R001", args, loc=("id",))


@rule("across", "R003", "R006", "R007")
def book_ids_and_lead_units(view: View, today: date) -> Iterator[Problem]:
    """The book's ids once each, its lead units with a file (on each unit file's facts)."""
    unit_ids = _unit_ids(view)
    if view.book is None:
        return
    first: dict[str, int] = {}
    for row, project in zip(view.project_rows, view.book.projects, strict=True):
        loc = ("projects", row)
        if project.id in first:
            line, _, _ = view.locate(PROJECTS, ("projects", first[project.id], "id"), "value")
            yield Problem(PROJECTS, "R006", {"id": project.id, "first": line}, loc=(*loc, "id"))
        else:
            first[project.id] = row
        for i, unit in enumerate(project.lead_units):
            if unit not in unit_ids and view.units:
                yield Problem(
                    PROJECTS,
                    "R003",
                    {"id": unit, **did_you_mean(unit, unit_ids)},
                    loc=(*loc, "lead_units", i),
                )
        seen: dict[str, int] = {}
        for j, milestone in enumerate(project.milestones):
            if milestone.id in seen:
                mloc = (*loc, "milestones", seen[milestone.id], "id")
                line, _, _ = view.locate(PROJECTS, mloc, "value")
                yield Problem(
                    PROJECTS,
                    "R007",
                    {"id": milestone.id, "first": line},
                    loc=(*loc, "milestones", j, "id"),
                )
            else:
                seen[milestone.id] = j


@rule("across", "R011")
def project_ids_apart_in_case(view: View, today: date) -> Iterator[Problem]:
    """No two project ids of the book differ only in case (the same id twice is R006)."""
    if view.book is None:
        return
    first: dict[str, tuple[str, int]] = {}
    for row, project in zip(view.project_rows, view.book.projects, strict=True):
        key = project.id.lower()
        seen = first.get(key)
        if seen is None:
            first[key] = (project.id, row)
        elif seen[0] != project.id:
            line, _, _ = view.locate(PROJECTS, ("projects", seen[1], "id"), "value")
            args = {"id": project.id, "other": seen[0], "first": line}
            yield Problem(PROJECTS, "R011", args, loc=("projects", row, "id"))


@rule("across", "R004", "R005")
def parents(view: View, today: date) -> Iterator[Problem]:
    """Each parent has a file, and no parents form a cycle (on each unit file's facts)."""
    unit_ids = _unit_ids(view)
    parents: dict[str, str] = {}
    paths: dict[str, str] = {}
    for file in view.units:
        unit = file.facts
        if unit is None:
            continue
        paths[unit.id] = file.path
        if unit.parent is not None:
            if unit.parent in unit_ids:
                parents[unit.id] = unit.parent
            else:
                yield Problem(
                    file.path,
                    "R004",
                    {"id": unit.parent, **did_you_mean(unit.parent, unit_ids)},
                    loc=("parent",),
                )
    for cycle in _cycles(parents):
        # once per cycle, on the parent line of its unit whose id comes first, shown from there
        first = cycle.index(min(cycle))
        cycle = cycle[first:] + cycle[:first]
        yield Problem(paths[cycle[0]], "R005", {"cycle": _shown(cycle)}, loc=("parent",))


_SHOWN = 10


def _shown(cycle: list[str]) -> str:
    """``a → b → a``; a long cycle by its first units and its length, so that the message
    stays short whatever the ledger."""
    if len(cycle) <= _SHOWN:
        return " → ".join([*cycle, cycle[0]])
    return " → ".join([*cycle[:_SHOWN], f"… ({len(cycle)})", cycle[0]])


def _cycles(parents: dict[str, str]) -> list[list[str]]:
    """Each cycle of the parent graph once, in linear time (every unit is walked once)."""
    state: dict[str, int] = {}  # 1: on the current walk, 2: finished
    cycles = []
    for start in sorted(parents):
        walk: list[str] = []
        node: str | None = start
        while node is not None and node not in state:
            state[node] = 1
            walk.append(node)
            node = parents.get(node)
        if node is not None and state[node] == 1:
            cycles.append(walk[walk.index(node) :])
        for visited in walk:
            state[visited] = 2
    return cycles


@rule("file", "R002", "R008")
def claimed_projects(view: View, today: date) -> Iterator[Problem]:
    """Each claim names a project of the book, once per unit."""
    known = [p.id for p in view.book.projects] if view.book is not None else []
    first: dict[tuple[str, str], int] = {}
    for at in claims(view):
        project_id = at.claim.project
        if at.project is None and view.book is not None and project_id not in view.broken_projects:
            yield Problem(
                at.path,
                "R002",
                {"id": project_id, **did_you_mean(project_id, known)},
                loc=(*at.loc, "project"),
            )
        key = (at.path, project_id)
        if key in first:
            line, _, _ = view.locate(at.path, ("claims", first[key], "project"), "value")
            yield Problem(
                at.path, "R008", {"id": project_id, "first": line}, loc=(*at.loc, "project")
            )
        else:
            first[key] = int(at.loc[1])
