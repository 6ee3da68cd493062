"""render/cells.py: how one cell value reads as text in every text format."""

from __future__ import annotations

from datetime import date

import pytest

from ledger.render.cells import text_cell
from ledger.reports.document import Cell


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (None, None, ""),
        (None, 1, ""),
        ("集宁区", None, "集宁区"),
        (date(2026, 3, 1), None, "2026-03-01"),
        (3.0, None, "3"),  # a whole float reads as a whole number
        (61.25, None, "61.25"),
        (87, 1, "87.0"),  # a column's decimals apply to whole numbers too
        (61.25, 1, "61.2"),  # Python's formatting: the rounding half up happens before
        (0, 2, "0.00"),
        (12, None, "12"),
    ],
)
def test_a_cell_as_text(value: Cell, decimals: int | None, shown: str) -> None:
    assert text_cell(value, decimals) == shown


def test_a_yes_no_value_is_never_shown_as_a_number() -> None:
    assert text_cell(True, 1) == "True"  # type: ignore[arg-type]
