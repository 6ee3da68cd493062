"""Reading a whole ledger: settings, the book and every unit file, with every problem found.

``load`` never stops at the first problem: a file that cannot be read or parsed is reported and
the rest is still read; a file whose shape is wrong is reported and the parts of it that are
right (the projects, the claims) are still kept, so that the checks across files can run on them.

Positions: the parser's own problems carry their line and column. Problems found later carry a
key path (``loc``); ``Loaded.resolve`` turns those into lines and columns, composing the node tree
of a file only when that file has a problem.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from dataclasses import astuple, dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from ledger.codes import CODES
from ledger.lifetime import keep
from ledger.load.cache import Cache, Entry, dump, load_body
from ledger.load.cache import decode as cache_decode
from ledger.load.cache import encode as cache_encode
from ledger.load.config import CONFIG, load_config
from ledger.load.schema import describe, problems_from
from ledger.load.text import decode, not_regular, read_bytes
from ledger.model import (
    CHILDREN,
    Book,
    Claim,
    ClaimMilestone,
    Config,
    Ledger,
    Progress,
    Project,
    ProjectMilestone,
    Unit,
    UnitId,
)
from ledger.problems import At, Loc, Problem

if TYPE_CHECKING:
    from yaml.nodes import Node

# ``ledger.load.yamlparse`` (and PyYAML with it) is imported where a file is parsed or a problem
# placed, not here: a warm command takes every file from the cache and never needs it.

DATA = "data"
PROJECTS = "data/projects.yaml"
UNITS = "data/units"

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


class UnitFile:
    """A unit file as read: its facts at once, its models (``unit``) when first asked for (a
    warm ``validate`` never builds them: the checks of each file are cached too)."""

    __slots__ = ("_again", "_model", "_unit", "claim_rows", "facts", "path", "stem")

    def __init__(
        self,
        path: str,  # data/units/<stem>.yaml
        stem: str,
        unit: Unit | None,  # None when the file could not be read at all
        claim_rows: tuple[int, ...] = (),  # the index in the file of each of unit.claims
        facts: Facts | None = None,  # None exactly when ``unit`` is
        model: bytes | None = None,  # the unit's rows, from the cache, when not built yet
        again: Callable[[], Unit | None] | None = None,  # read the file again, if those fail
    ) -> None:
        self.path, self.stem, self.claim_rows = path, stem, claim_rows
        self.facts = facts if facts is not None or unit is None else Facts.of(unit)
        self._unit, self._model, self._again = unit, model, again

    @property
    def unit(self) -> Unit | None:
        if self._model is not None:
            model, self._model = self._model, None
            self._unit = _unit_from_json(model)
            if self._unit is None and self._again is not None:
                self._unit = self._again()  # a cache entry not as this tool writes it
        return self._unit

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, UnitFile):
            return NotImplemented
        return (self.path, self.stem, self.unit, self.claim_rows) == (
            other.path,
            other.stem,
            other.unit,
            other.claim_rows,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"UnitFile({self.path!r}, {self.stem!r}, {self.unit!r}, {self.claim_rows!r})"


@dataclass
class Findings:
    """What the checks of one unit file found (``ledger.rules.ALONE``) as of a day, and the
    days it holds for: from ``since`` up to, not including, ``until`` (None: ever after). A
    problem that says something is after the day names the day (``today``): taken for another
    day, it names that one."""

    path: str
    found: list[Problem]
    since: date = date.min
    until: date | None = None

    def bound(self, days: set[date], today: date) -> None:
        """Hold from the latest of ``days`` on or before ``today`` to the first after it."""
        self.since = max((d for d in days if d <= today), default=date.min)
        self.until = min((d for d in days if d > today), default=None)

    def holds(self, today: date) -> bool:
        return self.since <= today and (self.until is None or today < self.until)

    def as_of(self, today: date) -> list[Problem]:
        return [
            replace(p, args={**p.args, "today": today}) if p.after_today else p for p in self.found
        ]

    def to_json(self, context: str) -> bytes | None:
        until = None if self.until is None else self.until.isoformat()
        found = [_problem_to_json(p) for p in self.found]
        return dump([context, found, self.since.isoformat(), until])

    @classmethod
    def from_json(cls, data: Any, path: str, context: str) -> Findings | None:
        try:
            written, found, since, until = data
            if written != context:
                return None
            return cls(
                path,
                [_problem_from_json(p, path) for p in found],
                date.fromisoformat(since),
                None if until is None else date.fromisoformat(until),
            )
        except (TypeError, ValueError, KeyError, IndexError, AttributeError):
            return None  # not what this tool writes: the file's checks run again


@dataclass
class Part:
    """What one file (the book or a unit file) reads as, from its path and bytes alone: this is
    what the cache keeps. ``model`` is None when the file could not be read at all; a file with
    schema problems keeps the entries that are right on their own (``rows``: where they stand in
    the file) and the ids written in the others (``broken``). From the cache, a unit file's
    models come as ``facts`` and their rows (``model_json``), built when first needed."""

    read: bool  # the text could be decoded: the file counts among the files read
    problems: list[Problem]
    model: Book | Unit | None = None
    rows: tuple[int, ...] = ()
    broken: frozenset[str] = frozenset()
    partial: bool = False  # the model is made of the valid parts of a file with problems
    facts: Facts | None = None  # a unit file's, whenever it has a model
    model_json: bytes | None = None


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
    files_read: int = 0  # the YAML files whose text could be read
    # file texts that stand in for what is on disk: an edit is checked before it is written
    overrides: dict[str, str] = field(default_factory=dict)
    # the cache key of each file read from disk: its text is read again, and checked against
    # the key, only to place a problem the checks across files found in it
    keys: dict[str, str] = field(default_factory=dict)
    cache: Cache | None = None
    # the pack as read, and the entries of this reading for the next pack (``save``)
    pack: dict[str, Entry] = field(default_factory=dict)
    entries: dict[str, Entry] = field(default_factory=dict)
    changed: bool = False  # the entries differ from the pack read
    whole: bool = True  # the unit files are read too (else only the settings and the book)
    # what the checks of one file need besides the file: the book and the year (their keys,
    # None without a book); ``checked`` holds, for the unit files whose entry has their
    # findings in this context, those findings (see ``ledger.rules``)
    context: str | None = None
    checked: dict[str, Findings] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)  # what the checks compute once
    _trees: dict[str, Node | None] = field(default_factory=dict)
    _sources: dict[str, str] = field(default_factory=dict)

    @property
    def keeps_findings(self) -> bool:
        """What the checks of each unit file find goes into the cache (``save``)."""
        cache = self.cache
        return cache is not None and cache.enabled and self.whole and self.context is not None

    def ledger(self) -> Ledger:
        """The ledger as loaded; only meaningful when ``problems`` holds no error."""
        assert self.config is not None and self.book is not None
        units = {u.unit.id: u.unit for u in sorted(self.units, key=_by_id) if u.unit is not None}
        return Ledger(self.root, self.config, self.book, units)

    def text(self, path: str) -> str | None:
        """The text of a file as it was read (None if it changed since, or cannot be read)."""
        if path in self.overrides:
            return self.overrides[path]
        key = self.keys.get(path)
        if key is None or self.cache is None:
            return None
        raw, _ = read_bytes(self.root / path, path)
        if raw is None or self.cache.key(_kind(path), path, raw) != key:
            return None
        return decode(raw, path)[0]

    def locate(self, path: str, loc: Loc, at: At) -> tuple[int | None, int | None, str | None]:
        if path not in self._trees:
            text = self.text(path)
            self._sources[path] = text or ""
            self._trees[path] = _compose(text) if text is not None else None
        return _place(self._trees[path], self._sources[path], loc, at)

    def resolve(self, problems: list[Problem]) -> list[Problem]:
        """Give every problem that has a key path its line and column."""
        out = []
        for p in problems:
            if p.loc is not None and p.line is None:
                line, column, _ = self.locate(p.path, p.loc, p.at)
                p = replace(p, line=line, column=column, loc=None)
            out.append(p)
        return out


def _place(
    tree: Node | None, text: str, loc: Loc, at: At
) -> tuple[int | None, int | None, str | None]:
    from yaml.nodes import ScalarNode

    from ledger.load.yamlparse import find, position

    node = find(tree, loc, at)
    if node is None:
        return None, None, None
    raw = node.value if isinstance(node, ScalarNode) else None
    line, column = position(text, node.start_mark)  # lines counted by LF, as git counts them
    return line, column, raw


class _Locator:
    """Positions in one file's text, its node tree composed on the first question."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tree: Node | None = None
        self.composed = False

    def __call__(self, loc: Loc, at: At) -> tuple[int | None, int | None, str | None]:
        if not self.composed:
            self.tree, self.composed = _compose(self.text), True
        return _place(self.tree, self.text, loc, at)


