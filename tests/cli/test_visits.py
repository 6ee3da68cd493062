"""cli/visits.py: `ledger finding`, `rectified`, `closed` and `inspect --record`, as a clerk runs
them: what they write, what they say, what they refuse (with nothing written) and their exit
codes; and the supervision loop from drawing the list to closing the last finding, by commands
alone."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
import yaml

from tests.conftest import SAMPLE_DAY, LedgerMaker
from tests.runs import ledger
from tests.support import UNIT_A, Cli, ledger_files

Q4 = "data/inspections/2026q4-spot.yaml"
Q2 = "data/inspections/2026q2-spot.yaml"


def run(cli: Cli, root: Path, *args: str, today: str = SAMPLE_DAY) -> tuple[int, str]:
    return cli(*args, "-C", root, "--today", today, "--lang", "en")


def refused(cli: Cli, root: Path, *args: str) -> tuple[int, str]:
    """The command is refused and every file is byte for byte as it was."""
    before = ledger_files(root)
    code, out = run(cli, root, *args)
    assert code != 0, out
    assert ledger_files(root) == before, out
    assert "Traceback" not in out
    return code, out


def valid(cli: Cli, root: Path, today: str = SAMPLE_DAY) -> None:
    code, out = run(cli, root, "validate", today=today)
    assert code == 0 and ": 0 error(s)" in out, out


def only_added(old: bytes, new: bytes) -> list[str]:
    """The lines of ``new`` not in ``old``; every old line kept in order, byte for byte."""
    old_lines = old.decode().splitlines(keepends=True)
    added, i = [], 0
    for line in new.decode().splitlines(keepends=True):
        if i < len(old_lines) and line == old_lines[i]:
            i += 1
        else:
            added.append(line)
    assert i == len(old_lines), "an old line was changed or lost"
    return added


FINDING = ("--problem", "台账不全", "--requirement", "补齐台账", "--due", "2026-12-20")


# -- ledger finding ------------------------------------------------------------------------------


def test_finding_by_the_units_name_adds_it_and_keeps_everything_else(
    cli: Cli, sample: Path
) -> None:
    before = ledger_files(sample)
    code, out = run(cli, sample, "finding", "2026q4-spot", "卓资县", *FINDING, "-p", "K4")
    assert code == 0, out
    assert f"{Q4}: added finding f6 (unit zhuozi, time limit 2026-12-20)" in out
    assert 'git commit -m "inspection 2026q4-spot: zhuozi finding f6"' in out
    after = ledger_files(sample)
    assert {k for k in after if after[k] != before.get(k)} == {Q4}
    assert only_added(before[Q4], after[Q4]) == [
        "\n",  # set apart as the file sets its findings apart
        "  - id: f6\n",
        "    unit: zhuozi\n",
        "    project: K4\n",
        "    problem: 台账不全\n",
        "    requirement: 补齐台账\n",
        "    due: 2026-12-20\n",
    ]
    valid(cli, sample)


def test_finding_dry_run_shows_the_diff_and_writes_nothing(cli: Cli, sample: Path) -> None:
    before = ledger_files(sample)
    code, out = run(cli, sample, "finding", "2026q4-spot", "zhuozi", *FINDING, "--dry-run")
    assert code == 0, out
    assert f"+++ b/{Q4}" in out and "+  - id: f6\n" in out
    assert "(dry run: nothing was written)" in out
    assert ledger_files(sample) == before


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        # a unit that was not visited
        (("2026q4-spot", "huade", *FINDING), 2, "unit `huade` was not visited by inspection"),
        # due before the visit's date, said at the option
        (
            (
                "2026q4-spot",
                "zhuozi",
                "--problem",
                "p",
                "--requirement",
                "r",
                "--due",
                "2026-11-01",
            ),
            1,
            "--due 2026-11-01: error[V007]",
        ),
        # an unknown project, a project the unit did not claim
        (("2026q4-spot", "zhuozi", *FINDING, "-p", "K9"), 2, "no project `K9`"),
        (("2026q4-spot", "zhuozi", *FINDING, "-p", "I2"), 2, "has not claimed project I2"),
        # an id taken, an unknown inspection (with a hint), an unknown unit
        (("2026q4-spot", "zhuozi", *FINDING, "--id", "f3"), 1, "has a finding f3 already"),
        (("2026q4-spto", "zhuozi", *FINDING), 2, "did you mean `2026q4-spot`?"),
        (("2026q4-spot", "nobody", *FINDING), 2, "nobody"),
        (("2026q4-spot", "zhuozi", *FINDING[:-1], "2026-13-01"), 2, "--due"),
    ],
)
def test_finding_refusals(
    cli: Cli, sample: Path, args: tuple[str, ...], code: int, says: str
) -> None:
    status, out = refused(cli, sample, "finding", *args)
    assert status == code, out
    assert says in out


# -- ledger rectified, ledger closed -------------------------------------------------------------


def test_rectified_then_closed(cli: Cli, sample: Path) -> None:
    before = ledger_files(sample)
    code, out = run(cli, sample, "rectified", "2026q4-spot", "f5", "--evidence", "整改台账")
    assert code == 0, out
    assert f"{Q4}: recorded finding f5 as rectified on 2026-11-25" in out
    assert "note: finding f5 was due 2026-11-20; rectified 5 days late" in out
    assert 'git commit -m "inspection 2026q4-spot: f5 rectified"' in out
    code, out = run(cli, sample, "closed", "2026q4-spot", "f5")
    assert code == 0, out
    assert 'git commit -m "inspection 2026q4-spot: f5 closed"' in out
    # the same again: said in words that read, nothing changed
    code, out = run(cli, sample, "rectified", "2026q4-spot", "f5")
    assert code == 0 and "finding f5 is recorded already as rectified on 2026-11-25, nothing" in out
    code, out = run(cli, sample, "closed", "2026q4-spot", "f5")
    assert code == 0 and "finding f5 was closed already on 2026-11-25, nothing changed" in out
    after = ledger_files(sample)
    assert only_added(before[Q4], after[Q4]) == [
        "    rectified: 2026-11-25\n",
        "    evidence: 整改台账\n",
        "    closed: 2026-11-25\n",
    ]
    assert {k for k in after if after[k] != before.get(k)} == {Q4}
    valid(cli, sample)


def test_rectified_and_closed_dry_runs_write_nothing(cli: Cli, sample: Path) -> None:
    before = ledger_files(sample)
    code, out = run(cli, sample, "rectified", "2026q4-spot", "f1", "-n")
    assert code == 0 and "+    rectified: 2026-11-25" in out, out
    code, out = run(cli, sample, "closed", "2026q2-spot", "f3", "-n")
    assert code == 0 and "+    closed: 2026-11-25" in out, out
    assert ledger_files(sample) == before


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        # closed before rectified: refused, nothing written
        (("closed", "2026q4-spot", "f1"), 1, "finding f1 is not rectified, so it cannot be closed"),
        # closed on a day before its rectification, said at --on
        (("closed", "2026q2-spot", "f3", "--on", "2026-06-01"), 1, "--on 2026-06-01: error[V009]"),
        # rectified after T
        (("rectified", "2026q4-spot", "f1", "--on", "2026-12-01"), 1, "error[V011]"),
        # another day over one recorded needs --replace
        (
            ("rectified", "2026q2-spot", "f2", "--on", "2026-08-01"),
            1,
            "finding f2 is recorded already as rectified on 2026-08-20 (line 26); to make it"
            " 2026-08-01, add --replace",
        ),
        (
            ("closed", "2026q2-spot", "f1", "--on", "2026-07-20"),
            1,
            "finding f1 was closed already on 2026-07-10",
        ),
        # unknown ids
        (("rectified", "2026q2-spot", "f9"), 2, "known: f1 (huade: "),
        (("closed", "2026q3-spto", "f1"), 2, "did you mean `2026q3-spot`?"),
        (("closed", "../units/huade", "f1"), 2, "is not an inspection id"),
    ],
)
def test_rectified_and_closed_refusals(
    cli: Cli, sample: Path, args: tuple[str, ...], code: int, says: str
) -> None:
    status, out = refused(cli, sample, *args)
    assert status == code, out
    assert says in out


def test_a_failed_write_leaves_the_visit_file_as_it_was(
    cli: Cli, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.replace

    def fail(src: object, dst: object) -> None:
        if Path(str(dst)).name == "2026q4-spot.yaml":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", fail)
    status, out = refused(cli, sample, "rectified", "2026q4-spot", "f1")
    assert status == 1 and f"could not write {Q4} ({os.strerror(errno.ENOSPC)})" in out, out


@pytest.mark.parametrize("kind", ["link", "fifo"])
def test_a_visit_file_that_is_a_link_or_a_fifo_is_refused(
    cli: Cli, sample: Path, kind: str
) -> None:
    where = sample / "data/inspections/v9.yaml"
    if kind == "link":
        where.symlink_to(sample / Q2)
    else:
        os.mkfifo(where)
    for args in (
        ("finding", "v9", "huade", *FINDING),
        ("rectified", "v9", "f1"),
        ("closed", "v9", "f1"),
        ("inspect", "-n", "2", "--record", "v9"),
    ):
        status, out = refused(cli, sample, *args)
        assert "data/inspections/v9.yaml" in out and status in (1, 2), out


# -- ledger inspect --record ---------------------------------------------------------------------


def test_inspect_record_writes_the_units_drawn(cli: Cli, sample: Path) -> None:
    code, listed = run(cli, sample, "inspect", "-n", "3", "--seed", "5", "-f", "json")
    assert code == 0, listed
    drawn = [u["id"] for u in json.loads(listed)["units"]]
    code, out = run(
        cli,
        sample,
        "inspect",
        "-n",
        "3",
        "--seed",
        "5",
        "--record",
        "2026q4-check",
        "--inspector",
        "张伟",
        "--inspector",
        "王芳",
        "--date",
        "2026-11-24",
    )
    assert code == 0, out
    text = (sample / "data/inspections/2026q4-check.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["units"] == drawn
    assert data["title"] == "随机督导 2026-11-24"  # the ledger's language, not --lang
    assert data["inspectors"] == ["张伟", "王芳"] and str(data["date"]) == "2026-11-24"
    assert text.startswith("# 随机抽取 3 个单位（种子 5：")
    assert "git add data/inspections/2026q4-check.yaml" in out
    assert "Spot-check list" in out or drawn[0] in out  # the list is shown too
    valid(cli, sample)


def test_inspect_record_keeps_stdout_for_the_list(cli: Cli, sample: Path) -> None:
    """``-f json --dry-run``: stdout is the list's JSON alone (the diff goes to stderr)."""
    from typer.testing import CliRunner

    from ledger.cli import app

    result = CliRunner().invoke(
        app,
        ["inspect", "-n", "2", "-f", "json", "--record", "v1", "--dry-run", "-C", str(sample)],
        env={"LEDGER_TODAY": SAMPLE_DAY},
    )
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["units"]) == 2
    assert "--- /dev/null\n+++ b/data/inspections/v1.yaml" in result.stderr
    assert not (sample / "data/inspections/v1.yaml").exists()


