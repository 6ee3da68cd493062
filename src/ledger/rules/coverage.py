"""What the book asks that nobody took up.

W001  a project no unit claimed (a warning: the dispatch meeting wants to know)
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ledger.load import PROJECTS
from ledger.problems import Problem
from ledger.rules.common import View
from ledger.rules.registry import rule


@rule("across", "W001")
def every_project_claimed(view: View, today: date) -> Iterator[Problem]:
    if view.book is None or not view.units:
        return
    claimed = {p for f in view.units if f.facts for p in f.facts.projects} | view.broken_claims
    for row, project in zip(view.project_rows, view.book.projects, strict=True):
        if project.id not in claimed:
            args = {"id": project.id, "title": project.title}
            yield Problem(PROJECTS, "W001", args, loc=("projects", row, "id"))
