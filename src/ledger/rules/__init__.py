"""The checks that need more than one value or more than one file (contract section 6).

One module per family; each check is a small named function registered with its scope and the
codes it raises (``@rule("file", "P003")``, ``ledger.rules.registry``): ``RULES`` maps each code
to the checks that raise it. A check reads a ``View`` (``ledger.rules.common``) and T, yields
problems with a key path, never reads files, never prints.

``run(loaded, today, scope)`` runs the checks of a scope; which files the checks of one file
run on, and what of theirs is cached, is decided above (``ledger.checked``).
"""

from __future__ import annotations

from datetime import date

from ledger.calendar import Quarter
from ledger.load import Loaded, UnitFile
from ledger.model import Unit
from ledger.problems import Problem
from ledger.rules import claims, coverage, names, progress, references, visits
from ledger.rules.common import View
from ledger.rules.registry import RULES, Rule, Scope, rules

# imported: their checks registered
FAMILIES = (references, claims, progress, names, coverage, visits)


def run(
    loaded: Loaded, today: date, scope: Scope | None = None, files: list[UnitFile] | None = None
) -> list[Problem]:
    """Every problem the checks (of ``scope``) find as of ``today``; the checks of one file on
    ``files`` (default: every unit file). Nothing when the settings could not be read."""
    if loaded.config is None:
        return []
    view = View(loaded, files)
    return [p for r in rules(scope) for p in r.run(view, today)]


def days(unit: Unit) -> set[date]:
    """The dates the checks of one file compare with T (``done`` after T: D002, ``reported``
    after T: D003, a quarter begun after T: D004): what they find as of T holds for every T
    between the latest of these on or before T and the first after."""
    found: set[date] = set()
    for claim in unit.claims:
        found.update(m.done for m in claim.milestones if m.done is not None)
        for entry in claim.progress:
            found.add(entry.reported)
            found.add(Quarter.parse(entry.quarter).start)
    return found


__all__ = ["RULES", "Rule", "Scope", "View", "days", "rules", "run"]
