"""Issue 19, the printed HTML: what a leader holds after Chromium prints a report on A4.

No date or phone number broken across a line; every page numbered and carrying the title and the
as-of line; the remind list with each unit's contact once and its days saying late or left; the
checklist chart naming its projects; a chart's figures as its table shows them. The page itself
is checked without a browser; the print through Chromium where Chromium is installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import replace
from datetime import date
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from ledger.asof.owed import Owed
from ledger.load import load
from ledger.render import html
from ledger.reports.document import Bar, Chart, Column, Document, Row, Table
from ledger.reports.remind import days_cell
from tests.conftest import REPO
from tests.render.conftest import sample_document
from tests.reports.conftest import DAY
from tests.support import Cli

# the reports printed on paper, each with the options that make it
REPORTS = {
    "quarter": ("report", "--quarter"),
    "half": ("report", "--half"),
    "year": ("report", "--year"),
    "overdue": ("overdue",),
    "remind": ("remind",),
    "inspect": ("inspect", "--sample", "5", "--seed", "7"),
}
DAYS = ("2026-11-25", "2027-01-08")
FIGURE = re.compile(r"(?<![\d-])\d+(?:-\d+)+(?![\d-])")  # 2026-12-31, 0474-8312345
NOWRAP_CELLS = {"date", "number", "id"}  # td classes the stylesheet keeps on one line


def _page(cli: Cli, report: str, day: str, lang: str) -> str:
    code, page = cli(*REPORTS[report], "-C", REPO, "--today", day, "--lang", lang, "-f", "html")
    assert code == 0, page
    return page


class _Text(HTMLParser):
    """The text a page prints (not its head, nor a chart's tooltips), and the hyphenated figures
    that a line could break: those outside a span.nw and outside a nowrap cell."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []  # (tag, keeps its text on one line)
        self.text: list[str] = []
        self.breakable: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"meta", "br", "col", "rect", "line"}:
            return
        names = set((dict(attrs).get("class") or "").split())
        nowrap = (tag == "span" and "nw" in names) or (tag == "td" and bool(names & NOWRAP_CELLS))
        self.stack.append((tag, nowrap))

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        tags = {tag for tag, _ in self.stack}
        if tags & {"head", "title"}:
            return
        self.text.append(data)
        if not any(nowrap for _, nowrap in self.stack):
            self.breakable += FIGURE.findall(data)


def _read(page: str) -> _Text:
    parser = _Text()
    parser.feed(page)
    return parser


# -- the page, without a browser -------------------------------------------------------------------


def _document(**changes: Any) -> Document:
    columns = [
        Column("unit", "单位", width=12),
        Column("reasons", "原因", width=30),
        Column("due", "完成时限", "date", width=10),
    ]
    rows = [
        Row(["集宁区", "超过完成时限 8天，时限 2026-12-31\n2026-10-15 已完成", date(2026, 12, 31)]),
        Row(["ulanqab-org", "联系人 李娜 0474-8312345", None]),
    ]
    doc = Document(
        "2026Q4 季度工作清单",
        ["季度：2026Q4（2026-10-01 至 2026-12-31）"],
        [Table("t", "认领项目", columns, rows)],
        stamp="统计截至 2026-11-25",
    )
    return replace(doc, **changes)


def test_dates_and_phone_numbers_are_kept_on_one_line() -> None:
    page = html.render(_document())
    assert "span.nw { white-space: nowrap; }" in page
    assert '时限 <span class="nw">2026-12-31</span><br><span class="nw">2026-10-15</span>' in page
    assert '李娜 <span class="nw">0474-8312345</span>' in page
    assert '（<span class="nw">2026-10-01</span> 至 <span class="nw">2026-12-31</span>）' in page
    # a date cell is one line already: no span in it; a word with a hyphen is no figure
    assert '<td class="date">2026-12-31</td>' in page
    assert "<td>ulanqab-org</td>" in page
    assert _read(page).breakable == []


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("report", sorted(REPORTS))
def test_no_figure_of_a_report_can_break(cli: Cli, report: str, day: str, lang: str) -> None:
    page = _page(cli, report, day, lang)
    text = _read(page)
    assert text.breakable == []
    assert FIGURE.search("\n".join(text.text))  # there are dates to keep whole


def test_every_page_carries_the_title_the_as_of_line_and_its_number() -> None:
    zh = html.render(_document())
    assert '@top-left { content: "2026Q4 季度工作清单";' in zh
    assert '@top-right { content: "统计截至 2026-11-25";' in zh
    assert '@bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页";' in zh
    en = html.render(_document(lang="en", title="Reminders", stamp="As of 2026-11-25"))
    assert '@top-left { content: "Reminders";' in en
    assert '@bottom-center { content: "Page " counter(page) " of " counter(pages);' in en
    # no stamp: no empty box
    assert "@top-right" not in html.render(_document(stamp=""))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("report", sorted(REPORTS))
