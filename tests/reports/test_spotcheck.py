"""reports/spotcheck.py: the spot-check list drawn by `ledger inspect` (the same for the same
seed)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SAMPLE_DAY
from tests.support import Cli


def test_inspect_is_the_same_for_the_same_seed(cli: Cli, sample: Path) -> None:
    args = (
        "inspect",
        "-C",
        sample,
        "--today",
        SAMPLE_DAY,
        "--sample",
        "4",
        "--seed",
        "7",
        "-f",
        "json",
    )
    first, second = cli(*args), cli(*args)
    assert first == second
    units = [u["id"] for u in json.loads(first[1])["units"]]
    assert len(units) == len(set(units)) == 4
    other = cli(
        "inspect", "-C", sample, "--today", SAMPLE_DAY, "--sample", "4", "--seed", "8", "-f", "json"
    )
    assert [u["id"] for u in json.loads(other[1])["units"]] != units


# -- 回头看: the findings of each unit drawn not closed as of T (contract section 10) -------------


def _drawn(cli: Cli, sample: Path, day: str = SAMPLE_DAY) -> dict[str, list[dict[str, str]]]:
    """Every unit drawn (all 19) with its findings."""
    code, out = cli("inspect", "-C", sample, "--today", day, "-n", "19", "-f", "json")
    assert code == 0, out
    return {u["id"]: u["findings"] for u in json.loads(out)["units"]}


def test_json_units_gain_their_findings_not_closed(cli: Cli, sample: Path) -> None:
    """By hand from data/inspections/ on 25 November: huade's second-quarter finding is closed,
    its third-quarter one overdue; liangcheng's only one closed; chayouzhongqi's rectified one
    (not yet closed) comes before its due-soon one, in the order of the visits; shangdu's three
    of one visit in file order."""
    found = _drawn(cli, sample)
    assert found["huade"] == [
        {
            "inspection": "2026q3-spot",
            "finding": "f1",
            "problem": "服装产业园区行业党委尚未成立，园区内8家规上企业仍未建立党组织",
            "due": "2026-10-31",
            "state": "overdue",
        }
    ]
    assert found["liangcheng"] == [] and found["jining"][0]["state"] == "rectified"
    states = {
        uid: [(f["inspection"], f["finding"], f["state"]) for f in fs] for uid, fs in found.items()
    }
    assert states["chayouzhongqi"] == [
        ("2026q2-spot", "f3", "rectified"),
        ("2026q4-spot", "f2", "due_soon"),
    ]
    assert states["shangdu"] == [
        ("2026q4-spot", "f1", "due_soon"),
        ("2026q4-spot", "f4", "open"),
        ("2026q4-spot", "f5", "overdue"),
    ]
    assert sum(map(len, found.values())) == 9


def test_a_visit_after_t_is_not_looked_back_on(cli: Cli, sample: Path) -> None:
    # 17 August: the third-quarter visit (18 August) has not happened
    found = _drawn(cli, sample, "2026-08-17")
    assert {uid: [f["finding"] for f in fs] for uid, fs in found.items() if fs} == {
        "chayouzhongqi": ["f3"],  # rectified 28 June, closed never
        "jining": ["f2"],  # overdue: rectified only on 20 August
    }


def test_the_human_formats_look_back(cli: Cli, sample: Path) -> None:
    base = ("inspect", "-C", sample, "--today", SAMPLE_DAY, "-n", "19", "--seed", "1")
    code, out = cli(*base, "-f", "markdown")
    assert code == 0
    assert "## 回头看：以往督导未销号的问题" in out
    assert "未销号问题 **9**" in out and "逾期未整改问题 **3**" in out
    assert (
        "| 2026-07-15 | 已整改，待销号 |  | 2026-06-28 |" in out
        and "| 2026-09-30 | 逾期未整改 | 逾期 56 天 |  |" in out
        and "| 2026-11-30 | 即将到期 | 还剩 5 天 |  |" in out
        and "| 2026-12-31 | 未到期 | 还剩 36 天 |  |" in out
    )
    assert "第三季度随机督导（2026-08-18）" in out
    # a red claim never goes without what to check: fengzhen B1's finding
    assert "督导问题“嘎查村‘两委’成员学历提升报名动员不到位" in out.split("## 回头看")[0]
    code, out = cli(*base, "-f", "csv", "--table", "lookback", "--lang", "en")
    assert code == 0
    header = out.lstrip("\ufeff").splitlines()[0]
    assert header == (
        "No.,Unit,Visit,Project,Problem found,Requirement,Time limit,Rectification,Days,Rectified"
    )
    assert ',2026-07-15,"rectified, to be closed",,2026-06-28' in out
    # liangcheng's only finding is closed: nothing to look back on
    code, out = cli(*base, "-f", "html", "--unit", "liangcheng")
    assert code == 0 and "抽取的单位没有未销号的督导问题" in out


def test_a_units_name_once_for_its_rows_in_the_terminal(cli: Cli, sample: Path) -> None:
    # 商都县 has three findings to look back on, 察右后旗 three claims: each name once
    code, out = cli(
        "inspect", "-C", sample, "--today", SAMPLE_DAY, "-n", "19", "--seed", "1",
        env={"COLUMNS": "120"},
    )  # fmt: skip
    assert code == 0
    main, lookback = out.split("回头看")
    assert lookback.count("商都县") == 1
    assert main.count("察右后旗") == 1
