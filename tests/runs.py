"""The tool run as a clerk runs it: ``ledger validate`` in-process, ``ledger`` as a real process
(no traceback, no raw control character), and as a real process without root's power over file
permissions."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ledger.visible import CONTROL
from tests.conftest import SAMPLE_DAY
from tests.support import Cli


def run_validate(cli: Cli, root: Path, *more: str) -> tuple[int, str]:
    """``ledger validate`` of ``root`` as of the sample day, in English."""
    return cli("validate", "-C", root, "--today", SAMPLE_DAY, "--lang", "en", *more)


ENV = {**os.environ, "PYTHONUTF8": "1"}
ENV.pop("LEDGER_ROOT", None)


def ledger(*args: str | Path, timeout: float = 20, cwd: Path | None = None) -> tuple[int, str]:
    """``ledger ARGS`` as a real process: (exit code, stdout and stderr)."""
    done = subprocess.run(
        [sys.executable, "-m", "ledger", *map(str, args)],
        capture_output=True,
        timeout=timeout,
        env=ENV,
        cwd=cwd,
    )
    text = (done.stdout + done.stderr).decode("utf-8", "replace")
    assert "Traceback" not in text, text
    assert not CONTROL.search(text), text
    return done.returncode, text


UNPRIVILEGED = ["setpriv", "--bounding-set=-all", "--inh-caps=-all", "--"]


def _can_drop_privileges() -> bool:
    if shutil.which("setpriv") is None:
        return False
    probe = subprocess.run([*UNPRIVILEGED, "true"], capture_output=True, timeout=10)
    return probe.returncode == 0


def unprivileged(*args: str | Path, timeout: float = 20) -> tuple[int, str]:
    """``ledger ARGS`` without root's power over file permissions (as a clerk runs it)."""
    if os.geteuid() != 0:
        return ledger(*args, timeout=timeout)
    if not _can_drop_privileges():
        pytest.skip("setpriv is not available to drop root's file-permission capabilities")
    done = subprocess.run(
        [*UNPRIVILEGED, sys.executable, "-m", "ledger", *map(str, args)],
        capture_output=True,
        timeout=timeout,
        env=ENV,
    )
    text = (done.stdout + done.stderr).decode("utf-8", "replace")
    assert "Traceback" not in text, text
    return done.returncode, text
