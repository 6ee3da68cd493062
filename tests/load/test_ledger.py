"""load/ledger.py: the loop over a ledger's files. Positions travel with the reading: a problem
is placed in the bytes this reading read, never in what is on disk later; ``load/`` imports
nothing of the rules."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

from ledger import rules
from ledger.load import load
from ledger.load.cache import FOLDER
from tests.conftest import LedgerMaker
from tests.support import UNIT_A

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
