"""What the rule families share: the view a check reads (``View``), walking the claims of the
files it checks with their place in the file, and ``in_year``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from ledger.calendar import Quarter
from ledger.load import Loaded, UnitFile
from ledger.model import Book, Claim, ClaimMilestone, Progress, Project, ProjectMilestone
from ledger.problems import At, Loc


@dataclass(frozen=True, slots=True)
class ClaimAt:
    path: str
    loc: Loc  # ("claims", row)
    claim: Claim
    project: Project | None  # None when the book has no such project
    # the project's milestones by id (empty without a project): made once per project
    book: dict[str, ProjectMilestone]


class View:
    """What a check reads: the ledger as loaded (the book, the year, every unit file's facts,
    where a key path sits in a file) and ``files``, the unit files it checks (a check of one
    file: those whose findings are not cached; a check across files: all of them). The walks
    of the claims are made once per view, when a check first asks."""

    def __init__(self, loaded: Loaded, files: list[UnitFile] | None = None) -> None:
        assert loaded.config is not None, "the rules run only on a ledger with its settings"
        self.loaded = loaded
        self.year: int = loaded.config.ledger.year
        self.book: Book | None = loaded.book
        self.units = loaded.units
        chosen = loaded.units if files is None else files
        self.files = [f for f in chosen if f.facts is not None]

    @property
    def project_rows(self) -> tuple[int, ...]:
        return self.loaded.project_rows

    @property
    def broken_projects(self) -> set[str]:
        return self.loaded.broken_projects

    @property
    def broken_claims(self) -> set[str]:
        return self.loaded.broken_claims

    def locate(self, path: str, loc: Loc, at: At) -> tuple[int | None, int | None, str | None]:
        return self.loaded.locate(path, loc, at)

    @cached_property
    def claims(self) -> list[ClaimAt]:
        """Every claim of the files checked, with its place."""
        projects = self.book.projects if self.book is not None else []
        by_id = {p.id: p for p in projects}
        books = {pid: {pm.id: pm for pm in p.milestones} for pid, p in by_id.items()}
        none: dict[str, ProjectMilestone] = {}
        walked = []
        for file in self.files:
            if file.unit is None:
                continue
            for row, claim in zip(file.claim_rows, file.unit.claims, strict=True):
                project = by_id.get(claim.project)
                book = books[claim.project] if project is not None else none
                walked.append(ClaimAt(file.path, ("claims", row), claim, project, book))
        return walked

    @cached_property
    def milestones(self) -> list[tuple[ClaimAt, int, ClaimMilestone]]:
        """Every milestone of the claims checked, with its index in the claim (a problem's key
        path is made from it only when there is a problem)."""
        return [(at, j, m) for at in self.claims for j, m in enumerate(at.claim.milestones)]

    @cached_property
    def progress(self) -> list[tuple[ClaimAt, int, Progress, Quarter]]:
        """Every progress entry of the claims checked, with its index and its quarter."""
        quarters: dict[str, Quarter] = {}  # a ledger names a handful of quarters
        walked = []
        for at in self.claims:
            for j, entry in enumerate(at.claim.progress):
                q = quarters.get(entry.quarter)
                if q is None:
                    q = quarters[entry.quarter] = Quarter.parse(entry.quarter)
                walked.append((at, j, entry, q))
        return walked


def claims(view: View) -> Iterator[ClaimAt]:
    return iter(view.claims)


def milestones(view: View) -> list[tuple[ClaimAt, int, ClaimMilestone]]:
    return view.milestones


def progress(view: View) -> list[tuple[ClaimAt, int, Progress, Quarter]]:
    return view.progress


def in_year(day: date, year: int, late: bool = False) -> bool:
    """Within the ledger year; ``late`` admits the following year (done and reported dates)."""
    return day.year == year or (late and day.year == year + 1)
