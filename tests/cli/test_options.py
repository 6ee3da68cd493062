"""cli/options.py: the options every command shares (the ledger folder, the command line's text,
the current folder)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_DAY, LedgerMaker
from tests.runs import ENV, run_validate
from tests.support import Cli


def test_missing_ledger_toml_with_root_exits_2(make_ledger: LedgerMaker, cli: Cli) -> None:
    root = make_ledger(config=None)
    code, output = run_validate(cli, root)
    assert code == 2
    assert "holds no ledger.toml" in output
    assert "Traceback" not in output


def test_a_root_that_does_not_exist_exits_2(tmp_path: Path, cli: Cli) -> None:
    code, output = run_validate(cli, tmp_path / "nowhere")
    assert code == 2
    assert "does not exist" in output


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "-C", b"\xb2\xe2\xca\xd4"],  # 测试 in GBK
        ["overdue", "--unit", b"\xbc\xaf\xc4\xfe", "-C", "."],
        ["claim", "a", "K1", "--leader", b"\xcd\xf5", "--deadline", "2026-11-30", "--measure", "m"],
    ],
)
def test_command_line_text_that_is_not_utf8_is_a_message(sample: Path, args: list[object]) -> None:
    command = [sys.executable.encode(), b"-m", b"ledger"]
    command += [a if isinstance(a, bytes) else str(a).encode() for a in args]
    done = subprocess.run(command, capture_output=True, timeout=20, env=ENV, cwd=sample)
    text = (done.stdout + done.stderr).decode("utf-8", "replace")
    assert done.returncode == 2, text
    assert "Traceback" not in text
    assert "UTF-8" in text


def test_a_deleted_current_folder_is_a_message_even_with_root(sample: Path, tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    script = (
        f"mkdir {gone} && cd {gone} && rmdir {gone} && "
        f"{sys.executable} -m ledger validate --today {SAMPLE_DAY} -C {sample}; echo rc=$?; "
        f"{sys.executable} -m ledger validate --today {SAMPLE_DAY}; echo rc=$?; "
        f"{sys.executable} -m ledger init new; echo rc=$?"
    )
    done = subprocess.run(["sh", "-c", script], capture_output=True, timeout=30, env=ENV)
    text = (done.stdout + done.stderr).decode("utf-8", "replace")
    assert "Traceback" not in text
    codes = [line for line in text.splitlines() if line.startswith("rc=")]
    assert codes[0] in ("rc=0", "rc=1") and codes[1:] == ["rc=2", "rc=2"], text


def test_version(cli: Cli) -> None:
    from ledger import __version__

    code, out = cli("--version")
    assert code == 0 and out.strip() == f"ledger {__version__}"


def test_root_from_environment_and_from_parent_folders(
    cli: Cli, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("validate", env={"LEDGER_ROOT": str(sample), "LEDGER_TODAY": SAMPLE_DAY})[0] == 0
    monkeypatch.chdir(sample / "data" / "units")
    assert cli("validate", env={"LEDGER_TODAY": SAMPLE_DAY})[0] == 0


def test_no_ledger_found_is_exit_2(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LEDGER_ROOT", raising=False)
    code, out = cli("validate", "--lang", "en", "--today", SAMPLE_DAY)
    assert code == 2 and "no ledger found" in out


def test_root_without_ledger_toml_is_exit_2(cli: Cli, tmp_path: Path) -> None:
    code, out = cli("validate", "-C", tmp_path, "--lang", "en", "--today", SAMPLE_DAY)
    assert code == 2 and "holds no ledger.toml" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--today", "2026/11/25"], "2026-11-25?"),
        (["--today", "2026-02-30"], "not a date"),
        (["--lang", "fr"], "`fr`"),
    ],
)
def test_bad_shared_options_are_exit_2(
    cli: Cli, sample: Path, args: list[str], message: str
) -> None:
    code, out = (
        cli("validate", "-C", sample, "--lang", "en", *args)
        if args[0] != "--lang"
        else cli("validate", "-C", sample, *args)
    )
    assert code == 2 and message in out


def test_bad_today_from_environment_is_exit_2(cli: Cli, sample: Path) -> None:
    code, out = cli("validate", "-C", sample, "--lang", "en", env={"LEDGER_TODAY": "tomorrow"})
    assert code == 2 and "$LEDGER_TODAY" in out


def test_settings_problem_is_exit_2(cli: Cli, make_ledger: LedgerMaker) -> None:
    root = make_ledger(config='[ledger]\ntitle = "t"\nyear = 2026\n[evaluation]\nmilestones = 60\n')
    code, out = cli("validate", "-C", root, "--lang", "en", "--today", SAMPLE_DAY)
    assert code == 2 and "ledger.toml:4:1: error[C002]" in out
