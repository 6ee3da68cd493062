"""The reading of one file: its bytes → text → YAML → its model, with every problem found and
its position. ``read_part`` is a pure function of a file's path and bytes (what the cache keeps
by its key); ``Locator`` answers where a key path sits in a file's text.

A file whose shape is wrong is reported, and the entries of it that are right on their own (the
projects, the claims) are still kept, so that the checks across files can run on them; the ids
written in the others are remembered (``broken``), so that they do not also cause "unknown
project" or "unclaimed" problems.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from ledger.load.construct import share_sets
from ledger.load.shape import describe, problems_from
from ledger.load.text import decode
from ledger.model import Book, Claim, Finding, Project, Unit, UnitId, Visit
from ledger.problems import At, Loc, Problem

if TYPE_CHECKING:
    from yaml.nodes import Node

# ``ledger.load.yamlparse`` (and PyYAML with it) is imported where a file is parsed or a problem
# placed, not here: a warm command takes every file from the cache and never needs it.

DATA = "data"
PROJECTS = "data/projects.yaml"
UNITS = "data/units"
INSPECTIONS = "data/inspections"  # v3, optional: one file per supervision visit

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Facts:
    """What the checks across files need of a unit file, without its models."""

    id: str
    parent: str | None
    short_name: str | None
    projects: tuple[str, ...]  # the projects of its valid claims, in the file's order

    @classmethod
    def of(cls, unit: Unit) -> Facts:
        return cls(unit.id, unit.parent, unit.short_name, tuple(c.project for c in unit.claims))


@dataclass
class Part:
    """What one file (the book or a unit file) reads as, from its path and bytes alone: this is
    what the cache keeps. ``model`` is None when the file could not be read at all; a file with
    schema problems keeps the entries that are right on their own (``rows``: where they stand in
    the file) and the ids written in the others (``broken``). From the cache, a unit file's
    models come as ``facts`` and their rows (``model_json``), built when first needed."""

    read: bool  # the text could be decoded: the file counts among the files read
    problems: list[Problem]
    model: Book | Unit | Visit | None = None
    rows: tuple[int, ...] = ()
    broken: frozenset[str] = frozenset()
    partial: bool = False  # the model is made of the valid parts of a file with problems
    facts: Facts | None = None  # a unit file's, whenever it has a model
    model_json: bytes | None = None


Place = tuple[int | None, int | None, str | None]  # line, column, the scalar's text


class Locator:
    """Positions in one file's text, its node tree composed on the first question (composing
    costs as much as reading: only a file with a problem to place is composed)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tree: Node | None = None
        self.composed = False

    def __call__(self, loc: Loc, at: At) -> Place:
        if not self.composed:
            from ledger.load.yamlparse import compose

            self.tree, self.composed = compose(self.text), True
        return _place(self.tree, self.text, loc, at)


def _place(tree: Node | None, text: str, loc: Loc, at: At) -> Place:
    from yaml.nodes import ScalarNode

    from ledger.load.yamlparse import find, position

    node = find(tree, loc, at)
    if node is None:
        return None, None, None
    raw = node.value if isinstance(node, ScalarNode) else None
    line, column = position(text, node.start_mark)  # lines counted by LF, as git counts them
    return line, column, raw


def kind(rel: str) -> str:
    """The kind of ledger file at ``rel``, part of its cache key."""
    if rel == PROJECTS:
        return "book"
    return "visit" if is_visit(rel) else "unit"


def is_visit(rel: str) -> bool:
    """A visit file's path (``data/inspections/<id>.yaml``)."""
    return rel.startswith(f"{INSPECTIONS}/")


def unit_file_kind(name: str) -> str:
    """ "unit" for ``<stem>.yaml``; "hidden" for a name starting with ``.`` (macOS ``._x.yaml``,
    editors' ``.#x.yaml`` lock links: not ledger files, skipped without a word); "near" for a
    name that looks meant as a unit file but is not one (``X.YAML``, ``x.Yaml``, ``x.yml``,
    ``x.yaml.txt`` as Windows saves it with extensions hidden), which gets a warning; "other"
    for the rest (a README), skipped."""
    if name.startswith("."):
        return "hidden"
    if name.endswith(".yaml") and len(name) > len(".yaml"):
        return "unit"
    lower = name.lower()
    if ".yaml" in lower or ".yml" in lower:
        return "near"
    return "other"


