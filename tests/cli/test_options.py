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
