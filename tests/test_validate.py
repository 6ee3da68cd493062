"""validate.py: every problem of every file, in one run."""

from __future__ import annotations

from tests.conftest import BOOK, LedgerMaker
from tests.runs import run_validate
from tests.support import BOOK_PATH, UNIT_A, A, Cli, at, found


def test_every_problem_in_every_file_in_one_run(make_ledger: LedgerMaker, cli: Cli) -> None:
    book = BOOK.replace("category: basic", "category: 普通")
    units = {
        "a": UNIT_A.replace("2026-11-30", "2026/11/30"),
        "b": "id: b\nname: 乙\nname: 乙乙\n",
        "c": "id: c\nname: 丙\nclaims:\n\t- project: K1\n",
    }
    root = make_ledger(book=book, units=units)
    assert at(found(root)) == [
        (BOOK_PATH, "S008", 16, 15),
        (A, "S005", 7, 15),
        ("data/units/b.yaml", "Y003", 3, 1),
        ("data/units/c.yaml", "Y002", 4, 1),
    ]
    code, output = run_validate(cli, root)
    assert code == 1
    # K1 is claimed (the claim has an error, but names K1); B1 has an error, so no W001 for it
    assert output.splitlines()[-1] == "6 files checked: 4 error(s), 0 warning(s)"
