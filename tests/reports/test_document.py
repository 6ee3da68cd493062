"""reports/document.py: the layout every renderer reads (columns kept or left out, the printed
columns, which kinds are never broken)."""

from __future__ import annotations

from ledger.reports.document import UNBROKEN, Column, Row, Table


def _table() -> Table:
    columns = [
        Column("unit", "单位", "id"),
        Column("contact", "联系人"),
        Column("flag", "灯", "flag"),
        Column("short", "简称", narrow_only=True),
        Column("reasons", "原因", flex=True),
    ]
    rows = [Row(["a", "王", "red", "甲", "逾期"], flag="red"), Row(["b", "李", "green", "乙", ""])]
    return Table("t", "清单", columns, rows, grouped=True, heading=2)


def test_keep_takes_the_columns_and_their_cells_in_the_order_given() -> None:
    kept = _table().keep([4, 0])
    assert [c.key for c in kept.columns] == ["reasons", "unit"]
    assert [r.cells for r in kept.rows] == [["逾期", "a"], ["", "b"]]
    assert [r.flag for r in kept.rows] == ["red", None]
    assert kept.grouped and kept.title == "清单"


def test_keep_counts_only_the_heading_columns_kept() -> None:
    assert _table().keep([0, 2, 4]).heading == 1
    assert _table().keep([2, 4]).heading == 0
    assert _table().keep([0, 1, 2]).heading == 2


def test_printed_leaves_out_the_narrow_layouts_short_forms() -> None:
    printed = _table().printed()
    assert [c.key for c in printed.columns] == ["unit", "contact", "flag", "reasons"]
    assert printed.rows[0].cells == ["a", "王", "red", "逾期"]


def test_ids_dates_numbers_and_flags_are_never_broken_and_text_is() -> None:
    assert {"id", "date", "number", "flag"} == UNBROKEN
    assert "text" not in UNBROKEN
