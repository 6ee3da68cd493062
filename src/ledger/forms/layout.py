"""What a form looks like, shared by the writer and the reader: sheet names, the machine keys
of row 1 (contract section 9), the columns around them and the properties naming the form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

PROGRESS = "progress"
MILESTONES = "milestones"
FINDINGS = "findings"
KEY_ROW = 1
HEADER_ROW = 2
FIRST_ROW = 3

PROGRESS_KEYS = (
    "unit",
    "project",
    "quarter",
    "status",
    "percent",
    "summary",
    "reported",
    "problems",
    "next_steps",
)
MILESTONE_KEYS = ("unit", "project", "milestone", "title", "due", "done", "evidence")
FINDING_KEYS = ("inspection", "finding", "problem", "requirement", "due", "rectified", "evidence")
KEYS = {PROGRESS: PROGRESS_KEYS, MILESTONES: MILESTONE_KEYS, FINDINGS: FINDING_KEYS}
# the cells that say which row is which; the reader maps rows by them, never by row order (a
# findings row's unit is the form's: a visit's finding ids are unique in its file)
ROW_KEYS = {
    PROGRESS: ("unit", "project", "quarter"),
    MILESTONES: ("unit", "project", "milestone"),
    FINDINGS: ("inspection", "finding"),
}
INPUTS = {
    PROGRESS: ("status", "percent", "summary", "reported", "problems", "next_steps"),
    MILESTONES: ("done", "evidence"),
    FINDINGS: ("rectified", "evidence"),
}
# the sheets every form has had since v2; a form made since v3 also has the findings sheet
# (empty but for a note when its unit has nothing to rectify) and says so in a property
# (``FINDINGS_PROPERTY``): a v2 form, without either, still imports
SHEETS = (PROGRESS, MILESTONES)

Kind = Literal["key", "read", "input"]


@dataclass(frozen=True)
class Column:
    key: str  # row 1
    kind: Kind  # key cells and read-only cells are locked; input cells are not
    width: float
    hidden: bool = False  # the same on every row and named in the heading
    label: str | None = None  # the header's message key where the key's own would mislead

    @property
    def header(self) -> str:
        """The message key of the row-2 header in ``ledger.i18n``."""
        return self.label or f"form.col.{self.key}"


PROGRESS_COLUMNS = (
    Column("unit", "key", 14, hidden=True),
    Column("project", "key", 9),
    Column("x-title", "read", 16),
    Column("x-goal", "read", 20),
    Column("x-leader", "read", 10),
    Column("x-last", "read", 12),
    Column("x-milestones", "read", 18),
    Column("x-owed", "read", 20),
    Column("quarter", "key", 9, hidden=True),
    Column("status", "input", 13),
    Column("percent", "input", 11),
    Column("summary", "input", 28),
    Column("reported", "input", 12),
    Column("problems", "input", 18),
    Column("next_steps", "input", 18),
)
MILESTONE_COLUMNS = (
    Column("unit", "key", 14, hidden=True),
    Column("project", "key", 9),
    Column("x-title", "read", 14),
    Column("milestone", "key", 11),
    Column("title", "key", 24),
    Column("due", "key", 12),
    Column("x-state", "read", 14),
    Column("done", "input", 12),
    Column("evidence", "input", 32),
)
# The visit's id is hidden like the unit's: its title and date say which visit it was. The
# finding's own words, its time limit and its state are for reading; only the rectification is
# typed in (closing it stays the inspectors' act).
FINDING_COLUMNS = (
    Column("inspection", "key", 14, hidden=True),
    Column("x-visit", "read", 14),
    Column("finding", "key", 9),
    Column("x-project", "read", 9),
    Column("problem", "read", 22),
    Column("requirement", "read", 22),
    Column("due", "read", 12, label="form.col.f-due"),
    Column("x-state", "read", 11, label="form.col.f-x-state"),
    Column("rectified", "input", 13),
    Column("evidence", "input", 22),
)
COLUMNS = {PROGRESS: PROGRESS_COLUMNS, MILESTONES: MILESTONE_COLUMNS, FINDINGS: FINDING_COLUMNS}

# How a sheet prints across A4: the columns printed at the left of every page, so that each page
# names its rows, and the columns that begin a new page. The progress sheet's columns are too wide
# together for 8 pt type on one page, and narrower input columns are worse to type in: its
# reading columns print on one page and its input columns on the next, row by row.
REPEATED = {PROGRESS: ("project", "x-title"), MILESTONES: (), FINDINGS: ()}
NEW_PAGE = {PROGRESS: ("status",), MILESTONES: (), FINDINGS: ()}


def pages(sheet: str) -> list[list[int]]:
    """The printed columns (numbered from 1) of each page across, the repeated ones first."""
    columns = COLUMNS[sheet]
    repeated = [i for i, c in enumerate(columns, start=1) if c.key in REPEATED[sheet]]
    across: list[list[int]] = [[]]
    for i, column in enumerate(columns, start=1):
        if column.key in NEW_PAGE[sheet]:
            across.append(list(repeated))
        if not column.hidden:
            across[-1].append(i)
    return across


# Custom workbook properties (they survive Excel, WPS and LibreOffice) naming the form, so that a
# form of another ledger, year, quarter or unit is recognised on import.
PROPERTY = "ledger."
FORM_KIND = "quarterly-form/1"
IDENTITY = ("form", "title", "year", "unit", "quarter", "made")
# the number of rows the findings sheet was written with (absent: a form made before v3, no
# sheet), so that a sheet deleted by hand is a problem, not a silence
FINDINGS_PROPERTY = "findings"


# What a cell can hold (contract section 9 promises the round trip): Excel and WPS cut a longer
# text at this many characters on opening, so a form never carries one (``write.Uncarried``).
CELL_LIMIT = 32767
# The characters XML 1.0 cannot hold: the C0 controls but TAB, LF and CR, which openpyxl refuses
# (and the ledger's own check too), and U+FFFE/U+FFFF, which openpyxl writes, and the workbook
# no longer opens.
_UNHELD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def held(text: str) -> str:
    """The text a cell holds of ``text``: without the characters no workbook can hold."""
    return _UNHELD.sub("", text)


def file_name(unit_id: str, quarter: str) -> str:
    return f"{unit_id}-{quarter}.xlsx"
