"""A report ``Document`` as an Excel workbook (Excel and WPS): one sheet per table.

The first sheet opens with the report's heading in cells: the title, the period, the as-of
date, the due date and the totals (flag counts coloured), so a leader sees them on the screen
and on the first printed page; every sheet then has its title row and its header row (frozen,
repeated on every printed page, with an autofilter over the table). Text is in a CJK font and
rows are as tall as their wrapped text.
Dates are real dates, numbers real numbers; flag cells are filled with Excel's own light
red/yellow/green and keep their word. The bytes are the same for the same document: the
workbook's times and the zip entries' times are fixed.
"""

from __future__ import annotations

import math
import re
import unicodedata
from copy import copy
from datetime import date, datetime
from io import BytesIO
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

from ledger.render import Options
from ledger.reports.document import Cell, Column, Document, Table

# Excel's own "light red fill with dark red text" and its yellow and green siblings
FLAG_STYLES = {
    "red": ("FFC7CE", "9C0006"),
    "yellow": ("FFEB9C", "9C5700"),
    "green": ("C6EFCE", "006100"),
}
HEADER_FILL = "D9D9D9"
FIXED = datetime(2000, 1, 1)  # the workbook's created/modified: nothing time-dependent
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
MAX_WIDTH = 60  # characters
LINE_HEIGHT = 14.5  # points per line of text at 10.5 pt in a CJK font
FONT = "等线"  # DengXian: the CJK font of Excel and WPS on Chinese Windows (others fall back)
WIDE = 8  # a sheet with more columns than this prints landscape
DATE_FORMAT = "yyyy-mm-dd"
BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")

