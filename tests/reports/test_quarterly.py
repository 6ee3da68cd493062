"""reports/quarterly.py: the quarter's checklist (the reasons of every flag, the previous flag, the
totals first, sorted by flag), on the sample ledger."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.asof.status import statuses
from ledger.calendar import Quarter
from ledger.model import Ledger
from ledger.reports import quarterly
from tests.conftest import REPO
from tests.reports.conftest import DAY, _checklist, _claim
from tests.support import Cli


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
        # the third-quarter visit's finding, due 31 October and not rectified; the second-quarter
        # visit's, closed on 10 July, gives no reason
        {
            "kind": "finding_overdue",
            "inspection": "2026q3-spot",
            "finding": "f1",
            "due": "2026-10-31",
            "days": 25,
        },
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
    # the visits (data/inspections/) turn fengzhen B1 red (a finding 56 days overdue) and
    # chayouzhongqi K1 yellow (a finding due in 5 days); shangdu K1's overdue finding leaves
    # the complete claim green
    assert totals == {
        "claims": 49,
        "red": 12,
        "yellow": 14,
        "green": 23,
        "units": 19,
        "units_red": 10,
        "reports_missing": 0,
        "milestones_overdue": 12,
        # huade's of the third-quarter visit (25 days), fengzhen's (56), shangdu's K1 (5 days,
        # the claim complete)
        "findings_overdue": 3,
    }
    q3 = _checklist(cli, "2026Q3")["totals"]
    assert isinstance(q3, dict) and q3["reports_missing"] == 3


def test_findings_overdue_counts_every_finding_of_the_units_in_it(cli: Cli) -> None:
    """On 10 December also chayouzhongqi's K1 finding (due 30 November) and shangdu's finding of
    no project (due 5 December) are overdue; ``--unit`` keeps the unit's alone."""

    def totals(*args: str) -> object:
        code, out = cli(
            "report", "--quarter", "-C", REPO, "--today", "2026-12-10", "-f", "json", *args
        )
        assert code == 0, out
        return json.loads(out)["totals"]["findings_overdue"]

    assert totals() == 5
    assert totals("--unit", "shangdu") == 2
    assert totals("--unit", "huade") == 1
    # and the totals line people read, in both languages
    for lang, words in (("zh", "逾期未整改问题 5"), ("en", "Overdue findings 5")):
        code, out = cli(
            *("report", "--quarter", "-C", REPO, "--today", "2026-12-10", "--lang", lang),
            env={"COLUMNS": "300", "NO_COLOR": "1"},
        )
        assert code == 0 and words in out


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
