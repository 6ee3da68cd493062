"""edit/visits.py: the supervision edits of a visit file, through the one edit path (``apply``):
comments and layout kept, validated first, refused whole."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ledger.edit import visits
from ledger.edit.ops import Edit, EditError, apply
from ledger.i18n import t
from ledger.load import Loaded
from ledger.validate import validate
from tests.conftest import LedgerMaker
from tests.support import UNIT_A, ledger_files

TODAY = date(2026, 11, 25)
Q4 = "data/inspections/2026q4-spot.yaml"
Q2 = "data/inspections/2026q2-spot.yaml"
Build = Callable[[Loaded], Edit]


def line_of(root: Path, rel: str, text: str) -> int:
    """The line of ``rel`` that holds ``text`` (the sample's lines are not pinned here)."""
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def errors(root: Path) -> list[str]:
    found = validate(root, TODAY, cache=False).problems
    return [f"{p.path}:{p.line}:{p.code}" for p in found if p.level == "error"]


def refused(root: Path, build: Build) -> EditError:
    """The edit is refused and every file is byte for byte as it was."""
    before = ledger_files(root)
    with pytest.raises(EditError) as caught:
        apply(root, TODAY, build)
    assert ledger_files(root) == before
    return caught.value


def only_added(old: str, new: str) -> list[str]:
    """The lines of ``new`` that are not in ``old``, checking that every old line is kept in
    order, byte for byte (comments and blank lines included)."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    added, i = [], 0
    for line in new_lines:
        if i < len(old_lines) and line == old_lines[i]:
            i += 1
        else:
            added.append(line)
    assert i == len(old_lines), "an old line was changed or lost"
    return added


# -- record a visit ------------------------------------------------------------------------------


def test_a_visit_is_recorded_in_a_new_file_that_validates(sample: Path) -> None:
    def build(at: Loaded) -> Edit:
        return visits.record_visit(
            at, "2026q4-extra", ["huade", "jining"], TODAY, None, ["张伟", "李, 娜"], seed=7
        )

    edit = apply(sample, TODAY, build)
    text = (sample / "data/inspections/2026q4-extra.yaml").read_text(encoding="utf-8")
    assert text == (
        "# 随机抽取 2 个单位（种子 7：同一台账、同一种子抽取结果相同）\n"
        "id: 2026q4-extra\n"
        "title: 随机督导 2026-11-25\n"
        "date: 2026-11-25\n"
        'inspectors: [张伟, "李, 娜"]\n'  # a comma in a name is quoted, not two names
        "units: [huade, jining]\n"
    )
    assert edit.what == "did_record"
    assert errors(sample) == []


def test_an_english_ledgers_visit_is_a_spot_check(make_ledger: LedgerMaker) -> None:
    config = '[ledger]\ntitle = "T"\nyear = 2026\nlanguage = "en"\n'
    root = make_ledger(units={"a": UNIT_A}, config=config)
    apply(root, TODAY, lambda at: visits.record_visit(at, "v1", ["a"], date(2026, 5, 20)))
    text = (root / "data/inspections/v1.yaml").read_text(encoding="utf-8")
    assert "title: Spot check 2026-05-20\n" in text
    assert "inspectors" not in text and not text.startswith("#")


def test_a_v2_ledgers_first_visit_makes_its_folder(make_ledger: LedgerMaker) -> None:
    root = make_ledger(units={"a": UNIT_A})
    assert not (root / "data/inspections").exists()
    apply(root, TODAY, lambda at: visits.record_visit(at, "v1", ["a"], TODAY, "督导"))
    assert (root / "data/inspections/v1.yaml").is_file()
    assert errors(root) == []


def test_a_failed_first_write_leaves_no_folder(
    make_ledger: LedgerMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_ledger(units={"a": UNIT_A})
    real = os.replace

    def fail(src: Any, dst: Any) -> None:
        if Path(dst).parent.name == "inspections":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(src, dst)

    monkeypatch.setattr(os, "replace", fail)
    error = refused(root, lambda at: visits.record_visit(at, "v1", ["a"], TODAY, "督导"))
    assert error.key == "write_failed"
    assert not (root / "data/inspections").exists()


def test_an_existing_inspection_id_is_refused(sample: Path) -> None:
    error = refused(sample, lambda at: visits.record_visit(at, "2026q2-spot", ["huade"], TODAY))
    assert (error.key, error.args_["path"]) == ("inspection_exists", Q2)


@pytest.mark.parametrize("kind", ["link", "fifo"])
def test_a_visit_file_that_is_a_link_or_a_fifo_is_refused(sample: Path, kind: str) -> None:
    where = sample / "data/inspections/v9.yaml"
    if kind == "link":
        where.symlink_to(sample / Q2)
    else:
        os.mkfifo(where)
    for build in (
        lambda at: visits.record_visit(at, "v9", ["huade"], TODAY),
        lambda at: visits.add_finding(at, "v9", "huade", "问题", "要求", TODAY),
        lambda at: visits.rectify(at, "v9", "f1", TODAY),
        lambda at: visits.close(at, "v9", "f1", TODAY),
    ):
        error = refused(sample, build)
        assert (error.key, error.args_["path"]) == ("not_regular", "data/inspections/v9.yaml")


def test_a_linked_inspections_folder_is_refused(sample: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (sample / "data/inspections").rename(elsewhere)
    (sample / "data/inspections").symlink_to(elsewhere)
    error = refused(sample, lambda at: visits.rectify(at, "2026q4-spot", "f1", TODAY))
    assert (error.key, error.args_["path"]) == ("not_regular", "data/inspections")


def test_a_bad_inspection_id_names_no_file(sample: Path) -> None:
    error = refused(sample, lambda at: visits.record_visit(at, "../units/huade", ["huade"], TODAY))
    assert error.key == "bad_visit_id"


# -- add a finding -------------------------------------------------------------------------------


def test_a_finding_is_appended_with_the_first_free_id_and_comments_kept(sample: Path) -> None:
    old = (sample / Q4).read_text(encoding="utf-8")
    edit = apply(
        sample,
        TODAY,
        lambda at: visits.add_finding(
            at, "2026q4-spot", "zhuozi", "台账: 不全", "补齐 #台账", date(2026, 12, 20), "K4"
        ),
    )
    new = (sample / Q4).read_text(encoding="utf-8")
    assert only_added(old, new) == [
        "\n",  # set apart as the file sets its findings apart
        "  - id: f6\n",
        "    unit: zhuozi\n",
        "    project: K4\n",
        '    problem: "台账: 不全"\n',  # quoted where YAML needs it
        '    requirement: "补齐 #台账"\n',
        "    due: 2026-12-20\n",
    ]
    assert edit.args["finding"] == "f6"
    assert errors(sample) == []


def test_a_visit_without_findings_gains_the_key(sample: Path) -> None:
    apply(sample, TODAY, lambda at: visits.record_visit(at, "v1", ["huade"], TODAY, "督导"))
    apply(sample, TODAY, lambda at: visits.add_finding(at, "v1", "huade", "问题", "要求", TODAY))
    apply(sample, TODAY, lambda at: visits.add_finding(at, "v1", "huade", "二", "改", TODAY))
    text = (sample / "data/inspections/v1.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        "units: [huade]\nfindings:\n  - id: f1\n    unit: huade\n    problem: 问题\n"
        "    requirement: 要求\n    due: 2026-11-25\n"
        "  - id: f2\n    unit: huade\n    problem: 二\n    requirement: 改\n    due: 2026-11-25\n"
    )
    assert errors(sample) == []


def test_a_finding_id_given_is_used_and_one_taken_is_refused(sample: Path) -> None:
    def add(finding: str) -> Build:
        return lambda at: visits.add_finding(
            at, "2026q4-spot", "zhuozi", "问题", "要求", TODAY, finding_id=finding
        )

    error = refused(sample, add("f3"))
    assert (error.key, error.args_["line"]) == ("finding_exists", line_of(sample, Q4, "id: f3"))
    apply(sample, TODAY, add("x1"))
    assert "  - id: x1\n" in (sample / Q4).read_text(encoding="utf-8")


def test_a_finding_for_a_unit_not_visited_is_refused(sample: Path) -> None:
    error = refused(
        sample, lambda at: visits.add_finding(at, "2026q4-spot", "huade", "问题", "要求", TODAY)
    )
    assert error.key == "not_visited"
    # listed as each language lists things: 、 in Chinese, a comma in English
    assert t(error.key, "zh", **error.args_).startswith(
        "单位 `huade` 不在督导 2026q4-spot 的被督导单位中（shangdu、zhuozi、chayouzhongqi，"
    )
    assert "(units: shangdu, zhuozi, chayouzhongqi;" in t(error.key, "en", **error.args_)


def test_a_finding_due_before_the_visit_is_refused_at_its_line(sample: Path) -> None:
    early = date(2026, 11, 1)  # the visit was on 2026-11-10
    error = refused(
        sample, lambda at: visits.add_finding(at, "2026q4-spot", "zhuozi", "问题", "要求", early)
    )
    assert error.key == "invalid_result"
    last = len((sample / Q4).read_text(encoding="utf-8").splitlines())
    # the new finding's `due`: a blank line, then id, unit, problem, requirement, due
    assert [(p.code, p.path, p.line) for p in error.problems] == [("V007", Q4, last + 6)]


@pytest.mark.parametrize(("project", "key"), [("K9", "unknown_project"), ("I2", "not_claimed")])
def test_a_finding_of_a_project_not_claimed_is_refused(
    sample: Path, project: str, key: str
) -> None:
    error = refused(
        sample,
        lambda at: visits.add_finding(at, "2026q4-spot", "zhuozi", "问题", "要求", TODAY, project),
    )
    assert error.key == key


def test_an_unknown_inspection_gets_a_hint(sample: Path) -> None:
    error = refused(sample, lambda at: visits.rectify(at, "2026q4-spt", "f1", TODAY))
    assert error.key == "unknown_inspection"
    assert error.args_["hint"] == {"words": "hint.did_you_mean", "name": "2026q4-spot"}
    assert "（现有：2026q2-spot、2026q3-spot、2026q4-spot）" in t(error.key, "zh", **error.args_)


def test_an_unknown_finding_lists_the_visits_findings(sample: Path) -> None:
    error = refused(sample, lambda at: visits.rectify(at, "2026q2-spot", "f", TODAY))
    assert error.key == "unknown_finding"
    known = error.args_["known"]
    assert isinstance(known, list)
    assert [k["id"] for k in known] == ["f1", "f2", "f3"]


# -- rectified, closed ---------------------------------------------------------------------------


def test_a_rectification_is_written_in_its_finding_with_a_late_remark(sample: Path) -> None:
    old = (sample / Q4).read_text(encoding="utf-8")
    edit = apply(
        sample, TODAY, lambda at: visits.rectify(at, "2026q4-spot", "f5", TODAY, "整改记录")
    )
    new = (sample / Q4).read_text(encoding="utf-8")
    assert only_added(old, new) == ["    rectified: 2026-11-25\n", "    evidence: 整改记录\n"]
    assert edit.remarks == (("rectified_late", {"finding": "f5", "due": "2026-11-20", "days": 5}),)
    assert errors(sample) == []


def test_a_rectification_goes_before_the_keys_after_it(sample: Path) -> None:
    # f2 of the second quarter's visit has rectified and evidence: a new day replaces the old
    # only with --replace, in its place
    on = date(2026, 8, 10)
    error = refused(sample, lambda at: visits.rectify(at, "2026q2-spot", "f2", on))
    assert (error.key, error.args_["old"]) == ("rectified_exists", date(2026, 8, 20))
    old = (sample / Q2).read_text(encoding="utf-8")
    apply(sample, TODAY, lambda at: visits.rectify(at, "2026q2-spot", "f2", on, replace=True))
    new = (sample / Q2).read_text(encoding="utf-8")
    assert new == old.replace("rectified: 2026-08-20", "rectified: 2026-08-10")


def test_the_same_rectification_again_changes_nothing(sample: Path) -> None:
    on = date(2026, 6, 28)
    edit = apply(sample, TODAY, lambda at: visits.rectify(at, "2026q2-spot", "f3", on))
    assert not edit.changed and edit.what == "unchanged_rectified"


def test_closed_is_written_after_rectified(sample: Path) -> None:
    old = (sample / Q2).read_text(encoding="utf-8")
    apply(sample, TODAY, lambda at: visits.close(at, "2026q2-spot", "f3", TODAY))
    new = (sample / Q2).read_text(encoding="utf-8")
    assert only_added(old, new) == ["    closed: 2026-11-25\n"]
    assert new.endswith("    evidence: 嘎查村党组织书记后备人才库名册\n    closed: 2026-11-25\n")
    assert errors(sample) == []


def test_closed_before_rectified_is_refused_with_nothing_written(sample: Path) -> None:
    error = refused(sample, lambda at: visits.close(at, "2026q4-spot", "f1", TODAY))
    assert (error.key, error.args_["line"]) == ("not_rectified", line_of(sample, Q4, "id: f1"))


def test_closed_on_a_day_before_the_rectification_is_refused(sample: Path) -> None:
    early = date(2026, 6, 1)  # f3 was rectified on 2026-06-28
    error = refused(sample, lambda at: visits.close(at, "2026q2-spot", "f3", early))
    assert [p.code for p in error.problems] == ["V009"]


def test_a_rectification_after_today_is_refused(sample: Path) -> None:
    later = date(2026, 11, 30)
    error = refused(sample, lambda at: visits.rectify(at, "2026q4-spot", "f1", later))
    assert [p.code for p in error.problems] == ["V011"]


def test_several_findings_of_one_visit_make_one_edit(sample: Path) -> None:
    """``base``: how ``ledger import`` records a unit's rows of one visit together."""

    def build(at: Loaded) -> list[Edit]:
        first = visits.rectify(at, "2026q4-spot", "f1", TODAY, "记录一")
        return [visits.rectify(at, "2026q4-spot", "f4", TODAY, "记录二", base=first)]

    from ledger.edit.ops import apply_all

    [edit] = apply_all(sample, TODAY, build)
    text = (sample / Q4).read_text(encoding="utf-8")
    assert text.count("rectified: 2026-11-25") == 2 and edit.changed
    assert errors(sample) == []


def test_a_failed_write_leaves_the_visit_file_as_it_was(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.replace

    def fail(src: Any, dst: Any) -> None:
        if Path(dst).name == "2026q4-spot.yaml":
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real(src, dst)

    monkeypatch.setattr(os, "replace", fail)
    error = refused(sample, lambda at: visits.rectify(at, "2026q4-spot", "f1", TODAY))
    assert (error.key, error.args_["path"]) == ("write_failed", Q4)
    assert [p.name for p in (sample / "data/inspections").glob(".*")] == []