def test_inspect_record_of_an_existing_id_is_refused_before_the_list(
    cli: Cli, sample: Path
) -> None:
    status, out = refused(cli, sample, "inspect", "-n", "2", "--record", "2026q2-spot")
    assert status == 1
    assert "inspection `2026q2-spot` is recorded already" in out
    assert "Spot" not in out.replace("2026q2-spot", "")  # no list shown


def test_inspect_record_in_a_v2_ledger_makes_the_folder(cli: Cli, make_ledger: LedgerMaker) -> None:
    root = make_ledger(units={"a": UNIT_A})
    code, out = run(cli, root, "inspect", "-n", "1", "--record", "v1", "--dry-run")
    assert code == 0 and not (root / "data/inspections").exists(), out
    code, out = run(cli, root, "inspect", "-n", "1", "--record", "v1")
    assert code == 0, out
    assert yaml.safe_load((root / "data/inspections/v1.yaml").read_bytes())["units"] == ["a"]
    valid(cli, root)


def test_inspect_record_draws_within_the_unit_asked_for(cli: Cli, sample: Path) -> None:
    code, listed = run(cli, sample, "inspect", "-n", "2", "-u", "chayouhouqi", "-f", "json")
    assert code == 0, listed
    drawn = [u["id"] for u in json.loads(listed)["units"]]
    assert len(drawn) == 2 and all(u.startswith("chayouhouqi") for u in drawn), drawn
    code, out = run(cli, sample, "inspect", "-n", "2", "-u", "chayouhouqi", "--record", "v1")
    assert code == 0, out
    assert yaml.safe_load((sample / "data/inspections/v1.yaml").read_bytes())["units"] == drawn


