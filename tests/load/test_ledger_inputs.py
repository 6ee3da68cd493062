"""load/ledger.py, the bad-input tests (empty files, missing files and folders, the top level,
which files are read). To be folded into tests/load/test_ledger.py once house-load (which adds
that file) is merged."""

from __future__ import annotations

import pytest

from tests.conftest import LedgerMaker
from tests.runs import run_validate
from tests.support import BOOK_PATH, UNIT_A, A, Cli, at, found


@pytest.mark.parametrize(
    "text", ["", "\n\n", "# 集宁区\n# 待填写\n", "   \n", "---\n", "\ufeff"], ids=repr
)
def test_an_empty_or_comments_only_file_is_empty(make_ledger: LedgerMaker, text: str) -> None:
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "F005", None, None)]
    assert problems[0].message("en") == "the file is empty"


def test_an_empty_book_is_empty(make_ledger: LedgerMaker) -> None:
    assert at(found(make_ledger(book="# 项目书\n"))) == [(BOOK_PATH, "F005", None, None)]


@pytest.mark.parametrize(
    ("text", "found_as"),
    [
        ("- id: a\n- name: A\n", "a list"),
        ("甲单位\n", "text"),
        ("42\n", "the number 42"),
    ],
)
def test_the_top_level_must_be_a_mapping(
    make_ledger: LedgerMaker, text: str, found_as: str
) -> None:
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "Y007", 1, 1)]
    assert found_as in problems[0].message("en")


def test_the_top_level_list_is_pointed_at_after_comments(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(units={"a": "# 甲单位\n\n- id: a\n"}))
    assert at(problems) == [(A, "Y007", 3, 1)]


def test_missing_book(make_ledger: LedgerMaker, cli: Cli) -> None:
    root = make_ledger(book=None, units={"a": UNIT_A})
    assert at(found(root)) == [(BOOK_PATH, "F001", None, None)]
    code, output = run_validate(cli, root)
    assert code == 1
    assert output.splitlines()[0] == "data/projects.yaml: error[F001]: file not found"


def test_missing_units_folder(make_ledger: LedgerMaker, cli: Cli) -> None:
    root = make_ledger()
    (root / "data" / "units" / "city.yaml").unlink()
    (root / "data" / "units").rmdir()
    problems = found(root)
    assert at(problems) == [("data/units", "F006", None, None)]
    assert "data/units/" in problems[0].message("en")
    code, output = run_validate(cli, root)
    assert code == 1
    assert output.splitlines()[0].startswith("data/units: error[F006]: ")


def test_a_yml_file_is_not_read_and_warned_about(make_ledger: LedgerMaker, cli: Cli) -> None:
    root = make_ledger(units={"a": UNIT_A})
    (root / "data" / "units" / "b.yml").write_text("id: b\nname: 乙\nbroken: [\n")
    problems = found(root)
    assert at(problems) == [("data/units/b.yml", "F007", None, None)]
    assert problems[0].level == "warning"
    assert problems[0].message("en") == "`b.yml` is not read: unit files are named <id>.yaml"
    code, output = run_validate(cli, root)
    assert code == 0
    assert "data/units/b.yml: warning[F007]: `b.yml` is not read" in output
    assert run_validate(cli, root, "--strict")[0] == 1


def test_a_broken_book_does_not_stop_the_unit_files_being_checked(
    make_ledger: LedgerMaker,
) -> None:
    root = make_ledger(book="title: [\n", units={"a": UNIT_A.replace("王某", "yes")})
    assert [(p.path, p.code) for p in found(root)] == [(BOOK_PATH, "Y001"), (A, "S004")]


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