def read_part(rel: str, raw: bytes) -> Part:
    """What one file's bytes read as: the one function the cache wraps."""
    text, problems = decode(raw, rel)
    if text is None:
        return Part(False, problems)
    data, more = _read_yaml(rel, text)
    problems += more
    if data is None:
        return Part(True, problems)
    locate = Locator(text)
    if rel == PROJECTS:
        return _book_part(rel, data, problems, locate)
    if is_visit(rel):
        return _visit_part(rel, data, problems, locate)
    return _unit_part(rel, data, problems, locate)


def _read_yaml(rel: str, text: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The file's top-level mapping, or None, and the problems found."""
    from ledger.load.yamlparse import parse

    parsed = parse(text, rel)
    problems = parsed.problems
    data = parsed.data
    if data is None and not problems:
        problems.append(Problem(rel, "F005"))
    elif data is not None and not isinstance(data, dict):
        line, column, _ = Locator(text)((), "value")
        args = {"found": describe(data)}
        problems.append(Problem(rel, "Y007", args, line=line or 1, column=column or 1))
        return None, problems
    return (data if isinstance(data, dict) else None), problems


def _validate(
    rel: str, model: type[M], data: object, problems: list[Problem], locate: Locator
) -> M | None:
    try:
        return share_sets(model.model_validate(data))
    except ValidationError as exc:
        problems += problems_from(exc, rel, model, locate)
        return None


def _valid_items(model: type[M], items: object) -> tuple[list[M], tuple[int, ...]]:
    """The entries of a list that are right on their own, and where they stand."""
    good: list[M] = []
    rows: list[int] = []
    if isinstance(items, list):
        for i, item in enumerate(items):
            try:
                good.append(share_sets(model.model_validate(item)))
                rows.append(i)
            except ValidationError:
                pass
    return good, tuple(rows)


def _book_part(rel: str, data: dict[str, Any], problems: list[Problem], locate: Locator) -> Part:
    book = _validate(rel, Book, data, problems, locate)
    if book is not None:
        return Part(True, problems, book, tuple(range(len(book.projects))))
    projects, rows = _valid_items(Project, data.get("projects"))
    title = data.get("title")
    partial = Book.model_construct(title=title if isinstance(title, str) else "", projects=projects)
    broken = frozenset(_ids(data.get("projects"), "id", rows))
    return Part(True, problems, partial, rows, broken, partial=True)


def _unit_part(rel: str, data: dict[str, Any], problems: list[Problem], locate: Locator) -> Part:
    unit = _validate(rel, Unit, data, problems, locate)
    if unit is not None:
        rows = tuple(range(len(unit.claims)))
        return Part(True, problems, unit, rows, facts=Facts.of(unit))
    claims, rows = _valid_items(Claim, data.get("claims"))
    name = data.get("name")
    stem = rel.rsplit("/", 1)[-1].removesuffix(".yaml")
    partial = Unit.model_construct(
        id=_unit_id(data.get("id")) or stem,
        name=name if isinstance(name, str) else "",
        parent=_unit_id(data.get("parent")),
        claims=claims,
    )
    broken = frozenset(_ids(data.get("claims"), "project", rows))
    return Part(True, problems, partial, rows, broken, partial=True, facts=Facts.of(partial))


def _visit_part(rel: str, data: dict[str, Any], problems: list[Problem], locate: Locator) -> Part:
    """A visit, or, when some of its findings are wrong, the visit with those that are right on
    their own (``rows``: where they stand), so that the checks across files still run on them;
    no model when the visit's own keys are wrong."""
    visit = _validate(rel, Visit, data, problems, locate)
    if visit is not None:
        return Part(True, problems, visit, tuple(range(len(visit.findings))))
    findings, rows = _valid_items(Finding, data.get("findings"))
    own = {k: v for k, v in data.items() if k in Visit.model_fields and k != "findings"}
    try:
        partial = share_sets(Visit.model_validate({**own, "findings": findings}))
    except ValidationError:
        return Part(True, problems)
    return Part(True, problems, partial, rows, partial=True)


def _ids(items: object, key: str, valid: tuple[int, ...]) -> set[str]:
    """The ``key`` values of the entries of a list that are not among the valid rows."""
    if not isinstance(items, list):
        return set()
    return {
        item[key]
        for i, item in enumerate(items)
        if i not in valid and isinstance(item, dict) and isinstance(item.get(key), str)
    }


@cache
def _unit_id_adapter() -> TypeAdapter[str]:
    return TypeAdapter(UnitId)  # built when first needed: a warm command never needs it


def _unit_id(value: object) -> str | None:
    try:
        return _unit_id_adapter().validate_python(value)
    except ValidationError:
        return None
