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
