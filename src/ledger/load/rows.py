"""The row codec of the cache: a file's ``Part`` as the plain JSON data a pack entry holds, and
back. Models are rows (their fields' values in the model's order, dates as ISO text, nested
models as rows: a third smaller than a mapping, and faster to read back); problems are lists.
Anything that does not read back as this tool writes it gives None, and the file is read again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import astuple
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel

from ledger.codes import CODES
from ledger.load.cache import BROKEN, Entry, dump, load_body
from ledger.load.cache import decode as cache_decode
from ledger.load.cache import encode as cache_encode
from ledger.load.construct import construct, shared_set
from ledger.load.file import PROJECTS, Facts, Part, is_visit
from ledger.model import (
    CHILDREN,
    Book,
    Claim,
    ClaimMilestone,
    Finding,
    Progress,
    Project,
    ProjectMilestone,
    Unit,
    Visit,
)
from ledger.problems import Problem

M = TypeVar("M", bound=BaseModel)
# what a value not written by this tool raises on the way (ValidationError is a ValueError)
_BAD = BROKEN  # an entry not as this tool writes it, or nested too deep: a miss


def entry_of(part: Part, key: str) -> Entry | None:
    """The pack's line for a part just read (the checks of the file not run yet)."""
    if not part.read:
        return None  # nothing was read (not UTF-8): read again every time, reported again
    summary, model = dump(summary_json(part)), dump(model_json(part))
    if summary is None or model is None:
        return None
    return Entry(key, summary, b"null", model)


def summary_json(part: Part) -> dict[str, Any]:
    """What a part is, but its models: read at once from the cache."""
    facts = part.facts
    return {
        "read": part.read,
        "problems": [problem_to_json(p) for p in part.problems],
        "rows": list(part.rows),
        "broken": sorted(part.broken),
        "partial": part.partial,
        "facts": None if facts is None else [*astuple(facts)[:3], list(facts.projects)],
    }


def model_json(part: Part) -> Any:
    """A part's models as rows (a partial model: the fields it was made of)."""
    model = part.model
    if model is None:
        return None
    if part.partial and isinstance(model, Unit):
        return {
            "id": model.id,
            "name": model.name,
            "parent": model.parent,
            "claims": [_dump(c) for c in model.claims],
        }
    if part.partial and isinstance(model, Book):
        return {"title": model.title, "projects": [_dump(p) for p in model.projects]}
    return _dump(model)


def _dump(model: BaseModel) -> list[Any]:
    names, dates, nested = _layout(type(model))
    row = [getattr(model, name) for name in names]
    for i in dates:
        if row[i] is not None:
            row[i] = row[i].isoformat()
    for i, _ in nested:
        row[i] = [_dump(item) for item in row[i]]
    return row


def from_entry(entry: Entry, rel: str) -> Part | None:
    """The part a pack's entry holds, or None if it is not one this tool wrote. A unit file's
    models are left as rows, read when first needed (``unit_from_json``)."""
    has_model = entry.model != b"null"
    part = _from_summary(load_body(entry.summary), rel, has_model)
    if part is None or not has_model:
        return part
    if is_visit(rel):
        try:
            part.model = _build(Visit, load_body(entry.model))
        except _BAD:
            return None
        return part if len(part.rows) == len(part.model.findings) else None
    if rel != PROJECTS:
        part.model_json = (b"P" if part.partial else b"U") + entry.model
        return part
    try:
        part.model = _book_from_json(load_body(entry.model), part.partial)
    except _BAD:
        return None
    return part if len(part.rows) == len(part.model.projects) else None


def _from_summary(body: Any, rel: str, has_model: bool) -> Part | None:
    """A part from its summary (its models aside), or None if it is not one this tool wrote."""
    try:
        rows = tuple(int(r) for r in body["rows"])
        part = Part(
            read=body["read"] is True,
            problems=[problem_from_json(p, rel) for p in body["problems"]],
            rows=rows,
            broken=frozenset(_text(b) for b in body["broken"]),
            partial=body["partial"] is True,
        )
        facts = body["facts"]
        if is_visit(rel):
            if facts is not None or (rows and not has_model):
                return None  # a visit file has no facts, and rows only with its model
            return part
        if rel == PROJECTS:
            return part
        if (facts is None) != (not has_model) or (facts is None and rows):
            return None  # a unit's facts, its models and its claims' rows come together
        if facts is not None:
            uid, parent, short, projects = facts
            part.facts = Facts(
                _text(uid),
                None if parent is None else _text(parent),
                None if short is None else _text(short),
                tuple(_text(p) for p in projects),
            )
            if len(rows) != len(part.facts.projects):
                return None
        return part
    except _BAD:
        return None


