"""Issue 8: the reasons of every flag, the totals first, the official order, the periods, and
terminal tables that fit their width, on the sample ledger and on small hand-made ones."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from ledger.asof.status import statuses
from ledger.calendar import Quarter
from ledger.load import load
from ledger.model import Ledger
from ledger.reports import quarterly
from tests.conftest import REPO, LedgerMaker
from tests.support import UNIT_A, A, Cli, found

DAY = "2026-11-25"
T = date(2026, 11, 25)


@pytest.fixture(scope="module")
def ledger() -> Ledger:
    return load(REPO).ledger()


def _checklist(cli: Cli, *args: str) -> dict[str, Any]:
    code, out = cli("report", "--quarter", *args, "-C", REPO, "--today", DAY, "-f", "json")
    assert code == 0, out
    doc: dict[str, object] = json.loads(out)
    return doc


def _claim(doc: dict[str, Any], unit: str, project: str) -> dict[str, Any]:
    units = doc["units"]
    assert isinstance(units, list)
    found = next(u for u in units if u["id"] == unit)
    return next(c for c in found["claims"] if c["project"] == project)


# -- reasons, previous flag, latest (hand-checked on the sample, 25 November) ------------------


def test_the_three_red_claims_without_a_visible_reason_now_have_one(cli: Cli) -> None:
    doc = _checklist(cli)
    assert _claim(doc, "zhuozi", "I1")["reasons"] == [
        {"kind": "missing_report", "quarter": "2026Q3", "due": "2026-10-10", "days": 46}
    ]
    assert _claim(doc, "siziwangqi", "K1")["flag"] == "red"
    assert [r["kind"] for r in _claim(doc, "siziwangqi", "K1")["reasons"]] == ["missing_report"]
    assert _claim(doc, "shangdu", "B6")["reasons"] == [
        {"kind": "past_deadline", "due": "2026-10-31", "days": 25}
    ]


def test_reasons_in_milestone_order_then_deadline_then_quarters(cli: Cli) -> None:
    reasons = _claim(_checklist(cli), "huade", "B4")["reasons"]
    assert reasons == [
        {"kind": "overdue", "milestone": "survey", "due": "2026-04-30", "days": 209},
        {"kind": "overdue", "milestone": "midterm", "due": "2026-10-15", "days": 41},
        {"kind": "missing_report", "quarter": "2026Q1", "due": "2026-04-10", "days": 229},
        {"kind": "missing_report", "quarter": "2026Q2", "due": "2026-07-10", "days": 138},
        {"kind": "missing_report", "quarter": "2026Q3", "due": "2026-10-10", "days": 46},
    ]


def test_yellow_reasons_due_soon_then_status(cli: Cli) -> None:
    doc = _checklist(cli)
    assert _claim(doc, "chayouqianqi", "K2")["reasons"] == [
        {"kind": "due_soon", "milestone": "acceptance", "due": "2026-11-30", "days": 5},
        {"kind": "status", "status": "at_risk"},
    ]
    assert _claim(doc, "jining", "K5")["reasons"] == []  # green


def test_previous_flag_and_latest(cli: Cli) -> None:
    doc = _checklist(cli)
    k4 = _claim(doc, "chayouhouqi", "K4")
    assert (k4["flag"], k4["previous_flag"]) == ("red", "red")
    assert k4["latest"] == {
        "quarter": "2026Q3",
        "status": "behind",
        "percent": 40,
        "summary": "改建工程开工，功能布局调整未完成",
        "problems": ["改建资金缺口约60万元"],
        "next_steps": [],
        "reported": "2026-10-10",
    }
    # Q1 has no previous quarter
    q1 = _checklist(cli, "2026Q1")
    assert all(c["previous_flag"] is None for u in q1["units"] for c in u["claims"])


def test_totals_of_the_sample(cli: Cli) -> None:
    totals = _checklist(cli)["totals"]
    assert totals == {
        "claims": 49,
        "red": 11,
        "yellow": 13,
        "green": 25,
        "units": 19,
        "units_red": 10,
        "reports_missing": 0,
        "milestones_overdue": 12,
    }
    q3 = _checklist(cli, "2026Q3")["totals"]
    assert isinstance(q3, dict) and q3["reports_missing"] == 3


# -- properties ---------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 1, 31)))
def test_flags_reasons_and_totals_agree(ledger: Ledger, today: date) -> None:
    q = Quarter.of(today) if today.year == 2026 else Quarter(2026, 4)
    for s in statuses(ledger, today):
        if s.flag == "green":
            assert s.reasons == ()
        elif s.flag == "red":
            assert s.reasons and all(r.red for r in s.reasons)
        else:
            assert s.reasons and not any(r.red for r in s.reasons)
    report = quarterly.build(ledger, q, today)
    totals = report.totals
    assert totals.red + totals.yellow + totals.green == totals.claims
    assert totals.units_red <= totals.units
    lines = [c for u in report.units for c in u.claims]
    assert totals.reports_missing == sum(c.report == "missing" for c in lines)


# -- order, names, periods ---------------------------------------------------------------------


def test_units_in_official_order(cli: Cli) -> None:
    code, out = cli("report", "--quarter", "-C", REPO, "--today", DAY, "-f", "markdown")
    assert code == 0
    names = re.findall(r"^\| 　*([^|]+?) \|", out, flags=re.M)
    firsts = list(dict.fromkeys(n for n in names if n not in ("单位",)))
    assert firsts[:11] == [
        "集宁区", "丰镇市", "卓资县", "化德县", "商都县", "兴和县", "凉城县",
        "察右前旗", "察右中旗", "察右后旗", "后旗财政局",
    ]  # fmt: skip


def test_sort_flag_puts_red_first_most_days_first(cli: Cli) -> None:
    code, out = cli(
        "report", "--quarter", "-C", REPO, "--today", DAY, "-f", "csv", "--sort", "flag"
    )
    assert code == 0
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    flag = rows[0].index("标识")
    flags = [r[flag] for r in rows[1:]]
    assert flags == sorted(flags, key=["红灯", "黄灯", "绿灯"].index)
    assert rows[1][2] == "B4"  # 化德县 B4: 229 days


@pytest.mark.parametrize(
    ("today", "quarter", "half"),
    [
        ("2026-07-05", "2026Q2", "H1"),
        ("2026-07-11", "2026Q3", "H2"),
        ("2027-01-08", "2026Q4", "H2"),
    ],
)
def test_bare_quarter_and_half_follow_the_reporting_quarter(
    cli: Cli, today: str, quarter: str, half: str
) -> None:
    code, out = cli("report", "--quarter", "-C", REPO, "--today", today, "-f", "json")
    assert code == 0 and json.loads(out)["quarter"] == quarter
    code, out = cli("report", "--half", "-C", REPO, "--today", today, "-f", "json")
    assert code == 0 and json.loads(out)["half"] == half
    code, out = cli("report", "--half", "-C", REPO, "--today", today, "--lang", "en")
    assert f"Half-year: 2026{half}" in out


@pytest.mark.parametrize("spelling", ["化德县", "huade"])
def test_unit_by_name(cli: Cli, spelling: str) -> None:
    code, out = cli("report", "--year", "-C", REPO, "--today", DAY, "-u", spelling, "-f", "json")
    assert code == 0 and [u["id"] for u in json.loads(out)["units"]] == ["huade"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quarter", "--sort", "colour"], "--sort: `colour` is not a way to sort"),
        (["--year", "--sort", "flag"], "--sort flag applies to"),
        (["--quarter", "--unit", "化德"], "no unit `化德` in this ledger: did you mean"),
        (["--half", "-f", "csv", "--table", "nope"], "--table: this report has no table `nope`"),
        (["--quarter", "-f", "pdf"], "--format: `pdf` is not a format"),
    ],
)
def test_bad_options_exit_2(cli: Cli, args: list[str], message: str) -> None:
    code, out = cli("report", "-C", REPO, "--today", DAY, "--lang", "en", *args)
    assert code == 2, out
    assert message in out


def test_half_year_csv_by_unit_table(cli: Cli) -> None:
    code, out = cli("report", "--half", "-C", REPO, "--today", DAY, "-f", "csv", "--table", "units")
    assert code == 0
    header = out.lstrip("\ufeff").splitlines()[0]
    assert header == "单位,红灯,黄灯,绿灯,原因"
    assert "商都县,1,0,2,B6 超过完成时限 25天，时限 2026-10-31" in out


# -- the year-end detail ----------------------------------------------------------------------


def test_year_end_detail_and_provisional(cli: Cli) -> None:
    code, out = cli("report", "--year", "-C", REPO, "--today", DAY, "-u", "huade", "-f", "markdown")
    assert code == 0
    assert "（截至 2026-11-25 暂算）" in out
    assert "节点 4/9×50 + 上报 5/9×30 + 完成 无可计项（按 1 计）×20 = 58.9" in out
    assert (
        "## 失分事项" in out
        and "| 化德县 | 季度上报 | B4 | 2026Q1 进展上报 | 2026-04-10 | 未上报 |" in out
    )
    code, out = cli("report", "--year", "-C", REPO, "--today", "2027-01-20", "-f", "markdown")
    assert code == 0 and "暂算" not in out


# -- unit keys ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"), [("-1", "S010"), ("1.5", "S003"), ('"3"', "S003"), ("yes", "S003")]
)
def test_order_must_be_a_whole_number_from_0(
    make_ledger: LedgerMaker, value: str, code: str
) -> None:
    root = make_ledger(
        units={"a": UNIT_A.replace("name: 甲单位\n", f"name: 甲单位\norder: {value}\n")}
    )
    assert [(p.code, p.line) for p in found(root)] == [(code, 3)]


def test_contact_must_be_text(make_ledger: LedgerMaker) -> None:
    root = make_ledger(
        units={"a": UNIT_A.replace("name: 甲单位\n", "name: 甲单位\ncontact: 12345\n")}
    )
    assert [(p.path, p.code, p.line) for p in found(root)] == [(A, "S004", 3)]


# -- tables that fit -------------------------------------------------------------------------

WIDTH_CASES = [
    ["report", "--quarter"],
    ["report", "--quarter", "--wide"],
    ["report", "--half"],
    ["report", "--year"],
    ["overdue"],
    ["inspect", "-n", "4"],
]


@pytest.mark.parametrize("width", [80, 120, 200])
@pytest.mark.parametrize("args", WIDTH_CASES, ids=" ".join)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tables_fit_the_width(cli: Cli, args: list[str], width: int, lang: str) -> None:
    code, out = cli(
        *args,
        "-C",
        REPO,
        "--today",
        DAY,
        "--lang",
        lang,
        env={"COLUMNS": str(width), "NO_COLOR": "1"},
    )
    assert code == 0, out
    wide = [line for line in out.splitlines() if cell_len(line) > width]
    assert not wide, wide[:3]
    if args[:2] == ["report", "--quarter"]:
        words = {"zh": ("红灯", "黄灯", "绿灯"), "en": ("red", "yellow", "green")}[lang]
        flags = re.findall("|".join(words), out)
        # every claim's flag word is there (49 claims, plus the three totals)
        assert len([f for f in flags]) >= 49 + 3


def test_ids_and_dates_are_never_broken(cli: Cli) -> None:
    code, out = cli(
        "report", "--quarter", "--wide", "-C", REPO, "--today", DAY, env={"COLUMNS": "200"}
    )
    assert code == 0
    cells = [c.strip() for line in out.splitlines() for c in line.split("│")]
    for unit_id in ["chayouhouqi-finance", "chayouhouqi-agri", "city-organs"]:
        assert unit_id in cells
    assert "2026-12-31" in cells


def test_too_narrow_for_a_table_gives_blocks(cli: Cli) -> None:
    code, out = cli("overdue", "-C", REPO, "--today", DAY, env={"COLUMNS": "30"})
    assert code == 0
    assert all(cell_len(line) <= 30 for line in out.splitlines())
    assert "逾期天数: 209" in out


# -- printed pages and workbooks ----------------------------------------------------------------


def test_workbook_heading_and_detail_sheet(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "year.xlsx"
    code, _ = cli("report", "--year", "-C", REPO, "--today", DAY, "-f", "xlsx", "-o", out)
    assert code == 0
    wb = openpyxl.load_workbook(BytesIO(out.read_bytes()))
    assert wb.sheetnames == ["排名", "失分事项"]
    ws = wb["排名"]
    assert ws["A1"].value == "2026 年度工作成效评价（截至 2026-11-25 暂算）"
    assert "统计截至 2026-11-25" in [ws.cell(row=r, column=1).value for r in range(1, 8)]


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
    assert re.search(r"红灯\s*5 → 11", first) and "认领项目 49" in first
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


@pytest.mark.parametrize(
    ("command", "report"),
    [(["overdue"], "overdue"), (["report"], "quarterly"), (["inspect"], "inspect"),
     (["remind"], "remind")],
)  # fmt: skip
def test_the_format_help_names_the_registry_formats(
    cli: Cli, command: list[str], report: str
) -> None:
    from ledger.render import FORMATS, JSON
    from ledger.reports import ALL_FORMATS, REPORTS

    assert set(ALL_FORMATS) == {*FORMATS, JSON}
    code, out = cli(*command, "--help", env={"COLUMNS": "300"})
    assert code == 0
    line = next(x for x in out.splitlines() if x.lstrip().startswith("-f, --format"))
    assert [f for f in re.findall(r"[a-z]+", line) if f in {*ALL_FORMATS, "text"}] == list(
        REPORTS[report].formats
    ), line
