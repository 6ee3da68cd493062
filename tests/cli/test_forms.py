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
    said,
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


# -- what import opens: a regular file only, bounded (issue 21) ---------------------------------


def _import_in_subprocess(root: Path, path: Path) -> subprocess.CompletedProcess[str]:
    """``ledger import`` in a process of its own, bounded in time and memory, so that a
    regression (a pipe waited on, /dev/zero read whole) fails instead of hanging the suite."""
    import os
    import resource
    import sys

    def bounded() -> None:
        gib = 1024**3
        resource.setrlimit(resource.RLIMIT_AS, (2 * gib, 2 * gib))

    argv = [sys.executable, "-m", "ledger", "import", str(path), "-C", str(root)]
    return subprocess.run(
        [*argv, "--today", SAMPLE_DAY, "--lang", "en"],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=60,
        preexec_fn=bounded,
    )


@pytest.mark.parametrize("kind", ["fifo", "zero", "link"])
def test_import_reads_only_a_regular_file(
    cli: Cli, sample: Path, tmp_path: Path, kind: str
) -> None:
    import os

    path = tmp_path / "form.xlsx"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    else:  # a link to a real form is not followed either
        made = form(cli, sample, tmp_path / "out")
        path.symlink_to(made)
    before = files(sample)
    try:
        done = _import_in_subprocess(sample, path)
    except subprocess.TimeoutExpired:
        pytest.fail(f"import of a {kind} hangs")
    assert done.returncode == 1, done.stderr
    assert said(str(path), "X027") + "this is " in done.stderr
    assert "Traceback" not in done.stderr
    assert files(sample) == before


def _with_member(path: Path, name: str, size: int) -> None:
    """The workbook with one more member of ``size`` bytes (zeros: it packs to almost nothing)."""
    import zipfile

    out = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        with dst.open(name, "w", force_zip64=True) as member:
            chunk = b"\0" * 1024**2
            for _ in range(size // len(chunk)):
                member.write(chunk)
    out.replace(path)


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_read(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    path = form(cli, sample, tmp_path / "out")
    fill(path, progress={"K1": {"status": "正常推进", "percent": 90, "summary": "推进"}})
    _with_member(path, "xl/media/padding.bin", 60 * 1024**2)
    assert path.stat().st_size < 1024**2  # a small file
    before = files(sample)
    code, output = run_import(cli, sample, path)
    assert code == 1, output
    assert said(str(path), "X028") + "the workbook unpacks to more than 50 MB" in output
    assert files(sample) == before
    code, output = run_import(cli, sample, path, lang="zh")
    assert "工作簿解压后超过 50 MB" in output


def test_a_file_name_with_control_characters_is_shown_escaped_in_errors(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    path = tmp_path / "a\x1b[31m\rb\u009b\nc.xlsx"
    path.write_bytes(b"not a workbook")
    code, output = run_import(cli, sample, path)
    assert code == 1, output
    assert "error[X002]" in output
    for raw in ("\x1b", "\r", "\u009b"):
        assert raw not in output
    assert "a\\x1b[31m\\x0db\\x9b\\x0ac.xlsx: error[X002]" in output
    assert "not an .xlsx workbook" in output
    code, output = run_import(cli, sample, path, lang="zh")
    assert "（不是 .xlsx 工作簿）" in output
