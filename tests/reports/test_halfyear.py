"""reports/halfyear.py: the half-year report (its tables, rounding half up, the projects nobody
claimed)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import REPO, SAMPLE_DAY
from tests.reports.conftest import DAY
from tests.support import Cli


def test_half_year_csv_by_unit_table(cli: Cli) -> None:
    code, out = cli("report", "--half", "-C", REPO, "--today", DAY, "-f", "csv", "--table", "units")
    assert code == 0
    header = out.lstrip("\ufeff").splitlines()[0]
    assert header == "单位,红灯,黄灯,绿灯,原因"
    assert "商都县,1,0,2,B6 超过完成时限 25天，时限 2026-10-31" in out


def test_half_year_rounds_half_up_and_knows_unclaimed_beyond_the_scope(
    cli: Cli, sample: Path
) -> None:
    code, out = cli("report", "-C", sample, "--today", SAMPLE_DAY, "--half", "H1", "-f", "json")
    k3 = next(p for p in json.loads(out)["projects"] if p["id"] == "K3")
    assert code == 0 and k3["average_percent"] == 61.3  # 61.25 exactly: 四舍五入
    code, out = cli("report", "-C", sample, "--today", SAMPLE_DAY, "--half", "-f", "json",
                    "--unit", "huade")  # fmt: skip
    assert [p["id"] for p in json.loads(out)["unclaimed"]] == ["I4"]
