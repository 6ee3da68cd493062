"""reports/yearend.py: the year-end evaluation (its detail, provisional until the last report is
due)."""

from __future__ import annotations

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
