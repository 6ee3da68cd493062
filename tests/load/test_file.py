"""load/file.py: one file's reading, from its path and bytes alone, with positions."""

from __future__ import annotations

from ledger.load.file import PROJECTS, Locator, read_part, unit_file_kind
from ledger.model import Unit

UNIT = """\
id: a
name: 甲单位
claims:
  - project: K1
    leader: 王某
    measures: [开展排查]
    deadline: 2026-11-30
  - project: K2
    leader: 李某
    measures: [x]
    deadline: 2026/11/30
"""


def test_a_unit_file_keeps_its_valid_claims_and_the_ids_of_the_others() -> None:
    part = read_part("data/units/a.yaml", UNIT.encode())
    assert part.read and part.partial
    assert isinstance(part.model, Unit)
    assert [c.project for c in part.model.claims] == ["K1"]
    assert part.rows == (0,)
    assert part.broken == frozenset({"K2"})
    assert part.facts is not None and part.facts.projects == ("K1",)
    assert [(p.code, p.line, p.column) for p in part.problems] == [("S005", 11, 15)]


def test_the_reading_depends_on_the_bytes_alone() -> None:
    one = read_part("data/units/a.yaml", UNIT.encode())
    two = read_part("data/units/a.yaml", UNIT.encode())
    assert one == two


def test_bytes_that_are_not_text_or_not_a_mapping() -> None:
    gbk = read_part("data/units/a.yaml", "名称: 单位\n".encode("gb18030"))
    assert not gbk.read and [p.code for p in gbk.problems] == ["F003"]
    listed = read_part(PROJECTS, b"- a\n- b\n")
    assert listed.read and listed.model is None
    assert [(p.code, p.line) for p in listed.problems] == [("Y007", 1)]


def test_a_locator_places_key_paths_in_the_text() -> None:
    locate = Locator(UNIT)
    assert locate(("claims", 1, "deadline"), "value") == (11, 15, "2026/11/30")
    assert locate(("claims", 1, "deadline"), "key")[:2] == (11, 5)
    assert locate(("claims", 1, "nothing"), "value")[:2] == (8, 5)  # the nearest node there is


def test_unit_file_kinds() -> None:
    assert [unit_file_kind(n) for n in ("a.yaml", ".a.yaml", "A.YAML", "a.yml", "README")] == [
        "unit",
        "hidden",
        "near",
        "near",
        "other",
    ]
