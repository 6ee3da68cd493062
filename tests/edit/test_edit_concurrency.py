"""Two clerks at once, and writes that fail (contract section 7: "validates the result before it
replaces the old file (on any error the old file stays byte for byte), and writes atomically").

Real processes edit one unit file at the same moment: each imports the tool, then waits for a
start file, so that all of them reach the file together. The ledger's lock must serialise them so
that no edit is lost. Then, in this process: a file changed by someone else between reading and
writing, a failing ``os.replace`` or ``fsync``, and an edit that would make the ledger invalid;
each must leave the file as it was and no temporary file behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ledger.edit import ops, write
from ledger.edit.ops import EditError, apply, mark_done, record_progress
from ledger.edit.write import ledger_lock
from ledger.load import UNITS, Loaded, load
from ledger.model import Ledger
from ledger.validate import validate
from tests.conftest import SAMPLE_DAY

TODAY = date(2026, 11, 25)
Cli = Callable[..., tuple[int, str]]

# Imports everything first, then waits for the start file, then runs the command line.
LAUNCHER = """\
import os, sys, time
import ledger.edit.ops, ledger.validate
from ledger.cli import main
go = sys.argv[1]
while not os.path.exists(go):
    time.sleep(0.001)
sys.argv = ["ledger", *sys.argv[2:]]
main()
"""


def start_together(tmp_path: Path, commands: list[list[str]]) -> list[tuple[int, str, str]]:
    """Run ``ledger`` commands in separate processes released at the same moment; their exit
    codes, stdout and stderr."""
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("FORCE_COLOR", None)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, str(go), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
        )
        for args in commands
    ]
    time.sleep(1.5)  # let every process finish its imports and wait at the start line
    go.touch()
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        results.append((proc.returncode, out, err))
    return results


def valid_ledger(root: Path) -> Ledger:
    result = validate(root, TODAY)
    errors = [p for p in result.problems if p.level == "error"]
    assert not errors, errors
    return result.loaded.ledger()


def temp_files(root: Path) -> list[Path]:
    """Hidden files left in data/units (a temporary file is ``.<name>.<random>.tmp``)."""
    return sorted((root / UNITS).glob(".*"))


def common(root: Path) -> list[str]:
    return ["-C", str(root), "--today", SAMPLE_DAY, "--lang", "en"]


def progress_args(root: Path, unit: str, project: str, quarter: str, percent: int) -> list[str]:
    status = "done" if percent == 100 else "on_track"
    summary = f"{project} {quarter}: 第{percent}%"
    return [
        "progress", unit, project, "--quarter", quarter, "--status", status,
        "--percent", str(percent), "--summary", summary, *common(root),
    ]  # fmt: skip


def claim_args(root: Path, unit: str, project: str) -> list[str]:
    return [
        "claim", unit, project, "--leader", f"{project} 负责人: #1", "--deadline", "2026-12-31",
        "--measure", f"{project} 措施", *common(root),
    ]  # fmt: skip


def done_args(root: Path, unit: str, project: str, milestone: str) -> list[str]:
    return ["done", unit, project, milestone, "--on", "2026-11-20", *common(root)]


# -- real processes at once -----------------------------------------------------------------------


def test_two_processes_edit_one_unit_file_at_once(sample: Path, tmp_path: Path) -> None:
    path = sample / UNITS / "huade.yaml"
    old = path.read_text(encoding="utf-8")
    results = start_together(
        tmp_path,
        [
            progress_args(sample, "huade", "K3", "Q4", 80),
            done_args(sample, "huade", "B7", "pilot"),
        ],
    )
    for code, out, err in results:
        assert code == 0, (out, err)
        assert "Traceback" not in err
    unit = valid_ledger(sample).units["huade"]
    claims = {c.project: c for c in unit.claims}
    assert [(e.quarter, e.percent) for e in claims["K3"].progress][-1] == ("2026Q4", 80)
    pilot = next(m for m in claims["B7"].milestones if m.id == "pilot")
    assert pilot.done == date(2026, 11, 20)
    new = path.read_text(encoding="utf-8")
    assert all(line in new.splitlines() for line in old.splitlines())
    assert temp_files(sample) == []


def test_eight_processes_each_add_a_different_edit(sample: Path, tmp_path: Path) -> None:
    unit = "huade"  # claims K3 (progress Q1-Q3), B7 (Q1-Q3, own milestone pilot), B4 (nothing)
    commands = [
        claim_args(sample, unit, "K1"),
        claim_args(sample, unit, "K2"),
        claim_args(sample, unit, "I1"),
        claim_args(sample, unit, "B1"),
        progress_args(sample, unit, "K3", "Q4", 90),
        progress_args(sample, unit, "B7", "Q4", 100),
        progress_args(sample, unit, "B4", "Q2", 30),
        done_args(sample, unit, "B7", "pilot"),
    ]
    results = start_together(tmp_path, commands)
    succeeded = []
    for args, (code, out, err) in zip(commands, results, strict=True):
        assert "Traceback" not in err, err
        if code == 0:
            succeeded.append(args)
        else:  # a refusal is allowed only if it says why and writes nothing
            assert code == 1 and "changed by someone else meanwhile" in err, (args, out, err)
    claims = {c.project: c for c in valid_ledger(sample).units[unit].claims}
    for args in succeeded:
        kind, project = args[0], args[2]
        if kind == "claim":
            assert claims[project].leader == f"{project} 负责人: #1"
            assert claims[project].measures == [f"{project} 措施"]
        elif kind == "progress":
            entry = next(e for e in claims[project].progress if e.quarter == "2026" + args[4])
            assert entry.percent == int(args[8]) and entry.summary == args[10]
        else:
            pilot = next(m for m in claims[project].milestones if m.id == args[3])
            assert pilot.done == date(2026, 11, 20)
    # the lock serialises the edits: none of them needed to be refused
    assert len(succeeded) == len(commands), results
    assert temp_files(sample) == []


def test_an_edit_waits_for_the_ledger_lock(sample: Path, tmp_path: Path) -> None:
    """While another edit holds the lock, a second process does not write; once it is released,
    the second edit is made on the file as the first left it."""
    go = tmp_path / "go"
    go.touch()
    with ledger_lock(sample):
        proc = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, str(go), *done_args(sample, "huade", "B7", "pilot")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        time.sleep(2.5)
        assert proc.poll() is None, proc.communicate()
        # the first edit, written under the lock (as ``apply`` does) while the second one waits;
        # ``apply`` itself would wait for this lock too: one process does not nest it
        first = record_progress(load(sample), "huade", "K3", "2026Q4", "done", 100, "完成", TODAY)
        write.atomic_write(first.path, first.old.encode(first.new_text), expect=first.old)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, (out, err)
    claims = {c.project: c for c in valid_ledger(sample).units["huade"].claims}
    assert claims["K3"].progress[-1].percent == 100
    assert next(m for m in claims["B7"].milestones if m.id == "pilot").done == date(2026, 11, 20)
    assert temp_files(sample) == []


# -- changed meanwhile ----------------------------------------------------------------------------

OTHER_WRITER = "# 另一位文书刚刚保存了这个文件\n"


def test_a_file_changed_between_reading_and_writing_is_refused(sample: Path) -> None:
    path = sample / UNITS / "jining.yaml"
    theirs = (OTHER_WRITER + path.read_text(encoding="utf-8")).encode("utf-8")

    def build(at: Loaded) -> ops.Edit:
        edit = record_progress(at, "jining", "K2", "2026Q4", "on_track", 85, "进展", TODAY)
        path.write_bytes(theirs)  # another writer saves after our read
        return edit

    with pytest.raises(EditError) as caught:
        apply(sample, TODAY, build)
    assert caught.value.key == "changed_meanwhile"
    assert path.read_bytes() == theirs
    assert temp_files(sample) == []


def test_changed_meanwhile_on_the_command_line(
    sample: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sample / UNITS / "jining.yaml"
    theirs = (OTHER_WRITER + path.read_text(encoding="utf-8")).encode("utf-8")
    real = write.write_all

    def late_writer(writes: Sequence[write.Write]) -> None:
        for w in writes:
            w.path.write_bytes(theirs)  # just before our write: the check must see it
        real(writes)

    monkeypatch.setattr(ops, "write_all", late_writer)
    code, out = cli(*progress_args(sample, "jining", "K2", "Q4", 85))
    assert code == 1, out
    assert "data/units/jining.yaml was changed by someone else meanwhile" in out
    assert "nothing was written" in out
    assert path.read_bytes() == theirs
    assert temp_files(sample) == []


# -- failing writes -------------------------------------------------------------------------------


def _fail(*args: object, **kwargs: object) -> None:
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("where", ["replace", "fsync"])
def test_a_failing_write_leaves_the_old_file_and_no_temporary_file(
    sample: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    path = sample / UNITS / "jining.yaml"
    before = path.read_bytes()
    mode = path.stat().st_mode
    monkeypatch.setattr(os, where, _fail)
    with pytest.raises(EditError) as caught:
        apply(
            sample,
            TODAY,
            lambda at: mark_done(
                at, "jining", "B4", "survey", date(2026, 4, 29), "纪要", replace=True
            ),
        )
    monkeypatch.undo()
    assert caught.value.key == "write_failed"
    assert caught.value.args_ == {
        "path": "data/units/jining.yaml",
        "reason": "No space left on device",
    }
    assert path.read_bytes() == before
    assert path.stat().st_mode == mode
    assert temp_files(sample) == []
    valid_ledger(sample)


def test_a_failing_write_on_the_command_line_says_so(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Disk full or permission denied: a message and exit 1, not a traceback."""
    from ledger.cli import app

    path = sample / UNITS / "jining.yaml"
    before = path.read_bytes()
    monkeypatch.setattr(os, "replace", _fail)
    result = CliRunner().invoke(app, progress_args(sample, "jining", "K2", "Q4", 85))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert temp_files(sample) == []
    assert not isinstance(result.exception, OSError), "a traceback, not a message"
    assert result.exit_code == 1
    assert "could not write data/units/jining.yaml (No space left on device)" in result.output
    assert "nothing was written, every file is as it was" in result.output


# -- an edit that would make the ledger invalid --------------------------------------------------


def test_a_falling_percent_writes_nothing(sample: Path) -> None:
    path = sample / UNITS / "jining.yaml"  # K2: 20, 45, 70 in Q1-Q3
    before = path.read_bytes()
    with pytest.raises(EditError) as caught:
        apply(
            sample,
            TODAY,
            lambda at: record_progress(at, "jining", "K2", "2026Q4", "behind", 60, "回落", TODAY),
        )
    assert caught.value.key == "invalid_result"
    assert [p.code for p in caught.value.problems] == ["P003"]
    assert path.read_bytes() == before
    assert temp_files(sample) == []


def test_a_replace_that_breaks_the_order_of_percents_writes_nothing(sample: Path, cli: Cli) -> None:
    path = sample / UNITS / "jining.yaml"
    before = path.read_bytes()
    code, out = cli(*progress_args(sample, "jining", "K2", "Q2", 75), "--replace")  # Q3 is 70
    assert code == 1
    assert "nothing was written" in out and "P003" in out
    assert path.read_bytes() == before
    assert temp_files(sample) == []
