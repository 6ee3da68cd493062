"""Reading a whole ledger: settings, the book and every unit file, with every problem found.

``load`` never stops at the first problem: a file that cannot be read or parsed is reported and
the rest is still read; a file whose shape is wrong is reported and the parts of it that are
right (the projects, the claims) are still kept, so that the checks across files can run on them.

Positions: the parser's own problems carry their line and column. Problems found later carry a
key path (``loc``); ``Loaded.resolve`` turns those into lines and columns, composing the node tree
of a file only when that file has a problem.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from yaml.nodes import Node, ScalarNode

from ledger.load.config import CONFIG, load_config
from ledger.load.schema import describe, problems_from
from ledger.load.text import not_regular, read_text
from ledger.load.yamlparse import compose, find, parse, position
from ledger.model import Book, Claim, Config, Ledger, Project, Unit, UnitId
from ledger.problems import At, Loc, Problem

DATA = "data"
PROJECTS = "data/projects.yaml"
UNITS = "data/units"

M = TypeVar("M", bound=BaseModel)


@dataclass
class UnitFile:
    path: str  # data/units/<stem>.yaml
    stem: str
    unit: Unit | None  # None when the file could not be read at all
    claim_rows: tuple[int, ...] = ()  # the index in the file of each of unit.claims


@dataclass
class Loaded:
    root: Path
    config: Config | None = None
    book: Book | None = None
    project_rows: tuple[int, ...] = ()  # the index in the file of each of book.projects
    # ids written in entries that failed their schema check: such a project still exists, such
    # a claim still claims, for the checks across files (no false "unknown" or "unclaimed")
    broken_projects: set[str] = field(default_factory=set)
    broken_claims: set[str] = field(default_factory=set)
    units: list[UnitFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    # file texts that stand in for what is on disk: an edit is checked before it is written
    overrides: dict[str, str] = field(default_factory=dict)
    _trees: dict[str, Node | None] = field(default_factory=dict)

    def ledger(self) -> Ledger:
        """The ledger as loaded; only meaningful when ``problems`` holds no error."""
        assert self.config is not None and self.book is not None
        units = {u.unit.id: u.unit for u in sorted(self.units, key=_by_id) if u.unit is not None}
        return Ledger(self.root, self.config, self.book, units)

    def locate(self, path: str, loc: Loc, at: At) -> tuple[int | None, int | None, str | None]:
        if path not in self._trees:
            text = self.texts.get(path)
            self._trees[path] = compose(text) if text is not None else None
        node = find(self._trees[path], loc, at)
        if node is None:
            return None, None, None
        raw = node.value if isinstance(node, ScalarNode) else None
        line, column = position(self.texts.get(path, ""), node.start_mark)
        return line, column, raw

    def resolve(self, problems: list[Problem]) -> list[Problem]:
        """Give every problem that has a key path its line and column."""
        out = []
        for p in problems:
            if p.loc is not None and p.line is None:
                line, column, _ = self.locate(p.path, p.loc, p.at)
                p = replace(p, line=line, column=column, loc=None)
            out.append(p)
        return out


def _by_id(u: UnitFile) -> str:
    return u.unit.id if u.unit is not None else u.stem


def load(root: Path, overrides: dict[str, str] | None = None, units: bool = True) -> Loaded:
    """Read the ledger at ``root``; ``overrides`` maps a relative path to the text to read
    instead of the file (a new file, or an edited one that is not written yet). ``units=False``
    reads only the settings and the book."""
    loaded = Loaded(root, overrides=dict(overrides or {}))
    loaded.config, problems = load_config(root)
    loaded.problems += problems
    data = _folder(loaded, DATA)
    if data is False:  # a link or a file in place of data/: nothing under it is read
        return loaded
    _load_book(loaded)
    if units:
        _load_units(loaded)
    return loaded


def _folder(loaded: Loaded, rel: str) -> bool | None:
    """True for a real folder, None when there is nothing there, False (and F008 or F002) for
    anything else: a link to a folder elsewhere would make the tool read outside the ledger."""
    try:
        mode = os.lstat(loaded.root / rel).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        loaded.problems.append(Problem(rel, "F002", {"reason": exc.strerror or str(exc)}))
        return False
    problem = not_regular(mode, rel, folder=True)
    if problem is not None:
        loaded.problems.append(problem)
        return False
    return True


def _read_yaml(loaded: Loaded, rel: str) -> dict[str, Any] | None:
    """The file's top-level mapping, or None with its problems recorded."""
    text: str | None
    problems: list[Problem] = []
    if rel in loaded.overrides:
        text = loaded.overrides[rel]
    else:
        text, problems = read_text(loaded.root / rel, rel)
    loaded.problems += problems
    if text is None:
        return None
    loaded.texts[rel] = text
    parsed = parse(text, rel)
    loaded.problems += parsed.problems
    data = parsed.data
    if data is None and not parsed.problems:
        loaded.problems.append(Problem(rel, "F005"))
    elif data is not None and not isinstance(data, dict):
        found, found_zh = describe(data)
        line, column, _ = loaded.locate(rel, (), "value")
        args = {"found": found, "found_zh": found_zh}
        loaded.problems.append(Problem(rel, "Y007", args, line=line or 1, column=column or 1))
        return None
    return data if isinstance(data, dict) else None


