"""load/ledger.py: the loop over a ledger's files. Positions travel with the reading: a problem
is placed in the bytes this reading read, never in what is on disk later; ``load/`` imports
nothing of the rules."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from ledger import rules
from ledger.load import load
from ledger.load.cache import FOLDER
from tests.conftest import LedgerMaker
from tests.runs import run_validate
from tests.support import BOOK_PATH, UNIT_A, A, Cli, at, found

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "ledger"
TODAY = date(2026, 11, 25)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_load_imports_neither_the_rules_nor_anything_above_it() -> None:
    above = ("ledger.rules", "ledger.checked", "ledger.validate", "ledger.cli", "ledger.edit")
    for path in sorted((PACKAGE / "load").glob("*.py")):
        bad = {m for m in _imports(path) if m.startswith(above)}
        assert not bad, f"{path.name} imports {bad}"


def test_no_module_is_over_700_lines() -> None:
    long = {
        p.relative_to(PACKAGE).as_posix(): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 700
    }
    assert not long, long


def test_problems_are_placed_in_the_bytes_read_not_in_the_files_on_disk_later(
    make_ledger: LedgerMaker,
) -> None:
    unit = UNIT_A.replace("project: K1", "project: K9")  # R002, line 4
    b = "id: b\nname: 乙\nparent: nobody\n"  # R004, line 3
    root = make_ledger(units={"a": unit, "b": b})
    for cache, from_pack in ((False, False), (True, False), (True, True)):
        loaded = load(root, cache=cache)
        assert loaded.pack.changed is (cache and not from_pack)
        loaded.pack.save()
        for path in (root / "data" / "units").iterdir():
            path.write_text("# gone\n" * 9, encoding="utf-8")  # every file changed after
        found = loaded.resolve(rules.run(loaded, TODAY))
        at = {(p.path, p.code, p.line, p.column) for p in found}
        assert ("data/units/a.yaml", "R002", 4, 14) in at, at
        assert ("data/units/b.yaml", "R004", 3, 9) in at, at
        (root / "data" / "units" / "a.yaml").write_text(unit, encoding="utf-8")
        (root / "data" / "units" / "b.yaml").write_text(b, encoding="utf-8")
    assert (root / FOLDER / "pack").is_file()


def test_a_reading_with_new_bytes_for_a_file_reads_only_that_file(
    make_ledger: LedgerMaker,
) -> None:
    root = make_ledger(units={"a": UNIT_A})
    loaded = load(root)
    new = UNIT_A.replace("deadline: 2026-11-30", "deadline: 2026/11/30").encode()
    after = loaded.with_files({"data/units/a.yaml": new, "data/units/c.yaml": b"id: c\nname: C\n"})
    assert [u.path for u in after.units] == [
        "data/units/a.yaml",
        "data/units/c.yaml",
        "data/units/city.yaml",
    ]
    assert [p.code for p in after.problems] == ["S005"]
    assert after.files_read == loaded.files_read + 1
    assert loaded.problems == [] and len(loaded.units) == 2  # the first reading as it was
    assert after.sources["data/units/a.yaml"] == new
    assert (root / "data" / "units" / "a.yaml").read_text(encoding="utf-8") == UNIT_A


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
