"""rules/visits.py: the visit files of data/inspections/ (contract section 10, V001-V013).

Each code: a bad case at its exact line and column, and the contract's own visit clean."""

from __future__ import annotations

import os
import textwrap
from datetime import date
from pathlib import Path

import pytest

from ledger.problems import Problem
from tests.conftest import BOOK, CITY, CONFIG
from tests.support import TODAY, UNIT_A, found

V = "data/inspections/v.yaml"

# Unit a claims K1 (tests/support.py); city claims nothing. Lines 1-13.
VISIT = """\
id: v
title: 第二季度随机督导
date: 2026-05-20
units: [a, city]
findings:
  - id: f1
    unit: a
    project: K1
    problem: 排查台账不完整
    requirement: 补齐排查台账
    due: 2026-06-30
    rectified: 2026-06-25
    closed: 2026-07-10
"""


def check_visit(
    tmp_path: Path,
    text: str,
    expect: list[tuple[int | None, int | None, str]],
    *,
    file: str = "v.yaml",
    today: date = TODAY,
) -> list[Problem]:
    """Write a tiny ledger (the default book and config, units ``city`` and ``a``) with ``text``
    as data/inspections/<file>, and assert that the problems of that file are exactly
    ``expect`` as (line, column, code), in order (the same with and without the cache)."""
    root = tmp_path / "ledger"
    (root / "data" / "units").mkdir(parents=True, exist_ok=True)
    (root / "data" / "inspections").mkdir(exist_ok=True)
    files = {
        "ledger.toml": CONFIG,
        "data/projects.yaml": BOOK,
        "data/units/city.yaml": CITY,
        "data/units/a.yaml": UNIT_A,
        f"data/inspections/{file}": text,
    }
    for rel, content in files.items():
        (root / rel).write_text(textwrap.dedent(content), encoding="utf-8")
    path = f"data/inspections/{file}"
    mine = [p for p in found(root, today) if p.path == path]
    assert [(p.line, p.column, p.code) for p in mine] == expect
    return mine


def test_the_contracts_visit_is_clean(tmp_path: Path) -> None:
    check_visit(tmp_path, VISIT, [])
    assert found(tmp_path / "ledger") == []


def test_visit_id_differs_from_file_name(tmp_path: Path) -> None:
    problems = check_visit(tmp_path, VISIT, [(1, 5, "V001")], file="w.yaml")
    assert problems[0].message("en") == "the visit id `v` differs from the file name `w.yaml`"


def test_unknown_unit_visited(tmp_path: Path) -> None:
    text = VISIT.replace("units: [a, city]", "units: [a, ctiy]")
    problems = check_visit(tmp_path, text, [(4, 12, "V002")])
    assert problems[0].message("en") == "there is no unit `ctiy`: did you mean `city`?"


def test_a_unit_visited_twice(tmp_path: Path) -> None:
    text = VISIT.replace("units: [a, city]", "units: [a, city, a]")
    problems = check_visit(tmp_path, text, [(4, 18, "V003")])
    assert problems[0].message("en") == "unit `a` is listed twice in this visit (first on line 4)"


def test_a_finding_for_a_unit_not_visited(tmp_path: Path) -> None:
    text = VISIT.replace("units: [a, city]", "units: [city]")
    problems = check_visit(tmp_path, text, [(7, 11, "V004")])
    assert problems[0].message("zh") == "问题所属单位 `a` 不在本次督导的单位（units）之中"


def test_a_finding_of_an_unknown_project(tmp_path: Path) -> None:
    text = VISIT.replace("project: K1", "project: K11")
    problems = check_visit(tmp_path, text, [(8, 14, "V005")])
    assert problems[0].message("en") == "there is no project `K11`: did you mean `K1`?"


def test_a_finding_of_a_project_its_unit_has_not_claimed(tmp_path: Path) -> None:
    text = VISIT.replace("project: K1", "project: B1")
    problems = check_visit(tmp_path, text, [(8, 14, "V006")])
    assert problems[0].message("en") == "unit `a` has not claimed project `B1`"


def test_a_claim_made_after_the_visit_still_counts(tmp_path: Path) -> None:
    """Any claim in the unit's file, whatever its ``claimed`` day (contract section 10)."""
    root = tmp_path / "ledger"
    check_visit(tmp_path, VISIT, [])
    unit = UNIT_A + "    claimed: 2026-09-01\n"
    (root / "data" / "units" / "a.yaml").write_text(unit, encoding="utf-8")
    assert found(root) == []


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("due: 2026-06-30", "due: 2026-05-19", (11, 10)),
        ("rectified: 2026-06-25", "rectified: 2026-05-19", (12, 16)),
    ],
    ids=["due", "rectified"],
)
def test_due_or_rectified_before_the_visit(
    tmp_path: Path, old: str, new: str, where: tuple[int, int]
) -> None:
    problems = check_visit(tmp_path, VISIT.replace(old, new), [(*where, "V007")])
    key = old.split(":")[0]
    assert problems[0].message("en") == f"`{key}` 2026-05-19 is before the visit's date 2026-05-20"


def test_the_visit_day_itself_is_fine(tmp_path: Path) -> None:
    text = VISIT.replace("due: 2026-06-30", "due: 2026-05-20")
    check_visit(tmp_path, text.replace("rectified: 2026-06-25", "rectified: 2026-05-20"), [])


