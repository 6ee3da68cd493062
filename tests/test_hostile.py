"""A hostile filesystem and hostile values (issue 9): ledger files that are not regular files,
names that only look like unit files, control characters, YAML 1.1 number forms, and input whose
cost could grow with its square. Real processes, with timeouts, where the case is about the
process. Text-only cases live in tests/examples/ (walked by test_examples.py)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ledger.hints import did_you_mean
from ledger.i18n import words
from ledger.load.yamlparse import parse
from ledger.visible import CONTROL, visible
from tests.conftest import SAMPLE_DAY, LedgerMaker
from tests.support import UNIT_A, A, Cli, at, found, ledger_files

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


def digests(root: Path) -> dict[str, bytes]:
    return ledger_files(root)


# -- ledger files that are not regular files (F008) ----------------------------------------------


def test_a_named_pipe_in_place_of_a_unit_file_is_named_and_never_opened(
    make_ledger: LedgerMaker,
) -> None:
    root = make_ledger()
    os.mkfifo(root / "data" / "units" / "b.yaml")
    code, out = ledger("validate", "-C", root, "--today", SAMPLE_DAY, "--lang", "en", timeout=15)
    assert code == 1
    assert "data/units/b.yaml: error[F008]: this is a named pipe, not a regular file" in out


@pytest.mark.parametrize("target", ["/dev/zero", "outside"])
def test_a_link_in_place_of_a_unit_file_is_not_followed(
    make_ledger: LedgerMaker, tmp_path: Path, target: str
) -> None:
    root = make_ledger()
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: b\nname: 机密内容 SECRET\n", encoding="utf-8")
    link = root / "data" / "units" / "b.yaml"
    link.symlink_to(secret if target == "outside" else target)
    code, out = ledger("validate", "-C", root, "--today", SAMPLE_DAY, "--lang", "en", timeout=15)
    assert code == 1
    assert "data/units/b.yaml: error[F008]: this is a symbolic link" in out
    assert "SECRET" not in out


@pytest.mark.parametrize("which", ["ledger.toml", "data/projects.yaml"])
def test_a_link_in_place_of_the_settings_or_the_book_is_not_followed(
    make_ledger: LedgerMaker, tmp_path: Path, which: str
) -> None:
    root = make_ledger()
    real = tmp_path / "real"
    (root / which).rename(real)
    (root / which).symlink_to(real)
    problems = found(root)
    assert (which, "F008") in [(p.path, p.code) for p in problems]


@pytest.mark.parametrize("folder", ["data", "data/units"])
def test_a_linked_data_folder_is_not_read(
    make_ledger: LedgerMaker, tmp_path: Path, folder: str
) -> None:
    root = make_ledger()
    elsewhere = tmp_path / "elsewhere"
    (root / folder).rename(elsewhere)
    (root / folder).symlink_to(elsewhere)
    problems = found(root)
    assert (folder, "F008") in [(p.path, p.code) for p in problems]
    assert not any(p.path.startswith(f"{folder}/") for p in problems if p.code != "F008")


def test_a_device_in_place_of_a_unit_file_is_not_read(make_ledger: LedgerMaker) -> None:
    root = make_ledger()
    try:
        os.mknod(root / "data" / "units" / "b.yaml", 0o600 | 0o020000, os.makedev(1, 5))
    except (PermissionError, AttributeError):
        pytest.skip("cannot make a device node here (not root)")
    problems = found(root)
    assert at(problems) == [("data/units/b.yaml", "F008", None, None)]
    assert "a device" in problems[0].message("en")


# -- names --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["._a.yaml", ".#a.yaml", ".a.yaml", ".yaml"])
def test_hidden_files_are_skipped_without_a_word(make_ledger: LedgerMaker, name: str) -> None:
    root = make_ledger(units={"a": UNIT_A})
    (root / "data" / "units" / name).write_bytes(b"\x00\x05\x16\x07 not yaml [")
    assert found(root) == []


@pytest.mark.parametrize("name", ["B.YAML", "b.Yaml", "b.yml", "b.YML", "b.yaml.txt", "b.yaml~"])
def test_near_miss_names_get_the_not_read_warning(make_ledger: LedgerMaker, name: str) -> None:
    root = make_ledger(units={"a": UNIT_A})
    (root / "data" / "units" / name).write_text("id: b\nname: 乙\n", encoding="utf-8")
    assert at(found(root)) == [(f"data/units/{name}", "F007", None, None)]


# -- values -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('name: "a\\e[2J"\n', 1, 7),
        ('x: 1\nname: "\\0"\n', 2, 7),
        ("name: 'ok'\nleader: \"\\x9b\"\n", 2, 9),
        ('name: "\\x7f"\n', 1, 7),
    ],
)
def test_a_control_character_from_an_escape_is_an_error_at_its_text(
    text: str, line: int, column: int
) -> None:
    problems = parse(text, "f").problems
    assert [(p.code, p.line, p.column) for p in problems] == [("S013", line, column)]


def test_tab_line_feed_and_carriage_return_in_quotes_are_text() -> None:
    assert parse('name: "a\\tb\\nc\\rd"\n', "f").problems == []


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x00", "\x7f", "\x85", "\x9b", "\x0c"])
def test_a_raw_control_character_is_an_error_at_its_position(
    make_ledger: LedgerMaker, char: str
) -> None:
    root = make_ledger(units={"a": UNIT_A.replace("甲单位", f"甲{char}单位")})
    problems = [p for p in found(root) if p.path == A]
    assert at(problems) == [(A, "S013", 2, 8)]
    assert problems[0].args["char"] == f"U+{ord(char):04X}"


def test_messages_never_hold_a_raw_control_character() -> None:
    problems = parse('id: "a\\e]0;pwned\\a"\nid: 1\n', "f").problems
    assert problems
    for p in problems:
        for lang in ("en", "zh"):
            assert not CONTROL.search(p.message(lang))
    assert visible("a\x1b[31mb\nc\udcff") == "a\\x1b[31mb\\x0ac\\xff"


@pytest.mark.parametrize(
    ("line", "value"),
    [("percent: 062", 50), ("percent: 0_62", 50), ("order: 1:30", 90), ("percent: 1:30.5", 90.5)],
)
def test_yaml_1_1_octal_and_base_60_numbers_are_errors(line: str, value: float) -> None:
    problems = parse(f"{line}\n", "f").problems
    assert [(p.code, p.line, p.column, p.args["value"]) for p in problems] == [
        ("S014", 1, line.index(":") + 3, value)
    ]


@pytest.mark.parametrize("line", ["percent: 62", "percent: 0", "order: 10", 'percent: "062"'])
def test_plain_numbers_are_fine(line: str) -> None:
    assert parse(f"{line}\n", "f").problems == []


# -- cost that could grow with the square of the input -------------------------------------------


def test_a_parent_cycle_through_thousands_of_units_is_one_short_message(
    make_ledger: LedgerMaker,
) -> None:
    n = 3000
    units: dict[str, str | bytes | None] = {
        f"u{i:04d}": f"id: u{i:04d}\nname: 单位{i}\nparent: u{(i + 1) % n:04d}\n" for i in range(n)
    }
    root = make_ledger(units=units)
    started = time.monotonic()
    problems = [p for p in found(root) if p.code == "R005"]
    assert time.monotonic() - started < 10  # a guard, not a benchmark
    assert at(problems) == [("data/units/u0000.yaml", "R005", 3, 9)]
    message = problems[0].message("en")
    assert len(message) < 300
    assert message.endswith(
        "u0000 → u0001 → u0002 → u0003 → u0004 → u0005 → u0006 → u0007 → "
        "u0008 → u0009 → … (3000) → u0000"
    )


def test_thousands_of_did_you_mean_searches_take_well_under_a_second() -> None:
    known = [f"P{i}X{i * 7 % 13}" for i in range(2000)]
    unknown = [f"Q{i}Y{i % 11}" for i in range(2000)]
    started = time.monotonic()
    hints = [did_you_mean(word, known) for word in unknown]
    assert time.monotonic() - started < 5  # a guard: it takes well under a second
    assert len(hints) == 2000
    assert did_you_mean("k1", [*known, "K1"])["hint"] == words("hint.did_you_mean", name="K1")
    assert did_you_mean("P12X3", known)["hint"] != words("hint.none")


# -- tracebacks: each is a message and exit 2 (real processes) ---------------------------------

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


def test_unreadable_files_and_folders_for_a_clerk_are_messages(sample: Path) -> None:
    units = sample / "data" / "units"
    before = digests(sample)
    (units / "ulanqab-org.yaml").chmod(0)
    try:
        code, out = unprivileged("validate", "-C", sample, "--today", SAMPLE_DAY, "--lang", "en")
        assert code == 1 and "data/units/ulanqab-org.yaml: error[F002]" in out
        code, out = unprivileged(
            "done", "ulanqab-org", "K1", "survey", "-C", sample, "--today", SAMPLE_DAY
        )
        assert code in (1, 2) and "ulanqab-org.yaml" in out
        units.chmod(0)
        for args in (
            ["validate"],
            ["overdue"],
            ["report", "--year"],
            ["done", "ulanqab-org", "K1", "survey"],
        ):
            code, out = unprivileged(*args, "-C", sample, "--today", SAMPLE_DAY, "--lang", "en")
            assert code in (1, 2), (args, out)
    finally:
        units.chmod(0o755)
        (units / "ulanqab-org.yaml").chmod(0o644)
    assert digests(sample) == before


def test_a_read_only_ledger_folder_refuses_the_edit_lock_with_a_message(sample: Path) -> None:
    before = digests(sample)
    for folder in (sample, sample / "data", sample / "data" / "units"):
        folder.chmod(0o555)
    try:
        code, out = unprivileged(
            "done", "ulanqab-org", "K1", "survey", "-C", sample, "--today", SAMPLE_DAY,
            "--lang", "en",
        )  # fmt: skip
    finally:
        for folder in (sample, sample / "data", sample / "data" / "units"):
            folder.chmod(0o755)
    assert code == 2 and "cannot take the edit lock .ledger-cache/lock" in out, out
    assert digests(sample) == before


@pytest.mark.parametrize("kind", ["folder", "other user's file"])
def test_a_lock_that_is_a_folder_or_not_ours_is_a_message(sample: Path, kind: str) -> None:
    cache = sample / ".ledger-cache"
    cache.mkdir()
    lock = cache / "lock"
    if kind == "folder":
        lock.mkdir()
    else:
        lock.write_text("")
        lock.chmod(0o444)  # another user's 0644 file, as far as a clerk without root can tell
    before = digests(sample)
    code, out = unprivileged(
        "done", "ulanqab-org", "K1", "survey", "-C", sample, "--today", SAMPLE_DAY, "--lang", "en"
    )
    assert code == 2 and "edit lock" in out, out
    assert digests(sample) == before


def test_the_edit_lock_is_kept_in_the_ledger(make_ledger: LedgerMaker) -> None:
    root = make_ledger(units={"a": UNIT_A})
    code, out = ledger("done", "a", "K1", "survey", "-C", root, "--today", SAMPLE_DAY)
    assert code == 0, out
    assert (root / ".ledger-cache" / "lock").is_file()
    assert (root / ".ledger-cache" / ".gitignore").read_text(encoding="utf-8") == "*\n"


def test_a_ledger_year_at_the_end_of_time_never_overflows(
    cli: Cli, make_ledger: LedgerMaker
) -> None:
    book = "title: 书\nprojects:\n  - {id: K1, category: key, title: t, lead_units: [a], goal: g}\n"
    unit = (
        "id: a\nname: 甲\nclaims:\n  - project: K1\n    leader: 王\n    measures: [m]\n"
        "    deadline: 9998-12-31\n    milestones:\n      - {id: m1, title: t, due: 9998-12-31}\n"
        "    progress:\n      - {quarter: 9998Q4, status: on_track, percent: 5, summary: s,"
        " reported: 9999-01-09}\n"
    )
    config = '[ledger]\ntitle = "t"\nyear = 9998\n[reporting]\nreport_due_days = 366\n'
    config += "warn_days = 366\n"
    root = make_ledger(units={"a": unit}, book=book, config=config, with_city=False)
    for today in ("9999-12-31", "9998-12-31", "0001-01-01"):
        for args in (
            ["validate"],
            ["overdue"],
            ["report", "--quarter"],
            ["report", "--quarter", "4"],
            ["report", "--half"],
            ["report", "--year"],
            ["inspect", "-n", "1"],
            ["remind"],
        ):
            code, out = cli(*args, "-C", root, "--today", today, "--lang", "en")
            assert code in (0, 1), (today, args, out)


# -- ledger init --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        [""],
        ["new", "--year", "99999"],
        ["new", "--year", "-5"],
        ["new", "--year", "1899"],
        ["new", "--title", "  "],
        ["new", "--title", "台账\x1b[2J"],
        ["a-file"],
        ["a-file/under"],
    ],
)
def test_init_refuses_what_would_not_validate_and_writes_nothing(
    cli: Cli, tmp_path: Path, args: list[str]
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    where = [str(tmp_path / args[0]) if args[0] else "", *args[1:]]
    code, out = cli("init", *where, "--today", SAMPLE_DAY, "--lang", "en")
    assert code == 2, out
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert (tmp_path / "a-file").read_text() == "not a folder"


@pytest.mark.parametrize("year", ["1900", "2026", "9998"])
def test_a_new_ledger_always_validates(cli: Cli, tmp_path: Path, year: str) -> None:
    code, out = cli("init", tmp_path / "new", "--year", year, "--lang", "en")
    assert code == 0, out
    code, out = cli("validate", "-C", tmp_path / "new", "--today", f"{year}-06-30")
    assert code == 0, out


# -- smaller --------------------------------------------------------------------------------------


@pytest.mark.parametrize("percent", ["50.5", "50.5%", "５０.５"])
def test_percent_with_decimals_is_accepted(
    cli: Cli, make_ledger: LedgerMaker, percent: str
) -> None:
    root = make_ledger(units={"a": UNIT_A})
    code, out = cli(
        "progress", "a", "K1", "-q", "4", "--status", "on_track", "--percent", percent,
        "--summary", "s", "-C", root, "--today", "2026-12-20", "--lang", "en",
    )  # fmt: skip
    assert code == 0, out
    assert "percent: 50.5" in (root / A).read_text(encoding="utf-8")


def _done(cli: Cli, root: Path) -> tuple[int, str]:
    return cli("done", "a", "K1", "survey", "-C", root, "--today", SAMPLE_DAY, "--lang", "en")


def test_an_edit_of_a_cr_only_file_is_refused(cli: Cli, make_ledger: LedgerMaker) -> None:
    root = make_ledger(units={"a": UNIT_A.replace("\n", "\r").encode()})
    before = digests(root)
    code, out = _done(cli, root)
    assert code == 2 and "CR alone" in out, out
    assert digests(root) == before


def test_an_edit_of_a_read_only_file_is_refused(cli: Cli, make_ledger: LedgerMaker) -> None:
    root = make_ledger(units={"a": UNIT_A})
    (root / A).chmod(0o444)
    before = digests(root)
    code, out = _done(cli, root)
    assert code == 2 and "read-only" in out, out
    assert digests(root) == before
    assert stat.S_IMODE((root / A).stat().st_mode) == 0o444


def test_an_edit_through_a_link_is_refused(
    cli: Cli, make_ledger: LedgerMaker, tmp_path: Path
) -> None:
    root = make_ledger()
    real = tmp_path / "real.yaml"
    real.write_text(UNIT_A, encoding="utf-8")
    (root / A).symlink_to(real)
    code, out = _done(cli, root)
    assert code == 2 and "not a regular file" in out, out
    assert real.read_text(encoding="utf-8") == UNIT_A
    assert (root / A).is_symlink()