def test_every_report_stamps_its_pages_with_its_day(cli: Cli, report: str, lang: str) -> None:
    page = _page(cli, report, "2027-01-08", lang)
    stamp = "统计截至 2027-01-08" if lang == "zh" else "As of 2027-01-08"
    title = re.search(r"<title>(.*)</title>", page)
    assert title is not None
    assert f'@top-left {{ content: "{title[1]}";' in page
    assert f'@top-right {{ content: "{stamp}";' in page
    assert "counter(page)" in page and "counter(pages)" in page


def test_a_title_cannot_end_the_stylesheet() -> None:
    page = html.render(_document(title='a"b\\c</style><script>x\ny'))
    assert page.count("</style>") == 1 and "<script" not in page
    assert r'content: "a\"b\\c\3c /style\3e \3c script\3e x\a y";' in page


# -- the charts ------------------------------------------------------------------------------------


def test_a_chart_shows_its_figures_with_the_tables_decimals() -> None:
    bars = [Bar("丰镇市", {"得分": 80.0}), Bar("化德县", {"得分": 58.94})]
    chart = Chart("各单位得分", [("得分", "#337ab7")], bars, maximum=100, decimals=1)
    page = html.render(_document(tables=[], charts=[chart]))
    assert ">80.0</text>" in page and ">58.9</text>" in page
    assert "<title>丰镇市：得分 80.0</title>" in page
    page = html.render(_document(tables=[], charts=[Chart("x", chart.series, bars)]))
    assert ">80</text>" in page  # counts: whole numbers


def test_the_year_chart_shows_the_scores_as_the_ranking_does(cli: Cli) -> None:
    page = _page(cli, "year", "2026-11-25", "zh")
    chart = re.findall(r"<title>[^<：]+：得分 ([\d.]+)</title>", page)
    table = re.findall(
        r'<tr><td class="number">\d+</td><td>[^<]+</td><td class="number">([\d.]+)<', page
    )
    assert len(chart) == 19 and sorted(chart) == sorted(table)
    assert "80.0" in chart and all(re.fullmatch(r"\d+\.\d", s) for s in chart)


def test_the_checklist_chart_names_each_project(cli: Cli) -> None:
    page = _page(cli, "quarter", "2026-11-25", "zh")
    chart = page[page.index("<svg") : page.index("</svg>")]
    for project in load(REPO).ledger().book.projects:
        assert f"<title>{project.id} {escape(project.title)}：" in chart
    # the labels start at the left edge, so that the ids stand in a column
    assert '<text x="0" y="40">K1 软弱涣散基层党组织整顿转化</text>' in chart


# -- the remind list -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_remind_names_each_unit_and_its_contact_once(cli: Cli, lang: str) -> None:
    page = _page(cli, "remind", "2027-01-08", lang)
    ledger = load(REPO).ledger()
    headings = re.findall(r'<tr class="heading"><th scope="colgroup" colspan="6">(.*?)</th>', page)
    assert len(headings) == 19  # every unit owes something that day
    label = "联系人" if lang == "zh" else "Contact"
    owing = [u for u in ledger.units.values() if u.claims]
    assert len(owing) == 19
    for unit in owing:
        if not unit.contact:  # 市民政局 gives none: its name alone
            assert f"<b>{escape(unit.short)}</b></th>" in page
            continue
        contact = escape(unit.contact)
        phone = FIGURE.search(contact)
        assert phone is not None
        contact = contact.replace(phone[0], f'<span class="nw">{phone[0]}</span>')
        # in its heading, and nowhere else
        assert page.count(contact) == 1
        assert f'<b>{escape(unit.short)}</b><span class="part">{label} {contact}</span>' in page
    # the columns of a row: no unit and no contact
    header = re.findall(r"<tr><th scope=\"col\"[^\n]*</tr>", page)
    assert header and all(label not in h for h in header)


def test_remind_says_whether_days_are_late_or_left(cli: Cli) -> None:
    for lang, words in (
        ("zh", r"逾期 \d+ 天|还剩 \d+ 天|今天到期"),
        ("en", r"\d+ days (late|left)|due today"),
    ):
        page = _page(cli, "remind", "2027-01-08", lang)
        days = re.findall(r'<td class="number">([^<]*)</td></tr>', page)
        assert len(days) > 100
        assert all(re.fullmatch(words, d) for d in days), set(days)
        assert any("逾期" in d or "late" in d for d in days)
        assert any("还剩" in d or "left" in d for d in days)
    today = Owed("due_soon", date(2027, 1, 8), 0)
    assert days_cell(today, "zh") == "今天到期" and days_cell(today, "en") == "due today"
    assert days_cell(Owed("report_due", date(2027, 1, 10), 2), "zh") == "还剩 2 天"
    assert days_cell(Owed("past_deadline", date(2026, 12, 31), 8), "en") == "8 days late"


