"""forms/layout.py: what a form looks like, shared by the writer and the reader (contract section
9: the machine keys of row 1, the keys that say which row is which, the cells a clerk fills in)."""

from __future__ import annotations

from ledger.forms.layout import (
    COLUMNS,
    FINDINGS,
    FIRST_ROW,
    HEADER_ROW,
    INPUTS,
    KEY_ROW,
    KEYS,
    MILESTONES,
    PROGRESS,
    ROW_KEYS,
    file_name,
    pages,
)
from ledger.render import xlsx_print as paper


def test_the_keys_of_row_1_are_the_contracts() -> None:
    assert KEYS[PROGRESS] == (
        "unit", "project", "quarter", "status", "percent", "summary", "reported", "problems",
        "next_steps",
    )  # fmt: skip
    assert KEYS[MILESTONES] == ("unit", "project", "milestone", "title", "due", "done", "evidence")
    assert KEYS[FINDINGS] == (
        "inspection",
        "finding",
        "problem",
        "requirement",
        "due",
        "rectified",
        "evidence",
    )  # fmt: skip (contract section 10)
    assert (KEY_ROW, HEADER_ROW, FIRST_ROW) == (1, 2, 3)


def test_a_row_is_named_by_its_keys_and_the_clerk_fills_in_the_rest() -> None:
    for sheet in (PROGRESS, MILESTONES, FINDINGS):
        assert set(ROW_KEYS[sheet]) <= set(KEYS[sheet])
        assert set(INPUTS[sheet]) <= set(KEYS[sheet])
        assert not set(ROW_KEYS[sheet]) & set(INPUTS[sheet])  # a key cell is never an input
    assert "title" not in INPUTS[MILESTONES] and "due" not in INPUTS[MILESTONES]  # the book's
    # closing stays the inspectors' act: the unit reports its rectification only
    assert INPUTS[FINDINGS] == ("rectified", "evidence")
    assert "closed" not in KEYS[FINDINGS]


def test_the_findings_sheet_prints_on_one_page_across_in_8_pt_type() -> None:
    """All its printed columns on one A4 landscape page at 8 pt or more; the visit's id hidden
    like the unit's, its title shown."""
    columns = COLUMNS[FINDINGS]
    (page,) = pages(FINDINGS)
    assert sum(columns[i - 1].width for i in page) <= paper.budget(landscape=True)
    hidden = [c.key for c in columns if c.hidden]
    assert hidden == ["inspection"]
    kinds = {c.key: c.kind for c in columns}
    assert [k for k, kind in kinds.items() if kind == "input"] == ["rectified", "evidence"]
    assert {c.key for c in columns if not c.key.startswith("x-")} == set(KEYS[FINDINGS])


def test_a_forms_file_name() -> None:
    assert file_name("chayouhouqi", "2026Q4") == "chayouhouqi-2026Q4.xlsx"