def _validate(loaded: Loaded, rel: str, model: type[M], data: object) -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        loaded.problems += problems_from(
            exc, rel, model, lambda loc, at: loaded.locate(rel, loc, at)
        )
        return None


def _valid_items(model: type[M], items: object) -> tuple[list[M], tuple[int, ...]]:
    """The entries of a list that are right on their own, and where they stand."""
    good: list[M] = []
    rows: list[int] = []
    if isinstance(items, list):
        for i, item in enumerate(items):
            try:
                good.append(model.model_validate(item))
                rows.append(i)
            except ValidationError:
                pass
    return good, tuple(rows)


def _load_book(loaded: Loaded) -> None:
    data = _read_yaml(loaded, PROJECTS)
    if data is None:
        return
    book = _validate(loaded, PROJECTS, Book, data)
    if book is not None:
        loaded.book, loaded.project_rows = book, tuple(range(len(book.projects)))
        return
    projects, rows = _valid_items(Project, data.get("projects"))
    loaded.broken_projects = _ids(data.get("projects"), "id", rows)
    title = data.get("title")
    loaded.book = Book.model_construct(
        title=title if isinstance(title, str) else "", projects=projects
    )
    loaded.project_rows = rows


def _load_units(loaded: Loaded) -> None:
    folder = loaded.root / UNITS
    real = _folder(loaded, UNITS)
    if real is False:
        return
    if real is None:
        loaded.problems.append(Problem(UNITS, "F006"))
        return
    try:
        names = set(os.listdir(folder))
    except OSError as exc:
        loaded.problems.append(Problem(UNITS, "F002", {"reason": exc.strerror or str(exc)}))
        return
    names |= {rel.rsplit("/", 1)[1] for rel in loaded.overrides if rel.startswith(f"{UNITS}/")}
    for name in sorted(names):
        rel = f"{UNITS}/{name}"
        kind = unit_file_kind(name)
        if kind == "near":
            loaded.problems.append(Problem(rel, "F007", {"name": name}))
        if kind == "unit":
            loaded.units.append(_load_unit(loaded, rel, name[: -len(".yaml")]))


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


def _load_unit(loaded: Loaded, rel: str, stem: str) -> UnitFile:
    data = _read_yaml(loaded, rel)
    if data is None:
        return UnitFile(rel, stem, None)
    unit = _validate(loaded, rel, Unit, data)
    if unit is not None:
        return UnitFile(rel, stem, unit, tuple(range(len(unit.claims))))
    claims, rows = _valid_items(Claim, data.get("claims"))
    loaded.broken_claims |= _ids(data.get("claims"), "project", rows)
    name = data.get("name")
    partial = Unit.model_construct(
        id=_unit_id(data.get("id")) or stem,
        name=name if isinstance(name, str) else "",
        parent=_unit_id(data.get("parent")),
        claims=claims,
    )
    return UnitFile(rel, stem, partial, rows)


def _ids(items: object, key: str, valid: tuple[int, ...]) -> set[str]:
    """The ``key`` values of the entries of a list that are not among the valid rows."""
    if not isinstance(items, list):
        return set()
    return {
        item[key]
        for i, item in enumerate(items)
        if i not in valid and isinstance(item, dict) and isinstance(item.get(key), str)
    }


_UNIT_ID: TypeAdapter[str] = TypeAdapter(UnitId)


def _unit_id(value: object) -> str | None:
    try:
        return _UNIT_ID.validate_python(value)
    except ValidationError:
        return None


__all__ = ["CONFIG", "PROJECTS", "UNITS", "Loaded", "UnitFile", "load"]
