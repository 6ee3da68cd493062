"""reports/overdue.py: the overdue list (a project's filter, its order)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SAMPLE_DAY
from tests.support import Cli


def test_overdue_project_filter_and_order(cli: Cli, sample: Path) -> None:
    code, out = cli("overdue", "-C", sample, "--today", SAMPLE_DAY, "-f", "json")
    rows = json.loads(out)
    assert code == 0 and rows
    assert [r["days_overdue"] for r in rows] == sorted(
        (r["days_overdue"] for r in rows), reverse=True
    )
    assert all(set(r) == {"unit", "project", "milestone", "due", "days_overdue"} for r in rows)
    code, out = cli("overdue", "-C", sample, "--today", SAMPLE_DAY, "-f", "json", "--project", "K1")
    assert {r["project"] for r in json.loads(out)} == {"K1"}
