"""Reading a ledger from bytes held in memory (a version of it in git) instead of from disk.

``load_files`` is ``ledger.load.load`` for a mapping of paths (relative to the ledger root) to
bytes: the same files are ledger files, each read by the same function (``_read``, from the
cache's pack when it holds those bytes, which is only read, never written), with the same problems
and positions. A path that is no regular file in that version (a link, a submodule, a folder where
a file should be) is given in ``odd`` with its kind, and is the problem it would be on disk (F008),
never read.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ledger.i18n import words
from ledger.load.cache import Cache, Pack
from ledger.load.config import CONFIG, config_of
from ledger.load.file import DATA, INSPECTIONS, PROJECTS, UNITS, Part, unit_file_kind
from ledger.load.ledger import Loaded, VisitFile, _read, _unit_file
from ledger.load.text import decode
from ledger.model import Book, Visit
from ledger.problems import Problem

Parts = dict[tuple[str, bytes], Part]
"""Readings already made, by path and bytes: two versions of a ledger share most of their files,
and a file's reading is a function of its path and bytes alone (``read_part``)."""


def load_files(
    root: Path,
    files: Mapping[str, bytes],
    odd: Mapping[str, str] | None = None,
    cache: bool = False,
    parts: Parts | None = None,
) -> Loaded:
    """The ledger whose files are ``files`` (path -> bytes); ``odd`` (path -> kind: ``link``,
    ``folder``, ``other``) names the paths that are there but are no regular files. ``cache``:
    take a file's reading from the pack at ``root`` when it holds its bytes (the pack is not
    written). ``parts``: readings to take, and to keep, by path and bytes (another version's)."""
    loaded = Loaded(root, pack=Pack(Cache(root, cache)))
    loaded.pack.read = loaded.pack.cache.read_pack()
    return _Reader(loaded, files, odd or {}, {} if parts is None else parts).read()


class _Reader:
    """One reading of files held in memory, as ``ledger.load.ledger.load`` reads a folder."""

    def __init__(
        self, loaded: Loaded, files: Mapping[str, bytes], odd: Mapping[str, str], parts: Parts
    ) -> None:
        self.loaded, self.files, self.odd, self.parts = loaded, files, odd, parts

    def read(self) -> Loaded:
        loaded = self.loaded
        raw = self._get(CONFIG)
        if raw is not None:
            text, problems = decode(raw, CONFIG)
            loaded.problems += problems
            if text is not None:
                loaded.config, problems = config_of(text)
                loaded.problems += problems
        if DATA in self.odd:
            loaded.problems.append(_not_regular(DATA, self.odd[DATA], folder=True))
            return loaded
        part = self._part(PROJECTS)
        loaded.problems += part.problems
        loaded.files_read += part.read
        if isinstance(part.model, Book):
            loaded.book, loaded.project_rows = part.model, part.rows
            loaded.broken_projects = set(part.broken)
        self._units()
        self._visits()
        return loaded

    def _get(self, rel: str) -> bytes | None:
        """The bytes of ``rel``, or None and its problem (F001, F008)."""
        if rel in self.odd:
            self.loaded.problems.append(_not_regular(rel, self.odd[rel]))
            return None
        raw = self.files.get(rel)
        if raw is None:
            self.loaded.problems.append(Problem(rel, "F001"))
        return raw

    def _part(self, rel: str) -> Part:
        if rel in self.odd:
            return Part(False, [_not_regular(rel, self.odd[rel])])
        raw = self.files.get(rel)
        if raw is None:
            if any(f.startswith(f"{rel}/") for f in (*self.files, *self.odd)):
                return Part(False, [_not_regular(rel, "folder")])  # files under it: a folder
            return Part(False, [Problem(rel, "F001")])
        known = self.parts.get((rel, raw))
        if known is not None:
            self.loaded.sources[rel] = raw  # where its problems are placed
            return known
        part = self.parts[(rel, raw)] = _read(self.loaded, rel, raw)
        return part

    def _names(self, folder: str) -> list[str]:
        """The names directly in ``folder``: files, odd entries and the folders holding files."""
        start = f"{folder}/"
        paths = (*self.files, *self.odd)
        return sorted({p[len(start) :].split("/", 1)[0] for p in paths if p.startswith(start)})

    def _listed(self, folder: str, near: str) -> list[str]:
        """The ledger files of ``folder`` by name, as ``ledger.load.ledger._files`` lists them
        on disk, a name nearly one warned of with ``near``."""
        out = []
        for name in self._names(folder):
            rel = f"{folder}/{name}"
            what = unit_file_kind(name)
            if what == "near":
                self.loaded.problems.append(Problem(rel, near, {"name": name}))
            if what == "unit":
                out.append(rel)
        return out

    def _units(self) -> None:
        loaded = self.loaded
        if UNITS in self.odd:
            loaded.problems.append(_not_regular(UNITS, self.odd[UNITS], folder=True))
            return
        if not self._names(UNITS):
            loaded.problems.append(Problem(UNITS, "F006"))
            return
        for rel in self._listed(UNITS, "F007"):
            part = self._part(rel)
            loaded.problems += part.problems
            loaded.files_read += part.read
            loaded.units.append(_unit_file(loaded, rel, part))
            loaded.broken_claims |= part.broken

    def _visits(self) -> None:
        loaded = self.loaded
        if INSPECTIONS in self.odd:
            loaded.problems.append(_not_regular(INSPECTIONS, self.odd[INSPECTIONS], folder=True))
            return
        for rel in self._listed(INSPECTIONS, "V013"):
            part = self._part(rel)
            loaded.problems += part.problems
            loaded.files_read += part.read
            visit = part.model if isinstance(part.model, Visit) else None
            rows = part.rows if visit is not None else ()
            stem = rel[len(INSPECTIONS) + 1 : -len(".yaml")]
            loaded.visits.append(VisitFile(rel, stem, visit, rows))


def _not_regular(rel: str, kind: str, folder: bool = False) -> Problem:
    expected = "folder" if folder else "file"
    args = {"found": words(f"kind.a_{kind}"), "expected": words(f"kind.{expected}")}
    return Problem(rel, "F008", args)
