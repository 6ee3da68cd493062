"""Placing a problem of an import's edits at its cell (``ledger.forms.placing``): the row whose
entry or claim spans the problem's line, the cell of the key it names, a row's own cell for a
problem of the row as a whole, a finding's at its rectified cell."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from ledger.forms.placing import place
from ledger.forms.read import Row
from ledger.problems import Problem

UNIT = "data/units/a.yaml"
TEXT = """\
id: a
claims:
  - project: K1
    leader: 张三
    progress:
      - quarter: 2026Q3
        status: on_track
        percent: 40
"""


@dataclass(frozen=True)
class Step:
    file: str
    rel: str
    row: Row


def _spans(sheet: str = "progress") -> list[tuple[Step, yaml.Node | None, yaml.Node | None]]:
    root = yaml.compose(TEXT)
    assert root is not None
    claims = next(v for k, v in root.value if k.value == "claims")
    claim = claims.value[0]
    progress = next(v for k, v in claim.value if k.value == "progress")
    cells = {"quarter": "B5", "status": "C5", "percent": "D5", "rectified": "I5"}
    row = Row(sheet, 5, {}, cells, {})
    return [(Step("form.xlsx", UNIT, row), claim, progress.value[0])]


def _cell(code: str, line: int, sheet: str = "progress", path: str = UNIT) -> str | None:
    placed = place(Problem(path, code, line=line), _spans(sheet), TEXT)
    return None if placed is None else f"{placed[1].sheet}!{placed[1].cell}"


def test_a_problem_in_an_entry_is_at_the_cell_of_its_key() -> None:
    assert _cell("P003", 8) == "progress!D5"  # percent
    assert _cell("P004", 7) == "progress!C5"  # status
    assert _cell("S011", 6) == "progress!B5"  # quarter


def test_a_problem_of_the_claim_is_at_the_row() -> None:
    # a falling percent is said at the percent; anything else of the claim at the row's status
    assert _cell("P003", 4) == "progress!D5"
    assert _cell("R001", 3) == "progress!C5"


def test_a_finding_row_takes_every_problem_at_its_rectified_cell() -> None:
    assert _cell("P003", 8, "findings") == "findings!I5"


def test_a_problem_no_row_wrote_is_not_placed() -> None:
    assert _cell("P003", 1) is None  # the unit's id, no row's
    assert _cell("P003", 8, path="data/units/b.yaml") is None
    assert place(Problem(UNIT, "P003"), _spans(), TEXT) is None  # no line