def test_record_options_go_only_with_record(cli: Cli, sample: Path) -> None:
    status, out = refused(cli, sample, "inspect", "-n", "2", "--title", "x", "--dry-run")
    assert status == 2 and "--title, --dry-run go only with --record" in out


def test_inspect_record_with_no_unit_to_draw_is_refused(cli: Cli, make_ledger: LedgerMaker) -> None:
    root = make_ledger()
    status, out = refused(cli, root, "inspect", "-n", "1", "--record", "v1")
    assert status == 1 and "no unit with claims to draw" in out


def test_the_commands_as_a_real_process(sample: Path) -> None:
    code, out = ledger(
        "finding", "2026q4-spot", "zhuozi", *FINDING, "-C", sample, "--today", SAMPLE_DAY
    )
    assert code == 0, out
    assert "已添加发现问题 f6" in out
    code, out = ledger("closed", "2026q4-spot", "f6", "-C", sample, "--today", SAMPLE_DAY)
    assert code == 1 and "发现问题 f6 尚未整改完成，不能销号" in out, out


# -- the loop ------------------------------------------------------------------------------------


def _reasons(cli: Cli, root: Path, today: str, unit: str, project: str) -> list[dict[str, object]]:
    code, out = run(cli, root, "report", "--quarter", "-f", "json", today=today)
    assert code == 0, out
    for u in json.loads(out)["units"]:
        if u["id"] == unit:
            for claim in u["claims"]:
                if claim["project"] == project:
                    reasons: list[dict[str, object]] = claim["reasons"]
                    return reasons
    raise AssertionError(f"{unit} {project} not in the checklist")


