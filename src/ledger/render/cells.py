"""How one cell value reads as text, for every text format."""

from __future__ import annotations

from datetime import date

from ledger.reports.document import Cell


def text_cell(value: Cell, decimals: int | None = None) -> str:
    if value is None:
        return ""
    if decimals is not None and isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:.{decimals}f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
