"""render/xlsx.py: the workbook drawn from a report Document."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]

from ledger.render import xlsx
from ledger.reports.document import Column, Document, Table
from tests.conftest import REPO
from tests.render.conftest import sample_document
from tests.reports.conftest import DAY
from tests.support import Cli


def test_workbook_heading_and_detail_sheet(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "year.xlsx"
    code, _ = cli("report", "--year", "-C", REPO, "--today", DAY, "-f", "xlsx", "-o", out)
    assert code == 0
    wb = openpyxl.load_workbook(BytesIO(out.read_bytes()))
    assert wb.sheetnames == ["排名", "失分事项"]
    ws = wb["排名"]
    assert ws["A1"].value == "2026 年度工作成效评价（截至 2026-11-25 暂算）"
    assert "统计截至 2026-11-25" in [ws.cell(row=r, column=1).value for r in range(1, 8)]


def _workbook(doc: Document) -> openpyxl.Workbook:
    return openpyxl.load_workbook(BytesIO(xlsx.render(doc)))


# The first sheet opens with the heading (title, two meta lines), a blank row, then the table's
# title (row 5) and its header (row 6); rows start at 7. Later sheets: title row 1, header row 2.
H = 6


def test_xlsx_sheets_and_headers() -> None:
    wb = _workbook(sample_document())
    assert wb.sheetnames == ["认领项目", "无人认领的项目"]
    ws = wb["认领项目"]
    assert [c.value for c in ws[H]] == ["单位", "进度(%)", "标识", "完成时限", "本季度时间节点"]
    assert ws[f"A{H}"].font.b and ws[f"A{H}"].fill.fgColor.rgb.endswith("D9D9D9")
    assert ws.freeze_panes == f"A{H + 1}"
    assert ws.auto_filter.ref == f"A{H}:E{H + 3}"
    assert ws.max_row == H + 3
    assert ws.print_title_rows == f"${H}:${H}"
    empty = wb["无人认领的项目"]
    assert empty["A1"].value == "无人认领的项目"
    assert [c.value for c in empty[2]] == ["项目", "项目名称"]
    assert empty.freeze_panes == "A3"


def test_xlsx_heading_rows_are_cells() -> None:
    wb = _workbook(sample_document())
    ws = wb["认领项目"]
    assert ws["A1"].value == "2026Q4 季度工作清单" and ws["A1"].font.b
    assert [ws["A2"].value, ws["A3"].value] == ["台账：测试台账", "统计截至 2026-11-25"]
    assert ws["A5"].value == "认领项目"


def test_xlsx_totals_are_coloured_cells() -> None:
    from ledger.reports.document import Total

    doc = sample_document()
    totals = [Total("认领项目", 3), Total("红灯", 1, "red", previous=2), Total("黄灯", 0)]
    wb = _workbook(Document(doc.title, doc.meta, doc.tables, lang="zh", totals=totals))
    ws = wb["认领项目"]
    cells = {c.value: c for row in ws.iter_rows(min_row=4, max_row=5) for c in row if c.value}
    assert "红灯" in cells and "认领项目" in cells
    red = ws.cell(row=cells["红灯"].row, column=cells["红灯"].column + 1)
    assert red.value == "2 → 1" and red.fill.fgColor.rgb.endswith("FFC7CE")
    assert ws.cell(row=cells["认领项目"].row, column=cells["认领项目"].column + 1).value == 3


def test_xlsx_cells_keep_their_types() -> None:
    ws = _workbook(sample_document())["认领项目"]
    r = H + 1
    due = ws[f"D{r}"].value
    assert isinstance(due, date) and due == datetime(2026, 11, 30)
    assert ws[f"D{r}"].number_format == "yyyy-mm-dd"
    assert ws[f"B{r}"].value == 80 and ws[f"B{r + 1}"].value == 45.5
    assert isinstance(ws[f"B{r + 1}"].value, float)
    assert ws[f"B{r + 2}"].value is None and ws[f"D{r + 2}"].value is None
    # a text that looks like a formula stays text
    assert ws[f"E{r + 1}"].value == "=1+1" and ws[f"E{r + 1}"].data_type == "s"
    assert ws[f"A{r + 1}"].value == "<b>察右后旗</b>"


def test_xlsx_flags_wrap_indent_and_font() -> None:
    ws = _workbook(sample_document())["认领项目"]
    r = H + 1
    assert ws[f"C{r}"].value == "红灯" and ws[f"C{r}"].fill.fgColor.rgb.endswith("FFC7CE")
    assert ws[f"C{r + 1}"].value == "黄灯" and ws[f"C{r + 1}"].fill.fgColor.rgb.endswith("FFEB9C")
    assert ws[f"C{r + 2}"].value == "绿灯" and ws[f"C{r + 2}"].fill.fgColor.rgb.endswith("C6EFCE")
    assert ws[f"C{r}"].fill.fill_type == "solid"
    assert ws[f"A{r}"].fill.fill_type is None  # only flag columns are coloured
    assert ws[f"E{r}"].value == "第一行\n第二行" and ws[f"E{r}"].alignment.wrap_text
    # two lines of text: the row is at least two lines tall, so nothing is clipped
    assert ws.row_dimensions[r].height and ws.row_dimensions[r].height >= 2 * 14.5
    assert ws[f"A{r}"].alignment.indent == 0
    assert ws[f"A{r + 1}"].alignment.indent == 1 and ws[f"A{r + 2}"].alignment.indent == 2
    assert ws[f"A{r}"].font.name == "等线"  # a CJK font


def test_xlsx_cells_of_one_kind_share_a_style_and_no_other() -> None:
    """The body cells' styles are made once per kind of cell and copied: rows repeated in
    another order read back as their first copy did, cell by cell."""
    doc = sample_document()
    rows = doc.tables[0].rows
    order = [2, 0, 1, 1, 2, 0, 0, 2, 1]
    table = replace(doc.tables[0], rows=[rows[i] for i in order])
    ws = _workbook(replace(doc, tables=[table]))["认领项目"]

    def style(r: int, c: int) -> tuple[object, ...]:
        cell = ws.cell(row=H + 1 + r, column=c)
        a, f = cell.alignment, cell.font
        return (
            f.name, f.b, f.color.rgb if f.color else None, cell.fill.fill_type,
            cell.fill.fgColor.rgb, a.horizontal, a.vertical, a.wrap_text, a.indent,
            cell.number_format, cell.border.left.style,
        )  # fmt: skip

    first = {i: order.index(i) for i in range(len(rows))}
    for r, i in enumerate(order):
        for c in range(1, len(table.columns) + 1):
            assert style(r, c) == style(first[i], c)
    assert style(first[0], 3) != style(first[1], 3)  # red and yellow flags differ


def test_xlsx_column_widths() -> None:
    ws = _workbook(sample_document())["认领项目"]
    assert ws.column_dimensions["E"].width >= 30
    # the first column makes room for its deepest indent
    assert ws.column_dimensions["A"].width >= 18
    # a CJK header counts double: 本季度时间节点 is 14 cells wide
    narrow = Document("t", [], [Table("t", "t", [Column("n", "本季度时间节点", width=4)], [])])
    assert _workbook(narrow)["t"].column_dimensions["A"].width >= 14


def test_xlsx_properties() -> None:
    wb = _workbook(sample_document())
    assert wb.properties.title == "2026Q4 季度工作清单"
    assert wb.properties.description == "台账：测试台账\n统计截至 2026-11-25"
    assert wb.properties.created == datetime(2000, 1, 1)
    assert wb.properties.modified == datetime(2000, 1, 1)


def test_xlsx_sheet_names_are_valid_and_unique() -> None:
    long = "a/very:long*name?with[bad]chars-and-more-than-31"
    tables = [Table(n, n, [Column("x", "x")], []) for n in (long, long, "History")]
    names = _workbook(Document("t", [], tables)).sheetnames
    assert len(names) == 3 and len(set(names)) == 3
    assert all(len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in names)
    assert names[0] == "a_very_long_name_with_bad_chars"


def test_xlsx_is_the_same_bytes_each_time() -> None:
    assert xlsx.render(sample_document()) == xlsx.render(sample_document())


def test_xlsx_document_without_tables_is_still_a_workbook() -> None:
    wb = _workbook(Document("空报告", ["无"], []))
    assert len(wb.sheetnames) == 1