def _book_from_json(data: Any, partial: bool) -> Book:
    if not partial:
        return _build(Book, data)
    return Book.model_construct(
        title=_text(data["title"]), projects=[_build(Project, p) for p in data["projects"]]
    )


def unit_from_json(model: bytes) -> Unit | None:
    """A unit from its rows in the cache (``P``: a partial unit), or None if they are not
    what this tool writes."""
    data = load_body(model[1:])
    try:
        if model[:1] != b"P":
            return _build(Unit, data)
        return Unit.model_construct(
            id=_text(data["id"]),
            name=_text(data["name"]),
            parent=data["parent"] if data["parent"] is None else _text(data["parent"]),
            claims=[_build(Claim, c) for c in data["claims"]],
        )
    except _BAD:
        return None


_DATES: dict[type[BaseModel], frozenset[str]] = {
    ProjectMilestone: frozenset({"due"}),
    ClaimMilestone: frozenset({"due", "done"}),
    Progress: frozenset({"reported"}),
    Claim: frozenset({"deadline", "claimed"}),
    Visit: frozenset({"date"}),
    Finding: frozenset({"due", "rectified", "closed"}),
}

_DAYS: dict[str, date] = {}  # one date object for each day (a ledger has a few hundred)
_BUILDERS: dict[type[BaseModel], Callable[[Any], Any]] = {}

Layout = tuple[tuple[str, ...], tuple[int, ...], tuple[tuple[int, type[BaseModel]], ...]]
_LAYOUTS: dict[type[BaseModel], Layout] = {}


def _layout(model: type[BaseModel]) -> Layout:
    """Where a model's row holds what: its field names in order, the dates, the nested models."""
    layout = _LAYOUTS.get(model)
    if layout is None:
        names = tuple(model.model_fields)
        children = CHILDREN.get(model, {})
        layout = _LAYOUTS[model] = (
            names,
            tuple(i for i, name in enumerate(names) if name in _DATES.get(model, ())),
            tuple((i, children[name]) for i, name in enumerate(names) if name in children),
        )
    return layout


def _build(model: type[M], row: Any) -> M:
    """A model from its cached row, without validating again what was valid when it was cached
    (the entry's checksum says it is what this tool wrote), the nested models and the dates
    made again."""
    builder = _BUILDERS.get(model) or _builder(model)
    built: M = builder(row)
    return built


def _builder(model: type[BaseModel]) -> Callable[[Any], Any]:
    """``_build`` for one model, with its layout bound once: it runs for every model of a warm
    report."""
    names, dates, nested = _layout(model)
    size = len(names)
    fields_set = shared_set(model, frozenset(names))
    days = _DAYS

    def build(row: Any) -> Any:
        if type(row) is not list or len(row) != size:
            raise ValueError("not a row of this model")
        for i in dates:
            text = row[i]
            if text is not None:
                day = days.get(text)
                if day is None:
                    day = days[text] = date.fromisoformat(text)
                row[i] = day
        for i, child in nested:
            row[i] = [_build(child, item) for item in row[i]]
        return construct(model, dict(zip(names, row, strict=True)), fields_set)

    _BUILDERS[model] = build
    return build


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def problem_to_json(p: Problem) -> list[Any]:
    return [
        p.code,
        cache_encode(dict(p.args)),
        p.line,
        p.column,
        None if p.loc is None else list(p.loc),
        p.at,
        p.severity,
    ]


def problem_from_json(data: Any, rel: str) -> Problem:
    """A problem as ``problem_to_json`` wrote it (a ValueError or TypeError if it is not)."""
    code, args, line, column, loc, at, severity = data
    if (
        code not in CODES
        or at not in ("key", "value")
        or severity not in (None, "error", "warning")
    ):
        raise ValueError("not a problem")
    args = cache_decode(args)
    if not isinstance(args, dict):
        raise ValueError("not a problem")
    for n in (line, column):
        if n is not None and type(n) is not int:
            raise ValueError("not a problem")
    return Problem(
        rel,
        _text(code),
        args,
        line=line,
        column=column,
        loc=None if loc is None else tuple(loc),
        at=at,
        severity=severity,
    )
