"""checked.py: the checks of one file, cached with the file for the book, the year and the days
their findings hold for."""

from __future__ import annotations

from datetime import date

from ledger.checked import Findings, context, file_checks
from ledger.load import load
from ledger.load.cache import load_body
from ledger.problems import Problem
from ledger.validate import validate
from tests.conftest import LedgerMaker
from tests.support import TODAY, UNIT_A, A, direct


def test_findings_hold_between_the_days_they_compare_with() -> None:
    f = Findings(A, [Problem(A, "D002", {"date": date(2026, 12, 1), "today": TODAY})])
    f.bound({date(2026, 3, 1), date(2026, 12, 1)}, TODAY)
    assert (f.since, f.until) == (date(2026, 3, 1), date(2026, 12, 1))
    assert f.holds(date(2026, 11, 30)) and not f.holds(date(2026, 12, 1))
    assert not f.holds(date(2026, 2, 28))
    assert f.as_of(date(2026, 11, 30))[0].args["today"] == date(2026, 11, 30)
    text = f.to_json("ctx")
    assert text is not None
    assert Findings.from_json(load_body(text), A, "ctx") == f
    assert Findings.from_json(load_body(text), A, "another book") is None
    assert Findings.from_json([1, 2], A, "ctx") is None


def test_a_file_is_checked_once_then_taken_from_the_cache(make_ledger: LedgerMaker) -> None:
    root = make_ledger(units={"a": UNIT_A.replace("deadline: 2026-11-30", "deadline: 2027-11-30")})
    first = validate(root, TODAY)
    assert A in first.checked
    again = validate(root, TODAY)
    assert again.checked == [] and again.problems == first.problems == direct(root, TODAY)
    assert any(p.code == "D001" and p.line == 7 for p in again.problems)


def test_without_a_book_nothing_is_kept(make_ledger: LedgerMaker) -> None:
    loaded = load(make_ledger(units={"a": UNIT_A}, book="- not a book\n"))
    assert context(loaded) is None
    checked = file_checks(loaded, TODAY)
    assert checked.ran == ["data/units/a.yaml", "data/units/city.yaml"]
    assert all(e.checked == b"null" for e in loaded.pack.entries.values())