def _compose(text: str) -> Node | None:
    from ledger.load.yamlparse import compose

    return compose(text)


def _by_id(u: UnitFile) -> str:
    return u.unit.id if u.unit is not None else u.stem


def _kind(rel: str) -> str:
    return "book" if rel == PROJECTS else "unit"


def load(
    root: Path,
    overrides: dict[str, str] | None = None,
    units: bool = True,
    cache: bool = True,
) -> Loaded:
    """Read the ledger at ``root``; ``overrides`` maps a relative path to the text to read
    instead of the file (a new file, or an edited one that is not written yet). ``units=False``
    reads only the settings and the book. ``cache=False`` neither reads nor writes the cache
    (``--no-cache``); ``Loaded.save`` writes it."""
    loaded = Loaded(root, overrides=dict(overrides or {}), cache=Cache(root, cache), whole=units)
    loaded.config, problems = load_config(root)
    loaded.problems += problems
    if _folder(loaded, DATA) is False:  # a link or a file in place of data/: nothing is read
        return loaded
    store = loaded.cache
    assert store is not None
    if units:
        loaded.pack = store.read_pack()
    collecting = gc.isenabled()
    gc.disable()  # reading makes many objects and no cycles: the collector would only cost
    try:
        _load_book(loaded)
        loaded.context = _context(loaded)
        if units:
            _load_units(loaded)
    finally:
        if collecting:
            gc.enable()
    if len(loaded.pack) != len(loaded.entries):
        loaded.changed = True  # files the pack holds are gone
    keep(loaded)
    return loaded


