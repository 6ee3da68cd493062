"""A filled form read back: typed rows, each value with its cell, and the problems of reading.

Rows are found by their keys, never by their place: blank rows and rows without keys or input are
skipped, ``x-`` columns are ignored, and a column is found by the key in row 1 wherever it
stands. A value a clerk may type (contract section 7) is read with ``ledger.typed``: statuses in
either language, percents as numbers (also a cell formatted as a percent) or ``65%`` text, dates
as spreadsheet dates or ISO text (``YYYY-MM-DD``, as everywhere else), ``problems`` and
``next_steps`` one item a line. A cell holding an error value (``#N/A``) and a text holding a
control character are refused at their cell, whatever the column.

``carried`` and ``carried_items`` say how a text of the ledger, written into a cell, reads back:
the import takes a cell that reads so as the ledger's text itself (the round trip promise).
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from ledger import typed
from ledger.codes import Severity
from ledger.forms.layout import (
    FINDINGS,
    FINDINGS_PROPERTY,
    FIRST_ROW,
    FORM_KIND,
    IDENTITY,
    INPUTS,
    KEY_ROW,
    KEYS,
    PROPERTY,
    SHEETS,
    held,
)
from ledger.i18n import words
from ledger.model import ISO_DATE, STATUSES, iso_hint
from ledger.regular import NotRegular, open_regular
from ledger.visible import CONTROL, visible

# A form is a few hundred KB; a workbook that unpacks to more is refused before openpyxl reads it
# (a 400 KB file can hold a 400 MB string, which openpyxl would make 1.6 GB).
UNPACKED = 50 * 1024**2
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: encrypted OOXML or old .xls


@dataclass(frozen=True)
class FormProblem:
    """A problem at a cell of a form (or of the whole file when ``sheet`` is None)."""

    file: str
    code: str
    args: dict[str, object] = field(default_factory=dict)
    sheet: str | None = None
    cell: str | None = None
    level: Severity = "error"

    @property
    def where(self) -> str:
        shown = visible(self.file)  # a file name may hold any character but NUL and /
        if self.sheet is None:
            return shown
        return f"{shown}:{self.sheet}!{self.cell or 'A1'}"

    def message(self, lang: str) -> str:
        from ledger.codes import get

        return get(self.code).message(lang, self.args)

    def text(self, lang: str) -> str:
        return f"{self.where}: {self.level}[{self.code}]: {self.message(lang)}"


@dataclass(frozen=True)
class Identity:
    """What the form's properties say it is."""

    title: str
    year: str
    unit: str
    quarter: str
    made: str


@dataclass
class Row:
    """One row of a sheet: its values by key (typed, None when blank) and their cells."""

    sheet: str
    number: int
    values: dict[str, Any]
    cells: dict[str, str]  # key -> "J3"
    raw: dict[str, Any]  # key -> the cell's value as read
    unreadable: bool = False  # a cell could not be read (its problem is reported): skip the row

    def cell(self, key: str) -> str:
        return self.cells.get(key, f"A{self.number}")

    @property
    def has_input(self) -> bool:
        return any(self.values.get(k) not in (None, [], "") for k in INPUTS[self.sheet])


@dataclass
class Filled:
    """A form as read: its identity and rows."""

    file: str
    identity: Identity
    progress: list[Row]
    milestones: list[Row]
    findings: list[Row] = field(default_factory=list)  # none when the form has no such sheet


def read(path: Path, name: str) -> tuple[Filled | None, list[FormProblem]]:
    """The form at ``path`` (``name`` is how problems name it), or None with the problems that
    make it unreadable as a form."""
    problems: list[FormProblem] = []
    try:
        fd = open_regular(path)
    except NotRegular as exc:
        return None, [FormProblem(name, "X027", {"found": words(f"kind.a_{exc.kind}")})]
    except OSError as exc:
        return None, [FormProblem(name, "X002", {"reason": exc.strerror or str(exc)})]
    with os.fdopen(fd, "rb") as f:
        return _read_open(f, name, problems)


