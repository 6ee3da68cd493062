"""The checks that need more than one value or more than one file (contract section 6).

One module per family; each yields problems with a key path, never reads files, never prints.
``RULES`` is the registry the validator runs, in order. Inside a family, each check is a small
named function tagged with the codes it raises (``@check("P003")`` in ``rules.common``); the
list ``rules.common.CHECKS`` says which function raises which code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from ledger.load import Loaded
from ledger.problems import Problem
from ledger.rules import claims, coverage, names, progress, references

Rule = Callable[[Loaded, date], Iterable[Problem]]

RULES: list[Rule] = [
    references.check,
    names.check,
    claims.check,
    progress.check,
    coverage.check,
]


def run(loaded: Loaded, today: date) -> list[Problem]:
    """Every problem the rules find; nothing when the settings could not be read."""
    if loaded.config is None:
        return []
    return [p for rule in RULES for p in rule(loaded, today)]
