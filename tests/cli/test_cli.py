"""cli/__init__.py: the entry point, through real processes (the command's exit code and all it
wrote, piped output without colour, help without the core, a Chinese Windows console, shell
completion). The shared options are in test_options.py, each command in its module's file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE_DAY, LedgerMaker


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    full_env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "ledger", *args],
        capture_output=True,
        text=True,
        env=full_env,
        check=False,
    )


def test_subprocess_validate_sample() -> None:
    done = _run("validate", "-C", str(REPO), "--today", SAMPLE_DAY)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_subprocess_report_piped_has_no_colour_codes() -> None:
    done = _run("report", "--quarter", "-C", str(REPO), "--today", SAMPLE_DAY)
    assert done.returncode == 0, done.stderr
    assert "\x1b[" not in done.stdout and "红灯" in done.stdout


def test_subprocess_ends_with_the_commands_code_and_all_it_wrote(
    make_ledger: LedgerMaker,
) -> None:
    # main() ends the process itself (os._exit, after flushing): nothing written may be lost
    root = make_ledger(units={"a": "id: a\nname: 甲\nparent: nowhere\n"})
    done = _run("validate", "-C", str(root), "--today", SAMPLE_DAY, "--format", "json")
    assert done.returncode == 1
    assert json.loads(done.stdout)["errors"] == 1
    report = _run("report", "--quarter", "Q3", "-C", str(REPO), "--today", SAMPLE_DAY, "-f", "json")
    assert report.returncode == 0 and json.loads(report.stdout)["quarter"] == "2026Q3"
    usage = _run("report", "--quarter", "Q9", "-C", str(REPO))
    assert usage.returncode == 2 and usage.stderr.startswith("ledger: ")


def test_help_does_not_import_the_core() -> None:
    code = (
        "import sys; from ledger.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        # the registries (ledger.reports, ledger.render) give the format choices: no report,
        # renderer, model or loader behind them
        "names = ('pydantic', 'yaml', 'ledger.model', 'ledger.load', 'ledger.asof', 'openpyxl',"
        " 'rich')\n"
        "heavy = [m for m in sys.modules if m in names or m.startswith("
        "('ledger.reports.', 'ledger.render.'))]\n"
        "print(heavy, file=sys.stderr)"
    )
    assert _last_error_line(code) == "[]"


def _last_error_line(code: str) -> str:
    """The last line a fresh interpreter running ``code`` writes to stderr."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    return done.stderr.strip().splitlines()[-1]


def _console(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    script = Path(sys.executable).parent / "ledger"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "ledger"]
    full = {**os.environ, **env}
    return subprocess.run([*command, *args], env=full, capture_output=True, check=False)


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["gbk", "cp936"])
def test_a_chinese_windows_console_never_fails_on_a_character_it_cannot_show(
    sample: Path, encoding: str
) -> None:
    """Python on a Chinese Windows console writes GBK; 𠮷 and emoji are not in it."""
    unit = sample / "data" / "units" / "chayouhouqi-agri.yaml"
    text = unit.read_text(encoding="utf-8")
    unit.write_text(text.replace("name: 察哈尔右翼后旗农牧和科技局", "name: 𠮷旗农牧局🐑"), "utf-8")
    book = sample / "data" / "projects.yaml"
    book.write_text(
        book.read_text(encoding="utf-8").replace("“指尖办”", "“指尖办”📱𠮷"), encoding="utf-8"
    )
    env = {
        "PYTHONIOENCODING": encoding,
        "COLUMNS": "80",
        "LEDGER_TODAY": SAMPLE_DAY,
        "LEDGER_ROOT": str(sample),
        "NO_COLOR": "1",
    }
    runs = [
        ["validate"],
        ["report", "--quarter", "2026Q3"],
        ["report", "--half", "H2"],
        ["overdue"],
        ["remind"],
        ["progress", "chayouhouqi-agri", "I2", "--quarter", "2026Q4", "--status", "正常推进",
         "--percent", "90", "--summary", "完成🐑𠮷", "--reported", SAMPLE_DAY],
        ["progress", "𠮷旗农牧局🐑", "NOPE", "--quarter", "2026Q4", "--status", "x",
         "--percent", "90", "--summary", "y"],
    ]  # fmt: skip
    for args in runs:
        done = _console(args, env)
        assert b"Traceback" not in done.stderr, (args, done.stderr.decode(encoding, "replace"))
        assert done.returncode in (0, 1, 2), args
        done.stdout.decode(encoding)  # what the console gets is its own encoding
        done.stderr.decode(encoding)
    out = _console(["validate"], env).stdout.decode(encoding)
    assert "“指尖办”??" in out


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F _ledger_completion ledger"),
        ("zsh", "#compdef ledger"),
        ("fish", "complete --command ledger"),
        ("powershell", "Register-ArgumentCompleter -Native -CommandName ledger"),
        ("pwsh", "Register-ArgumentCompleter -Native -CommandName ledger"),
    ],
)
def test_show_completion_for_each_shell(shell: str, marker: str) -> None:
    done = _console(
        ["--show-completion", shell], {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    )
    assert done.returncode == 0, done.stderr
    assert marker in done.stdout.decode()


def test_completion_completes_command_names() -> None:
    done = _console(
        [], {"_LEDGER_COMPLETE": "complete_bash", "COMP_WORDS": "ledger val", "COMP_CWORD": "1"}
    )
    assert done.stdout.decode().split() == ["validate"]
