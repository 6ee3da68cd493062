"""The example ledgers of tests/examples/ (see its README.md), walked automatically: every good
case validates clean, every bad case gives exactly its expected.txt; and ``ledger validate`` run
on each as a real process ends in time, without a traceback or a raw control character, and
changes no file."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ledger.validate import validate
from ledger.visible import CONTROL
from tests.support import ledger_files

EXAMPLES = Path(__file__).parent / "examples"
DAY = date(2026, 11, 25)
GOOD = sorted(p for p in (EXAMPLES / "good").iterdir() if p.is_dir())
BAD = sorted(p for p in (EXAMPLES / "bad").iterdir() if p.is_dir())


def _line(p: object) -> str:
    from ledger.problems import Problem

    assert isinstance(p, Problem)
    where = f"{p.path}:{p.line}:{p.column}" if p.line is not None else p.path
    return f"{where}: {p.level}[{p.code}]"


@pytest.mark.parametrize("case", GOOD, ids=[p.name for p in GOOD])
def test_a_good_example_validates_clean(case: Path) -> None:
    assert [_line(p) for p in validate(case, DAY).problems] == []


@pytest.mark.parametrize("case", BAD, ids=[p.name for p in BAD])
def test_a_bad_example_gives_its_expected_problems(case: Path) -> None:
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert [_line(p) for p in validate(case, DAY).problems] == expected


def _digests(root: Path) -> dict[str, str]:
    return {path: hashlib.sha256(raw).hexdigest() for path, raw in ledger_files(root).items()}


def test_every_example_as_a_real_process_ends_in_time_and_changes_nothing() -> None:
    env = {**os.environ, "PYTHONUTF8": "1"}
    env.pop("LEDGER_ROOT", None)
    cases = GOOD + BAD
    before = {case: _digests(case) for case in cases}
    command = [sys.executable, "-m", "ledger", "validate", "--today", "2026-11-25", "-C"]
    running = {
        case: subprocess.Popen(
            [*command, str(case)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        for case in cases
    }
    for case, process in running.items():
        out, err = process.communicate(timeout=60)
        text = (out + err).decode("utf-8")
        assert "Traceback" not in text, case.name
        assert not CONTROL.search(text), case.name
        assert len(text) < 10_000, case.name
        settings = any(line.startswith("ledger.toml") for line in text.splitlines())
        wanted = 0 if case in GOOD else (2 if settings else 1)
        if case in BAD and "error[" not in text:
            wanted = 0  # warnings only
        assert process.returncode == wanted, (case.name, text)
        assert _digests(case) == before[case], case.name
