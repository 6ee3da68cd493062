"""The one registry of checks, keyed by code: each check is a small named function registered
with its scope and the codes it can raise (``@rule("file", "P003")``).

The scope is data, not a list to keep in step:

- ``"file"``: the check reads one unit file with the book and the year (its claims, milestones,
  progress, its id). What it finds depends on nothing else, so it is cached with the file (see
  ``ledger.checked``) and runs only on the files whose findings the cache does not hold.
- ``"across"``: the check reads several files at once (the book's ids and lead units, parents,
  short names, coverage), on each unit file's facts; it runs every time.

A check is a pure function of ``(view, today)`` yielding problems with key paths: it never reads
files and never prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from ledger.codes import CODES
from ledger.problems import Problem

if TYPE_CHECKING:
    from ledger.rules.common import View

Scope = Literal["file", "across"]
SCOPES: tuple[Scope, ...] = ("file", "across")
Run = Callable[["View", date], Iterable[Problem]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One check: what it reads (``scope``), the codes it can raise, and the function."""

    scope: Scope
    codes: tuple[str, ...]
    run: Run

    @property
    def name(self) -> str:
        return f"{self.run.__module__}.{self.run.__name__}"


# code -> the checks that can raise it, in registration order
RULES: dict[str, list[Rule]] = {}
_ORDER: list[Rule] = []  # every check once, in registration order


def rule(scope: Scope, *codes: str) -> Callable[[Run], Run]:
    """``@rule("file", "P003")``: register the function as a check of this scope raising these
    codes (each must be in ``ledger.codes``)."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    unknown = [c for c in codes if c not in CODES]
    if unknown or not codes:
        raise ValueError(f"unknown codes {unknown!r}")

    def register(run: Run) -> Run:
        entry = Rule(scope, codes, run)
        _ORDER.append(entry)
        for code in codes:
            RULES.setdefault(code, []).append(entry)
        return run

    return register


def rules(scope: Scope | None = None) -> list[Rule]:
    """Every registered check (of one scope), in registration order."""
    return [r for r in _ORDER if scope is None or r.scope == scope]
