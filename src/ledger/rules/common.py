"""What several rule families share: walking the claims with their place in the file, and the
registry of small named checks (``@check("P003")``): ``CHECKS`` says which function raises which
code."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from ledger.calendar import Quarter
from ledger.load import Loaded
from ledger.load.ledger import UnitFile
from ledger.model import Claim, ClaimMilestone, Progress, Project, ProjectMilestone
from ledger.problems import Loc, Problem


@dataclass(frozen=True, slots=True)
class ClaimAt:
    path: str
    loc: Loc  # ("claims", row)
    claim: Claim
    project: Project | None  # None when the book has no such project
    # the project's milestones by id (empty without a project): made once per project
    book: dict[str, ProjectMilestone]


def claims(loaded: Loaded) -> Iterator[ClaimAt]:
    """Every claim of the unit files whose own checks must run (``unchecked``), with its
    place; made once per loaded ledger (the checks of one file walk them)."""
    walked = loaded.memo.get("claims")
    if walked is None:
        walked = loaded.memo["claims"] = list(_claims(loaded))
    return iter(walked)


def unchecked(loaded: Loaded) -> Iterator[UnitFile]:
    """The unit files whose own checks must run: those whose findings are not cached."""
    return (f for f in loaded.units if f.facts is not None and f.path not in loaded.checked)


def _claims(loaded: Loaded) -> Iterator[ClaimAt]:
    projects = loaded.book.projects if loaded.book is not None else []
    by_id = {p.id: p for p in projects}
    books = {pid: {pm.id: pm for pm in p.milestones} for pid, p in by_id.items()}
    none: dict[str, ProjectMilestone] = {}
    for file in unchecked(loaded):
        if file.unit is None:
            continue
        for row, claim in zip(file.claim_rows, file.unit.claims, strict=True):
            project = by_id.get(claim.project)
            book = books[claim.project] if project is not None else none
            yield ClaimAt(file.path, ("claims", row), claim, project, book)


def milestones(loaded: Loaded) -> list[tuple[ClaimAt, int, ClaimMilestone]]:
    """Every milestone of the claims to check, with its index in the claim (a problem's key
    path is made from it only when there is a problem), made once per loaded ledger."""
    walked = loaded.memo.get("milestones")
    if walked is None:
        walked = loaded.memo["milestones"] = [
            (at, j, m) for at in claims(loaded) for j, m in enumerate(at.claim.milestones)
        ]
    return walked


def progress(loaded: Loaded) -> list[tuple[ClaimAt, int, Progress, Quarter]]:
    """Every progress entry of the claims to check, with its index in the claim and its
    quarter, made once per loaded ledger."""
    walked = loaded.memo.get("progress")
    if walked is None:
        quarters: dict[str, Quarter] = {}  # a ledger names a handful of quarters
        walked = loaded.memo["progress"] = []
        for at in claims(loaded):
            for j, entry in enumerate(at.claim.progress):
                q = quarters.get(entry.quarter)
                if q is None:
                    q = quarters[entry.quarter] = Quarter.parse(entry.quarter)
                walked.append((at, j, entry, q))
    return walked


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