def _context(loaded: Loaded) -> str | None:
    """What the checks of one unit file depend on besides the file: the book and the year."""
    book = loaded.keys.get(PROJECTS)
    if book is None or loaded.book is None or loaded.config is None:
        return None
    return f"{book}:{loaded.config.ledger.year}"


def save(loaded: Loaded, checked: dict[str, Findings]) -> None:
    """Write the pack again when this reading did not take every file from it as it was, with
    ``checked``: what the checks of each unit file found (for files not taken from it)."""
    cache = loaded.cache
    if cache is None or not cache.enabled or not loaded.whole:
        return
    if loaded.keeps_findings:
        assert loaded.context is not None
        for rel, found in checked.items():
            entry = loaded.entries.get(rel)
            if entry is not None:
                text = found.to_json(loaded.context)
                if text is not None and text != entry.checked:
                    loaded.entries[rel] = replace(entry, checked=text)
                    loaded.changed = True
    if loaded.changed:
        cache.write_pack(loaded.entries)
    loaded.pack = {}
    loaded.changed = False


def _part(loaded: Loaded, rel: str) -> Part:
    """One file's part: from the override, from the pack, or read and checked."""
    cache = loaded.cache
    assert cache is not None
    if rel in loaded.overrides:
        raw = loaded.overrides[rel].encode("utf-8")
    else:
        on_disk, problems = read_bytes(loaded.root / rel, rel)
        if on_disk is None:
            return Part(False, problems)
        raw = on_disk
    key = cache.key(_kind(rel), rel, raw)
    if rel not in loaded.overrides:
        loaded.keys[rel] = key
    packed = loaded.pack.get(rel)
    if packed is not None and packed.key == key:
        part = _from_entry(packed, rel)
        if part is not None:
            loaded.entries[rel] = packed
            _take_checked(loaded, rel, packed)
            return part
    part = read_part(rel, raw)
    entry = _entry(part, key) if cache.enabled and loaded.whole else None
    if entry is not None:
        loaded.entries[rel] = entry
        loaded.changed = True
    return part


