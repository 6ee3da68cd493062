"""Reading a whole ledger: settings, the book and every unit file, with every problem found.

``load`` never stops at the first problem: a file that cannot be read or parsed is reported and
the rest is still read (each file by ``ledger.load.file.read_part``, or from the cache's pack
when its bytes are the ones the pack holds: ``ledger.load.rows``).

Positions travel with the data: the parser's own problems carry their line and column; problems
found later carry a key path (``loc``), and ``Loaded.resolve`` places them in the text of the
file as this reading read it (``sources``), composing a file's node tree only when it has a
problem. Nothing is read from disk again.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ledger.load.cache import Cache, Pack
from ledger.load.config import CONFIG, load_config
from ledger.load.file import (
    DATA,
    INSPECTIONS,
    PROJECTS,
    UNITS,
    Facts,
    Locator,
    Part,
    Place,
    kind,
    read_part,
    unit_file_kind,
)
from ledger.load.rows import entry_of, from_entry, unit_from_json
from ledger.load.text import decode, not_regular, read_bytes
from ledger.model import Book, Config, Ledger, Unit, Visit
from ledger.problems import At, Loc, Problem


class UnitFile:
    """A unit file as read: its facts at once, its models (``unit``) when first asked for (a
    warm ``validate`` never builds them: the checks of each file are cached too)."""

    __slots__ = (
        "_again",
        "_model",
        "_unit",
        "broken",
        "claim_rows",
        "facts",
        "path",
        "read",
        "stem",
    )

    def __init__(
        self,
        path: str,  # data/units/<stem>.yaml
        stem: str,
        unit: Unit | None,  # None when the file could not be read at all
        claim_rows: tuple[int, ...] = (),  # the index in the file of each of unit.claims
        facts: Facts | None = None,  # None exactly when ``unit`` is
        model: bytes | None = None,  # the unit's rows, from the cache, when not built yet
        again: Callable[[], Unit | None] | None = None,  # read its bytes again, if those fail
        read: bool = True,  # its text could be decoded
        broken: frozenset[str] = frozenset(),  # the projects of its claims that failed
    ) -> None:
        self.path, self.stem, self.claim_rows = path, stem, claim_rows
        self.read, self.broken = read, broken
        self.facts = facts if facts is not None or unit is None else Facts.of(unit)
        self._unit, self._model, self._again = unit, model, again

    @property
    def unit(self) -> Unit | None:
        if self._model is not None:
            model, self._model = self._model, None
            self._unit = unit_from_json(model)
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


@dataclass(frozen=True, slots=True)
class VisitFile:
    """A visit file as read: its model (with the findings that are right on their own, when some
    are not), or None when it could not be read or the visit's own keys are wrong (its problems
    then say why, and the checks across files pass it by)."""

    path: str  # data/inspections/<stem>.yaml
    stem: str
    visit: Visit | None
    finding_rows: tuple[int, ...] = ()  # the index in the file of each of visit.findings
    read: bool = True  # its text could be read


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
    visits: list[VisitFile] = field(default_factory=list)  # by path; none without the folder
    problems: list[Problem] = field(default_factory=list)
    files_read: int = 0  # the YAML files whose text could be read
    # the bytes of each YAML file as this reading read them: problems are placed in them
    sources: dict[str, bytes] = field(default_factory=dict)
    pack: Pack = field(default_factory=lambda: Pack(Cache(Path("."), enabled=False)))
    _locators: dict[str, Locator | None] = field(default_factory=dict)

    def ledger(self) -> Ledger:
        """The ledger as loaded; only meaningful when ``problems`` holds no error."""
        assert self.config is not None and self.book is not None
        units = {u.unit.id: u.unit for u in sorted(self.units, key=_by_id) if u.unit is not None}
        visits = {v.visit.id: v.visit for v in self.visits if v.visit is not None}
        return Ledger(self.root, self.config, self.book, units, dict(sorted(visits.items())))

    def text(self, path: str) -> str | None:
        """The text of a file as this reading read it (None if it could not be decoded)."""
        raw = self.sources.get(path)
        return None if raw is None else decode(raw, path)[0]

    def locate(self, path: str, loc: Loc, at: At) -> Place:
        """Where a key path sits in a file read: line, column and the scalar's text."""
        if path not in self._locators:
            text = self.text(path)
            self._locators[path] = None if text is None else Locator(text)
        locator = self._locators[path]
        return (None, None, None) if locator is None else locator(loc, at)

    def resolve(self, problems: list[Problem]) -> list[Problem]:
        """Give every problem that has a key path its line and column."""
        out = []
        for p in problems:
            if p.loc is not None and p.line is None:
                line, column, _ = self.locate(p.path, p.loc, p.at)
                p = replace(p, line=line, column=column, loc=None)
            out.append(p)
        return out

    def with_files(self, raws: dict[str, bytes]) -> Loaded:
        """This reading with the unit and visit files of ``raws`` (path -> bytes) in place of
        those read (or added): an edit's new texts, checked as they will be written. Only those
        files are read; this reading is left as it was."""
        new = replace(
            self,
            problems=[p for p in self.problems if p.path not in raws],
            units=[u for u in self.units if u.path not in raws],
            visits=[v for v in self.visits if v.path not in raws],
            sources=dict(self.sources),
            pack=self.pack.copy(),
            _locators={k: v for k, v in self._locators.items() if k not in raws},
        )
        new.files_read -= sum(u.read for u in self.units if u.path in raws)
        new.files_read -= sum(v.read for v in self.visits if v.path in raws)
        for rel, raw in raws.items():
            folder, _, name = rel.rpartition("/")
            assert folder in (UNITS, INSPECTIONS) and unit_file_kind(name) == "unit", rel
            part = _read(new, rel, raw)
            new.problems += part.problems
            new.files_read += part.read
            if folder == UNITS:
                new.units.append(_unit_file(new, rel, part))
            else:
                new.visits.append(_visit_file(rel, part))
        new.units.sort(key=lambda u: u.path)
        new.visits.sort(key=lambda v: v.path)
        new.broken_claims = {p for u in new.units for p in u.broken}
        return new


