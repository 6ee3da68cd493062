"""The HTML page and the xlsx workbook drawn from a report ``Document``."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, datetime
from html.parser import HTMLParser
from io import BytesIO

import openpyxl  # type: ignore[import-untyped]

from ledger.calendar import Quarter
from ledger.load import load
from ledger.render import html, xlsx
from ledger.reports import quarterly
from ledger.reports.document import Bar, Chart, Column, Document, Row, Table
from tests.conftest import REPO

VOID = {"meta", "br", "col", "rect", "line"}


def sample_document(lang: str = "zh") -> Document:
    columns = [
        Column("unit", "单位", width=18),
        Column("percent", "进度(%)", "number", width=8),
        Column("flag", "标识", "flag", width=8),
        Column("due", "完成时限", "date", width=12),
        Column("notes", "本季度时间节点", width=30),
    ]
    rows = [
        Row(["市委组织部", 80, "红灯", date(2026, 11, 30), "第一行\n第二行"], flag="red"),
        Row(["<b>察右后旗</b>", 45.5, "黄灯", date(2026, 12, 31), "=1+1"], flag="yellow", depth=1),
        Row(["财政局", None, "绿灯", None, None], flag="green", depth=2),
    ]
    return Document(
        title="2026Q4 季度工作清单",
        meta=["台账：测试台账", "统计截至 2026-11-25"],
        tables=[
            Table("checklist", "认领项目", columns, rows, "没有认领"),
            Table(
                "unclaimed",
                "无人认领的项目",
                [Column("project", "项目", width=8), Column("title", "项目名称", width=36)],
                [],
                "全部项目均已认领",
            ),
        ],
        charts=[
            Chart(
                "各项目红黄绿灯",
                [("红灯", "#d9534f"), ("黄灯", "#f0ad4e"), ("绿灯", "#5cb85c")],
                [
                    Bar("K1", {"红灯": 2, "黄灯": 1, "绿灯": 2}),
                    Bar("K2 <&>", {"红灯": 0, "黄灯": 3, "绿灯": 0}),
                ],
            )
        ],
        lang=lang,
    )


# --- HTML ---------------------------------------------------------------------------------------


class _Tags(HTMLParser):
    """Checks that every element opened is closed, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def test_html_is_self_contained_and_printable() -> None:
    page = html.render(sample_document())
    assert page.startswith("<!DOCTYPE html>\n")
    assert '<html lang="zh-CN">' in page
    assert '<meta charset="utf-8">' in page
    for outside in ("<link", "<script", "src=", "url(", "@import", "http"):
        assert outside not in page, outside
    assert "@page { size: A4 portrait; margin: 12mm;" in page
    assert "thead { display: table-header-group; }" in page
    assert "break-inside: avoid" in page
    assert '"Noto Sans CJK SC"' in page and "SimSun" in page
    assert "<h1>2026Q4 季度工作清单</h1>" in page
    assert '<li>统计截至 <span class="nw">2026-11-25</span></li>' in page
    parser = _Tags()
    parser.feed(page)
    assert parser.problems == [] and parser.stack == []


def test_html_english_document_says_so() -> None:
    assert '<html lang="en">' in html.render(sample_document("en"))


def test_html_cells() -> None:
    page = html.render(sample_document())
    assert "<h2>认领项目</h2>" in page and "<h2>无人认领的项目</h2>" in page
    # escaped, never markup
    assert "<b>" not in page
    assert "&lt;b&gt;察右后旗&lt;/b&gt;" in page
    assert "第一行<br>第二行" in page
    # flags: coloured and still the word
    assert '<td class="flag-red">红灯</td>' in page
    assert '<td class="flag-yellow">黄灯</td>' in page
    assert '<td class="flag-green">绿灯</td>' in page
    for colour in ("#d9534f", "#f0ad4e", "#5cb85c"):
        assert f"background: {colour}" in page
    # numbers right-aligned, dates as ISO days, hierarchy indented
    assert '<td class="number">80</td>' in page and '<td class="number">45.5</td>' in page
    assert '<th scope="col" class="number">进度(%)</th>' in page
    assert '<td class="date">2026-11-30</td>' in page
    assert '<td style="padding-left: calc(4pt + 1.5em)">&lt;b&gt;察右后旗&lt;/b&gt;</td>' in page
    assert '<td style="padding-left: calc(4pt + 3em)">财政局</td>' in page
    # the empty table keeps its header and says it is empty
    assert '<th scope="col">项目名称</th>' in page
    assert '<td class="empty" colspan="2">全部项目均已认领</td>' in page


