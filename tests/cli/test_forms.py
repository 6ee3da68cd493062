"""cli/forms.py: `ledger form` and `ledger import` (where a form may be written, the dry run,
errors elsewhere in the ledger a note)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_DAY
from tests.forms.conftest import (
    UNIT,
    UNIT_FILE,
    files,
    fill,
    form,
    run_import,
)
from tests.support import Cli


def test_form_refuses_an_output_inside_the_ledger(cli: Cli, sample: Path) -> None:
    code, _ = cli(
        "form", "-q", "-o", sample / "data" / "units", "-C", sample, "--today", SAMPLE_DAY
    )
    assert code == 2


def test_dry_run_shows_the_diff_and_writes_nothing(cli: Cli, sample: Path, tmp_path: Path) -> None:
    path = form(cli, sample, tmp_path / "out")
    fill(path, progress={"K1": {"status": "正常推进", "percent": 90, "summary": "验收准备"}})
    before = files(sample)
    code, output = run_import(cli, sample, path, "--dry-run")
    assert code == 0, output
    assert f"+++ b/{UNIT_FILE}" in output and "+        percent: 90" in output
    assert files(sample) == before


def test_errors_elsewhere_in_the_ledger_are_a_note_not_a_refusal(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    path = form(cli, sample, tmp_path / "out")
    fill(path, progress={"K1": {"status": "正常推进", "percent": 90, "summary": "推进"}})
    other = sample / "data" / "units" / "huade.yaml"
    other.write_text(
        other.read_text(encoding="utf-8").replace("deadline: 2026-", "deadline: 2026/", 1),
        encoding="utf-8",
    )
    code, output = run_import(cli, sample, path)
    assert code == 0, output
    assert "data/units/huade.yaml" in output and "error[S005]" in output
    assert "percent: 90" in (sample / UNIT_FILE).read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_forms_written_inside_the_ledger_where_git_would_commit_them_are_warned_of(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    subprocess.run(["git", "init", "-q", str(sample)], check=True)
    args = ("form", "-q", "-u", UNIT, "-C", sample, "--today", SAMPLE_DAY, "--lang", "en")
    code, output = cli(*args, "-o", sample / "forms")
    assert code == 0, output
    assert "is inside the ledger's folder and git does not ignore it" in output
    (sample / ".gitignore").write_text("/forms/\n")
    for out in (sample / "forms", tmp_path / "elsewhere"):
        code, output = cli(*args, "-o", out)
        assert code == 0, output
        assert "git does not ignore it" not in output
