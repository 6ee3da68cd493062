"""Ids that must match, exist or be unique, and the parent hierarchy.

The checks of one file (``alone``: R001, R002, R008) run on the files whose findings are not
cached; the others (``check``) run every time, on each unit file's facts.

R001  a unit file's ``id`` differs from its file name
      bad:  data/units/jining.yaml holds ``id: jinning``      fixed: ``id: jining``
R002  a claim names a project the book does not have
R003  a project's ``lead_units`` names a unit that has no file
R004  a unit's ``parent`` names a unit that has no file
R005  parents that form a cycle (a is under b, b under a): once per cycle, on its first unit by id
R006  a project id used twice in the book
R007  a milestone id used twice in one project (or one claim: see ``claims``)
R008  one unit claiming the same project twice
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ledger.hints import did_you_mean
from ledger.load import PROJECTS, Loaded
from ledger.problems import Problem
from ledger.rules.common import claims, unchecked


def check(loaded: Loaded, today: date) -> Iterator[Problem]:
    """The checks across files: the book's ids and lead units, the parents (on each unit
    file's facts, without its models)."""
    unit_ids = {f.facts.id for f in loaded.units if f.facts is not None}
    yield from _book(loaded, unit_ids)
    yield from _units(loaded, unit_ids)


def alone(loaded: Loaded, today: date) -> Iterator[Problem]:
    """The checks of one unit file with the book: its id, its claims' projects."""
    for file in unchecked(loaded):
        if file.facts is not None and file.facts.id != file.stem:
            args = {"id": file.facts.id, "stem": file.stem}
            yield Problem(file.path, "R001", args, loc=("id",))
    yield from _claims(loaded)


def _book(loaded: Loaded, unit_ids: set[str]) -> Iterator[Problem]:
    if loaded.book is None:
        return
    first: dict[str, int] = {}
    for row, project in zip(loaded.project_rows, loaded.book.projects, strict=True):
        loc = ("projects", row)
        if project.id in first:
            line, _, _ = loaded.locate(PROJECTS, ("projects", first[project.id], "id"), "value")
            yield Problem(PROJECTS, "R006", {"id": project.id, "first": line}, loc=(*loc, "id"))
        else:
            first[project.id] = row
        for i, unit in enumerate(project.lead_units):
            if unit not in unit_ids and loaded.units:
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
                line, _, _ = loaded.locate(PROJECTS, mloc, "value")
                yield Problem(
                    PROJECTS,
                    "R007",
                    {"id": milestone.id, "first": line},
                    loc=(*loc, "milestones", j, "id"),
                )
            else:
                seen[milestone.id] = j


def _units(loaded: Loaded, unit_ids: set[str]) -> Iterator[Problem]:
    parents: dict[str, str] = {}
    paths: dict[str, str] = {}
    for file in loaded.units:
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


def _claims(loaded: Loaded) -> Iterator[Problem]:
    known = [p.id for p in loaded.book.projects] if loaded.book is not None else []
    first: dict[tuple[str, str], int] = {}
    for at in claims(loaded):
        project_id = at.claim.project
        if (
            at.project is None
            and loaded.book is not None
            and project_id not in loaded.broken_projects
        ):
            yield Problem(
                at.path,
                "R002",
                {"id": project_id, **did_you_mean(project_id, known)},
                loc=(*at.loc, "project"),
            )
        key = (at.path, project_id)
        if key in first:
            line, _, _ = loaded.locate(at.path, ("claims", first[key], "project"), "value")
            yield Problem(
                at.path, "R008", {"id": project_id, "first": line}, loc=(*at.loc, "project")
            )
        else:
            first[key] = int(at.loc[1])
