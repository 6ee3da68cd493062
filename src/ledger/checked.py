"""The checks of one file, cached with the file: the one function the findings cache wraps,
from outside the loader.

What the checks of one unit file find (``rules`` of scope ``"file"``) depends on the file, the
book and the year (the *context*: their keys), and on T only through the dates ``rules.days``
lists, so it holds for every T between the latest of them on or before T and the first after.
It is kept in the file's pack entry (``checked``) with that context and those days; a file whose
findings hold for T is not checked again. Problems are kept placed (with their lines): placing
one costs as much as reading its file, done once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ledger import rules
from ledger.load import PROJECTS, Loaded
from ledger.load.cache import BROKEN, dump, load_body
from ledger.load.rows import problem_from_json, problem_to_json
from ledger.problems import Problem


@dataclass
class Findings:
    """What the checks of one unit file found as of a day, and the days it holds for: from
    ``since`` up to, not including, ``until`` (None: ever after). A problem that says something
    is after the day names the day (``today``): taken for another day, it names that one."""

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
        found = [problem_to_json(p) for p in self.found]
        return dump([context, found, self.since.isoformat(), until])

    @classmethod
    def from_json(cls, data: Any, path: str, context: str) -> Findings | None:
        try:
            written, found, since, until = data
            if written != context:
                return None
            return cls(
                path,
                [problem_from_json(p, path) for p in found],
                date.fromisoformat(since),
                None if until is None else date.fromisoformat(until),
            )
        except BROKEN:
            return None  # not what this tool writes: the file's checks run again


@dataclass(frozen=True)
class Checked:
    """What the checks of each unit file found as of T: the problems (placed), and the files
    whose checks ran this time (the others' findings came from the cache)."""

    problems: list[Problem]
    ran: list[str]


def context(loaded: Loaded) -> str | None:
    """What the checks of one unit file depend on besides the file: the book and the year."""
    book = loaded.pack.keys.get(PROJECTS)
    if book is None or loaded.book is None or loaded.config is None:
        return None
    return f"{book}:{loaded.config.ledger.year}"


def file_checks(loaded: Loaded, today: date) -> Checked:
    """The problems the checks of one file find in each unit file as of ``today``: from the
    file's cached findings where they hold, else checked now (and kept for the pack)."""
    if loaded.config is None:
        return Checked([], [])
    where = context(loaded)
    taken: list[Problem] = []
    todo = []
    for file in loaded.units:
        if file.facts is None:
            continue
        held = _cached(loaded, file.path, where, today)
        if held is None:
            todo.append(file)
        else:
            taken += held.as_of(today)
    fresh = {f.path: Findings(f.path, []) for f in todo}
    for p in loaded.resolve(rules.run(loaded, today, "file", todo)):
        fresh[p.path].found.append(p)
    if where is not None and loaded.pack.enabled:
        for file in todo:
            findings = fresh[file.path]
            if file.unit is not None:
                findings.bound(rules.days(file.unit), today)
            text = findings.to_json(where)
            if text is not None:
                loaded.pack.note(file.path, text)
    return Checked(taken + [p for f in fresh.values() for p in f.found], [f.path for f in todo])


def _cached(loaded: Loaded, rel: str, where: str | None, today: date) -> Findings | None:
    entry = loaded.pack.entries.get(rel)
    if where is None or entry is None or entry.checked == b"null":
        return None
    found = Findings.from_json(load_body(entry.checked), rel, where)
    return found if found is not None and found.holds(today) else None