def test_the_supervision_loop_by_commands_alone(cli: Cli, sample: Path) -> None:
    """Issue 22's "done when", its edits' half: draw the list and record the visit, add
    findings, see them in the checklist's flags, rectify, close; `validate` clean after each
    step, and no YAML written but by the commands."""
    day = "2026-11-20"
    code, out = run(cli, sample, "inspect", "-n", "3", "--seed", "5", "--record", "loop", today=day)
    assert code == 0, out
    valid(cli, sample, day)
    drawn = yaml.safe_load((sample / "data/inspections/loop.yaml").read_bytes())["units"]
    # a claim of a unit drawn that is not complete (a complete claim stays green)
    code, out = run(cli, sample, "report", "--quarter", "-f", "json", today=day)
    unit, project = next(
        (u["id"], c["project"])
        for u in json.loads(out)["units"]
        if u["id"] in drawn
        for c in u["claims"]
        if c["status"] != "done"
    )

    # two findings: one of a claim, due in ten days; one of the unit alone
    code, out = run(
        cli, sample, "finding", "loop", unit, "--problem", "整改方案照搬模板",
        "--requirement", "逐村制定方案", "--due", "2026-11-30", "-p", project, today=day,
    )  # fmt: skip
    assert code == 0 and "added finding f1" in out, out
    valid(cli, sample, day)
    code, out = run(
        cli, sample, "finding", "loop", unit, "--problem", "网格员底数不清",
        "--requirement", "重新核定", "--due", "2026-12-10", today=day,
    )  # fmt: skip
    assert code == 0 and "added finding f2" in out, out
    valid(cli, sample, day)

    # due soon, then overdue: the claim's flag says so
    mine = {"kind": "finding_due_soon", "inspection": "loop", "finding": "f1"}
    soon = _reasons(cli, sample, day, unit, project)
    assert any(mine.items() <= r.items() for r in soon), soon
    late = _reasons(cli, sample, "2026-12-03", unit, project)
    mine["kind"] = "finding_overdue"
    assert any(mine.items() <= r.items() for r in late), late

    # closed before rectified is refused; rectified, then closed
    status, out = refused(cli, sample, "closed", "loop", "f1")
    assert status == 1
    for step in (
        ("rectified", "loop", "f1", "--on", "2026-12-02", "--evidence", "整顿方案"),
        ("rectified", "loop", "f2", "--on", "2026-12-04"),
        ("closed", "loop", "f1", "--on", "2026-12-04"),
        ("closed", "loop", "f2", "--on", "2026-12-05"),
    ):
        code, out = run(cli, sample, *step, today="2026-12-05")
        assert code == 0, out
        valid(cli, sample, "2026-12-05")
    after = _reasons(cli, sample, "2026-12-05", unit, project)
    assert not any(r.get("inspection") == "loop" for r in after), after
    findings = yaml.safe_load((sample / "data/inspections/loop.yaml").read_bytes())["findings"]
    assert [(f["id"], str(f["closed"])) for f in findings] == [
        ("f1", "2026-12-04"),
        ("f2", "2026-12-05"),
    ]


def test_a_state_not_known_lists_the_choices_in_the_readers_language(
    cli: Cli, sample: Path
) -> None:
    base = ("findings", "-C", sample, "--today", SAMPLE_DAY, "--state", "bad")
    code, out = cli(*base, "--lang", "en")
    assert code == 2 and "choose one of open, due_soon, overdue, rectified, closed, 未到期" in out
    code, out = cli(*base)
    assert code == 2 and "可选：open、due_soon、overdue、rectified、closed、未到期" in out
