"""edit/init.py: `ledger init` writes a ledger that validates, or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLE_DAY
from tests.support import Cli


@pytest.mark.parametrize(
    "args",
    [
        [""],
        ["new", "--year", "99999"],
        ["new", "--year", "-5"],
        ["new", "--year", "1899"],
        ["new", "--title", "  "],
        ["new", "--title", "台账\x1b[2J"],
        ["a-file"],
        ["a-file/under"],
    ],
)
def test_init_refuses_what_would_not_validate_and_writes_nothing(
    cli: Cli, tmp_path: Path, args: list[str]
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    where = [str(tmp_path / args[0]) if args[0] else "", *args[1:]]
    code, out = cli("init", *where, "--today", SAMPLE_DAY, "--lang", "en")
    assert code == 2, out
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert (tmp_path / "a-file").read_text() == "not a folder"


@pytest.mark.parametrize("year", ["1900", "2026", "9998"])
def test_a_new_ledger_always_validates(cli: Cli, tmp_path: Path, year: str) -> None:
    code, out = cli("init", tmp_path / "new", "--year", year, "--lang", "en")
    assert code == 0, out
    code, out = cli("validate", "-C", tmp_path / "new", "--today", f"{year}-06-30")
    assert code == 0, out
