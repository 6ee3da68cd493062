"""What several rule families share: walking the claims with their place in the file, and the
registry of small named checks (``@check("P003")``): ``CHECKS`` says which function raises which
code."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from ledger.load import Loaded
from ledger.model import Claim, Project
from ledger.problems import Loc, Problem


@dataclass(frozen=True, slots=True)
class ClaimAt:
    path: str
    loc: Loc  # ("claims", row)
    claim: Claim
    project: Project | None  # None when the book has no such project


def claims(loaded: Loaded) -> Iterator[ClaimAt]:
    """Every claim of the ledger with its place; made once per loaded ledger (four rule
    families walk them)."""
    walked = loaded.memo.get("claims")
    if walked is None:
        walked = loaded.memo["claims"] = list(_claims(loaded))
    return iter(walked)


def _claims(loaded: Loaded) -> Iterator[ClaimAt]:
    projects = loaded.book.projects if loaded.book is not None else []
    by_id = {p.id: p for p in projects}
    for file in loaded.units:
        if file.unit is None:
            continue
        for row, claim in zip(file.claim_rows, file.unit.claims, strict=True):
            yield ClaimAt(file.path, ("claims", row), claim, by_id.get(claim.project))


def in_year(day: date, year: int, late: bool = False) -> bool:
    """Within the ledger year; ``late`` admits the following year (done and reported dates)."""
    return day.year == year or (late and day.year == year + 1)


# -- the registry of named checks ---------------------------------------------------------------

Check = Callable[[Loaded, date], Iterable[Problem]]


@dataclass(frozen=True, slots=True)
class Tagged:
    """One small check and the codes it can raise: ``CHECKS`` lists them all, so where a code
    is raised is found by reading the registry, not by searching."""

    codes: tuple[str, ...]
    run: Check

    @property
    def name(self) -> str:
        return f"{self.run.__module__}.{self.run.__name__}"


CHECKS: list[Tagged] = []


def check(*codes: str) -> Callable[[Check], Check]:
    """``@check("P003")``: register the function as the check that raises these codes."""

    def register(run: Check) -> Check:
        CHECKS.append(Tagged(codes, run))
        return run

    return register


def run_module(module: str, loaded: Loaded, today: date) -> Iterator[Problem]:
    """Every problem of the checks registered by ``module`` (in registration order)."""
    for tagged in CHECKS:
        if tagged.run.__module__ == module:
            yield from tagged.run(loaded, today)
