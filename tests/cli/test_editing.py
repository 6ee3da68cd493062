"""What the edit commands share (``ledger.cli.editing``): a day typed at an option, the options
typed, the unit a clerk named, and the one runner's messages (stdout for the unit edits, stderr
for ``inspect --record``, whose stdout is the list)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import typer

from ledger.cli.editing import day_option, typed_options, unit_named
from ledger.load import load


def test_a_day_option_defaults_to_t_and_reads_iso() -> None:
    t = date(2026, 11, 25)
    assert day_option(None, "--on", t, "en") == t
    assert day_option("2026-12-01", "--on", t, "en") == date(2026, 12, 1)


def test_a_bad_day_exits_2_naming_its_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit) as exc:
        day_option("2026/12/01", "--due", date(2026, 11, 25), "en")
    assert exc.value.exit_code == 2
    assert "--due" in capsys.readouterr().err


def test_only_the_values_typed_are_named_by_their_option() -> None:
    given = typed_options(("due", "--due", "2026-12-01"), ("project", "--project", None))
    assert given == {"due": "--due 2026-12-01"}


def test_a_unit_is_named_by_id_name_or_short_name(sample: Path) -> None:
    loaded = load(sample, cache=False)
    assert unit_named("huade", loaded, "zh") == "huade"
    assert unit_named("化德县", loaded, "zh") == "huade"


def test_the_unit_edits_speak_on_stdout_the_record_on_stderr(sample: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "ledger", *args, "-C", str(sample)]
        command += ["--today", "2026-11-25", "--lang", "en"]
        return subprocess.run(command, capture_output=True, text=True, check=False)

    done = run("done", "huade", "B7", "acceptance", "--on", "2026-11-25")
    assert done.returncode == 0, done.stderr
    assert "next:" in done.stdout and "git commit" in done.stdout
    record = run("inspect", "-n", "2", "--seed", "1", "--record", "v1", "-f", "json")
    assert record.returncode == 0, record.stderr
    assert len(json.loads(record.stdout)["units"]) == 2  # stdout is the list alone
    # a new file: `git add` it first
    assert "git add data/inspections/v1.yaml" in record.stderr
