"""reports/common.py: what the reports share, such as the units in the official order."""

from __future__ import annotations

import re

from tests.conftest import REPO
from tests.reports.conftest import DAY
from tests.support import Cli


def test_units_in_official_order(cli: Cli) -> None:
    code, out = cli("report", "--quarter", "-C", REPO, "--today", DAY, "-f", "markdown")
    assert code == 0
    names = re.findall(r"^\| 　*([^|]+?) \|", out, flags=re.M)
    firsts = list(dict.fromkeys(n for n in names if n not in ("单位",)))
    assert firsts[:11] == [
        "集宁区", "丰镇市", "卓资县", "化德县", "商都县", "兴和县", "凉城县",
        "察右前旗", "察右中旗", "察右后旗", "后旗财政局",
    ]  # fmt: skip