def test_remind_keeps_small_units_whole_and_lets_long_ones_run_on(cli: Cli) -> None:
    page = _page(cli, "remind", "2027-01-08", "zh")
    # a long unit's rows may run onto the next page (its heading repeats there); kept whole, it
    # would leave the rest of the page before it blank
    assert "table.group:not(.long) { break-inside: avoid;" in page
    groups = re.findall(r'<table class="(group(?: long)?)">.*?</table>', page, re.S)
    tables = re.findall(r'<table class="group(?: long)?">(.*?)</table>', page, re.S)
    for css, body in zip(groups, tables, strict=True):
        rows = body.split("<tbody>")[1].count("<tr>")
        assert (css == "group long") == (rows > html.LONG)
    assert "group long" in groups and "group" in groups
    # a page of six columns: portrait
    assert "size: A4 portrait" in page


# -- printed through Chromium ----------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PRINTS = pytest.mark.skipif(
    CHROMIUM is None or shutil.which("pdftotext") is None, reason="no chromium or pdftotext"
)


def _print(page: Path, tmp_path: Path) -> list[str]:
    """The page printed to PDF by Chromium on A4, as the text of each printed page."""
    pdf = page.with_suffix(".pdf")
    subprocess.run(
        [
            str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}", page.as_uri(),
        ],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


def _check_print(cli: Cli, tmp_path: Path, report: str, day: str, lang: str) -> list[str]:
    target = tmp_path / f"{report}-{day}-{lang}.html"
    args = ("--today", day, "--lang", lang, "-f", "html", "-o", target)
    code, out = cli(*REPORTS[report], "-C", REPO, *args)
    assert code == 0, out
    page = target.read_text(encoding="utf-8")
    pages = _print(target, tmp_path)
    printed = "\n".join(pages)
    # every date and phone number of the page is printed whole, as often as the page holds it
    wanted = Counter(FIGURE.findall("\n".join(_read(page).text)))
    found = Counter(FIGURE.findall(printed))
    assert {f: (n, found[f]) for f, n in wanted.items() if found[f] < n} == {}
    # each page: its number of all, the report's title and its day (pdftotext drops the spaces
    # between Chinese and figures: compared without them)
    title = re.search(r"<title>(.*)</title>", page)
    assert title is not None
    stamp = ("统计截至 " if lang == "zh" else "As of ") + day
    number = r"第\s*(\d+)\s*页\s*/\s*共\s*(\d+)\s*页" if lang == "zh" else r"Page (\d+) of (\d+)"
    for n, text in enumerate(pages, 1):
        bare = re.sub(r"\s+", "", text)
        assert re.sub(r"\s+", "", title[1].replace("&amp;", "&")) in bare, (n, text)
        assert re.sub(r"\s+", "", stamp) in bare, (n, text)
        assert [(int(a), int(b)) for a, b in re.findall(number, text)] == [(n, len(pages))]
    return pages


@PRINTS
def test_the_remind_list_prints_whole_and_numbered(cli: Cli, tmp_path: Path) -> None:
    pages = _check_print(cli, tmp_path, "remind", "2027-01-08", "zh")
    assert len(pages) >= 5
    # page 1 is not one unit and blank below it: the second unit's rows start there
    assert "集宁区" in pages[0] and "丰镇市" in pages[0]


@pytest.mark.slow
@PRINTS
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("report", sorted(REPORTS))
def test_every_report_prints_whole_and_numbered(
    cli: Cli, tmp_path: Path, report: str, lang: str
) -> None:
    pages = _check_print(cli, tmp_path, report, "2027-01-08", lang)
    charts = {
        "quarter": ("各项目红黄绿灯", "Flags by project"),
        "half": ("各单位平均进度", "Average percent by unit"),
        "year": ("各单位得分", "Score by unit"),
    }
    if report in charts:
        # page 1 holds what a leader reads first: the totals and the chart
        assert charts[report][lang == "en"] in pages[0]


def test_html_puts_totals_and_chart_before_the_tables(cli: Cli) -> None:
    code, page = cli("report", "--quarter", "-C", REPO, "--today", DAY, "-f", "html")
    assert code == 0
    assert page.index('class="totals"') < page.index("<svg") < page.index("<table")
    assert page.count('<tbody class="group">') == 19  # one per unit: kept together on a page
    assert "break-inside: avoid" in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None or shutil.which("pdftotext") is None, reason="no chromium")
def test_checklist_prints_on_a4_with_the_totals_on_page_1(cli: Cli, tmp_path: Path) -> None:
    page = tmp_path / "q.html"
    code, _ = cli("report", "--quarter", "-C", REPO, "--today", DAY, "-f", "html", "-o", page)
    assert code == 0
    pdf = tmp_path / "q.pdf"
    subprocess.run(
        [
            str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}", page.as_uri(),
        ],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert "2026Q4 季度工作清单" in first
    assert re.search(r"红灯\s*5 → 12", first) and "认领项目 49" in first
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)", info)  # landscape
    # the table follows on the next pages, its header row repeated on each
    rest = subprocess.run(
        ["pdftotext", "-f", "2", "-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = re.search(r"Pages:\s+(\d+)", info)
    assert pages is not None and int(pages[1]) >= 3
    assert "集宁区" in rest and rest.count("最近一次上报") == int(pages[1]) - 1


VOID = {"meta", "br", "col", "rect", "line"}


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
