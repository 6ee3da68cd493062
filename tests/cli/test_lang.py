"""Help and the parser's errors in the user's language, through real processes with a controlled
environment (contract section 7: ``--lang``, ``LEDGER_LANG``, the ledger's language, the locale,
else Chinese)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ledger.cli import lang
from tests.conftest import REPO


def run(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``python -m ledger ARGS`` with only PATH, the venv and the given variables set."""
    clean = {"PATH": os.environ.get("PATH", ""), "PYTHONIOENCODING": "utf-8", **env}
    if "VIRTUAL_ENV" in os.environ:
        clean["VIRTUAL_ENV"] = os.environ["VIRTUAL_ENV"]
    return subprocess.run(
        [sys.executable, "-m", "ledger", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=clean,
        cwd=cwd,
        check=False,
    )


@pytest.fixture
def english_ledger(tmp_path: Path) -> Path:
    root = tmp_path / "en-ledger"
    root.mkdir()
    (root / "ledger.toml").write_text(
        '[ledger]\ntitle = "T"\nyear = 2026\nlanguage = "en"\n', encoding="utf-8"
    )
    return root


LABELS = ("<bool>", "<str>", "<int>", "<path>", "TEXT", "INTEGER", "╭", "[OPTIONS]")


@pytest.mark.parametrize("command", [[], ["claim"], ["report"], ["remind"], ["validate"]])
def test_help_in_chinese_by_default(tmp_path: Path, command: list[str]) -> None:
    done = run(*command, "--help", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("用法：ledger")
    assert "选项：" in done.stdout and "显示本帮助并退出。" in done.stdout
    for label in LABELS:
        assert label not in done.stdout, label


def test_every_command_and_option_has_chinese_help(tmp_path: Path) -> None:
    import typer

    from ledger.cli import app

    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for name in commands:
        out = run(name, "--help", cwd=tmp_path).stdout
        english = [w for w in ("The ", "Only ", "Show this", "default:") if w in out]
        assert not english, (
            f"`ledger {name} --help` has English words {english}: add help.{name} and "
            f"help.{name}.<param> to ledger/i18n/help_zh.py and help_en.py"
        )


@pytest.mark.parametrize(
    ("args", "env", "english"),
    [
        (["--lang", "en"], {}, True),
        (["--lang=en"], {}, True),
        ([], {"LEDGER_LANG": "en"}, True),
        (["--lang", "zh"], {"LEDGER_LANG": "en"}, False),
        ([], {"LANG": "en_US.UTF-8"}, True),
        ([], {"LANG": "zh_CN.UTF-8"}, False),
        ([], {"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, False),
        ([], {"LANG": "C.UTF-8"}, False),
        ([], {}, False),
    ],
)
def test_the_language_of_help_outside_a_ledger(
    tmp_path: Path, args: list[str], env: dict[str, str], english: bool
) -> None:
    done = run("claim", "--help", *args, cwd=tmp_path, **env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: ledger claim" if english else "用法：ledger claim")


def test_the_ledgers_language_comes_before_the_locale(english_ledger: Path, tmp_path: Path) -> None:
    assert run("--help", cwd=english_ledger, LANG="zh_CN.UTF-8").stdout.startswith("Usage:")
    # from a folder below it, and with --root
    sub = english_ledger / "data"
    sub.mkdir()
    assert run("--help", cwd=sub).stdout.startswith("Usage:")
    out = run("report", "--help", "-C", str(english_ledger), cwd=tmp_path).stdout
    assert out.startswith("Usage:")
    # LEDGER_LANG before the ledger's language
    assert run("--help", cwd=english_ledger, LEDGER_LANG="zh").stdout.startswith("用法：")


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (
            ["claim", "a", "K1", "--leader", "x", "--deadline", "2026-12-31"],
            "ledger: 缺少选项 --measure",
            "ledger: missing option --measure",
        ),
        (["claim", "a"], "ledger: 缺少参数 项目", "ledger: missing argument PROJECT"),
        (["overdue", "--bogus"], "ledger: 没有选项 --bogus", "ledger: no such option --bogus"),
        (["overdue", "--wid"], "（是不是 --wide？）", "(did you mean --wide?)"),
        (["reprot"], "ledger: 没有命令 reprot（是不是 report？）", "no such command reprot"),
        (["schema", "unit", "extra"], "ledger: 多余的参数：extra", "unexpected extra arguments"),
        (["inspect", "--sample", "abc"], "--sample：请写整数", "--sample: give a whole number"),
        (["report", "--format"], "选项 --format 需要一个值", "option --format needs a value"),
    ],
)
def test_usage_errors_in_both_languages(tmp_path: Path, args: list[str], zh: str, en: str) -> None:
    done = run(*args, cwd=tmp_path)
    assert done.returncode == 2 and zh in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "╭" not in done.stderr
    done = run(*args, cwd=tmp_path, LEDGER_LANG="en")
    assert done.returncode == 2 and en in done.stderr, done.stderr
    assert "╭" not in done.stderr and "Error:" not in done.stderr


def test_a_usage_error_shows_the_usage_line(tmp_path: Path) -> None:
    done = run("claim", "a", "K1", cwd=tmp_path)
    lines = done.stderr.splitlines()
    assert lines[0] == "ledger: 缺少选项 --leader"
    assert lines[1] == "用法：ledger claim [选项] 单位 项目"
    assert lines[2] == "运行 ledger claim --help 查看帮助"
    done = run("claim", "a", "K1", "--lang", "en", cwd=tmp_path)
    assert done.stderr.splitlines()[1] == "Usage: ledger claim [OPTIONS] UNIT PROJECT"


def test_messages_before_the_ledger_is_read_follow_the_locale(tmp_path: Path) -> None:
    done = run("validate", cwd=tmp_path, LANG="en_US.UTF-8")
    assert done.returncode == 2 and "no ledger found" in done.stderr
    done = run("validate", cwd=tmp_path)
    assert done.returncode == 2 and "找不到台账" in done.stderr


def test_ledger_lang_env_words_reports(tmp_path: Path) -> None:
    done = run("overdue", "-C", str(REPO), "--today", "2026-11-25", cwd=tmp_path, LEDGER_LANG="en")
    assert done.returncode == 0 and "Overdue milestones and deadlines" in done.stdout


def test_option_scanning() -> None:
    assert lang.option_value(["-C", "x", "--root=y"], "--root", "-C") == "y"
    assert lang.option_value(["--", "--lang", "en"], "--lang") is None
    assert lang.locale_language({"LANG": "POSIX"}) is None
    assert lang.locale_language({"LC_MESSAGES": "zh_TW"}) == "zh"


@pytest.mark.parametrize("args", [["--lang", "en", "--help"], ["--help", "--lang", "en"]])
def test_the_apps_own_options_take_lang(tmp_path: Path, args: list[str]) -> None:
    done = run(*args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: ledger [OPTIONS] COMMAND")


def test_lang_given_to_the_app_is_the_commands_language(tmp_path: Path) -> None:
    done = run("--lang", "en", "validate", cwd=tmp_path)
    assert done.returncode == 2 and "no ledger found" in done.stderr, done.stderr
    done = run("--lang", "xx", "validate", cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("zh", "T 是统计日期：--today 给出的日期，否则环境变量 LEDGER_TODAY，否则北京时间今天。"),
        ("en", "T is the day of the count: --today, else $LEDGER_TODAY, else today in Beijing."),
    ],
)
@pytest.mark.parametrize("command", [[], ["overdue"], ["report"], ["remind"]])
def test_help_says_what_t_is(tmp_path: Path, lang: str, says: str, command: list[str]) -> None:
    done = run(*command, "--help", "--lang", lang, cwd=tmp_path, COLUMNS="200")
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())  # the epilog is wrapped at spaces
    assert says in text
    assert "T" in text.split(says)[0]  # it speaks of T before it says what T is


@pytest.mark.parametrize("kind", ["link", "fifo", "big"])
def test_the_ledger_language_is_read_only_from_a_regular_settings_file(
    tmp_path: Path, kind: str
) -> None:
    real = tmp_path / "real.toml"
    real.write_text('[ledger]\nlanguage = "en"\n', encoding="utf-8")
    root = tmp_path / "ledger"
    root.mkdir()
    toml = root / "ledger.toml"
    if kind == "link":  # a link is not followed, even to a good file
        toml.symlink_to(real)
    elif kind == "fifo":  # a pipe would wait for ever
        os.mkfifo(toml)
    else:
        toml.write_text('[ledger]\nlanguage = "en"\n' + "#" * (1 << 20), encoding="utf-8")
    assert lang.ledger_language(["-C", str(root)], {}, tmp_path) is None
    toml.unlink()
    toml.write_text(real.read_text(encoding="utf-8"), encoding="utf-8")
    assert lang.ledger_language(["-C", str(root)], {}, tmp_path) == "en"
