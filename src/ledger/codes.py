"""The registry of problem codes.

Every problem the tool reports has a stable code from this table. Codes are never reused or
renumbered: a retired code stays here with ``retired=True``. Each code's message lives in the
i18n tables under ``code.<CODE>`` (``str.format`` templates over the problem's arguments, one
table per language); ``docs/en/codes.md`` and ``docs/zh/codes.md`` describe each one, and a test
checks that every code is documented and tested.

Families:
  F  files: missing, unreadable, not UTF-8, merge-conflict markers, empty
  Y  YAML: syntax, tabs, duplicate keys, anchors/aliases, tags, merge keys, top level
  S  schema: unknown or missing keys, wrong types, dates, ids, enumerations, ranges
  R  references: ids that must match or exist, cycles, duplicates
  D  dates: ledger year, dated after T, reported before its quarter
  P  progress: quarter order, percent, status
  W  warnings
  C  settings (ledger.toml); an error here exits with 2
  X  quarterly forms read by ``ledger import``: the workbook, its key row, its rows
  V  visits (v3, ``data/inspections/``): their units, findings, dates and names
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: Severity
    # True for the errors that only say something is dated after T: reports as of T ignore them.
    after_today: bool = False
    retired: bool = False

    def message(self, lang: str, args: Mapping[str, object]) -> str:
        """The message in ``lang``: the i18n table's ``code.<CODE>`` over the arguments."""
        from ledger.i18n import t

        return t(f"code.{self.code}", lang, **args)


_ALL = [
    # -- files ----------------------------------------------------------------------------
    Code("F001", "error"),
    Code("F002", "error"),
    Code("F003", "error"),
    Code("F004", "error"),
    Code("F005", "error"),
    Code("F006", "error"),
    Code("F007", "warning"),
    Code("F008", "error"),
    # -- YAML -----------------------------------------------------------------------------
    Code("Y001", "error"),
    Code("Y002", "error"),
    Code("Y003", "error"),
    Code("Y004", "error"),
    Code("Y005", "error"),
    Code("Y006", "error"),
    Code("Y007", "error"),
    # -- schema ---------------------------------------------------------------------------
    Code("S001", "error"),
    Code("S002", "error"),
    Code("S003", "error"),
    Code("S004", "error"),
    Code("S005", "error"),
    Code("S006", "error"),
    Code("S007", "error"),
    Code("S008", "error"),
    Code("S009", "error"),
    Code("S010", "error"),
    Code("S011", "error"),
    Code("S012", "error"),
    Code("S013", "error"),
    Code("S014", "error"),
    # -- references -----------------------------------------------------------------------
    Code("R001", "error"),
    Code("R002", "error"),
    Code("R003", "error"),
    Code("R004", "error"),
    Code("R005", "error"),
    Code("R006", "error"),
    Code("R007", "error"),
    Code("R008", "error"),
    Code("R009", "error"),
    Code("R010", "error"),
    Code("R011", "error"),
    # -- dates ----------------------------------------------------------------------------
    Code("D001", "error"),
    Code("D002", "error", after_today=True),
    Code("D003", "error", after_today=True),
    Code("D004", "error", after_today=True),
    Code("D005", "error"),
    Code("D006", "error"),
    Code("D007", "error"),
    # -- progress -------------------------------------------------------------------------
    Code("P001", "error"),
    Code("P002", "error"),
    Code("P003", "error"),
    Code("P004", "error"),
    Code("P005", "error"),
    # -- warnings -------------------------------------------------------------------------
    Code("W001", "warning"),
    Code("W002", "warning"),
    Code("W003", "warning"),
    # -- settings -------------------------------------------------------------------------
    Code("C001", "error"),
    Code("C002", "error"),
    # -- forms (import) -------------------------------------------------------------------
    Code("X001", "error"),
    Code("X002", "error"),
    Code("X003", "error"),
    Code("X004", "error"),
    Code("X005", "error"),
    Code("X006", "error"),
    Code("X007", "error"),
    Code("X008", "error"),
    Code("X009", "error"),
    Code("X010", "error"),
    Code("X011", "error"),
    Code("X012", "error"),
    Code("X013", "error"),
    Code("X014", "error"),
    Code("X015", "error"),
    Code("X016", "error"),
    Code("X017", "error"),
    Code("X018", "error"),
    Code("X019", "error"),
    Code("X020", "error"),
    Code("X021", "error"),
    Code("X022", "error"),
    Code("X023", "error"),
    Code("X024", "error"),
    Code("X025", "error"),
    Code("X026", "error"),
    Code("X027", "error"),
    Code("X028", "error"),
    Code("X029", "error"),
    Code("X030", "error"),
    Code("X031", "error"),
    Code("X032", "error"),
    # -- visits (data/inspections/) -------------------------------------------------------
    Code("V001", "error"),
    Code("V002", "error"),
    Code("V003", "error"),
    Code("V004", "error"),
    Code("V005", "error"),
    Code("V006", "error"),
    Code("V007", "error"),
    Code("V008", "error"),
    Code("V009", "error"),
    Code("V010", "error"),
    Code("V011", "error", after_today=True),
    Code("V012", "error"),
    Code("V013", "warning"),
]

CODES: dict[str, Code] = {c.code: c for c in _ALL}


def get(code: str) -> Code:
    """The code's record; an unknown code is a programming error."""
    return CODES[code]
