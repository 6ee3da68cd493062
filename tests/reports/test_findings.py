"""reports/findings.py: the rectification ledger (整改台账), its JSON as of T, its filters and
totals, its words and every format."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ledger.model import Ledger
from ledger.reports import findings
from tests.conftest import REPO
from tests.reports.conftest import DAY
from tests.support import Cli

KEYS = [
    "inspection", "date", "finding", "unit", "name", "project", "problem", "requirement", "due",
    "rectified", "closed", "evidence", "state", "days", "late",
]  # fmt: skip
Q3, Q4 = "2026q3-spot", "2026q4-spot"


def _json(cli: Cli, *args: str | Path, root: Path = REPO, day: str = DAY) -> dict[str, Any]:
    code, out = cli("findings", "-C", root, "--today", day, "-f", "json", *args)
    assert code == 0, out
    doc: dict[str, Any] = json.loads(out)
    return doc


def _by_id(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(f["inspection"], f["finding"]): f for f in doc["findings"]}


def test_the_sample_as_of_the_sample_day(cli: Cli) -> None:
    doc = _json(cli)
    assert list(doc) == ["as_of", "totals", "findings"] and doc["as_of"] == DAY
    assert doc["totals"] == {
        "findings": 11, "open": 2, "due_soon": 2, "overdue": 3, "rectified": 2, "closed": 2,
    }  # fmt: skip
    assert all(list(f) == KEYS for f in doc["findings"])
    # by visit date, visit id, then file order
    assert [(f["inspection"], f["finding"]) for f in doc["findings"]] == [
        ("2026q2-spot", "f1"), ("2026q2-spot", "f2"), ("2026q2-spot", "f3"),
        ("2026q3-spot", "f1"), ("2026q3-spot", "f2"), ("2026q3-spot", "f3"),
        ("2026q4-spot", "f1"), ("2026q4-spot", "f2"), ("2026q4-spot", "f3"),
        ("2026q4-spot", "f4"), ("2026q4-spot", "f5"),
    ]  # fmt: skip
    found = _by_id(doc)
    assert found["2026q2-spot", "f1"] == {
        "inspection": "2026q2-spot",
        "date": "2026-05-20",
        "finding": "f1",
        "unit": "huade",
        "name": "化德县",
        "project": "B4",
        "problem": "规模以上非公企业党建情况排查台账不完整，23家企业未逐户登记党员和党组织情况",
        "requirement": "逐企业补齐排查台账，建立“两个覆盖”动态管理台账",
        "due": "2026-06-30",
        "rectified": "2026-06-25",
        "closed": "2026-07-10",
        "evidence": "非公企业党建排查台账及入企走访记录",
        "state": "closed",
        "days": None,
        "late": False,
    }
    # rectified after its time limit: late, no days
    late = found["2026q2-spot", "f2"]
    assert (late["state"], late["days"], late["late"], late["closed"]) == (
        "rectified",
        None,
        True,
        None,
    )
    overdue = found["2026q4-spot", "f5"]
    assert (overdue["state"], overdue["days"], overdue["late"]) == ("overdue", 5, False)
    soon = found["2026q4-spot", "f2"]
    assert (soon["state"], soon["days"]) == ("due_soon", 5)
    still = found["2026q4-spot", "f3"]
    assert (still["state"], still["days"]) == ("open", 36)
    # a finding with no project, evidence as written or null
    assert found["2026q3-spot", "f3"]["project"] is None
    assert found["2026q3-spot", "f1"]["evidence"] is None


def test_an_earlier_day_leaves_out_a_later_visit_and_later_dates(cli: Cli) -> None:
    doc = _json(cli, day="2026-08-19")
    assert doc["totals"] == {
        "findings": 6, "open": 3, "due_soon": 0, "overdue": 1, "rectified": 1, "closed": 1,
    }  # fmt: skip
    # the visit of 2026-11-10 has not happened yet
    assert {f["inspection"] for f in doc["findings"]} == {"2026q2-spot", "2026q3-spot"}
    found = _by_id(doc)
    # rectified on 2026-08-20, after T: not yet, and overdue since 2026-07-31
    f2 = found["2026q2-spot", "f2"]
    assert (f2["rectified"], f2["state"], f2["days"], f2["late"]) == (None, "overdue", 19, False)
    # rectified and closed in September: neither as of T
    f3 = found["2026q3-spot", "f3"]
    assert (f3["rectified"], f3["closed"], f3["state"], f3["days"]) == (None, None, "open", 42)
    # evidence is as written, whatever the dates beside it say as of T
    assert f2["evidence"] == "区委组织部、民政局联合印发的岗位等级评定办法"
    assert f3["evidence"] == "挂牌清理前后对比照片"
    # the day of the visit itself counts (visits dated on or before T)
    assert _json(cli, day="2026-08-18")["totals"]["findings"] == 6
    assert _json(cli, day="2026-08-17")["totals"]["findings"] == 3


def test_closed_after_the_day_is_null_and_the_finding_rectified(cli: Cli) -> None:
    found = _by_id(_json(cli, day="2026-07-05"))
    f1 = found["2026q2-spot", "f1"]
    assert (f1["rectified"], f1["closed"], f1["state"], f1["days"]) == (
        "2026-06-25",
        None,
        "rectified",
        None,
    )


@pytest.mark.parametrize(
    ("args", "expected", "totals"),
    [
        (["--unit", "商都县"], [(Q4, "f1"), (Q4, "f4"), (Q4, "f5")],
         {"findings": 3, "open": 1, "due_soon": 1, "overdue": 1, "rectified": 0, "closed": 0}),
        (["--state", "逾期"], [(Q3, "f1"), (Q3, "f2"), (Q4, "f5")],
         {"findings": 3, "open": 0, "due_soon": 0, "overdue": 3, "rectified": 0, "closed": 0}),
        (["--state", "closed", "--unit", "huade"], [("2026q2-spot", "f1")],
         {"findings": 1, "open": 0, "due_soon": 0, "overdue": 0, "rectified": 0, "closed": 1}),
        (["--state", "due soon", "-u", "zhuozi"], [],
         {"findings": 0, "open": 0, "due_soon": 0, "overdue": 0, "rectified": 0, "closed": 0}),
    ],
)  # fmt: skip
def test_filters_and_the_totals_of_what_they_keep(
    cli: Cli, args: list[str], expected: list[tuple[str, str]], totals: dict[str, int]
) -> None:
    doc = _json(cli, *args)
    assert [(f["inspection"], f["finding"]) for f in doc["findings"]] == expected
    assert doc["totals"] == totals


def test_unit_keeps_the_units_under_it(cli: Cli, sample: Path) -> None:
    visit = """\
        id: 2026q3-back
        title: 专项督导
        date: 2026-09-01
        units: [chayouhouqi-agri, jining]
        findings:
          - id: f1
            unit: chayouhouqi-agri
            problem: 台账不全
            requirement: 补齐台账
            due: 2026-12-31
          - id: f2
            unit: jining
            problem: 记录不全
            requirement: 补齐记录
            due: 2026-12-31
        """
    (sample / "data" / "inspections" / "2026q3-back.yaml").write_text(
        "\n".join(line[8:] for line in visit.splitlines()) + "\n", encoding="utf-8"
    )
    doc = _json(cli, "--unit", "chayouhouqi", root=sample)
    assert [(f["inspection"], f["unit"]) for f in doc["findings"]] == [
        ("2026q3-back", "chayouhouqi-agri")
    ]
    assert doc["totals"]["findings"] == 1 and doc["totals"]["open"] == 1
    assert _json(cli, root=sample)["totals"]["findings"] == 13


def test_the_state_cells_in_the_clerks_words(ledger: Ledger) -> None:
    report = findings.build(ledger, date(2026, 11, 25))
    cells = {
        (f.visit.id, f.finding.id): findings.state_text(f, lang)
        for f in report.findings
        for lang in ["zh"]
    }
    assert cells["2026q2-spot", "f1"] == "已销号"
    assert cells["2026q2-spot", "f2"] == "已整改\n逾期 20 天整改"
    assert cells["2026q2-spot", "f3"] == "已整改"
    assert cells["2026q3-spot", "f2"] == "逾期 56 天"
    assert cells["2026q4-spot", "f2"] == "即将到期\n还剩 5 天"
    assert cells["2026q4-spot", "f3"] == "未到期"
    en = {(f.visit.id, f.finding.id): findings.state_text(f, "en") for f in report.findings}
    assert en["2026q2-spot", "f2"] == "rectified\n20 days late"
    assert en["2026q3-spot", "f2"] == "56 days overdue"
    # due on T itself: due today, not "0 days left"
    today = findings.build(ledger, date(2026, 11, 30), state="due_soon")
    f2 = next(f for f in today.findings if f.finding.id == "f2")
    assert findings.state_text(f2, "zh") == "今天到期" and f2.days == 0


def test_closed_late_says_so(ledger: Ledger) -> None:
    report = findings.build(ledger, date(2026, 11, 25))
    late = next(f for f in report.findings if f.late)
    closed = late._replace(state="closed")
    assert findings.state_text(closed, "zh") == "已销号\n逾期 20 天整改"


def test_the_document_opens_with_the_totals_and_groups_by_visit(ledger: Ledger) -> None:
    doc = findings.document(findings.build(ledger, date(2026, 11, 25)), ledger, "zh")
    assert [(x.label, x.value, x.flag) for x in doc.totals] == [
        ("发现问题", 11, None),
        ("未到期", 2, None),
        ("即将到期", 2, "yellow"),
        ("逾期未整改", 3, "red"),
        ("已整改", 2, None),
        ("已销号", 2, None),
        ("逾期完成整改", 1, "red"),
    ]
    [table] = doc.tables
    assert table.grouped and table.heading == 3
    assert [r.cells[0] for r in table.rows[:4]] == ["第二季度随机督导"] * 3 + ["第三季度随机督导"]
    assert {r.flag for r in table.rows} == {None, "yellow", "red", "green"}
    # a state filter is said under the title
    only = findings.document(
        findings.build(ledger, date(2026, 11, 25), state="overdue"), ledger, "zh"
    )
    assert "只列整改情况为“逾期未整改”的问题" in only.meta


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "html"])
def test_every_format_renders(cli: Cli, fmt: str, lang: str) -> None:
    code, out = cli("findings", "-C", REPO, "--today", DAY, "-f", fmt, "--lang", lang)
    assert code == 0, out
    title, late = (
        ("整改台账", "逾期 20 天") if lang == "zh" else ("Rectification ledger", "20 days late")
    )
    # the late rectification is marked, whatever the format does with the cell's line break
    assert late in out
    if fmt != "csv":  # a CSV file holds the table alone
        assert title in out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_workbook(cli: Cli, tmp_path: Path, lang: str) -> None:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    out = tmp_path / "findings.xlsx"
    code, text = cli(
        "findings", "-C", REPO, "--today", DAY, "-f", "xlsx", "-o", out, "--lang", lang
    )
    assert code == 0, text
    ws = load_workbook(out).active
    values = [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert ("整改台账" if lang == "zh" else "Rectification ledger") in values
    assert "f5" in values and "2026q4-spot" in values


def test_no_findings_says_so(cli: Cli) -> None:
    code, out = cli("findings", "-C", REPO, "--today", "2026-05-19", "-f", "markdown")
    assert code == 0 and "没有督导发现的问题。" in out and "发现问题 **0**" in out


def test_a_state_filter_that_keeps_nothing_says_which(cli: Cli) -> None:
    args = ["-C", REPO, "--today", DAY, "-f", "markdown", "-s", "closed", "-u", "商都县"]
    code, out = cli("findings", *args)
    assert code == 0 and "没有整改情况为“已销号”的问题。" in out
    code, out = cli("findings", *args, "--lang", "en")
    assert code == 0 and "No findings that are closed." in out


def test_the_scope_line_in_each_languages_brackets(cli: Cli) -> None:
    base = ("findings", "-C", REPO, "--today", DAY, "-u", "liangcheng")
    code, out = cli(*base)
    assert code == 0 and "范围：凉城县（liangcheng）及其下属单位" in out
    code, out = cli(*base, "--lang", "en")
    assert code == 0 and "Units: 凉城县 (liangcheng) and the units under it" in out
