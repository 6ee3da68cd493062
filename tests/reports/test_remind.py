"""``ledger remind``: what each unit owes, checked by hand on the sample and as properties."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]
import pytest

from ledger.asof.owed import owed
from tests.asof.test_properties import ledger as ledger
from tests.conftest import REPO

Cli = Callable[..., tuple[int, str]]


def remind(cli: Cli, day: str, *args: str) -> dict:  # type: ignore[type-arg]
    code, out = cli("remind", "-C", REPO, "--today", day, "--format", "json", *args)
    assert code == 0, out
    data: dict = json.loads(out)  # type: ignore[type-arg]
    return data


def test_json_on_the_sample_in_november(cli: Cli) -> None:
    data = remind(cli, "2026-11-25", "--unit", "察右后旗")
    # R(2026-11-25) is T's quarter; its report is due 2027-01-10, 46 days away: not yet owed
    assert data["quarter"] == "2026Q4" and data["as_of"] == "2026-11-25"
    assert [u["id"] for u in data["units"]] == ["chayouhouqi", "chayouhouqi-agri"]
    houqi = data["units"][0]
    assert houqi["name"] == "察哈尔右翼后旗"
    assert houqi["contact"] == "旗委组织部 刘洋 0474-4652345"
    assert houqi["items"] == [
        # K1's acceptance moved to 30 November: 5 days left
        {
            "kind": "due_soon",
            "project": "K1",
            "leader": "张伟（旗委副书记）",
            "milestone": "acceptance",
            "quarter": None,
            "inspection": None,
            "finding": None,
            "due": "2026-11-30",
            "days": 5,
        },
        # 30 June to 25 November: 1+31+31+30+31+25 = 148 days
        {
            "kind": "overdue",
            "project": "K4",
            "leader": "王静（旗委常委、组织部部长）",
            "milestone": "upgrade",
            "quarter": None,
            "inspection": None,
            "finding": None,
            "due": "2026-06-30",
            "days": 148,
        },
        {
            "kind": "due_soon",
            "project": "K5",
            "leader": "张伟",
            "milestone": "acceptance",
            "quarter": None,
            "inspection": None,
            "finding": None,
            "due": "2026-11-30",
            "days": 5,
        },
    ]


def test_json_at_the_quarter_end_owes_the_coming_report(cli: Cli) -> None:
    data = remind(cli, "2026-12-31", "--unit", "zhuozi")
    items = data["units"][0]["items"]
    # claim order (K4, B6, I1); within a claim section 5's order
    assert [(i["project"], i["kind"], i["days"]) for i in items] == [
        ("K4", "overdue", 11),  # acceptance due 20 December
        ("K4", "report_due", 10),  # 2026Q4 due 2027-01-10, within warn_days = 14
        ("B6", "report_due", 10),
        ("I1", "missing_report", 82),  # 2026Q3 due 10 October: 21 + 30 + 31
        ("I1", "report_due", 10),
        # after the claims, the fourth-quarter visit's finding of K4, to be rectified that day
        ("K4", "finding_due_soon", 0),
    ]
    assert items[3]["quarter"] == "2026Q3" and items[3]["milestone"] is None
    assert items[1]["quarter"] == "2026Q4" and items[1]["due"] == "2027-01-10"


def test_json_in_january_collects_q4_and_counts_deadlines(cli: Cli) -> None:
    data = remind(cli, "2027-01-05", "--unit", "zhuozi")
    assert data["quarter"] == "2026Q4"  # R(2027-01-05)
    kinds = [(i["project"], i["kind"], i["days"]) for i in data["units"][0]["items"]]
    assert ("K4", "past_deadline", 5) in kinds and ("B6", "report_due", 5) in kinds


def test_units_by_id_and_a_quarter_as_typed(cli: Cli) -> None:
    data = remind(cli, "2026-11-25", "--quarter", "三季度")
    ids = [u["id"] for u in data["units"]]
    assert ids == sorted(ids) and data["quarter"] == "2026Q3"
    assert remind(cli, "2026-11-25", "--quarter")["quarter"] == "2026Q4"


def test_contact_null_when_absent(cli: Cli) -> None:
    data = remind(cli, "2026-11-25")
    civil = next(u for u in data["units"] if u["id"] == "city-civil")
    assert civil["contact"] is None


def test_text_one_message_a_unit_and_how_many_were_left_out(cli: Cli) -> None:
    code, out = cli("remind", "-C", REPO, "--today", "2026-11-25", "--format", "text")
    assert code == 0
    body, note = out.rstrip("\n").rsplit("\n", 1)
    messages = body.split("\n\n")
    assert all(m.startswith("【提醒】") and "\n" not in m for m in messages)
    # 察哈尔右翼中旗 owes only the rectification of a finding due on 30 November
    assert len(messages) == 14 and note == "另有 5 个单位没有待办事项，未列出"
    # a message names the unit by its full name (察右后旗 is the short one, for tables)
    houqi = next(m for m in messages if m.startswith("【提醒】察哈尔右翼后旗"))
    assert houqi.startswith("【提醒】察哈尔右翼后旗（联系人 旗委组织部 刘洋 0474-4652345）：")
    late = "K4 党群服务中心功能提升（王静）节点“完成功能布局调整和服务事项清单公示”已逾期 148 天"
    assert late in houqi
    code, out = cli("remind", "-C", REPO, "--today", "2027-01-05", "-f", "text", "-u", "卓资县")
    assert "2026Q4 进展请于1月10日前上报" in out and "I1 的 2026Q3 进展逾期未报" in out


def test_text_in_english(cli: Cli) -> None:
    code, out = cli(
        "remind", "-C", REPO, "--today", "2026-12-31", "-f", "text", "-u", "jining", "--lang", "en"
    )
    assert code == 0
    assert out.startswith("[Reminder] 集宁区 (contact: 区委组织部办公室 李娜 0474-8312345): ")
    assert "please send the 2026Q4 report by 10 Jan" in out


def test_xlsx_cells(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "催报.xlsx"
    code, out = cli("remind", "-C", REPO, "--today", "2026-11-25", "-f", "xlsx", "-o", target)
    assert code == 0, out
    book = openpyxl.load_workbook(target)
    cells = [[c for c in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    header = next(r for r in cells if r and "联系人" in r)
    first = cells[cells.index(header) + 1]
    row = dict(zip(header, first, strict=False))
    # a wrapped phone number's hyphen is non-breaking (U+2011): it prints on one line
    contact = row["联系人"].replace("\u2011", "-")
    assert row["单位"] == "集宁区" and contact == "区委组织部办公室 李娜 0474-8312345"
    assert row["责任领导"] == "刘建军（区委副书记）" and row["天数"] == "还剩 5 天"


def test_bad_quarter_and_unit_exit_2(cli: Cli) -> None:
    code, out = cli("remind", "-C", REPO, "--today", "2026-11-25", "--quarter", "第五季度")
    assert code == 2 and "不是季度" in out
    code, out = cli("remind", "-C", REPO, "--today", "2026-11-25", "--unit", "卓资")
    assert code == 2 and "卓资县" in out


@pytest.mark.parametrize("day", ["2026-11-25", "2026-12-31", "2027-01-05"])
def test_units_left_out_owe_nothing(cli: Cli, day: str) -> None:
    from ledger.asof.status import statuses
    from ledger.calendar import reporting_quarter
    from ledger.load import load
    from ledger.reports import remind as module

    loaded = load(REPO).ledger()
    today = date.fromisoformat(day)
    q = reporting_quarter(loaded.year, today, 10)
    report = module.build(loaded, q, today)
    listed = {u.unit.id for u in report.units}
    for s in statuses(loaded, today):
        assert (s.unit.id in listed) or not owed(s, q, loaded)
    assert all(u.items for u in report.units)
    with_claims = {s.unit.id for s in statuses(loaded, today)}
    assert report.left_out == len(with_claims - listed)


def test_a_contact_that_is_not_text_is_an_error(make_ledger: Callable[..., Path], cli: Cli) -> None:
    root = make_ledger(units={"a": "id: a\nname: 甲\ncontact: 4652345\n"})
    code, out = cli("validate", "-C", root, "--today", "2026-11-25", "--lang", "en")
    assert code == 1 and "error[S004]" in out and "contact" in out
    code, out = cli("remind", "-C", root, "--today", "2026-11-25")
    assert code == 1 and "S004" in out


# -- the findings of the supervision visits (contract section 10) --------------------------------


def test_findings_come_after_the_claims_in_the_order_of_their_visits(cli: Cli) -> None:
    """商都县 on 25 November: B6 past its deadline; then the fourth-quarter visit's f1 (no
    project, due 5 December) before its f5 (K1, 5 days overdue), file order whatever the kind;
    K1 is complete, yet its finding is reminded, with its leader."""
    items = remind(cli, "2026-11-25", "--unit", "shangdu")["units"][0]["items"]
    assert items[0]["kind"] == "past_deadline"
    assert items[0]["inspection"] is None and items[0]["finding"] is None
    assert items[1:] == [
        {
            "kind": "finding_due_soon",
            "project": None,
            "leader": None,
            "milestone": None,
            "quarter": None,
            "inspection": "2026q4-spot",
            "finding": "f1",
            "due": "2026-12-05",
            "days": 10,
        },
        {
            "kind": "finding_overdue",
            "project": "K1",
            "leader": "冯振华（县委副书记）",
            "milestone": None,
            "quarter": None,
            "inspection": "2026q4-spot",
            "finding": "f5",
            "due": "2026-11-20",
            "days": 5,
        },
    ]


def test_finding_items_do_not_depend_on_the_quarter(cli: Cli) -> None:
    def findings(*args: str) -> list[dict]:  # type: ignore[type-arg]
        units = remind(cli, "2026-11-25", *args)["units"]
        return [i for u in units for i in u["items"] if i["finding"] is not None]

    every = findings()
    assert every == findings("--quarter", "2026Q1") == findings("--quarter", "2026Q3")
    # huade's (25 days), fengzhen's (56), shangdu's two, chayouzhongqi's K1 (5 days left)
    assert [(i["inspection"], i["finding"]) for i in every] == [
        ("2026q4-spot", "f2"),
        ("2026q3-spot", "f2"),
        ("2026q3-spot", "f1"),
        ("2026q4-spot", "f1"),
        ("2026q4-spot", "f5"),
    ]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "zh",
            [
                "；第四季度随机督导发现的问题“部分社区网格员底数不清，专职网格员兼职事务过多”"
                "请于12月5日前整改到位；",
                "；K1（冯振华）第四季度随机督导发现的问题“已整顿转化的1个村党支部组织生活又出现"
                "不经常、不规范问题”整改时限11月20日，已逾期 5 天，请尽快整改到位。",
            ],
        ),
        (
            "en",
            [
                "; the problem “部分社区网格员底数不清，专职网格员兼职事务过多” found by "
                "第四季度随机督导 is to be put right by 5 Dec; ",
                "; K1 (冯振华): the problem “已整顿转化的1个村党支部组织生活又出现不经常、不规范"
                "问题” found by 第四季度随机督导 is 5 days past its time limit (20 Nov), please "
                "put it right now.",
            ],
        ),
    ],
)
def test_the_message_names_the_problem_and_its_time_limit(
    cli: Cli, lang: str, words: list[str]
) -> None:
    code, out = cli(
        *("remind", "-C", REPO, "--today", "2026-11-25", "-f", "text", "-u", "shangdu"),
        *("--lang", lang),
    )
    assert code == 0
    for said in words:
        assert said in out
    assert out.index(words[0]) > out.index("B6")  # after the claims


def test_the_message_says_a_finding_due_today(cli: Cli) -> None:
    code, out = cli("remind", "-C", REPO, "--today", "2026-12-31", "-f", "text", "-u", "zhuozi")
    assert code == 0
    assert "K4（郭俊峰）第四季度随机督导发现的问题“部分党群服务中心功能室闲置" in out
    assert "为民服务事项办理记录不全”今天整改到期。" in out


VISIT = """\
id: v1
title: 专项督导
date: 2026-06-01
units: [a]
findings:
  - id: f1
    unit: a
    problem: 台账不全
    requirement: 补齐
    due: 2026-06-30
