"""What several rule families share: walking the claims with their place in the file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ledger.load import Loaded
from ledger.model import Claim, Project
from ledger.problems import Loc


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
