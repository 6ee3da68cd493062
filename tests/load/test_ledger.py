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


# -- data/inspections/ (contract v3, section 10) ---------------------------------------------------

VISIT = """\
id: v
title: 第二季度随机督导
date: 2026-05-20
inspectors: [张伟]
units: [a]
findings:
  - id: f1
    unit: a
    project: K1
    problem: 排查台账不完整
    requirement: 补齐排查台账
    due: 2026-06-30
    rectified: 2026-06-25
"""


def _with_visit(make_ledger: LedgerMaker, name: str = "v.yaml", text: str = VISIT) -> Path:
    root = make_ledger(units={"a": UNIT_A})
    (root / "data" / "inspections").mkdir()
    (root / "data" / "inspections" / name).write_text(text, encoding="utf-8")
    return root


def test_a_ledger_without_the_inspections_folder_has_no_visits(make_ledger: LedgerMaker) -> None:
    root = make_ledger(units={"a": UNIT_A})
    loaded = load(root, cache=False)
    assert loaded.problems == [] and loaded.visits == []
    assert loaded.ledger().visits == {}


def test_a_visit_is_read_and_comes_back_the_same_from_the_cache(make_ledger: LedgerMaker) -> None:
    root = _with_visit(make_ledger)
    fresh = load(root, cache=False).ledger().visits
    assert list(fresh) == ["v"] and fresh["v"].findings[0].due == date(2026, 6, 30)
    assert fresh["v"].inspectors == ["张伟"] and fresh["v"].findings[0].rectified == date(
        2026, 6, 25
    )
    for _ in range(2):  # filled, then read from the pack
        loaded = load(root)
        assert loaded.ledger().visits == fresh
        loaded.pack.save()
    assert (root / FOLDER / "pack").read_text(encoding="utf-8").count(
        "data/inspections/v.yaml"
    ) == 1
    assert found(root) == []


def test_a_warm_reading_takes_the_visit_from_the_pack(
    make_ledger: LedgerMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ledger.load.file import read_part

    root = _with_visit(make_ledger)
    fresh = load(root)
    fresh.pack.save()

    def no_visit_read(rel: str, raw: bytes) -> object:
        assert not rel.startswith("data/inspections/"), "read again, not taken from the pack"
        return read_part(rel, raw)

    monkeypatch.setattr("ledger.load.ledger.read_part", no_visit_read)
    assert load(root).ledger().visits == fresh.ledger().visits


def test_a_visit_file_counts_among_the_files_read(make_ledger: LedgerMaker) -> None:
    root = _with_visit(make_ledger)
    assert load(root, cache=False).files_read == 4  # the book, city, a and the visit


def test_a_visit_file_read_like_the_others(make_ledger: LedgerMaker) -> None:
    """The same rules as for unit files: duplicate keys, unknown keys with a hint, x- keys."""
    text = VISIT.replace("inspectors: [张伟]", "inspectors: [张伟]\nx-note: 自用\ntitle: 又一个")
    text = text.replace("rectified:", "rectifed:")
    root = _with_visit(make_ledger, text=text)
    problems = found(root)
    assert [(p.code, p.line) for p in problems] == [("Y003", 6), ("S001", 15)]
    assert "rectified" in problems[1].message("en")


def test_a_link_to_a_visit_file_is_refused_and_not_read(make_ledger: LedgerMaker) -> None:
    root = _with_visit(make_ledger)
    (root / "data" / "inspections" / "w.yaml").symlink_to(root / "data" / "inspections" / "v.yaml")
    assert at(found(root)) == [("data/inspections/w.yaml", "F008", None, None)]
    assert list(load(root, cache=False).ledger().visits) == ["v"]


def test_a_link_in_place_of_the_inspections_folder_is_refused(
    make_ledger: LedgerMaker, tmp_path: Path
) -> None:
    root = make_ledger(units={"a": UNIT_A})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "v.yaml").write_text(VISIT, encoding="utf-8")
    (root / "data" / "inspections").symlink_to(elsewhere)
    assert at(found(root)) == [("data/inspections", "F008", None, None)]
    assert load(root, cache=False).visits == []


@pytest.mark.parametrize("name", ["._v.yaml", ".#v.yaml", ".v.yaml"])
def test_hidden_visit_files_are_skipped_without_a_word(make_ledger: LedgerMaker, name: str) -> None:
    root = _with_visit(make_ledger)
    (root / "data" / "inspections" / name).write_bytes(b"\x00\x05\x16\x07 not yaml [")
    assert found(root) == []