"""


def test_a_unit_without_claims_appears_for_its_findings(
    make_ledger: Callable[..., Path], cli: Cli
) -> None:
    root = make_ledger(units={"a": "id: a\nname: 甲单位\n"})
    (root / "data" / "inspections").mkdir()
    (root / "data" / "inspections" / "v1.yaml").write_text(VISIT, encoding="utf-8")
    code, out = cli("remind", "-C", root, "--today", "2026-07-10", "-f", "json")
    assert code == 0, out
    data = json.loads(out)
    assert [u["id"] for u in data["units"]] == ["a"]
    [item] = data["units"][0]["items"]
    assert (item["kind"], item["project"], item["leader"], item["days"]) == (
        "finding_overdue",
        None,
        None,
        10,
    )
    code, out = cli("remind", "-C", root, "--today", "2026-07-10", "-f", "text")
    assert code == 0
    assert out.startswith(
        "【提醒】甲单位：专项督导发现的问题“台账不全”整改时限6月30日，"
        "已逾期 10 天，请尽快整改到位。"
    )
    # before the visit, nothing: it has not happened
    code, out = cli("remind", "-C", root, "--today", "2026-05-31", "-f", "json")
    assert code == 0 and json.loads(out)["units"] == []


def test_a_visit_dated_after_t_gives_no_item_and_no_error(
    make_ledger: Callable[..., Path], cli: Cli
) -> None:
    """A visit two days after T whose finding would be due soon as of T: as of T it has not
    happened, so nothing is owed for it, and it is no error."""
    root = make_ledger(units={"a": "id: a\nname: 甲单位\n"})
    (root / "data" / "inspections").mkdir()
    later = VISIT.replace("id: v1", "id: v2").replace("2026-06-01", "2026-07-12")
    later = later.replace("due: 2026-06-30", "due: 2026-07-15")
    (root / "data" / "inspections" / "v2.yaml").write_text(later, encoding="utf-8")
    code, out = cli("remind", "-C", root, "--today", "2026-07-10", "-f", "json")
    assert code == 0, out
    assert json.loads(out)["units"] == []
    code, out = cli("remind", "-C", root, "--today", "2026-07-12", "-f", "json")
    assert code == 0, out
    [unit] = json.loads(out)["units"]
    assert [(i["kind"], i["inspection"], i["days"]) for i in unit["items"]] == [
        ("finding_due_soon", "v2", 3)
    ]


def test_the_table_counts_and_shows_the_findings(cli: Cli) -> None:
    code, out = cli(
        *("remind", "-C", REPO, "--today", "2026-11-25", "-f", "markdown", "-u", "shangdu")
    )
    assert code == 0
    assert "逾期未整改问题 **1**" in out and "整改即将到期问题 **1**" in out
    assert "督导问题“部分社区网格员底数不清，专职网格员兼职事务过多” 10天后整改到期" in out
    assert "督导问题“已整顿转化的1个村党支部组织生活又出现不经常、不规范问题”整改逾期 5天" in out
