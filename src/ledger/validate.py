"""``ledger validate``: every problem in every file of a ledger, in one run (contract section 6).

validate = load → the checks of each file (cached with the file: ``ledger.checked``) + the
checks across files → placed, sorted problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ledger import rules
from ledger.checked import file_checks
from ledger.load import CONFIG, Loaded, load
from ledger.problems import Problem


@dataclass(frozen=True)
class Validation:
    loaded: Loaded
    problems: list[Problem]  # sorted by path, line, column
    checked: list[str] = field(default_factory=list)  # the unit files checked afresh this time

    @property
    def files(self) -> int:
        """How many files were read: ledger.toml, the book, the unit files."""
        return self.loaded.files_read + (1 if self.loaded.config is not None else 0)

    @property
    def settings_failed(self) -> bool:
        """ledger.toml could not be used: a settings problem (exit 2), not a data problem."""
        return self.loaded.config is None or any(p.path == CONFIG for p in self.problems)


def validate(root: Path, today: date, cache: bool = True) -> Validation:
    """Every problem of the ledger as of ``today``; ``cache=False`` reads every file afresh
    (see ``ledger.load.load``)."""
    return check(load(root, cache=cache), today)


def check(loaded: Loaded, today: date) -> Validation:
    """Every problem of a ledger as loaded, as of ``today``; the cache's pack written."""
    files = file_checks(loaded, today)
    across = rules.run(loaded, today, "across")
    problems = loaded.resolve(loaded.problems + files.problems + across)
    loaded.pack.save()
    problems.sort(key=Problem.sort_key)
    return Validation(loaded, problems, files.ran)


def blocking(result: Validation) -> list[Problem]:
    """The errors that stop a report as of T: all of them, except those that only say something
    is dated after T (as of T it has simply not happened yet)."""
    return [p for p in result.problems if p.level == "error" and not p.after_today]
