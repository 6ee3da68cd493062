"""Issue 19, the reports' words: every reason with its days, in one order in every human format;
reminders that give each quarter its days and the unit's full name, and that say why they count
fewer overdue milestones than ``overdue``; the year-end evaluation provisional until the last
quarter's report is due; the spot-check list in a clerk's words. On the sample ledger, as of
2026-11-25 and 2027-01-08, in both languages."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import pytest

from ledger.asof.status import Milestone, Reason, statuses
from ledger.calendar import Quarter
from ledger.load import load
from ledger.model import Ledger
from ledger.reports import remind
from ledger.reports.reasons import for_people
from tests.conftest import REPO
from tests.support import Cli

NOV = "2026-11-25"
JAN = "2027-01-08"

# huade B4 on 25 November: two overdue milestones (the second due later) and three quarters
# without a report; JSON lists them in the contract's order, people read the same order here
B4_ZH = [
    "节点“完成非公企业党建‘地毯式’排查”逾期 209天",
    "节点“完成党组织组建和党建指导员选派”逾期 41天",
    "2026Q1 进展未上报，已逾期 229天",
    "2026Q2 进展未上报，已逾期 138天",
    "2026Q3 进展未上报，已逾期 46天",
]
B4_EN = [
    "milestone “完成非公企业党建‘地毯式’排查” 209 days overdue",
    "milestone “完成党组织组建和党建指导员选派” 41 days overdue",
    "2026Q1 report missing, 229 days late",
    "2026Q2 report missing, 138 days late",
    "2026Q3 report missing, 46 days late",
]
# and a finding of the third-quarter visit (due 31 October, not rectified): red after the missing
# reports, 25 days past its time limit
B4_FINDING = "服装产业园区行业党委尚未成立，园区内8家规上企业仍未建立党组织"
B4_FINDING_ZH = f"督导问题“{B4_FINDING}”整改逾期 25天"
B4_FINDING_EN = f"finding “{B4_FINDING}” 25 days past its time limit"
# huade B7: the project's milestone (due 20 November) comes before the unit's own (due 10
# November) in the file; people read the one late longest first
B7_ZH = [
    "节点“完成20个示范党支部创建初评”逾期 15天",
    "节点“完成标准化规范化建设达标验收”逾期 5天",
]


@pytest.fixture(scope="module")
def ledger() -> Ledger:
    return load(REPO).ledger()


def run(cli: Cli, *args: str, day: str = NOV, lang: str = "zh") -> str:
    code, out = cli(*args, "-C", str(REPO), "--today", day, "--lang", lang)
    assert code == 0, out
    return out


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def sheet_rows(path: Path, header_word: str) -> list[dict[str, Any]]:
    """The rows under the header row (the one holding ``header_word``) of the first sheet."""
    book = openpyxl.load_workbook(path)
    cells = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    header = next(r for r in cells if header_word in r)
    start = cells.index(header) + 1
    return [dict(zip(header, r, strict=False)) for r in cells[start:] if any(r)]


# -- 1. a flag's reasons: days for every one, one order in every human format -------------------


def test_reasons_order_for_people_is_kind_then_earliest_due() -> None:
    """Kinds in the contract's order; within a kind the earliest due first (most days late),
    whatever order they came in; the status, which has no date, last."""
    early = Milestone("a", "甲", date(2026, 3, 31), None, None, False)
    late = Milestone("b", "乙", date(2026, 9, 30), None, None, True)
    q1, q3 = Quarter(2026, 1), Quarter(2026, 3)
    mixed = [
        Reason("missing_report", date(2026, 10, 10), 46, quarter=q3),
        Reason("overdue", late.due, 56, late),
        Reason("missing_report", date(2026, 4, 10), 229, quarter=q1),
        Reason("past_deadline", date(2026, 10, 31), 25),
        Reason("overdue", early.due, 239, early),
    ]
    assert [(r.kind, r.days) for r in for_people(mixed)] == [
        ("overdue", 239),
        ("overdue", 56),
        ("past_deadline", 25),
        ("missing_report", 229),
        ("missing_report", 46),
    ]
    yellow = [
        Reason("status", status="behind"),
        Reason("due_soon", late.due, 9, late),
        Reason("due_soon", early.due, 2, early),
    ]
    assert [(r.kind, r.days) for r in for_people(yellow)] == [
        ("due_soon", 2),
        ("due_soon", 9),
        ("status", None),
    ]


def test_json_keeps_the_contracts_order(cli: Cli) -> None:
    doc = json.loads(run(cli, "report", "--quarter", "--format", "json"))
    huade = next(u for u in doc["units"] if u["id"] == "huade")
    b7 = next(c for c in huade["claims"] if c["project"] == "B7")
    # milestone order: the project's milestone, then the unit's own, whatever their days
    assert [r["days"] for r in b7["reasons"]] == [5, 15]


@pytest.mark.parametrize(
    ("lang", "b4"), [("zh", [*B4_ZH, B4_FINDING_ZH]), ("en", [*B4_EN, B4_FINDING_EN])]
)
def test_checklist_reasons_with_days_in_one_order_in_every_format(
    cli: Cli, tmp_path: Path, lang: str, b4: list[str]
) -> None:
    sep = "；" if lang == "zh" else "; "
    cell = sep.join(b4)
    col = "原因" if lang == "zh" else "Why"
    rows = csv_rows(run(cli, "report", "--quarter", "--format", "csv", lang=lang))
    found = {(r[next(iter(r))], r[col]) for r in rows}
    assert ("化德县", cell) in found
    for fmt in ("markdown", "html"):
        assert cell in run(cli, "report", "--quarter", "--format", fmt, lang=lang)
    target = tmp_path / "q.xlsx"
    run(cli, "report", "--quarter", "--format", "xlsx", "--output", str(target), lang=lang)
    assert cell in [r.get(col) for r in sheet_rows(target, col)]
    # the terminal table, wide enough not to wrap the cell
    code, out = cli(
        *("report", "--quarter", "-C", str(REPO), "--today", NOV, "--lang", lang),
        env={"COLUMNS": "1500", "NO_COLOR": "1"},
    )
    assert code == 0 and cell in out


def test_checklist_b7_reads_the_longest_late_first(cli: Cli) -> None:
    out = run(cli, "report", "--quarter", "--format", "markdown")
    assert "；".join(B7_ZH) in out


def test_half_year_reasons_claim_by_claim_red_first_each_in_the_same_order(cli: Cli) -> None:
    rows = csv_rows(run(cli, "report", "--half", "--format", "csv", "--table", "units"))
    huade = next(r for r in rows if r["单位"].strip() == "化德县")
    assert huade["原因"].split("\n") == [
        *(f"B7 {r}" for r in B7_ZH),
        *(f"B4 {r}" for r in B4_ZH),
        f"B4 {B4_FINDING_ZH}",
        "K3 上报状态为“滞后”",
    ]


def test_remind_table_lists_a_claims_items_in_the_same_order(cli: Cli) -> None:
    rows = csv_rows(run(cli, "remind", "--format", "csv"))
    huade = [r["待办事项"] for r in rows if r["单位"] == "化德县"]
    assert huade == [*B7_ZH, *B4_ZH, B4_FINDING_ZH]  # the unit's findings after its claims
    # JSON keeps section 5's order: B7's project milestone (5 days) first
    data = json.loads(run(cli, "remind", "--format", "json", "--unit", "huade"))
    assert [i["days"] for i in data["units"][0]["items"]][:2] == [5, 15]


# -- 2. reminders: each quarter its days; the unit's full name -----------------------------------


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "zh",
            "B4 的 2026Q1、2026Q2、2026Q3 进展逾期未报（分别 229 天、138 天、46 天），请尽快补报",
        ),
        ("en", "B4: no report for 2026Q1, 2026Q2, 2026Q3 (229, 138, 46 days late respectively)"),
    ],
)
def test_remind_text_gives_each_quarter_its_own_days(cli: Cli, lang: str, words: str) -> None:
    out = run(cli, "remind", "--format", "text", "--unit", "huade", lang=lang)
    assert words in out
    # one quarter: its days once
    out = run(cli, "remind", "--format", "text", "--unit", "zhuozi")
    assert "I1 的 2026Q3 进展逾期未报（46 天），请尽快补报" in out


@pytest.mark.parametrize("day", [NOV, JAN])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_remind_messages_name_the_unit_in_full(cli: Cli, day: str, lang: str) -> None:
    out = run(cli, "remind", "--format", "text", day=day, lang=lang)
    heads = [m.split("：")[0].split(":")[0] for m in out.split("\n\n")]
    loaded = load(REPO).ledger()
    names = {u.name for u in loaded.units.values()}
    shorts = {u.short for u in loaded.units.values()} - names
    for head in heads:
        named = re.sub(r"^(【提醒】|\[Reminder\] )", "", head).split("（")[0].split(" (")[0]
        assert named in names and named not in shorts, head
    assert any("察哈尔右翼后旗农牧和科技局" in h for h in heads)


def test_remind_tables_keep_the_short_name(cli: Cli) -> None:
    rows = csv_rows(run(cli, "remind", "--format", "csv"))
    assert "后旗农牧和科技局" in {r["单位"] for r in rows}


# -- 4. remind's count of overdue milestones and the overdue list's ------------------------------


@pytest.mark.parametrize(("day", "lang"), [(NOV, "zh"), (JAN, "zh"), (JAN, "en")])
def test_remind_says_why_it_counts_fewer_overdue_milestones(
    cli: Cli, tmp_path: Path, day: str, lang: str
) -> None:
    listed = json.loads(run(cli, "overdue", "--format", "json", day=day))
    overdue = sum(1 for row in listed if row["milestone"] is not None)
    data = json.loads(run(cli, "remind", "--format", "json", day=day))
    owed = sum(1 for u in data["units"] for i in u["items"] if i["kind"] == "overdue")
    assert overdue - owed == 1  # 市财政局 I3: complete, its milestone never marked done
    if day == JAN:
        assert (overdue, owed) == (33, 32)
    note = (
        "另有 1 个逾期节点属于已完成的认领项目，不再催报（逾期清单仍列出）"
        if lang == "zh"
        else "overdue milestones of complete claims, not reminded: 1 (listed by overdue)"
    )
    for fmt in ("markdown", "html", "table"):
        assert note in run(cli, "remind", "--format", fmt, day=day, lang=lang).replace("\n", "")
    target = tmp_path / "r.xlsx"
    run(cli, "remind", "--format", "xlsx", "--output", str(target), day=day, lang=lang)
    book = openpyxl.load_workbook(target)
    cells = [str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert any(note in c for c in cells)


@pytest.mark.parametrize("day", ["2026-06-30", NOV, "2026-12-31", JAN])
def test_remind_and_its_note_add_up_to_the_overdue_list(ledger: Ledger, day: str) -> None:
    today = date.fromisoformat(day)
    report = remind.build(ledger, Quarter(2026, 4), today)
    owed = sum(1 for u in report.units for i in u.items if i.owed.kind == "overdue")
    overdue = sum(len(s.overdue) for s in statuses(ledger, today))
    assert owed + report.settled == overdue


def test_no_note_when_the_counts_agree(cli: Cli) -> None:
    out = run(cli, "remind", "--format", "markdown", "--unit", "huade")
    assert "已完成的认领项目" not in out


# -- 3. the year-end evaluation is provisional until the last quarter's report is due -----------


@pytest.mark.parametrize(
    ("day", "provisional"),
    [(NOV, True), ("2026-12-31", True), (JAN, True), ("2027-01-10", True), ("2027-01-11", False)],
)
def test_year_end_provisional_until_q4_reports_are_due(
    cli: Cli, day: str, provisional: bool
) -> None:
    data = json.loads(run(cli, "report", "--year", "--format", "json", day=day))
    assert data["provisional"] is provisional
    for lang in ("zh", "en"):
        out = run(cli, "report", "--year", "--format", "markdown", day=day, lang=lang)
        title = out.splitlines()[0]
        assert (("暂算" in title) if lang == "zh" else ("provisional" in title)) is provisional


@pytest.mark.parametrize(
    ("lang", "why"),
    [
        (
            "zh",
            "暂算：2026Q4 进展 2027-01-10 前上报，尚未计入得分；2027-01-11 起得分定稿。",
        ),
        (
            "en",
            "Provisional: the 2026Q4 reports are due by 2027-01-10, not yet counted;"
            " final from 2027-01-11.",
        ),
    ],
)
def test_year_end_heading_says_why_in_every_format(
    cli: Cli, tmp_path: Path, lang: str, why: str
) -> None:
    for fmt in ("markdown", "html", "table"):
        out = run(cli, "report", "--year", "--format", fmt, day=JAN, lang=lang)
        if fmt == "html":  # figures sit in no-wrap spans
            out = re.sub(r"<[^>]+>", "", out)
        # the table wraps the note at the window's width, wherever that falls
        assert " ".join(why.split()) in " ".join(out.split()), fmt
    target = tmp_path / "y.xlsx"
    run(cli, "report", "--year", "--format", "xlsx", "--output", str(target), day=JAN, lang=lang)
    book = openpyxl.load_workbook(target)
    texts = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert any(why in str(c) for c in texts)


def test_year_end_final_day_follows_report_due_days(cli: Cli, sample: Path) -> None:
    toml = sample / "ledger.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("report_due_days = 10", "report_due_days = 20"),
        encoding="utf-8",
    )
    for day, provisional in (("2027-01-20", True), ("2027-01-21", False)):
        code, out = cli("report", "--year", "-C", sample, "--today", day, "-f", "json")
        assert code == 0 and json.loads(out)["provisional"] is provisional
    code, out = cli("report", "--year", "-C", sample, "--today", "2027-01-20", "-f", "markdown")
    assert "2026Q4 进展 2027-01-20 前上报，尚未计入得分；2027-01-21 起得分定稿" in out


# -- 5. the spot-check list in a clerk's words ---------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_inspect_heading_in_a_clerks_words(cli: Cli, lang: str, fmt: str) -> None:
    out = run(cli, "inspect", "--sample", "3", "--seed", "7", "--format", fmt, lang=lang)
    assert "Python" not in out and "random.Random" not in out
    said = (
        "随机种子 7（同一台账、同一种子，抽取结果相同）"
        if lang == "zh"
        else "seed 7 (the same seed on the same ledger draws the same units)"
    )
    assert said in out.replace("\n", "") or said in out


def test_inspect_without_a_seed_says_the_date_is_the_seed(cli: Cli) -> None:
    out = run(cli, "inspect", "--sample", "3", "--format", "markdown")
    assert "随机种子 20261125（未指定种子，取统计日期：同一台账当天结果相同）" in out


@pytest.mark.parametrize("day", [NOV, JAN])
def test_inspect_to_check_gives_days(cli: Cli, day: str) -> None:
    rows = csv_rows(
        run(cli, "inspect", "-n", "19", "--seed", "7", "-f", "csv", "--table", "sample", day=day)
    )
    k3 = next(r for r in rows if r["单位"] == "市国资委" and r["项目"] == "K3")
    late = {NOV: (117, 25), JAN: (161, 69)}[day]
    lines = k3["督导重点"].split("\n")
    assert lines[:2] == [
        f"节点“完成上半年发展党员工作督查”逾期 {late[0]}天",
        f"节点“完成发展党员工作全程纪实检查”逾期 {late[1]}天",
    ]
    if day == NOV:
        b4 = next(r for r in rows if r["单位"] == "化德县" and r["项目"] == "B4")
        assert b4["督导重点"].split("\n") == [*B4_ZH, B4_FINDING_ZH]
