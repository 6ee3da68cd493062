"""render/markdown.py: a report Document as Markdown (escaped text, multi-line cells, numbers to
the right, the hierarchy indented, the totals first)."""

from __future__ import annotations

from ledger.render.markdown import render
from ledger.reports.document import Column, Document, Row, Table, Total


def _doc(
    rows: list[Row], totals: list[Total] | None = None, notes: list[str] | None = None
) -> Document:
    columns = [Column("unit", "单位"), Column("p", "进度", "number", decimals=1)]
    table = Table("t", "表 *一*", columns, rows, "无")
    meta = ["统计截至 2026-11-25"]
    return Document("清单 | 2026Q4", meta, [table], totals=totals or [], notes=notes or [])


def test_title_meta_heading_and_aligned_columns() -> None:
    out = render(_doc([Row(["集宁区", 61.25])]))
    assert out.splitlines() == [
        "# 清单 \\| 2026Q4",
        "",
        "- 统计截至 2026-11-25",
        "",
        "## 表 \\*一\\*",
        "",
        "| 单位 | 进度 |",
        "|---|---:|",
        "| 集宁区 | 61.2 |",
    ]


def test_cells_are_escaped_and_line_breaks_kept() -> None:
    out = render(_doc([Row(["<script>a|b</script>\n[x](y) `z` _w_", None])]))
    row = out.splitlines()[-1]
    assert row == ("| &lt;script&gt;a\\|b&lt;/script&gt;<br>\\[x\\](y) \\`z\\` \\_w\\_ |  |")
    assert "<script>" not in out


def test_a_unit_under_another_is_indented_by_its_depth() -> None:
    out = render(_doc([Row(["市委", 1]), Row(["区委", 2], depth=2)]))
    assert out.splitlines()[-1] == "| 　　区委 | 2.0 |"


def test_an_empty_table_says_so_instead_of_a_header() -> None:
    out = render(_doc([]))
    assert out.endswith("## 表 \\*一\\*\n\n无\n") and "|---" not in out


def test_the_totals_come_first_with_the_previous_figure_and_the_notes() -> None:
    totals = [Total("红灯", 9, "red", previous=12), Total("绿灯", 3)]
    out = render(_doc([Row(["集宁区", 1])], totals=totals, notes=["箭头前为上季度末"]))
    lines = out.splitlines()
    assert lines[4] == "红灯 12 → **9** · 绿灯 **3**"
    assert lines[6] == "*箭头前为上季度末*"
    assert lines.index(lines[4]) < lines.index("## 表 \\*一\\*")


def test_every_kind_of_line_break_in_a_cell_is_a_br_and_the_row_stays_one_line() -> None:
    # a contact the ledger allows (`contact: "组织股\r白雪"`): a lone CR ends a Markdown line
    text = "组织股\r白雪\r\n甲\n乙\u2028丙\u2029丁\x85戊\x0b己\x0c庚"
    doc = _doc([Row([text, 1.0])])
    doc.meta.append("行\r二")
    out = render(doc)
    assert out.splitlines()[-1] == (
        "| 组织股<br>白雪<br>甲<br>乙<br>丙<br>丁<br>戊<br>己<br>庚 | 1.0 |"
    )
    assert "- 行 二" in out.splitlines()
    assert len(out.splitlines()) == len(render(_doc([Row(["x", 1.0])])).splitlines()) + 1
