"""edit/refusal.py: which errors refuse an edit, which are a note, and a value typed on the
command line named by its option."""

from __future__ import annotations

from ledger.edit.refusal import _matched, refusal
from ledger.problems import Problem


def p(path: str, code: str, line: int, **args: object) -> Problem:
    return Problem(path, code, args, line=line, column=1)


def test_the_refusal_rule() -> None:
    """Errors compared by path, code and arguments, never by line; repeats are counted."""
    before = [p("data/units/b.yaml", "R004", 3, value="x")]
    moved = p("data/units/b.yaml", "R004", 9, value="x")  # the same error, on another line
    new_elsewhere = p("data/units/b.yaml", "R004", 3, value="y")
    twice = p("data/units/b.yaml", "R004", 4, value="x")
    mine = p("data/units/a.yaml", "P003", 5, value=1)
    brought, elsewhere = refusal(before, [moved, new_elsewhere, twice, mine], {"data/units/a.yaml"})
    assert brought == [new_elsewhere, twice, mine] and elsewhere == [moved]


def test_matched_counts_repeats_and_ignores_lines() -> None:
    known = [p("b.yaml", "R004", 3, value="x")]
    one, two = p("b.yaml", "R004", 7, value="x"), p("b.yaml", "R004", 8, value="x")
    other = p("b.yaml", "R004", 3, value="y")
    assert _matched([one, two, other], known) == ([one], [two, other])
