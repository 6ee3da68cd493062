"""reports/yearend.py: the year-end evaluation (its detail, provisional until the last report is
due)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import REPO
from tests.reports.conftest import DAY
from tests.support import Cli


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


def _weigh_rectification(sample: Path) -> None:
    toml = sample / "ledger.toml"
    text = toml.read_text(encoding="utf-8").replace("milestones = 50", "milestones = 40")
    toml.write_text(text + "rectification = 10\n", encoding="utf-8")


def test_json_parts_gain_rectification_weighted_0_by_default(cli: Cli, sample: Path) -> None:
    """By hand from data/inspections/ on 25 November, the findings due before T: huade's
    second-quarter one rectified in time, its third-quarter one not (1/2); jining's rectified
    late (0/1); chayouzhongqi's in time (1/1, its other due 30 November); liangcheng's, of no
    project, in time though since closed (1/1); shangdu's f5 not (0/1); zhuozi none (1)."""
    code, out = cli("report", "--year", "-C", sample, "--today", DAY, "-f", "json")
    assert code == 0
    units = {u["id"]: u for u in json.loads(out)["units"]}
    shares = {uid: u["parts"]["rectification"] for uid, u in units.items()}
    assert {k: v for k, v in shares.items() if v != 1} == {
        "huade": 0.5,
        "jining": 0.0,
        "fengzhen": 0.0,
        "shangdu": 0.0,
    }
    assert shares["chayouzhongqi"] == shares["liangcheng"] == shares["zhuozi"] == 1
    # weighted 0: the v2 score (zhuozi's worked example of the guide)
    assert units["zhuozi"]["score"] == 86.3
    _weigh_rectification(sample)
    code, out = cli("report", "--year", "-C", sample, "--today", DAY, "-f", "json")
    units = {u["id"]: u for u in json.loads(out)["units"]}
    # 40 × 0.8 + 30 × 0.875 + 20 × 1 + 10 × 1 = 88.25; jining 40 + 30 + 20 + 10 × 0 = 90
    assert (units["zhuozi"]["score"], units["jining"]["score"]) == (88.3, 90.0)


def test_the_rectification_column_only_when_weighted(cli: Cli, sample: Path) -> None:
    code, out = cli("report", "--year", "-C", sample, "--today", DAY, "-f", "markdown")
    assert code == 0 and "整改按期率" not in out and "整改 " not in out
    assert "权重：时间节点 50，季度上报 30，完成情况 20" in out
    code, out = cli(
        *("report", "--year", "-C", sample, "--today", DAY, "-f", "markdown", "-u", "shangdu")
    )
    assert "督导整改" not in out  # a part weighted 0 lowers no score: not in the detail
    _weigh_rectification(sample)
    code, out = cli(
        *("report", "--year", "-C", sample, "--today", DAY, "-f", "markdown", "-u", "shangdu")
    )
    assert code == 0
    assert "权重：时间节点 40，季度上报 30，完成情况 20，督导整改 10" in out
    assert "整改按期率 (%)" in out
    assert "节点 6/6×40 + 上报 7/9×30 + 完成 1/2×20 + 整改 0/1×10 = 73.3" in out
    assert (
        "| 商都县 | 督导整改 | K1 | 第四季度随机督导：已整顿转化的1个村党支部组织生活又出现"
        "不经常、不规范问题 | 2026-11-20 | 未整改 |" in out
    )
    code, out = cli(
        *("report", "--year", "-C", sample, "--today", DAY, "-f", "csv", "--lang", "en")
    )
    assert code == 0 and "Rectified in time (%)" in out
