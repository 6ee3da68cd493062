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


def load_files(
    root: Path,
    files: Mapping[str, bytes],
    odd: Mapping[str, str] | None = None,
    cache: bool = False,
) -> Loaded:
    """The ledger whose files are ``files`` (path -> bytes); ``odd`` (path -> kind: ``link``,
    ``folder``, ``other``) names the paths that are there but are no regular files. ``cache``:
    take a file's reading from the pack at ``root`` when it holds its bytes (the pack is not
    written)."""
    odd = odd or {}
    pack = Pack(Cache(root, cache))
    loaded = Loaded(root, pack=pack)
    loaded.pack.read = loaded.pack.cache.read_pack()
    raw = _get(loaded, files, odd, CONFIG)
    if raw is not None:
        text, problems = decode(raw, CONFIG)
        loaded.problems += problems
        if text is not None:
            loaded.config, problems = config_of(text)
            loaded.problems += problems
    if DATA in odd:
        loaded.problems.append(_not_regular(DATA, odd[DATA], folder=True))
        return loaded
    part = _part(loaded, files, odd, PROJECTS)
    loaded.problems += part.problems
    loaded.files_read += part.read
    if isinstance(part.model, Book):
        loaded.book, loaded.project_rows = part.model, part.rows
        loaded.broken_projects = set(part.broken)
    _units(loaded, files, odd)
    _visits(loaded, files, odd)
    return loaded


def _get(
    loaded: Loaded, files: Mapping[str, bytes], odd: Mapping[str, str], rel: str
) -> bytes | None:
    """The bytes of ``rel``, or None and its problem (F001, F008)."""
    if rel in odd:
        loaded.problems.append(_not_regular(rel, odd[rel]))
        return None
    raw = files.get(rel)
    if raw is None:
        loaded.problems.append(Problem(rel, "F001"))
    return raw


def _part(loaded: Loaded, files: Mapping[str, bytes], odd: Mapping[str, str], rel: str) -> Part:
    if rel in odd:
        return Part(False, [_not_regular(rel, odd[rel])])
    raw = files.get(rel)
    if raw is None:
        return Part(False, [Problem(rel, "F001")])
    return _read(loaded, rel, raw)


def _not_regular(rel: str, kind: str, folder: bool = False) -> Problem:
    expected = "folder" if folder else "file"
    args = {"found": words(f"kind.a_{kind}"), "expected": words(f"kind.{expected}")}
    return Problem(rel, "F008", args)


def _names(files: Mapping[str, bytes], odd: Mapping[str, str], folder: str) -> list[str]:
    """The names directly in ``folder``: files, odd entries and the folders holding files."""
    start = f"{folder}/"
    names = {rel[len(start) :].split("/", 1)[0] for rel in (*files, *odd) if rel.startswith(start)}
    return sorted(names)


def _listed(
    loaded: Loaded, files: Mapping[str, bytes], odd: Mapping[str, str], folder: str, near: str
) -> list[str]:
    """The ledger files of ``folder`` by name, as ``ledger.load.ledger._files`` lists them on
    disk; a folder in place of one is F008, a name nearly one warned of with ``near``."""
    out = []
    for name in _names(files, odd, folder):
        rel = f"{folder}/{name}"
        what = unit_file_kind(name)
        if what == "near":
            loaded.problems.append(Problem(rel, near, {"name": name}))
        if what == "unit":
            out.append(rel)
    return out


def _part_of(loaded: Loaded, files: Mapping[str, bytes], odd: Mapping[str, str], rel: str) -> Part:
    if rel not in files and rel not in odd:  # only files under it: a folder of that name
        return Part(False, [_not_regular(rel, "folder")])
    return _part(loaded, files, odd, rel)


def _units(loaded: Loaded, files: Mapping[str, bytes], odd: Mapping[str, str]) -> None:
    if UNITS in odd:
        loaded.problems.append(_not_regular(UNITS, odd[UNITS], folder=True))
        return
    listed = _listed(loaded, files, odd, UNITS, "F007")
    if not listed and not _names(files, odd, UNITS):
        loaded.problems.append(Problem(UNITS, "F006"))
        return
    for rel in listed:
        part = _part_of(loaded, files, odd, rel)
        loaded.problems += part.problems
        loaded.files_read += part.read
        loaded.units.append(_unit_file(loaded, rel, part))
        loaded.broken_claims |= part.broken


def _visits(loaded: Loaded, files: Mapping[str, bytes], odd: Mapping[str, str]) -> None:
    if INSPECTIONS in odd:
        loaded.problems.append(_not_regular(INSPECTIONS, odd[INSPECTIONS], folder=True))
        return
    for rel in _listed(loaded, files, odd, INSPECTIONS, "V013"):
        part = _part_of(loaded, files, odd, rel)
        loaded.problems += part.problems
        loaded.files_read += part.read
        visit = part.model if isinstance(part.model, Visit) else None
        rows = part.rows if visit is not None else ()
        loaded.visits.append(VisitFile(rel, rel[len(INSPECTIONS) + 1 : -len(".yaml")], visit, rows))
