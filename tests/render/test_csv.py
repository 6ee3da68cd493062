"""render/csv.py: a report Document as CSV for a spreadsheet (its first table, text never read as a
formula)."""

from __future__ import annotations

from ledger.reports.document import Column, Document, Row, Table


def test_csv_keeps_formula_like_text_as_text() -> None:
    from ledger.render import csv as csv_render

    doc = Document("t", [], [Table("x", "x", [Column("a", "a"), Column("n", "n", "number")],
                                   [Row(["=HYPERLINK(1)", -3]), Row(["-", 5])])])  # fmt: skip
    lines = csv_render.render(doc).lstrip("\ufeff").splitlines()
    assert lines[1:] == ["'=HYPERLINK(1),-3", "-,5"]