def _entry(part: Part, key: str) -> Entry | None:
    """The pack's line for a part just read (its checks not run yet)."""
    if not part.read:
        return None  # nothing was read (not UTF-8): read again every time, reported again
    summary, model = dump(_summary_json(part)), dump(_model_json(part))
    if summary is None or model is None:
        return None
    return Entry(key, summary, b"null", model)


def _take_checked(loaded: Loaded, rel: str, entry: Entry) -> None:
    if loaded.context is None or entry.checked == b"null":
        return
    found = Findings.from_json(load_body(entry.checked), rel, loaded.context)
    if found is not None:
        loaded.checked[rel] = found


def cache_file(root: Path, rel: str, raw: bytes) -> None:
    """Put what ``raw``, just written to ``rel`` (an edit's file), reads as into the pack, if
    the pack does not hold it already."""
    cache = Cache(root)
    key = cache.key(_kind(rel), rel, raw)
    if cache.wrote(rel, key):
        return  # the edit's own check read the same bytes
    pack = cache.read_pack()
    if not pack or (rel in pack and pack[rel].key == key):
        return  # no cache, or none yet (the next reading makes it), or it holds the file
    pack.pop(rel, None)
    entry = _entry(read_part(rel, raw), key)
    if entry is not None:
        pack[rel] = entry
    cache.write_pack(pack)


def read_part(rel: str, raw: bytes) -> Part:
    """What one file's bytes read as: the one function the cache wraps."""
    text, problems = decode(raw, rel)
    if text is None:
        return Part(False, problems)
    data, more = _read_yaml(rel, text)
    problems += more
    if data is None:
        return Part(True, problems)
    locate = _Locator(text)
    if rel == PROJECTS:
        return _book_part(rel, data, problems, locate)
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
        line, column, _ = _Locator(text)((), "value")
        args = {"found": describe(data)}
        problems.append(Problem(rel, "Y007", args, line=line or 1, column=column or 1))
        return None, problems
    return (data if isinstance(data, dict) else None), problems


def _validate(
    rel: str, model: type[M], data: object, problems: list[Problem], locate: _Locator
) -> M | None:
    try:
        return share_sets(model.model_validate(data))
    except ValidationError as exc:
        problems += problems_from(exc, rel, model, locate)
        return None


_SETS: dict[tuple[type[BaseModel], frozenset[str]], set[str]] = {}


def share_sets(model: M) -> M:
    """Let models with the same fields written share one set of those names (pydantic's
    ``model_fields_set``, about 200 bytes a model, a fifth of a unit's memory). The models are
    frozen, so the set is never changed."""
    stack: list[BaseModel] = [model]
    while stack:
        m = stack.pop()
        names = m.__pydantic_fields_set__
        shared = _SETS.setdefault((type(m), frozenset(names)), names)
        if shared is not names:
            _set_attr(m, "__pydantic_fields_set__", shared)
        for key in CHILDREN.get(type(m), ()):
            stack.extend(getattr(m, key))
    return model


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


