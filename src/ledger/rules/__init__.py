"""The checks that need more than one value or more than one file (contract section 6).

One module per family; each yields problems with a key path, never reads files, never prints.
Inside a family, each check is a small named function tagged with the codes it raises
(``@check("P003")`` in ``rules.common``); the list ``rules.common.CHECKS`` says which function
raises which code.

Two registries:

- ``ALONE``: the checks of one unit file with the book and the year (its claims, milestones,
  progress, its id). What they find is cached with the file (``ledger.load.cache``) for that
  book and year, with the days it holds for: it depends on T only through the dates that
  ``days`` lists (``done``, ``reported``, the start of each reported quarter), so it holds for
  every T between the latest of them on or before T and the first after. A file whose findings
  are cached for T is not checked again.
- ``ACROSS``: the checks across files (parents, lead units, short names, coverage), run every
  time, on each unit file's facts (``ledger.load.ledger.Facts``), without its models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from ledger.asof import Quarter
from ledger.load import Loaded
from ledger.load.ledger import Findings
from ledger.model import Unit
from ledger.problems import Problem
from ledger.rules import claims, coverage, names, progress, references
from ledger.rules.common import unchecked

Rule = Callable[[Loaded, date], Iterable[Problem]]

ALONE: list[Rule] = [references.alone, claims.check, progress.check]
ACROSS: list[Rule] = [references.check, names.check, coverage.check]


def days(unit: Unit) -> set[date]:
    """The dates the checks of one file compare with T (``done`` after T: D002, ``reported``
    after T: D003, a quarter begun after T: D004)."""
    found: set[date] = set()
    for claim in unit.claims:
        found.update(m.done for m in claim.milestones if m.done is not None)
        for entry in claim.progress:
            found.add(entry.reported)
            found.add(Quarter.parse(entry.quarter).start)
    return found


def run(loaded: Loaded, today: date) -> list[Problem]:
    """Every problem the rules find as of ``today``; nothing when the settings could not be
    read. What the checks of each unit file found is left in ``found(loaded)`` for the
    cache."""
    if loaded.config is None:
        return []
    for path, cached in list(loaded.checked.items()):
        if not cached.holds(today):
            del loaded.checked[path]  # found for other days: its checks run again
    across = [p for rule in ACROSS for p in rule(loaded, today)]
    elsewhere: list[Problem] = []  # the book's (one file, read every time: not cached)
    fresh = _check(loaded, today, elsewhere)
    loaded.memo["found"] = fresh
    taken = [p for f in loaded.checked.values() for p in f.as_of(today)]
    return across + elsewhere + [p for f in fresh.values() for p in f.found] + taken


def _check(loaded: Loaded, today: date, elsewhere: list[Problem] | None) -> dict[str, Findings]:
    """What the checks of one file find in each unit file not checked yet (``unchecked``); what
    they find in other files goes to ``elsewhere``, or nowhere."""
    fresh = {f.path: Findings(f.path, []) for f in unchecked(loaded)}
    found = [p for rule in ALONE for p in rule(loaded, today)]
    if elsewhere is None:
        found = [p for p in found if p.path in fresh]
    # placed now, as the cache keeps them with their lines (composing a file to place a problem
    # costs as much as reading it)
    for p in loaded.resolve(found):
        findings = fresh.get(p.path)
        if findings is not None:
            findings.found.append(p)
        elif elsewhere is not None:
            elsewhere.append(p)
    if loaded.keeps_findings:
        for file in unchecked(loaded):
            if file.unit is not None:
                fresh[file.path].bound(days(file.unit), today)
    return fresh


def found(loaded: Loaded) -> dict[str, Findings]:
    """What the checks of each unit file found in the last ``run``, for the files whose
    findings were not cached."""
    result: dict[str, Findings] = loaded.memo.get("found", {})
    return result