def _by_id(u: UnitFile) -> str:
    return u.unit.id if u.unit is not None else u.stem


def load(root: Path, cache: bool = True) -> Loaded:
    """Read the ledger at ``root``. ``cache=False`` neither reads nor writes the cache
    (``--no-cache``); ``Loaded.pack.save`` writes it. An edit's new bytes stand in for a file with
    ``Loaded.with_files``."""
    loaded = Loaded(root, pack=Pack(Cache(root, cache)))
    loaded.config, problems = load_config(root)
    loaded.problems += problems
    if _folder(loaded, DATA) is False:  # a link or a file in place of data/: nothing is read
        return loaded
    loaded.pack.read = loaded.pack.cache.read_pack()
    collecting = gc.isenabled()
    gc.disable()  # reading makes many objects and no cycles: the collector would only cost
    try:
        _load_book(loaded)
        _load_units(loaded)
        _load_visits(loaded)
    finally:
        if collecting:
            gc.enable()
    return loaded


def _part(loaded: Loaded, rel: str) -> Part:
    """One file's part: from the pack, or read."""
    raw, problems = read_bytes(loaded.root / rel, rel)
    if raw is None:
        return Part(False, problems)
    return _read(loaded, rel, raw)


def _read(loaded: Loaded, rel: str, raw: bytes) -> Part:
    """What ``raw``, the bytes of ``rel``, read as: from the pack when it holds them, else read
    (and kept for the next pack)."""
    loaded.sources[rel] = raw
    pack = loaded.pack
    key = pack.key(kind(rel), rel, raw)
    packed = pack.take(rel, key)
    if packed is not None:
        part = from_entry(packed, rel)
        if part is not None:
            pack.keep(rel, packed, False)
            return part
    part = read_part(rel, raw)
    entry = entry_of(part, key) if key is not None else None
    if entry is not None:
        pack.keep(rel, entry, True)
    return part


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
    real = _folder(loaded, UNITS)
    if real is False:
        return
    if real is None:
        loaded.problems.append(Problem(UNITS, "F006"))
        return
    for rel in _files(loaded, UNITS, "F007"):
        part = _part(loaded, rel)
        loaded.problems += part.problems
        loaded.files_read += part.read
        loaded.units.append(_unit_file(loaded, rel, part))
        loaded.broken_claims |= part.broken


def _files(loaded: Loaded, folder: str, near: str) -> list[str]:
    """The ledger files of ``folder`` by name (dot-files skipped), a name that is nearly one
    warned of with ``near``; a folder that cannot be listed is F002 and gives none."""
    try:
        names = sorted(os.listdir(loaded.root / folder))
    except OSError as exc:
        loaded.problems.append(Problem(folder, "F002", {"reason": exc.strerror or str(exc)}))
        return []
    files = []
    for name in names:
        rel = f"{folder}/{name}"
        what = unit_file_kind(name)
        if what == "near":
            loaded.problems.append(Problem(rel, near, {"name": name}))
        if what == "unit":
            files.append(rel)
    return files


def _load_visits(loaded: Loaded) -> None:
    """The visit files, read as unit files are (dot-files skipped, near names warned of: V013,
    links and pipes refused); no folder, no visits: such a ledger means what it meant in v2."""
    if not _folder(loaded, INSPECTIONS):
        return
    for rel in _files(loaded, INSPECTIONS, "V013"):
        part = _part(loaded, rel)
        loaded.problems += part.problems
        loaded.files_read += part.read
        loaded.visits.append(_visit_file(rel, part))


def _visit_file(rel: str, part: Part) -> VisitFile:
    visit = part.model if isinstance(part.model, Visit) else None
    rows = part.rows if visit is not None else ()
    stem = rel[len(INSPECTIONS) + 1 : -len(".yaml")]
    return VisitFile(rel, stem, visit, rows, part.read)


def _unit_file(loaded: Loaded, rel: str, part: Part) -> UnitFile:
    unit = part.model if isinstance(part.model, Unit) else None
    stem = rel.rsplit("/", 1)[1][: -len(".yaml")]
    facts = part.facts
    rows = part.rows if facts is not None else ()
    again = None if part.model_json is None else _reader(loaded.sources[rel], rel)
    return UnitFile(rel, stem, unit, rows, facts, part.model_json, again, part.read, part.broken)


def _reader(raw: bytes, rel: str) -> Callable[[], Unit | None]:
    """Read a unit file's models from its bytes, for an entry whose rows do not read back."""

    def again() -> Unit | None:
        model = read_part(rel, raw).model
        return model if isinstance(model, Unit) else None

    return again


__all__ = [
    "CONFIG",
    "INSPECTIONS",
    "PROJECTS",
    "UNITS",
    "Loaded",
    "Part",
    "UnitFile",
    "VisitFile",
    "load",
]