def _book_part(rel: str, data: dict[str, Any], problems: list[Problem], locate: _Locator) -> Part:
    book = _validate(rel, Book, data, problems, locate)
    if book is not None:
        return Part(True, problems, book, tuple(range(len(book.projects))))
    projects, rows = _valid_items(Project, data.get("projects"))
    title = data.get("title")
    partial = Book.model_construct(title=title if isinstance(title, str) else "", projects=projects)
    broken = frozenset(_ids(data.get("projects"), "id", rows))
    return Part(True, problems, partial, rows, broken, partial=True)


def _unit_part(rel: str, data: dict[str, Any], problems: list[Problem], locate: _Locator) -> Part:
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


def _load_book(loaded: Loaded) -> None:
    part = _part(loaded, PROJECTS)
    loaded.problems += part.problems
    loaded.files_read += part.read
    if isinstance(part.model, Book):
        loaded.book, loaded.project_rows = part.model, part.rows
        loaded.broken_projects = set(part.broken)


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
    files: list[str] = []
    for name in sorted(names):
        rel = f"{UNITS}/{name}"
        kind = unit_file_kind(name)
        if kind == "near":
            loaded.problems.append(Problem(rel, "F007", {"name": name}))
        if kind == "unit":
            files.append(rel)
    for rel in files:
        part = _part(loaded, rel)
        loaded.problems += part.problems
        loaded.files_read += part.read
        loaded.units.append(_unit_file(loaded, rel, part))
        loaded.broken_claims |= part.broken


def _unit_file(loaded: Loaded, rel: str, part: Part) -> UnitFile:
    unit = part.model if isinstance(part.model, Unit) else None
    stem = rel.rsplit("/", 1)[1][: -len(".yaml")]
    facts = part.facts
    rows = part.rows if facts is not None else ()
    again = None if part.model_json is None else _reader(loaded, rel)
    return UnitFile(rel, stem, unit, rows, facts, part.model_json, again)


def _reader(loaded: Loaded, rel: str) -> Callable[[], Unit | None]:
    """Read a unit file's models from its bytes, for an entry whose rows do not read back."""

    def again() -> Unit | None:
        raw, _ = read_bytes(loaded.root / rel, rel)
        model = read_part(rel, raw).model if raw is not None else None
        return model if isinstance(model, Unit) else None

    return again


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


def _ids(items: object, key: str, valid: tuple[int, ...]) -> set[str]:
    """The ``key`` values of the entries of a list that are not among the valid rows."""
    if not isinstance(items, list):
        return set()
    return {
        item[key]
        for i, item in enumerate(items)
        if i not in valid and isinstance(item, dict) and isinstance(item.get(key), str)
    }


# -- a part as plain data, for the cache ---------------------------------------------------------


def _summary_json(part: Part) -> dict[str, Any]:
    """What a part is, but its models: read at once from the cache."""
    facts = part.facts
    return {
        "read": part.read,
        "problems": [_problem_to_json(p) for p in part.problems],
        "rows": list(part.rows),
        "broken": sorted(part.broken),
        "partial": part.partial,
        "facts": None if facts is None else [*astuple(facts)[:3], list(facts.projects)],
    }


def _model_json(part: Part) -> Any:
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
    """A model as a JSON row: its fields' values in the model's order, dates as ISO text, the
    nested models as rows (a third smaller than a mapping, and faster to read back)."""
    names, dates, nested = _layout(type(model))
    values = model.__dict__
    row = [values[name] for name in names]
    for i in dates:
        if row[i] is not None:
            row[i] = row[i].isoformat()
    for i, _ in nested:
        row[i] = [_dump(item) for item in row[i]]
    return row


def _from_entry(entry: Entry, rel: str) -> Part | None:
    """The part a pack's entry holds, or None if it is not one this tool wrote. A unit file's
    models are left as rows, read when first needed (``UnitFile.unit``)."""
    has_model = entry.model != b"null"
    part = _from_summary(load_body(entry.summary), rel, has_model)
    if part is None or not has_model:
        return part
    if rel != PROJECTS:
        part.model_json = (b"P" if part.partial else b"U") + entry.model
        return part
    try:
        part.model = _book_from_json(load_body(entry.model), part.partial)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None
    return part if len(part.rows) == len(part.model.projects) else None


