"""render/table.py: terminal tables that fit their width, ids and dates unbroken, blocks when too
narrow."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from tests.conftest import REPO
from tests.reports.conftest import DAY
from tests.support import Cli

WIDTH_CASES = [
    ["report", "--quarter"],
    ["report", "--quarter", "--wide"],
    ["report", "--half"],
    ["report", "--year"],
    ["overdue"],
    ["inspect", "-n", "4"],
    ["findings"],
]


@pytest.mark.parametrize("width", [80, 120, 200])
@pytest.mark.parametrize("args", WIDTH_CASES, ids=" ".join)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tables_fit_the_width(cli: Cli, args: list[str], width: int, lang: str) -> None:
    code, out = cli(
        *args,
        "-C",
        REPO,
        "--today",
        DAY,
        "--lang",
        lang,
        env={"COLUMNS": str(width), "NO_COLOR": "1"},
    )
    assert code == 0, out
    wide = [line for line in out.splitlines() if cell_len(line) > width]
    assert not wide, wide[:3]
    if args[:2] == ["report", "--quarter"]:
        words = {"zh": ("红灯", "黄灯", "绿灯"), "en": ("red", "yellow", "green")}[lang]
        flags = re.findall("|".join(words), out)
        # every claim's flag word is there (49 claims, plus the three totals)
        assert len([f for f in flags]) >= 49 + 3


def test_ids_and_dates_are_never_broken(cli: Cli) -> None:
    code, out = cli(
        "report", "--quarter", "--wide", "-C", REPO, "--today", DAY, env={"COLUMNS": "200"}
    )
    assert code == 0
    cells = [c.strip() for line in out.splitlines() for c in line.split("│")]
    for unit_id in ["chayouhouqi-finance", "chayouhouqi-agri", "city-organs"]:
        assert unit_id in cells
    assert "2026-12-31" in cells


def test_too_narrow_for_a_table_gives_blocks(cli: Cli) -> None:
    code, out = cli("overdue", "-C", REPO, "--today", DAY, env={"COLUMNS": "30"})
    assert code == 0
    assert all(cell_len(line) <= 30 for line in out.splitlines())
    # each row a block of lines in the reader's punctuation: 逾期天数：209, not 逾期天数: 209
    assert "逾期天数：209" in out and ": " not in out
    code, out = cli("overdue", "-C", REPO, "--today", DAY, "--lang", "en", env={"COLUMNS": "30"})
    assert code == 0 and "：" not in out and ": 209" in out


def test_two_long_texts_share_the_room() -> None:
    """Two columns as wide as each other give way in turn: the first one tied is not pushed down
    to the next narrower column's width while the other keeps its whole line (the problem and the
    requirement of ``ledger findings``)."""
    from ledger.render.table import _fit

    assert _fit([70, 70, 10], [[14, 14, 10]], 110) == [50, 50, 10]
    assert _fit([74, 70, 10], [[14, 14, 10]], 110) == [50, 50, 10]