def test_closed_without_rectified(tmp_path: Path) -> None:
    text = VISIT.replace("    rectified: 2026-06-25\n", "")
    check_visit(tmp_path, text, [(12, 13, "V008")])


def test_evidence_needs_no_rectified(tmp_path: Path) -> None:
    text = VISIT.replace(
        "    rectified: 2026-06-25\n    closed: 2026-07-10\n", "    evidence: 照片\n"
    )
    check_visit(tmp_path, text, [])


def test_closed_before_rectified_is_reported_at_closed(tmp_path: Path) -> None:
    text = VISIT.replace("closed: 2026-07-10", "closed: 2026-06-20")
    problems = check_visit(tmp_path, text, [(13, 13, "V009")])
    assert (
        problems[0].message("en") == "closed on 2026-06-20, before it was rectified on 2026-06-25"
    )


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("date: 2026-05-20", "date: 2025-12-20", (3, 7)),
        ("due: 2026-06-30", "due: 2027-01-10", (11, 10)),
        ("rectified: 2026-06-25\n    closed: 2026-07-10", "rectified: 2028-01-01", (12, 16)),
        ("closed: 2026-07-10", "closed: 2028-01-02", (13, 13)),
    ],
    ids=["date", "due", "rectified", "closed"],
)
def test_dates_outside_the_ledger_year(
    tmp_path: Path, old: str, new: str, where: tuple[int, int]
) -> None:
    check_visit(tmp_path, VISIT.replace(old, new), [(*where, "V010")], today=date(2028, 2, 1))


def test_rectified_and_closed_may_fall_in_the_following_year(tmp_path: Path) -> None:
    text = VISIT.replace("rectified: 2026-06-25", "rectified: 2027-01-05")
    text = text.replace("closed: 2026-07-10", "closed: 2027-01-20")
    check_visit(tmp_path, text, [], today=date(2027, 2, 1))


def test_rectified_or_closed_after_today(tmp_path: Path) -> None:
    problems = check_visit(
        tmp_path,
        VISIT,
        [(12, 16, "V011"), (13, 13, "V011")],
        today=date(2026, 6, 1),
    )
    assert problems[1].message("en") == "`closed` 2026-07-10 is after today (2026-06-01)"
    assert all(p.after_today for p in problems)  # reports as of an earlier day still work


def test_a_cached_after_today_problem_names_the_day_asked(tmp_path: Path) -> None:
    check_visit(tmp_path, VISIT, [(13, 13, "V011")], today=date(2026, 7, 1))
    later = found(tmp_path / "ledger", date(2026, 7, 5))
    assert [p.args["today"] for p in later] == [date(2026, 7, 5)]


def test_a_visit_dated_after_today_is_no_error(tmp_path: Path) -> None:
    text = VISIT.replace("    rectified: 2026-06-25\n    closed: 2026-07-10\n", "")
    check_visit(tmp_path, text, [], today=date(2026, 5, 1))


def test_a_finding_id_twice_is_reported_at_its_second(tmp_path: Path) -> None:
    text = (
        VISIT
        + "  - {id: f1, unit: city, problem: 无台账, requirement: 建立台账, due: 2026-06-30}\n"
    )
    problems = check_visit(tmp_path, text, [(14, 10, "V012")])
    assert (
        problems[0].message("en") == "finding id `f1` is used twice in this file (first on line 6)"
    )


def test_a_near_miss_visit_file_name_is_warned_of(tmp_path: Path) -> None:
    problems = check_visit(tmp_path, VISIT, [(None, None, "V013")], file="v.yml")
    assert problems[0].message("en") == "`v.yml` is not read: visit files are named <id>.yaml"


def test_a_visit_whose_own_keys_are_wrong_is_not_checked_further(tmp_path: Path) -> None:
    text = VISIT.replace("units: [a, city]", "units: [city]")
    check_visit(tmp_path, text.replace("date: 2026-05-20", "date: 五月"), [(3, 7, "S005")])


def test_a_broken_finding_does_not_hide_the_others_problems(tmp_path: Path) -> None:
    """The findings right on their own are still checked, at their own rows; an unknown key of
    the visit hides nothing either."""
    broken = "  - {id: f0, unit: a, problem: 甲, requirement: 乙, due: 六月}\n"
    text = VISIT.replace("findings:\n", "findings:\n" + broken)
    text = text.replace("units: [a, city]", "units: [city]") + "titel: x\n"
    check_visit(tmp_path, text, [(6, 56, "S005"), (8, 11, "V004"), (15, 1, "S001")])


def test_a_dot_file_in_the_folder_is_skipped(tmp_path: Path) -> None:
    check_visit(tmp_path, VISIT, [])
    root = tmp_path / "ledger"
    (root / "data" / "inspections" / "._v.yaml").write_bytes(b"\x00\x05junk")
    assert found(root) == []


def test_a_link_in_the_folder_is_refused(tmp_path: Path) -> None:
    check_visit(tmp_path, VISIT, [])
    root = tmp_path / "ledger"
    os.symlink(root / "data" / "inspections" / "v.yaml", root / "data" / "inspections" / "w.yaml")
    assert [(p.path, p.code) for p in found(root)] == [("data/inspections/w.yaml", "F008")]
