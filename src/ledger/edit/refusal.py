"""Whether an edit may be written (contract section 7): the errors of the ledger with the edit,
those that refuse it (in the files it changes, or new) and those already elsewhere (a note),
found on the edit's one reading of the ledger; and a value typed on the command line named by
its option where a problem is in it."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from ledger import rules
from ledger.load import Loaded
from ledger.problems import Problem
from ledger.validate import check as validate_loaded

if TYPE_CHECKING:
    from ledger.edit.ops import Edit


class Checked(NamedTuple):
    brought: list[Problem]  # the errors that refuse the edits
    elsewhere: list[Problem]  # errors already elsewhere in the ledger: a note
    had: list[Problem]  # those of ``brought`` the changed files already had before the edits


def check(loaded: Loaded, today: date, edits: list[Edit]) -> Checked:
    """The errors of the ledger as read (``loaded``) validated once, with these edits' new
    bytes in place of their files: those that refuse the edits (and which of them the changed
    files had before), and those already elsewhere (a note; see ``refusal``). The errors the
    ledger had before come from the same pass: in the files the edits do not touch, the
    problems of each file are the ones it had (same bytes, same book and year); only the checks
    across files can differ, and they run on the reading as it was too (on each file's facts:
    no file read)."""
    changed = [e for e in edits if e.changed]
    touched = {e.rel for e in changed}
    after_reading = loaded.with_files({e.rel: e.old.encode(e.new_text) for e in changed})
    result = validate_loaded(after_reading, today)
    after = _errors(result.problems)
    if not after:
        return Checked([], [], [])
    across_after = _errors(after_reading.resolve(rules.run(after_reading, today, "across")))
    across_before = _errors(loaded.resolve(rules.run(loaded, today, "across")))
    # the errors of the untouched files, less those the checks across files find after the
    # edits, plus those they found before
    _, untouched = _matched([p for p in after if p.path not in touched], across_after)
    before = untouched + across_before
    brought, elsewhere = refusal(before, after, touched)
    had = _matched(brought, _had(loaded, today, touched, across_before))[0] if brought else []
    return Checked(brought, elsewhere, had)


def _had(
    loaded: Loaded, today: date, touched: set[str], across_before: list[Problem]
) -> list[Problem]:
    """The errors the changed files had as read, before the edits: so that a refusal does not
    say the edit brought them. Only those files are checked again, on the reading as it was."""
    files = [f for f in loaded.units if f.path in touched]
    found = loaded.resolve(loaded.problems + rules.run(loaded, today, "file", files))
    return _errors([p for p in found + across_before if p.path in touched])


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.level == "error"]


def _matched(problems: list[Problem], known: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """``problems`` split into those matching one of ``known`` each (by identity, as
    ``refusal`` compares, counting repeats) and the rest."""
    left: dict[tuple[str, str, str], int] = {}
    for p in known:
        left[_identity(p)] = left.get(_identity(p), 0) + 1
    matched: list[Problem] = []
    rest: list[Problem] = []
    for p in problems:
        if left.get(_identity(p), 0):
            left[_identity(p)] -= 1
            matched.append(p)
        else:
            rest.append(p)
    return matched, rest


def at_options(
    problems: list[Problem], edits: list[Edit], options: dict[str, str]
) -> list[Problem]:
    """Problems in a value the clerk gave on the command line, named by the option that gave it
    (``options``: a key the edit writes -> the option as typed, ``--deadline 2027-03-31``)
    instead of by a line of a file the clerk never opened; the others as they are."""
    out = []
    for p in problems:
        key = next(
            (
                key
                for e in edits
                if e.rel == p.path and p.line is not None
                for key, first, last in e.wrote
                if first <= p.line <= last and key in options
            ),
            None,
        )
        out.append(
            p if key is None else dataclasses.replace(p, path=options[key], line=None, column=None)
        )
    return out


def refusal(
    before: list[Problem], after: list[Problem], changed: set[str]
) -> tuple[list[Problem], list[Problem]]:
    """The contract's rule (section 7): of the errors the ledger has after an edit, those that
    refuse it, and those already elsewhere, which are only a note. An error refuses the edit if
    it is in a file the edit changes, or if the ledger did not have it before. Problems are
    compared by path, code and message arguments, not by line (lines shift in an edited file),
    counting repeats."""
    had: dict[tuple[str, str, str], int] = {}
    for p in before:
        had[_identity(p)] = had.get(_identity(p), 0) + 1
    brought: list[Problem] = []
    elsewhere: list[Problem] = []
    for p in after:
        key = _identity(p)
        if p.path in changed or had.get(key, 0) == 0:
            brought.append(p)
        else:
            had[key] -= 1
            elsewhere.append(p)
    return brought, elsewhere


def _identity(p: Problem) -> tuple[str, str, str]:
    return (p.path, p.code, repr(sorted((k, repr(v)) for k, v in p.args.items())))
