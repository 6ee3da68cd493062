"""load/rows.py: a file's reading as the plain data a pack entry holds, and back exactly;
anything this tool does not write reads back as None (the file is then read again)."""

from __future__ import annotations

from datetime import date

import pytest

from ledger.load.cache import Entry
from ledger.load.file import PROJECTS, read_part
from ledger.load.rows import (
    entry_of,
    from_entry,
    problem_from_json,
    problem_to_json,
    unit_from_json,
)
from ledger.problems import Problem
from tests.conftest import BOOK
from tests.support import UNIT_A

BROKEN = UNIT_A.replace("deadline: 2026-", "deadline: 2026/", 1)


@pytest.mark.parametrize("text", [UNIT_A, BROKEN], ids=["whole", "partial"])
def test_a_unit_file_reads_back_from_its_entry(text: str) -> None:
    rel = "data/units/a.yaml"
    part = read_part(rel, text.encode())
    entry = entry_of(part, "k")
    assert entry is not None and entry.checked == b"null"
    back = from_entry(entry, rel)
    assert back is not None and back.model is None and back.model_json is not None
    assert (back.problems, back.rows, back.broken, back.partial, back.facts) == (
        part.problems,
        part.rows,
        part.broken,
        part.partial,
        part.facts,
    )
    assert unit_from_json(back.model_json) == part.model


def test_the_book_reads_back_with_its_models() -> None:
    part = read_part(PROJECTS, BOOK.encode())
    entry = entry_of(part, "k")
    assert entry is not None
    back = from_entry(entry, PROJECTS)
    assert back is not None and back.model == part.model and back.rows == part.rows


def test_a_file_that_could_not_be_decoded_has_no_entry() -> None:
    assert entry_of(read_part(PROJECTS, "x: 名\n".encode("gb18030")), "k") is None


@pytest.mark.parametrize(
    "summary",
    [
        b"{}",
        b"[]",
        b'{"read":true,"problems":[],"rows":[1],"broken":[],"partial":false,"facts":null}',
    ],
)
def test_what_this_tool_does_not_write_reads_as_none(summary: bytes) -> None:
    assert from_entry(Entry("k", summary, b"null", b"[[]]"), "data/units/a.yaml") is None
    assert unit_from_json(b"U[[1, 2]]") is None
    assert unit_from_json(b"Pnot json") is None


def test_a_problem_reads_back_with_its_arguments() -> None:
    p = Problem(
        "data/units/a.yaml",
        "D002",
        {"date": date(2026, 12, 1), "today": date(2026, 11, 25), "ids": ("a", "b"), "n": [1]},
        line=3,
        column=7,
        severity="warning",
    )
    back = problem_from_json(problem_to_json(p), p.path)
    assert back == p and back.args == p.args
    with pytest.raises(ValueError):
        problem_from_json(["Q999", {}, None, None, None, "value", None], p.path)
