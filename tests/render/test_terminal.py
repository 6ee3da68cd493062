"""Issue 19: every report read in a terminal of 80 and 120 columns, in both languages and on
two days: no line wider than the window, no figure, date, id or "N天"/"N days" broken across
lines, no closing punctuation at a line's start; the year's ranking one line a unit; the name
column as wide as its names."""

from __future__ import annotations

import json
import re
from functools import cache
from itertools import pairwise

import pytest
from rich.cells import cell_len

from ledger.render import Options
from ledger.render.table import render
from ledger.render.wrap import CLOSING, OPENING
from ledger.reports.document import Column, Document, Row, Table, Total
from tests.conftest import REPO
from tests.support import Cli

REPORTS = {
    "overdue": ["overdue"],
    "quarter": ["report", "--quarter"],
    "half": ["report", "--half"],
    "year": ["report", "--year"],
    "remind": ["remind"],
    "inspect": ["inspect", "--sample", "5", "--seed", "7"],
    "findings": ["findings"],
}
DAYS = ["2026-11-25", "2027-01-08"]  # before the year's end; in the Q4 collection
CASES = [
    (name, width, lang, day)
    for name in REPORTS
    for width in (80, 120)
    for lang in ("zh", "en")
    for day in DAYS
]
# a figure, a date, an id's digits, "19天", "19 days", "3/3×50", "0474-8312345"
FIGURE = re.compile(r"\d[\d\-/×.:]*\d(?:天| days?)?|\d(?:天| days?)?")
# the end of one line and the start of the next that are one figure cut in two
CUT = re.compile(r"(?:[\-/×.:]\n\d|\d\n(?:[\-/×.:%]|天(?!数)|days?\b))")


def _run(cli: Cli, name: str, width: int, lang: str, day: str, *extra: str) -> str:
    args = [*REPORTS[name], "-C", REPO, "--today", day, "--lang", lang, *extra]
    code, out = cli(*args, env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert code == 0, out
    return out


@cache
def _figures_at_full_width(name: str, lang: str, day: str) -> frozenset[str]:
    """The figures of the report on a screen wide enough for every cell on one line."""
    from typer.testing import CliRunner

    from ledger.cli import app

    args = [*REPORTS[name], "-C", str(REPO), "--today", day, "--lang", lang]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "3000", "NO_COLOR": "1"})
    return frozenset(FIGURE.findall(result.output))


def _columns(line: str) -> list[str]:
    return line.split("│")


def _pairs(out: str) -> list[tuple[str, str]]:
    """Each line's end and the next line's start that would be read as one text: the same cell
    of two lines of a table, or two lines outside the tables."""
    lines = out.splitlines()
    pairs = []
    for a, b in pairwise(lines):
        ca, cb = _columns(a), _columns(b)
        if len(ca) > 1 and len(ca) == len(cb):
            pairs += [(x.rstrip(), y.strip()) for x, y in zip(ca, cb, strict=True)]
        elif len(ca) == 1 and len(cb) == 1:
            pairs.append((a.rstrip(), b.strip()))
    return [(x, y) for x, y in pairs if x and y]


@pytest.mark.parametrize(("name", "width", "lang", "day"), CASES, ids=lambda v: str(v))
def test_every_report_reads_whole_in_a_terminal(
    cli: Cli, name: str, width: int, lang: str, day: str
) -> None:
    out = _run(cli, name, width, lang, day)
    wide = [line for line in out.splitlines() if cell_len(line) > width]
    assert not wide, wide[:3]
    cut = [f"{x[-12:]} / {y[:12]}" for x, y in _pairs(out) if CUT.search(f"{x}\n{y}")]
    assert not cut, cut[:5]
    # a figure cut in two leaves a piece that is no figure of the report on a wide screen
    pieces = set(FIGURE.findall(out)) - _figures_at_full_width(name, lang, day)
    assert not pieces, sorted(pieces)[:5]
    cells = [c.strip() for line in out.splitlines() for c in _columns(line)]
    assert not [c for c in cells if c[:1] in CLOSING], "a line starts with closing punctuation"
    assert not [c for c in cells if c[-1:] in OPENING], "a line ends with opening punctuation"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_year_at_80_columns_is_a_line_a_unit(cli: Cli, lang: str) -> None:
    out = _run(cli, "year", 80, lang, DAYS[0])
    code, data = cli("report", "--year", "-C", REPO, "--today", DAYS[0], "-f", "json")
    assert code == 0, data
    units = json.loads(data)["units"]
    ranking = [line for line in out.splitlines() if re.match(r"│\s+\d+ │", line)]
    assert len(ranking) == len(units) == 19
    lines = out.splitlines()
    for row in ranking:  # the row's next line closes it: nothing folded onto a second line
        assert lines[lines.index(row) + 1][0] in "├└"
    # what was left out is said, and --wide brings it back
    note = {"zh": "计分方法", "en": "How the score is made"}[lang]
    assert note in " ".join(lines[-2:])
    assert "5/5×50" in _run(cli, "year", 80, lang, DAYS[0], "--wide")


def test_the_checklist_at_80_columns_sizes_the_name_column_to_its_names(cli: Cli) -> None:
    out = _run(cli, "quarter", 80, "zh", DAYS[1])
    top = next(line for line in out.splitlines() if line.startswith("┌"))
    name_width = len(top.split("┬")[0]) - 1 - 2  # the border and the padding
    names = [
        c.rstrip()[1:]  # the padding
        for line in out.splitlines()
        if line.startswith("│") and (c := _columns(line)[1]).strip() and "单位" not in c
    ]
    assert "  后旗农牧和科技局" in names  # whole, indented under 察右后旗
    assert name_width == max(cell_len(n) for n in names)
    # the totals break between two totals only
    assert re.search(r"^2026Q4 未上报 0　", out, re.M) or "　2026Q4 未上报 0" in out


def test_totals_break_only_between_totals() -> None:
    totals = [Total(f"标签{i} 有空格", 10 * i, previous=i) for i in range(1, 9)]
    doc = Document("标题", [], [], totals=totals)
    for width in (20, 30, 44, 80):
        lines = render(doc, Options(width=width)).splitlines()
        for total in totals:
            item = f"{total.label} {total.previous} → {total.value}"
            assert any(item in line for line in lines), (item, lines)
        assert all(cell_len(line) <= width for line in lines)


def test_a_narrow_screen_leaves_out_the_lowest_priority_first() -> None:
    columns = [
        Column("unit", "单位", width=12),
        Column("a", "甲", "number", width=4, priority=-2),
        Column("b", "乙", width=30, flex=True, priority=-1),
    ]
    rows = [Row(["后旗农牧和科技局", 1, "节点“完成集中整顿”逾期 56天" * 3])]
    table = Table("t", "表", columns, rows)
    doc = Document("标题", [], [table])
    wide = render(doc, Options(width=80))
    assert "逾期 56天" in wide and "未显示" not in wide
    # 16 + 3 + 14 (the reasons' least) + 10 for the borders do not fit in 40: 甲 goes first
    narrow = render(doc, Options(width=40))
    assert "后旗农牧和科技局" in narrow and "逾期" in narrow and "甲" not in narrow.split("\n")[3]
    assert "未显示：甲" in narrow
    # in 24 neither fits beside the whole name: both go and the name stays whole
    assert "后旗农牧和科技局" in render(doc, Options(width=24))