def _from_summary(body: Any, rel: str, has_model: bool) -> Part | None:
    """A part from its summary (its models aside), or None if it is not one this tool wrote."""
    try:
        rows = tuple(int(r) for r in body["rows"])
        part = Part(
            read=body["read"] is True,
            problems=[_problem_from_json(p, rel) for p in body["problems"]],
            rows=rows,
            broken=frozenset(_text(b) for b in body["broken"]),
            partial=body["partial"] is True,
        )
        facts = body["facts"]
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
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None  # ValidationError is a ValueError


def _book_from_json(dump: Any, partial: bool) -> Book:
    if not partial:
        return _build(Book, dump)
    return Book.model_construct(
        title=_text(dump["title"]), projects=[_build(Project, p) for p in dump["projects"]]
    )


def _unit_from_json(model: bytes) -> Unit | None:
    """A unit from its rows in the cache (``P``: a partial unit), or None if they are not
    what this tool writes."""
    return _unit_from_data(load_body(model[1:]), model[:1] == b"P")


def _unit_from_data(dump: Any, partial: bool) -> Unit | None:
    try:
        if not partial:
            return _build(Unit, dump)
        return Unit.model_construct(
            id=_text(dump["id"]),
            name=_text(dump["name"]),
            parent=dump["parent"] if dump["parent"] is None else _text(dump["parent"]),
            claims=[_build(Claim, c) for c in dump["claims"]],
        )
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None


_DATES: dict[type[BaseModel], frozenset[str]] = {
    ProjectMilestone: frozenset({"due"}),
    ClaimMilestone: frozenset({"due", "done"}),
    Progress: frozenset({"reported"}),
    Claim: frozenset({"deadline", "claimed"}),
}


_DAYS: dict[str, date] = {}  # one date object for each day (a ledger has a few hundred)
_set_attr = object.__setattr__
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


def _build(model: type[M], row: list[Any]) -> M:
    """A model from its cached row, without validating again what was valid when it was cached
    (the entry's checksum says it is what this tool wrote): what ``model_construct`` does, for a
    row that holds every field, with the nested models and the dates made again."""
    builder = _BUILDERS.get(model) or _builder(model)
    built: M = builder(row)
    return built


def _builder(model: type[BaseModel]) -> Callable[[Any], Any]:
    """``_build`` for one model, with where its row holds what (field names in order, dates,
    nested models) bound once: it runs for every model of a warm report."""
    names, dates, nested = _layout(model)
    size = len(names)
    fields_set = _SETS.setdefault((model, frozenset(names)), set(names))
    days, new = _DAYS, object.__new__

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
        m = new(model)
        _set_attr(m, "__dict__", dict(zip(names, row, strict=False)))  # the length is checked
        _set_attr(m, "__pydantic_fields_set__", fields_set)
        _set_attr(m, "__pydantic_extra__", None)
        _set_attr(m, "__pydantic_private__", None)
        return m

    _BUILDERS[model] = build
    return build


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _problem_to_json(p: Problem) -> list[Any]:
    return [
        p.code,
        cache_encode(dict(p.args)),
        p.line,
        p.column,
        None if p.loc is None else list(p.loc),
        p.at,
        p.severity,
    ]


_SEVERITIES = (None, "error", "warning")


def _problem_from_json(data: Any, rel: str) -> Problem:
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


@cache
def _unit_id_adapter() -> TypeAdapter[str]:
    return TypeAdapter(UnitId)  # built when first needed: a warm command never needs it


def _unit_id(value: object) -> str | None:
    try:
        return _unit_id_adapter().validate_python(value)
    except ValidationError:
        return None


__all__ = [
    "CONFIG",
    "PROJECTS",
    "UNITS",
    "Loaded",
    "Part",
    "UnitFile",
    "cache_file",
    "load",
    "read_part",
]