_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def render(doc: Document, options: Options | None = None) -> bytes:
    wb = Workbook()
    first = wb.active
    taken = {"history"}  # Excel reserves this name
    for n, table in enumerate(doc.tables):
        # the tab shows the table's title, in the report language
        ws = wb.create_sheet(_sheet_name(table.title or table.name, taken))
        top = _heading(ws, doc, len(table.columns)) if n == 0 else 0
        _sheet(ws, table.printed(), doc.title, top)
    if doc.tables:
        wb.remove(first)
    else:
        first.title = _sheet_name(doc.title, taken)

    props = wb.properties
    props.title = clean_text(doc.title)
    props.description = clean_text("\n".join(doc.meta))
    props.creator = "ledger"
    props.language = "zh-CN" if doc.lang.lower().startswith("zh") else "en"
    props.created = FIXED
    props.modified = FIXED
    props.lastModifiedBy = None

    # ``wb.save`` would stamp ``modified`` with the time of saving; ExcelWriter is what it calls
    raw = BytesIO()
    with ZipFile(raw, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    return fixed_times(raw.getvalue())


def fixed_times(data: bytes) -> bytes:
    """The same zip with every entry dated ZIP_TIME, so equal workbooks are equal bytes."""
    out = BytesIO()
    with ZipFile(BytesIO(data)) as src, ZipFile(out, "w", ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


# --- text ---------------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """Without the control characters an xlsx file cannot hold (openpyxl refuses them)."""
    return str(ILLEGAL_CHARACTERS_RE.sub("", text))


def display_width(text: str) -> int:
    """Width in half-width character cells: CJK and other wide characters count two."""
    if text.isascii():  # no wide character: the common case of ids, numbers and English
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet title: at most 31 characters, none of ``[]:*?/\\``."""
    base = BAD_SHEET_CHARS.sub("_", clean_text(name)).strip().strip("'").strip() or "Sheet"
    base = base[:31]
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f"~{n}"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


def _header_text(text: str) -> str:
    """Text for a printed page header: ``&`` starts a code there, so it is doubled."""
    return clean_text(text).replace("\n", " ").replace("&", "&&")[:200]


# --- sheets -------------------------------------------------------------------------------------


def _width(column: Column, depth: int) -> float:
    width = max(column.width, display_width(column.label) + 2)
    if column.kind == "date":
        width = max(width, 12)
    return float(min(width + 2 * depth, MAX_WIDTH))


def _lines(text: str, width: float) -> int:
    """About how many lines ``text`` takes in a wrapping cell ``width`` characters wide."""
    usable = max(width - 1, 1)
    return sum(max(math.ceil(display_width(line) / usable), 1) for line in text.split("\n"))


def _heading(ws: Any, doc: Document, span: int) -> int:
    """The report's title, meta lines and totals in the first rows; the rows used."""
    span = max(span, 1)
    last = get_column_letter(span)
    r = 1
    cell = ws.cell(row=r, column=1, value=clean_text(doc.title))
    cell.font = Font(name=FONT, bold=True, size=16)
    ws.merge_cells(f"A{r}:{last}{r}")
    ws.row_dimensions[r].height = 24
    for line in doc.meta:
        r += 1
        ws.cell(row=r, column=1, value=clean_text(line)).font = Font(name=FONT)
        ws.merge_cells(f"A{r}:{last}{r}")
    if doc.totals:
        r += 1
        for i, total in enumerate(doc.totals):
            # a label cell and a figure cell side by side, two columns a total, wrapping rows
            row, col = r + (2 * i) // max(span - span % 2, 2), (2 * i) % max(span - span % 2, 2) + 1
            label = ws.cell(row=row, column=col, value=clean_text(total.label))
            label.font = Font(name=FONT, bold=True)
            label.alignment = Alignment(horizontal="right", vertical="center", wrap_text=True)
            figure = total.value if total.previous is None else f"{total.previous} → {total.value}"
            value = ws.cell(row=row, column=col + 1, value=figure)
            value.alignment = Alignment(horizontal="left", vertical="center")
            style = FLAG_STYLES.get(total.flag or "")
            if style is not None:
                value.fill = PatternFill("solid", fgColor=style[0])
                value.font = Font(name=FONT, color=style[1], bold=True, size=12)
            else:
                value.font = Font(name=FONT, bold=True, size=12)
        r = row
        for note in doc.notes:
            r += 1
            ws.cell(row=r, column=1, value=clean_text(note)).font = Font(name=FONT, italic=True)
            ws.merge_cells(f"A{r}:{last}{r}")
    return r + 1  # a blank row before the table


def _sheet(ws: Any, table: Table, title: str, top: int = 0) -> None:
    """The table from row ``top + 1``: its title, its header row, its rows."""
    columns = table.columns
    if not columns:
        return
    depth = max((row.depth for row in table.rows), default=0)
    widths = [_width(c, depth if i == 0 else 0) for i, c in enumerate(columns)]
    last = get_column_letter(len(columns))
    title_row, head = top + 1, top + 2

    caption = ws.cell(row=title_row, column=1, value=clean_text(table.title))
    caption.font = Font(name=FONT, bold=True, size=12)
    header_lines = 1
    for i, (column, width) in enumerate(zip(columns, widths, strict=True), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
        cell = ws.cell(row=head, column=i, value=clean_text(column.label))
        cell.font = Font(name=FONT, bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(
            horizontal="right" if column.kind == "number" else None,
            vertical="center",
            wrap_text=True,
        )
        cell.border = _BORDER
        header_lines = max(header_lines, _lines(column.label, width))
    ws.row_dimensions[head].height = _height(header_lines)

    if not table.rows and table.empty:
        ws.cell(row=head + 1, column=1, value=clean_text(table.empty)).font = Font(name=FONT)
    # A body cell's style is set through openpyxl's descriptors once for each kind of cell, then
    # copied: each assignment hashes the style to find it in the workbook's list of styles, most
    # of the time a sheet of 7,000 rows took. The first cell of a kind still registers its
    # styles in the order it always did, so the workbook is the same.
    made: dict[tuple[object, ...], Any] = {}
    for r, row in enumerate(table.rows, start=head + 1):
        lines = 1
        for i, (column, width) in enumerate(zip(columns, widths, strict=True)):
            value = row.cells[i] if i < len(row.cells) else None
            cell = ws.cell(row=r, column=i + 1)
            text = _put(cell, value)
            wrap = text is not None and ("\n" in text or display_width(text) > width - 1)
            if wrap and text is not None:
                lines = max(lines, _lines(text, width))
            indent = max(row.depth, 0) if i == 0 else 0
            horizontal = "left" if indent else ("right" if column.kind == "number" else None)
            style = FLAG_STYLES.get(row.flag or "") if column.kind == "flag" else None
            formats = _number_formats(value, column)
            kind = (formats, horizontal, wrap or None, indent, style)
            if kind in made:
                cell._style = copy(made[kind])
                continue
            for number_format in formats:
                cell.number_format = number_format
            cell.alignment = Alignment(
                horizontal=horizontal, vertical="top", wrap_text=wrap or None, indent=indent
            )
            cell.border = _BORDER
            if style is not None:
                fill, ink = style
                cell.fill = PatternFill("solid", fgColor=fill)
                cell.font = Font(name=FONT, color=ink, bold=True)
            else:
                cell.font = Font(name=FONT)
            made[kind] = copy(cell._style)
        ws.row_dimensions[r].height = _height(lines)

    ws.freeze_panes = f"A{head + 1}"
    ws.auto_filter.ref = f"A{head}:{last}{head + max(len(table.rows), 1)}"

    # printing: A4, the header row on every page, as wide as the page, page numbers
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if len(columns) > WIDE else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{head}:{head}"
    ws.oddHeader.center.text = _header_text(f"{title} — {table.title}")
    ws.oddFooter.center.text = "&P / &N"


def _height(lines: int) -> float:
    """Points for a row of ``lines`` wrapped lines (with a little room, as Excel leaves)."""
    return LINE_HEIGHT * lines + 3


def _number_formats(value: Cell, column: Column) -> tuple[str, ...]:
    """The number formats a body cell is given, in the order they are set."""
    formats: tuple[str, ...] = (DATE_FORMAT,) if isinstance(value, date) else ()
    if column.decimals is not None and isinstance(value, int | float):
        formats += ("0." + "0" * column.decimals if column.decimals else "0",)
    return formats


def _put(cell: Any, value: Cell) -> str | None:
    """Writes ``value`` as its own type (a date's format is ``_number_formats``'); returns the
    text of a text cell (None otherwise)."""
    if value is None:
        return None
    if isinstance(value, date):
        cell.value = value
        return None
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return None  # Excel has no NaN or infinity: the cell stays empty
        cell.value = value
        return None
    text = clean_text(value)
    cell.value = text
    if text.startswith("="):
        cell.data_type = "s"  # text, never a formula
    return text