def _read_open(
    f: BinaryIO, name: str, problems: list[FormProblem]
) -> tuple[Filled | None, list[FormProblem]]:
    """The form in the open regular file ``f``."""
    try:
        head = f.read(8)
        size = os.fstat(f.fileno()).st_size
        f.seek(0)
    except OSError as exc:
        return None, [FormProblem(name, "X002", {"reason": exc.strerror or str(exc)})]
    if head.startswith(_CFB):
        return None, [FormProblem(name, "X003")]
    if not zipfile.is_zipfile(f):
        return None, [FormProblem(name, "X002", {"reason": words("kind.not_a_workbook")})]
    if size > UNPACKED or _unpacked(f) > UNPACKED:
        return None, [FormProblem(name, "X028", {"limit": UNPACKED // 1024**2})]
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        f.seek(0)
        wb = load_workbook(f, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file; none is a bug here
        return None, [FormProblem(name, "X002", {"reason": type(exc).__name__})]
    props = {p.name: p.value for p in wb.custom_doc_props.props if p.name.startswith(PROPERTY)}
    if props.get(PROPERTY + "form") != FORM_KIND:
        return None, [FormProblem(name, "X001")]
    values = {k: _text(props.get(PROPERTY + k)) or "" for k in IDENTITY}
    identity = Identity(
        values["title"], values["year"], values["unit"], values["quarter"], values["made"]
    )
    # the findings sheet when the form was written with one (its property says so: a sheet
    # deleted by hand is missing); a form of a unit with nothing to rectify, or of an earlier
    # version, has none
    with_findings = props.get(PROPERTY + FINDINGS_PROPERTY) or FINDINGS in wb.sheetnames
    wanted = [*SHEETS, *([FINDINGS] if with_findings else [])]
    sheets: dict[str, list[Row]] = {}
    for sheet in wanted:
        if sheet not in wb.sheetnames:
            problems.append(FormProblem(name, "X008", {"sheet": sheet}))
            continue
        rows, found, broken = _sheet(wb[sheet], sheet, name)
        problems += found
        sheets[sheet] = rows
        if broken:
            return None, problems
    if len(sheets) < len(wanted):
        return None, problems
    progress, milestones = (sheets[sheet] for sheet in SHEETS)
    return Filled(name, identity, progress, milestones, sheets.get(FINDINGS, [])), problems


def _unpacked(f: BinaryIO) -> int:
    """What the workbook says its members unpack to, in all (each member counted as often as
    the directory lists it); more than the bound when the directory cannot be read. Python's
    zipfile never unpacks a member past the size its directory gives, so this bounds what
    openpyxl can be made to hold."""
    try:
        with zipfile.ZipFile(f) as z:
            return sum(max(i.file_size, 0) for i in z.infolist())
    except Exception:  # a broken directory: zipfile raises many kinds
        return UNPACKED + 1


def _sheet(ws: Any, sheet: str, name: str) -> tuple[list[Row], list[FormProblem], bool]:
    """The rows of a sheet, the problems of its cells, and whether its key row is broken."""
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    problems: list[FormProblem] = []
    columns: dict[str, int] = {}
    for cell in ws[KEY_ROW]:
        key = _text(cell.value)
        if key is None or key.startswith("x-"):
            continue
        if key in columns:
            first = f"{get_column_letter(columns[key])}{KEY_ROW}"
            problems.append(
                FormProblem(name, "X011", {"key": key, "first": first}, sheet, cell.coordinate)
            )
        elif key not in KEYS[sheet]:
            problems.append(
                FormProblem(
                    name,
                    "X010",
                    {"key": key, "keys": ", ".join(KEYS[sheet])},
                    sheet,
                    cell.coordinate,
                )
            )
        else:
            columns[key] = cell.column
    for key in KEYS[sheet]:
        if key not in columns:
            problems.append(FormProblem(name, "X009", {"key": key}, sheet, f"A{KEY_ROW}"))
    if problems:
        return [], problems, True
    rows = []
    for r in range(FIRST_ROW, ws.max_row + 1):
        raw = {key: ws.cell(row=r, column=c).value for key, c in columns.items()}
        failed = {k for k, c in columns.items() if ws.cell(row=r, column=c).data_type == "e"}
        formats = {key: ws.cell(row=r, column=c).number_format for key, c in columns.items()}
        cells = {key: f"{get_column_letter(c)}{r}" for key, c in columns.items()}
        if all(_blank(v) for v in raw.values()):
            continue
        values: dict[str, Any] = {}
        before = len(problems)
        for key, value in raw.items():
            try:
                if key in failed:  # "#N/A" is what failed, never a value: refused in any column
                    raise typed.Untyped("error_value")
                values[key] = _typed(sheet, key, value, formats[key])
                _controls(values[key])
            except typed.Untyped as exc:
                code = _CODES.get(exc.key, "X017")
                args = {"value": _shown(value), **exc.args_}
                problems.append(FormProblem(name, code, args, sheet, cells[key]))
                values[key] = None
        row = Row(sheet, r, values, cells, raw, unreadable=len(problems) > before)
        if not row.has_input:
            continue  # keys alone: nothing reported on this row
        rows.append(row)
    return rows, problems, False


_CODES = {
    "bad_status": "X017",
    "bad_percent_text": "X018",
    "bad_percent": "X018",
    "bad_date_cell": "X019",
    "error_value": "X026",
    "control": "S013",
}


def _controls(value: object) -> None:
    """A control character in a text is refused at its cell, as the ledger's check refuses it
    in the file (S013): the clerk hears of it where they can delete it."""
    for text in value if isinstance(value, list) else [value]:
        m = CONTROL.search(text) if isinstance(text, str) else None
        if m is not None:
            raise typed.Untyped("control", char=f"U+{ord(m.group()):04X}")


def carried(text: str | None) -> str | None:
    """What a cell holding the text ``text`` reads back as (``None`` for a blank)."""
    return None if text is None else _text(held(text))


def carried_items(items: list[str] | tuple[str, ...]) -> list[str]:
    """What a cell holding ``items`` one a line reads back as."""
    return _items(held("\n".join(items)))


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str | None:
    """A cell as text: numbers without a trailing ``.0``, surrounding spaces gone."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def _shown(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return _text(value) or ""


def _typed(sheet: str, key: str, value: object, number_format: str) -> Any:
    if key in ("reported", "done", "due", "rectified"):
        return _date(value)
    if key == "percent":
        return _percent(value, number_format)
    if key == "status":
        text = _text(value)
        if text is None:
            return None
        canonical = typed.status(text)  # raises for a word that is not a status
        return text if text in STATUSES else canonical  # the clerk's word, in its language
    if key in ("problems", "next_steps"):
        return _items(value)
    return _text(value)


def _items(value: object) -> list[str]:
    """A cell of one item a line."""
    text = _text(value)
    if text is None:
        return []
    return [line.strip() for line in text.split("\n") if line.strip()]


def _date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if text is None:
        return None
    try:
        if ISO_DATE.fullmatch(text):  # as the YAML and the command line: not 2026-W45-3
            return date.fromisoformat(text)
    except ValueError:
        pass
    hint = iso_hint(text)
    raise typed.Untyped("bad_date_cell", hint=words("hint.iso_guess", iso=hint) if hint else "")


def _percent(value: object, number_format: str) -> int | float | None:
    if isinstance(value, bool):
        raise typed.Untyped("bad_percent_text", value=str(value))
    if isinstance(value, int | float):
        if "%" in number_format:  # 65% typed into a number cell is stored as 0.65
            value = round(value * 100, 6)
        if not 0 <= value <= 100:
            raise typed.Untyped("bad_percent", value=_text(value))
        return int(value) if float(value).is_integer() else float(value)
    text = _text(value)
    if text is None:
        return None
    return typed.percent(text)
