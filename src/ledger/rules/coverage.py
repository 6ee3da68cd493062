"""What the book asks that nobody took up.

W001  a project no unit claimed (a warning: the dispatch meeting wants to know)
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ledger.load import PROJECTS, Loaded
from ledger.problems import Problem


def check(loaded: Loaded, today: date) -> Iterator[Problem]:
    if loaded.book is None or not loaded.units:
        return
    claimed = {p for f in loaded.units if f.facts for p in f.facts.projects} | loaded.broken_claims
    for row, project in zip(loaded.project_rows, loaded.book.projects, strict=True):
        if project.id not in claimed:
            args = {"id": project.id, "title": project.title}
            yield Problem(PROJECTS, "W001", args, loc=("projects", row, "id"))
