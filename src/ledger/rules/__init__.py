"""The checks that need more than one value or more than one file (contract section 6).

One module per family; each yields problems with a key path, never reads files, never prints.
Inside a family, each check is a small named function tagged with the codes it raises
(``@check("P003")`` in ``rules.common``); the list ``rules.common.CHECKS`` says which function
raises which code.

Two registries, run in order:

- ``ALONE``: the checks of one unit file with the book and the year (its claims, milestones,
  progress, its id). What they find is cached with the file (``ledger.load.cache``) for that
  book and year, so they run only on the files whose findings are not cached. They run as of
  the earliest day, ``EARLIEST``: a problem that only says something is dated after the day T
  (D002, D003, D004; ``AFTER`` says which date) is then found for every date, and ``as_of``
  keeps those still after T. Every other finding does not depend on T.
- ``ACROSS``: the checks across files (parents, lead units, short names, coverage), run every
  time, on each unit file's facts (``ledger.load.ledger.Facts``), without its models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date

from ledger.asof import Quarter
from ledger.load import Loaded
from ledger.load.ledger import Findings
from ledger.problems import Problem
from ledger.rules import claims, coverage, names, progress, references
from ledger.rules.common import unchecked

Rule = Callable[[Loaded, date], Iterable[Problem]]

ALONE: list[Rule] = [references.alone, claims.check, progress.check]
ACROSS: list[Rule] = [references.check, names.check, coverage.check]
EARLIEST = date.min

# For each problem that only says something is dated after T: that date (the problem holds as
# of T exactly when the date is after T).
AFTER: dict[str, Callable[[Mapping[str, object]], date]] = {
    "D002": lambda args: args["date"],  # type: ignore[dict-item,return-value]
    "D003": lambda args: args["date"],  # type: ignore[dict-item,return-value]
    "D004": lambda args: Quarter.parse(str(args["quarter"])).start,
}


def run(loaded: Loaded, today: date) -> list[Problem]:
    """Every problem the rules find as of ``today``; nothing when the settings could not be
    read. What the checks of each unit file found is left in ``found(loaded)`` for the
    cache."""
    if loaded.config is None:
        return []
    across = [p for rule in ACROSS for p in rule(loaded, today)]
    fresh = {f.path: Findings(f.path, []) for f in unchecked(loaded)}
    elsewhere: list[Problem] = []  # the book's own (not cached: one file, read every time)
    for p in loaded.resolve([p for rule in ALONE for p in rule(loaded, EARLIEST)]):
        findings = fresh.get(p.path)
        if findings is None:
            elsewhere.append(p)
        elif p.code in AFTER:
            if findings.later is None:
                findings.later = []
            findings.later.append(p)
            day = AFTER[p.code](p.args)
            findings.latest = day if findings.latest is None else max(findings.latest, day)
        else:
            findings.found.append(p)
    loaded.memo["found"] = fresh
    alone = [p for f in (*loaded.checked.values(), *fresh.values()) for p in f.found]
    later = [p for f in (*loaded.checked.values(), *fresh.values()) for p in f.after(today)]
    return across + alone + as_of(elsewhere + later, today)


def found(loaded: Loaded) -> dict[str, Findings]:
    """What the checks of each unit file found in the last ``run``, for the files whose
    findings were not cached."""
    result: dict[str, Findings] = loaded.memo.get("found", {})
    return result


def as_of(found: list[Problem], today: date) -> list[Problem]:
    """What the checks found as of ``EARLIEST``, as of ``today``."""
    out = []
    for p in found:
        after = AFTER.get(p.code)
        if after is None:
            out.append(p)
        elif after(p.args) > today:
            out.append(replace(p, args={**p.args, "today": today}))
    return out