def test_html_wide_tables_print_landscape() -> None:
    doc = sample_document()
    wide = Table("wide", "宽表", [Column(f"c{i}", f"列{i}") for i in range(9)], [])
    page = html.render(Document(doc.title, doc.meta, [*doc.tables, wide], lang="zh"))
    # one wide table turns every page, so the title does not stand alone on a first sheet
    assert "@page { size: A4 landscape; margin: 12mm;" in page
    assert "portrait" not in page


def test_html_chart_is_an_inline_svg() -> None:
    page = html.render(sample_document())
    assert page.count("<svg") == 1
    svg = page[page.index("<svg") : page.index("</svg>") + len("</svg>")]
    root = ET.fromstring(svg)  # well-formed XML
    assert root.get("role") == "img" and root.get("width") == "640"
    assert root.find("title") is not None and root.find("title").text == "各项目红黄绿灯"  # type: ignore[union-attr]
    fills = [r.get("fill") for r in root.iter("rect")]
    # legend: one swatch per series; bars: K1 has three segments, K2 one (zero values are left out)
    assert fills == ["#d9534f", "#f0ad4e", "#5cb85c", "#d9534f", "#f0ad4e", "#5cb85c", "#f0ad4e"]
    texts = [t.text for t in root.iter("text")]
    assert "K1" in texts and "K2 <&>" in texts  # escaped in the page, the same text in the SVG
    assert "K2 &lt;&amp;&gt;" in svg
    assert "5" in texts and "3" in texts  # the totals


def test_html_chart_scale_and_height() -> None:
    doc = sample_document()
    bars = [Bar(f"单位{i}", {"得分": 10.0 * i}) for i in range(1, 11)]
    chart = Chart("得分", [("得分", "#337ab7")], bars, maximum=100)
    page = html.render(Document(doc.title, doc.meta, [], [chart], lang="zh"))
    svg = ET.fromstring(page[page.index("<svg") : page.index("</svg>") + 6])
    ticks = [t.text for t in svg.iter("text") if t.get("text-anchor") == "middle"]
    assert ticks == ["0", "25", "50", "75", "100"]
    small = html.render(Document(doc.title, doc.meta, [], [Chart("得分", chart.series, bars[:2])]))
    small_svg = ET.fromstring(small[small.index("<svg") : small.index("</svg>") + 6])
    assert int(svg.get("height", "0")) > int(small_svg.get("height", "0"))


def test_html_chart_without_bars_is_left_out() -> None:
    doc = sample_document()
    empty = Chart("空", [("红灯", "#d9534f")], [])
    page = html.render(Document(doc.title, doc.meta, doc.tables, [empty], lang="zh"))
    assert "<svg" not in page and "<h2>空</h2>" not in page


def test_html_is_deterministic() -> None:
    assert html.render(sample_document()) == html.render(sample_document())


# --- xlsx ---------------------------------------------------------------------------------------


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


# --- a real report ------------------------------------------------------------------------------


def test_quarterly_report_of_the_sample_renders_in_both_formats() -> None:
    ledger = load(REPO).ledger()
    report = quarterly.build(ledger, Quarter(2026, 4), date(2026, 11, 25))
    doc = quarterly.document(report, ledger, "zh")
    page = html.render(doc)
    assert "红灯" in page and 'class="flag-red"' in page
    assert page.count("<svg") == len([c for c in doc.charts if c.bars])
    assert '<section class="table wide">' in page  # many columns: landscape
    wb = openpyxl.load_workbook(BytesIO(xlsx.render(doc)))
    ws = wb[doc.tables[0].title]
    printed = doc.tables[0].printed()
    header = next(
        r for r in range(1, 30) if ws.cell(row=r, column=1).value == printed.columns[0].label
    )
    assert [c.value for c in ws[header]][: len(printed.columns)] == [
        c.label for c in printed.columns
    ]
    assert ws.max_row == header + len(printed.rows)
    # the heading rows: title, period, as of, due date, and the totals before the table
    heading = [ws.cell(row=r, column=1).value for r in range(1, header)]
    assert heading[0] == "2026Q4 季度工作清单"
    assert "季度：2026Q4（2026-10-01 至 2026-12-31）" in heading
    assert "统计截至 2026-11-25" in heading and "2026Q4 进展应于 2027-01-10 前上报" in heading
    values = [c.value for row in ws.iter_rows(max_row=header) for c in row]
    assert "红灯" in values and "5 → 11" in values


def test_csv_keeps_formula_like_text_as_text() -> None:
    from ledger.render import csv as csv_render

    doc = Document("t", [], [Table("x", "x", [Column("a", "a"), Column("n", "n", "number")],
                                   [Row(["=HYPERLINK(1)", -3]), Row(["-", 5])])])  # fmt: skip
    lines = csv_render.render(doc).lstrip("\ufeff").splitlines()
    assert lines[1:] == ["'=HYPERLINK(1),-3", "-,5"]
