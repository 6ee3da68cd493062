"""rules/references.py: what the ids name (R001-R006, R008, R011) and the book's own milestone ids
(R007 in data/projects.yaml)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import BOOK, LedgerMaker
from tests.support import BOOK_PATH, UNIT_A, A, at, check, found


def test_unit_id_differs_from_file_name(tmp_path: Path) -> None:
    problems = check(
        tmp_path,
        """
        id: jinning
        name: 集宁区
        """,
        [(1, 5, "R001")],
        file="jining",
    )
    assert problems[0].message("en") == (
        "the unit id `jinning` differs from the file name `jining.yaml`"
    )


@pytest.mark.parametrize(
    ("project", "hint"), [("K11", ": did you mean `K1`?"), ("ZZZ", "")], ids=["close", "far"]
)
def test_unknown_project_in_a_claim(tmp_path: Path, project: str, hint: str) -> None:
    text = f"""
        id: a
        name: 甲单位
        claims:
          - project: {project}
            leader: 王某
            measures: [开展排查]
            deadline: 2026-11-30
        """
    problems = check(tmp_path, text, [(4, 14, "R002")])
    assert problems[0].message("en") == f"unknown project `{project}`{hint}"


def test_unknown_lead_unit(make_ledger: LedgerMaker) -> None:
    book = BOOK.replace("lead_units: [city]", "lead_units: [city, ctiy]", 1)
    problems = found(make_ledger(book=book))
    assert at(problems) == [(BOOK_PATH, "R003", 6, 24)]
    assert problems[0].message("en") == "unknown unit `ctiy`: did you mean `city`?"


def test_unknown_parent(tmp_path: Path) -> None:
    problems = check(
        tmp_path,
        """
        id: a
        name: A
        parent: ctiy
        """,
        [(3, 9, "R004")],
    )
    assert problems[0].message("en") == "unknown parent unit `ctiy`: did you mean `city`?"


def test_a_known_parent_is_fine(tmp_path: Path) -> None:
    check(tmp_path, "id: a\nname: A\nparent: city\n", [])
    assert found(tmp_path / "ledger") == []


def test_a_parent_cycle_of_two(tmp_path: Path) -> None:
    units = {"b": "id: b\nname: B\nparent: a\n", "c": "id: c\nname: C\nparent: a\n"}
    # once per cycle, on the parent line of its first unit by id
    problems = check(
        tmp_path,
        """
        id: a
        name: A
        parent: b
        """,
        [(3, 9, "R005")],
        units=units,
    )
    assert at(found(tmp_path / "ledger")) == [(A, "R005", 3, 9)]
    assert problems[0].message("en") == "the parents form a cycle: a → b → a"


def test_a_parent_cycle_of_three_and_a_unit_pointing_into_it(tmp_path: Path) -> None:
    # "a" sorts first and is walked first: it leads into the cycle but is not part of it.
    units = {
        "a": "id: a\nname: A\nparent: c\n",
        "c": "id: c\nname: C\nparent: d\n",
        "d": "id: d\nname: D\nparent: b\n",
        "e": "id: e\nname: E\nparent: city\n",
    }
    problems = check(
        tmp_path,
        """
        id: b
        name: B
        parent: c
        """,
        [(3, 9, "R005")],
        file="b",
        units=units,
    )
    assert at(found(tmp_path / "ledger")) == [("data/units/b.yaml", "R005", 3, 9)]
    assert problems[0].message("en") == "the parents form a cycle: b → c → d → b"


def test_a_unit_that_is_its_own_parent(tmp_path: Path) -> None:
    problems = check(
        tmp_path,
        """
        id: a
        name: A
        parent: a
        """,
        [(3, 9, "R005")],
    )
    assert problems[0].message("en") == "the parents form a cycle: a → a"


def test_duplicate_project_id(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(book=BOOK.replace("id: B1", "id: K1")))
    assert at(problems) == [(BOOK_PATH, "R006", 15, 9)]
    assert problems[0].message("en") == "project id `K1` is used twice (first on line 3)"


def test_project_ids_that_differ_only_in_case(make_ledger: LedgerMaker) -> None:
    """v3: ``projects/K1.html`` and ``projects/k1.html`` are one file on Windows and macOS."""
    problems = found(make_ledger(book=BOOK.replace("id: B1", "id: k1")))
    assert at(problems) == [(BOOK_PATH, "R011", 15, 9)]
    assert problems[0].message("en") == (
        "project id `k1` differs from `K1` (line 3) only in case: their pages would collide on"
        " Windows and macOS disks (ledger site)"
    )


def test_the_same_project_id_twice_is_only_a_duplicate(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(book=BOOK.replace("id: B1", "id: K1")))
    assert [p.code for p in problems] == ["R006"]


def test_duplicate_milestone_id_in_a_project(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(book=BOOK.replace("id: accept", "id: survey")))
    assert at(problems) == [(BOOK_PATH, "R007", 12, 13)]
    assert problems[0].message("en") == (
        "milestone id `survey` is used twice here (first on line 9)"
    )


def test_one_unit_claiming_a_project_twice(tmp_path: Path) -> None:
    problems = check(
        tmp_path,
        """
        id: a
        name: 甲单位
        claims:
          - project: K1
            leader: 王某
            measures: [开展排查]
            deadline: 2026-11-30
          - project: K1
            leader: 李某
            measures: [复查]
            deadline: 2026-10-31
        """,
        [(8, 14, "R008")],
    )
    assert problems[0].message("en") == (
        "project `K1` is claimed twice by this unit (first on line 4)"
    )


def test_two_units_claiming_one_project_is_fine(tmp_path: Path) -> None:
    check(tmp_path, UNIT_A, [], units={"b": UNIT_A.replace("id: a", "id: b")})
    assert found(tmp_path / "ledger") == []


def test_a_project_with_a_schema_error_is_still_known_to_claims(make_ledger: LedgerMaker) -> None:
    book = BOOK.replace(
        "    goal: 年底前全部整顿转化\n", "    goal: 年底前全部整顿转化\n    gaol: 重复\n"
    )
    problems = found(make_ledger(book=book, units={"a": UNIT_A}))
    assert at(problems) == [(BOOK_PATH, "S001", 8, 5)]


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
