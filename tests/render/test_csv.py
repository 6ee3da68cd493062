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


def test_csv_keeps_formula_like_text_after_a_tab_or_a_line_break_as_text() -> None:
    from ledger.render import csv as csv_render

    cells = ["\t=1+1", "\r+cmd", "\n-2+3", "\r\n@SUM(A1)", "\t\t=A1", "\t-5", "\tplain"]
    doc = Document("t", [], [Table("x", "x", [Column("a", "a")], [Row([c]) for c in cells])])
    import csv
    import io

    read = list(csv.reader(io.StringIO(csv_render.render(doc).lstrip("\ufeff"), newline="")))
    assert [r[0] for r in read[1:]] == [
        "'\t=1+1",
        "'\r+cmd",
        "'\n-2+3",
        "'\r\n@SUM(A1)",
        "'\t\t=A1",
        "\t-5",
        "\tplain",
    ]
