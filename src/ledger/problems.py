"""The one problem record every check produces and every renderer reads.

A check that knows the exact place (the YAML parser does) gives ``line`` and ``column``; a check
that works on the loaded data gives ``loc``, the key path inside the file (``("claims", 2,
"deadline")``), and ``at`` (the key or its value). The loader turns a ``loc`` into a line and
column only for the files that have problems, so the happy path never pays for positions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from ledger.codes import Severity, get

Loc = tuple[str | int, ...]
At = Literal["key", "value"]


@dataclass(frozen=True, slots=True)
class Problem:
    path: str  # relative to the ledger root, with forward slashes
    code: str
    args: Mapping[str, object] = field(default_factory=dict, compare=False)
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    loc: Loc | None = None  # key path inside the file, until resolved to line and column
    at: At = "value"
    severity: Severity | None = None  # None: the code's own

    @property
    def level(self) -> Severity:
        return self.severity or get(self.code).severity

    @property
    def after_today(self) -> bool:
        return get(self.code).after_today

    def message(self, lang: str) -> str:
        return get(self.code).message(lang, self.args)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line or 0, self.column or 0, self.code)


def strict(problems: Iterable[Problem]) -> list[Problem]:
    """``--strict``: warnings become errors."""
    return [p if p.level == "error" else replace(p, severity="error") for p in problems]


def count(problems: Iterable[Problem]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = warnings = 0
    for p in problems:
        if p.level == "error":
            errors += 1
        else:
            warnings += 1
    return errors, warnings
