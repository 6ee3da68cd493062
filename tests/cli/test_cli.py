"""The command line: shared options, exit codes, formats; a few runs as real subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE_DAY, LedgerMaker

Cli = Callable[..., tuple[int, str]]


def test_version(cli: Cli) -> None:
    from ledger import __version__

    code, out = cli("--version")
    assert code == 0 and out.strip() == f"ledger {__version__}"


def test_validate_sample_text_zh(cli: Cli, sample: Path) -> None:
    code, out = cli("validate", "-C", sample, "--today", SAMPLE_DAY)
    assert code == 0
    assert "warning[W001]" in out and "没有单位认领" in out
    assert out.splitlines()[-1] == "检查了 22 个文件：0 个错误，1 个警告"


def test_check_is_validate_and_strict_fails_on_warnings(cli: Cli, sample: Path) -> None:
    assert cli("check", "--root", sample, "--today", SAMPLE_DAY)[0] == 0
    code, out = cli("check", "--root", sample, "--today", SAMPLE_DAY, "--strict")
    assert code == 1 and "error[W001]" in out


def test_validate_json_matches_the_contract(cli: Cli, sample: Path) -> None:
    code, out = cli(
        "validate", "-C", sample, "--today", SAMPLE_DAY, "--format", "json", "--lang", "en"
    )
    doc = json.loads(out)
    assert code == 0
    assert set(doc) == {"errors", "warnings", "problems"}
    assert (doc["errors"], doc["warnings"]) == (0, 1)
    (p,) = doc["problems"]
    assert set(p) == {"path", "line", "column", "severity", "code", "message"}
    assert p["path"] == "data/projects.yaml" and p["severity"] == "warning" and p["code"] == "W001"
    assert isinstance(p["line"], int) and "claimed by no unit" in p["message"]


def test_validate_github_annotations(cli: Cli, make_ledger: LedgerMaker) -> None:
    root = make_ledger(units={"a": "id: a\nname: 甲\nparent: nowhere\n"})
    code, out = cli(
        "validate", "-C", root, "--format", "github", "--lang", "en", "--today", SAMPLE_DAY
    )
    assert code == 1
    (first,) = [line for line in out.splitlines() if "R004" in line]
    assert first.startswith("::error file=data/units/a.yaml,line=3,col=9,title=ledger R004::")
    assert "unknown parent unit `nowhere`" in first


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


# -- reports -------------------------------------------------------------------------------------


def test_report_bare_quarter_takes_todays_quarter(cli: Cli, sample: Path) -> None:
    code, out = cli(
        "report", "--quarter", "--today", "2026-11-25", "-C", sample, "--format", "json"
    )
    assert code == 0 and json.loads(out)["quarter"] == "2026Q4"
    code, out = cli(
        "report", "-C", sample, "--today", "2027-01-15", "--format", "json", "--quarter"
    )
    assert code == 0 and json.loads(out)["quarter"] == "2026Q4"


@pytest.mark.parametrize("q", ["2026Q3", "Q3", "3", "q3"])
def test_report_quarter_forms(cli: Cli, sample: Path, q: str) -> None:
    code, out = cli("report", "-C", sample, "--today", SAMPLE_DAY, "--quarter", q, "-f", "json")
    assert code == 0 and json.loads(out)["quarter"] == "2026Q3"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quarter", "2025Q3"], "not a quarter of the ledger year 2026"),
        (["--quarter", "Q5"], "is not a quarter: write 2026Q3"),
        (["--quarter", "第五季度"], "is not a quarter"),
        (["--half", "H3"], "is not a half-year"),
        (["--half", "2025年上半年"], "not a half of the ledger year 2026"),
        (["--quarter", "3", "--year"], "choose one of"),
        ([], "choose one of"),
        (["--year", "--unit", "nowhere"], "no unit `nowhere`"),
        (["--year", "--format", "xlsx"], "--output"),
    ],
)
def test_report_usage_errors_are_exit_2(
    cli: Cli, sample: Path, args: list[str], message: str
) -> None:
    code, out = cli("report", "-C", sample, "--today", SAMPLE_DAY, "--lang", "en", *args)
    assert code == 2, out
    assert message in out


def test_unknown_unit_suggests_a_close_one(cli: Cli, sample: Path) -> None:
    code, out = cli(
        "overdue", "-C", sample, "--today", SAMPLE_DAY, "--lang", "en", "--unit", "jinning"
    )
    assert code == 2 and "did you mean `jining`" in out


def test_reports_refuse_a_ledger_with_errors(cli: Cli, sample: Path) -> None:
    unit = sample / "data" / "units" / "jining.yaml"
    unit.write_text(
        unit.read_text(encoding="utf-8").replace("leader:", "leadr:", 1), encoding="utf-8"
    )
    code, out = cli("overdue", "-C", sample, "--today", SAMPLE_DAY, "--lang", "en")
    assert code == 1
    assert "error[S001]" in out and "fix them first" in out


def test_reports_work_as_of_an_earlier_day_on_todays_files(cli: Cli, sample: Path) -> None:
    # validate on 2026-08-01 complains of things done and reported later; reports ignore that
    assert cli("validate", "-C", sample, "--today", "2026-08-01")[0] == 1
    code, out = cli("report", "-C", sample, "--today", "2026-08-01", "--quarter", "-f", "json")
    assert code == 0 and json.loads(out)["as_of"] == "2026-08-01"


def test_unit_scope_keeps_the_unit_and_those_under_it(cli: Cli, sample: Path) -> None:
    code, out = cli(
        "report",
        "-C",
        sample,
        "--today",
        SAMPLE_DAY,
        "-q",
        "3",
        "-f",
        "json",
        "--unit",
        "chayouhouqi",
    )
    ids = [u["id"] for u in json.loads(out)["units"]]
    assert code == 0 and ids == ["chayouhouqi", "chayouhouqi-agri", "chayouhouqi-finance"]


def test_overdue_project_filter_and_order(cli: Cli, sample: Path) -> None:
    code, out = cli("overdue", "-C", sample, "--today", SAMPLE_DAY, "-f", "json")
    rows = json.loads(out)
    assert code == 0 and rows
    assert [r["days_overdue"] for r in rows] == sorted(
        (r["days_overdue"] for r in rows), reverse=True
    )
    assert all(set(r) == {"unit", "project", "milestone", "due", "days_overdue"} for r in rows)
    code, out = cli("overdue", "-C", sample, "--today", SAMPLE_DAY, "-f", "json", "--project", "K1")
    assert {r["project"] for r in json.loads(out)} == {"K1"}


def test_inspect_is_the_same_for_the_same_seed(cli: Cli, sample: Path) -> None:
    args = (
        "inspect",
        "-C",
        sample,
        "--today",
        SAMPLE_DAY,
        "--sample",
        "4",
        "--seed",
        "7",
        "-f",
        "json",
    )
    first, second = cli(*args), cli(*args)
    assert first == second
    units = [u["id"] for u in json.loads(first[1])["units"]]
    assert len(units) == len(set(units)) == 4
    other = cli(
        "inspect", "-C", sample, "--today", SAMPLE_DAY, "--sample", "4", "--seed", "8", "-f", "json"
    )
    assert [u["id"] for u in json.loads(other[1])["units"]] != units


def test_xlsx_written_with_output(cli: Cli, sample: Path, tmp_path: Path) -> None:
    target = tmp_path / "q.xlsx"
    code, _ = cli("report", "-C", sample, "--today", SAMPLE_DAY, "-q", "-f", "xlsx", "-o", target)
    assert code == 0 and target.read_bytes()[:2] == b"PK"


# -- real processes ------------------------------------------------------------------------------


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


def test_github_annotations_carry_the_ledgers_folder_from_the_workspace(
    cli: Cli, make_ledger: LedgerMaker, tmp_path: Path
) -> None:
    root = make_ledger(units={"a": "id: a\nname: 甲\nparent: nowhere\n"})
    code, out = cli(
        "validate", "-C", root, "--format", "github", "--today", SAMPLE_DAY,
        env={"GITHUB_WORKSPACE": str(tmp_path)},
    )  # fmt: skip
    assert code == 1
    assert "::error file=ledger/data/units/a.yaml,line=3,col=9," in out


@pytest.mark.parametrize("name", ["projects", "unit", "config"])
def test_schema_is_json_schema_for_editors(cli: Cli, name: str) -> None:
    code, out = cli("schema", name)
    schema = json.loads(out)
    assert code == 0
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert schema["patternProperties"] == {"^x-": {}}


def test_schema_of_a_unit_names_its_keys_and_rules(cli: Cli) -> None:
    schema = json.loads(cli("schema", "unit")[1])
    assert set(schema["properties"]) == {
        "id",
        "name",
        "short_name",
        "order",
        "contact",
        "parent",
        "claims",
    }
    assert schema["required"] == ["id", "name"]
    assert schema["properties"]["id"]["pattern"] == "^[a-z0-9][a-z0-9_-]{0,63}$"
    progress = schema["$defs"]["Progress"]["properties"]
    assert "正常推进" in progress["status"]["enum"] and progress["reported"]["format"] == "date"


def test_schema_unknown_name_is_exit_2(cli: Cli) -> None:
    code, out = cli("schema", "units", "--lang", "en")
    assert code == 2 and "choose projects, unit or config" in out


def test_output_never_replaces_the_ledgers_own_files(cli: Cli, sample: Path) -> None:
    before = (sample / "ledger.toml").read_bytes()
    for target in (sample / "ledger.toml", sample / "data" / "units" / "x.csv"):
        code, out = cli("report", "-C", sample, "--today", SAMPLE_DAY, "--year", "-f", "csv",
                        "-o", target, "--lang", "en")  # fmt: skip
        assert code == 2 and "one of the ledger's own files" in out
    assert (sample / "ledger.toml").read_bytes() == before
    assert not (sample / "data" / "units" / "x.csv").exists()


@pytest.mark.parametrize("where", ["missing/x.xlsx", "."])
def test_output_that_cannot_be_written_is_a_message(
    cli: Cli, sample: Path, tmp_path: Path, where: str
) -> None:
    code, out = cli("report", "-C", sample, "--today", SAMPLE_DAY, "--year", "-f", "xlsx",
                    "-o", tmp_path / where, "--lang", "en")  # fmt: skip
    assert code == 2 and "cannot write" in out


def test_half_year_csv_says_it_holds_the_first_table(cli: Cli, sample: Path) -> None:
    code, out = cli("report", "-C", sample, "--today", SAMPLE_DAY, "--half", "-f", "csv",
                    "--lang", "en")  # fmt: skip
    assert code == 0 and "CSV holds the first table (By project)" in out


def test_half_year_rounds_half_up_and_knows_unclaimed_beyond_the_scope(
    cli: Cli, sample: Path
) -> None:
    code, out = cli("report", "-C", sample, "--today", SAMPLE_DAY, "--half", "H1", "-f", "json")
    k3 = next(p for p in json.loads(out)["projects"] if p["id"] == "K3")
    assert code == 0 and k3["average_percent"] == 61.3  # 61.25 exactly: 四舍五入
    code, out = cli("report", "-C", sample, "--today", SAMPLE_DAY, "--half", "-f", "json",
                    "--unit", "huade")  # fmt: skip
    assert [p["id"] for p in json.loads(out)["unclaimed"]] == ["I4"]


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


def test_one_version_source() -> None:
    import tomllib
    from importlib.metadata import version

    from ledger import __version__

    settings = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in settings["project"] and settings["project"]["dynamic"] == ["version"]
    assert settings["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "ledger.__version__"}
    assert __version__ == version("ledger")
