"""``ledger validate``: every problem in every file of a ledger, in one run (contract section 6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ledger import rules
from ledger.load import CONFIG, Loaded, load
from ledger.load.ledger import save
from ledger.problems import Problem


@dataclass(frozen=True)
class Validation:
    loaded: Loaded
    problems: list[Problem]  # sorted by path, line, column

    @property
    def files(self) -> int:
        """How many files were read: ledger.toml, the book, the unit files."""
        return self.loaded.files_read + (1 if self.loaded.config is not None else 0)

    @property
    def settings_failed(self) -> bool:
        """ledger.toml could not be used: a settings problem (exit 2), not a data problem."""
        return self.loaded.config is None or any(p.path == CONFIG for p in self.problems)


def validate(
    root: Path, today: date, overrides: dict[str, str] | None = None, cache: bool = True
) -> Validation:
    """Every problem of the ledger as of ``today``; ``overrides`` are texts that stand in for
    files, ``cache=False`` reads every file afresh (see ``ledger.load.load``)."""
    loaded = load(root, overrides, cache=cache)
    problems = loaded.resolve(loaded.problems + rules.run(loaded, today))
    save(loaded, rules.found(loaded))
    problems.sort(key=Problem.sort_key)
    return Validation(loaded, problems)


def blocking(result: Validation) -> list[Problem]:
    """The errors that stop a report as of T: all of them, except those that only say something
    is dated after T (as of T it has simply not happened yet)."""
    return [p for p in result.problems if p.level == "error" and not p.after_today]
