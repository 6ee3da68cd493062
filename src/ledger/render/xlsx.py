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
from copy import copy
from dataclasses import dataclass
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
from ledger.render import xlsx_print as paper
from ledger.render.xlsx_print import display_width
from ledger.reports.document import Cell, Column, Document, Table, Total

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
WORD = 12  # units: a word in a cell longer than this may break rather than widen its column
FONT = "等线"  # DengXian: the CJK font of Excel and WPS on Chinese Windows (others fall back)
SIZE = paper.SIZE
DATE_FORMAT = "yyyy-mm-dd"
BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
# an ISO date, a phone number with its area code
UNBROKEN = re.compile(r"(?<![\d-])(?:\d{4}-\d{2}-\d{2}|0\d{2,3}-\d{7,8})(?![\d-])")
NB_HYPHEN = "\u2011"

_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def render(doc: Document, options: Options | None = None) -> bytes:
    wb = Workbook()
    first = wb.active
    taken = {"history"}  # Excel reserves this name
    for n, table in enumerate(doc.tables):
        # the tab shows the table's title, in the report language
        ws = wb.create_sheet(_sheet_name(table.title or table.name, taken))
        printed = table.printed()
        layout = _layout(printed)
        top = _heading(ws, doc, layout) if n == 0 else 0
        _sheet(ws, printed, doc.title, layout, top)
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


def unbroken(text: str) -> str:
    """``text`` with the hyphens of its ISO dates and phone numbers non-breaking (U+2011):
    Excel, WPS and LibreOffice wrap after a hyphen, leaving "2027-01-" or "0474-" at a line's
    end and the rest on the next."""
    return UNBROKEN.sub(lambda m: m.group().replace("-", NB_HYPHEN), text)


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


@dataclass(frozen=True)
class Layout:
    """A sheet's column widths (units) and how it prints."""

    widths: list[float]
    hidden: list[bool]  # columns printed for nobody (unit ids): hidden, a click away on screen
    landscape: bool

    def shown(self) -> list[int]:
        """The 1-based numbers of the columns on the page."""
        return [i for i, hidden in enumerate(self.hidden, start=1) if not hidden]


def _width(column: Column, depth: int) -> float:
    width = max(column.width, display_width(column.label) + 2)
    if column.kind == "date":
        width = max(width, 12)
    return float(min(width + 2 * depth, MAX_WIDTH))


def _layout(table: Table) -> Layout:
    """Widths as the columns ask, narrowed where the page needs it to keep its type 8 pt."""
    depth = max((row.depth for row in table.rows), default=0)
    natural = [_width(c, depth if i == 0 else 0) for i, c in enumerate(table.columns)]
    hidden = [not c.paper for c in table.columns]
    shown = [i for i, h in enumerate(hidden) if not h]
    # only text wraps: never inside a word of its header, nor, where the page has room, inside
    # one of its cells' (up to WORD units); ids, numbers, dates and flags keep their width
    floors: list[tuple[float, float] | None] = []
    for i in shown:
        if table.columns[i].kind != "text":
            floors.append(None)
            continue
        header = paper.longest_word(table.columns[i].label) + paper.PADDING
        words = [min(paper.longest_word(text), WORD) for text in _texts(table, i)]
        floors.append((header, max([header, *words]) + paper.PADDING))
    fitted, landscape = paper.fit([natural[i] for i in shown], floors)
    widths = list(natural)
    for i, width in zip(shown, fitted, strict=True):
        widths[i] = width
    return Layout(widths, hidden, landscape)


def _texts(table: Table, i: int) -> list[str]:
    return [c for row in table.rows if i < len(row.cells) and isinstance(c := row.cells[i], str)]


def _heading(ws: Any, doc: Document, layout: Layout) -> int:
    """The report's title, meta lines and totals in the first rows; the rows used."""
    last = get_column_letter(max(len(layout.widths), 1))
    room = sum(layout.widths[c - 1] for c in layout.shown()) or float(MAX_WIDTH)
    r = 1
    _line(ws, r, doc.title, last, room, Font(name=FONT, bold=True, size=16))
    for line in doc.meta:
        r += 1
        _line(ws, r, line, last, room, Font(name=FONT, size=SIZE))
    if doc.totals:
        r = _totals(ws, r + 1, doc.totals, layout)
        for note in doc.notes:
            r += 1
            _line(ws, r, note, last, room, Font(name=FONT, italic=True, size=SIZE))
    return r + 1  # a blank row before the table


def _line(ws: Any, r: int, text: str, last: str, room: float, font: Any) -> None:
    """A line of the heading across the sheet, wrapped when longer than the sheet is wide."""
    text = clean_text(text)
    cell = ws.cell(row=r, column=1, value=text)
    cell.font = font
    count = paper.lines(text, room, font.sz)
    cell.alignment = Alignment(vertical="top", wrap_text=count > 1 or None)
    ws.merge_cells(f"A{r}:{last}{r}")
    ws.row_dimensions[r].height = paper.height(count, font.sz)


def _totals(ws: Any, first: int, totals: list[Total], layout: Layout) -> int:
    """The totals as label and figure cells side by side, each as many columns wide as its
    words need (merged), a new row when a pair no longer fits; the last row used."""
    shown = layout.shown() or [1]
    widths = [layout.widths[c - 1] if c <= len(layout.widths) else MAX_WIDTH for c in shown]
    r, at = first, 0
    for total in totals:
        label = clean_text(total.label)
        figure = total.value if total.previous is None else f"{total.previous} → {total.value}"
        needs = (paper.units(label) + 2 * paper.PADDING, paper.units(str(figure), 12) + 2)
        spans = _spans(widths, at, needs)
        if spans is None and at:
            r, at = r + 1, 0
            spans = _spans(widths, at, needs)
        wrap = spans is None
        if spans is None:  # wider than the sheet: the label takes all but the last column
            spans = ((0, max(len(shown) - 2, 0)), (len(shown) - 1, len(shown) - 1))
        (a, b), (c, d) = spans
        # with one column, the figure goes to the next
        value_column = shown[c] + (1 if c == a else 0)
        cell = ws.cell(row=r, column=shown[a], value=label)
        cell.font = Font(name=FONT, bold=True, size=SIZE)
        cell.alignment = Alignment(horizontal="right", vertical="center", wrap_text=wrap or None)
        if b > a:
            ws.merge_cells(start_row=r, start_column=shown[a], end_row=r, end_column=shown[b])
        value = ws.cell(row=r, column=value_column, value=figure)
        value.alignment = Alignment(horizontal="left", vertical="center")
        style = FLAG_STYLES.get(total.flag or "")
        if style is not None:
            value.fill = PatternFill("solid", fgColor=style[0])
            value.font = Font(name=FONT, color=style[1], bold=True, size=12)
        else:
            value.font = Font(name=FONT, bold=True, size=12)
        if d > c:
            ws.merge_cells(start_row=r, start_column=shown[c], end_row=r, end_column=shown[d])
        count = paper.lines(label, sum(widths[a : b + 1])) if wrap else 1
        ws.row_dimensions[r].height = max(paper.height(count), paper.height(1, 12))
        at = d + 1
    return r


def _spans(
    widths: list[float], at: int, needs: tuple[float, float]
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The columns from ``at`` (indices into ``widths``) a label and its figure take, or None
    if the row has no room left for them."""
    spans = []
    for need in needs:
        end, room = at, 0.0
        while end < len(widths) and room + widths[end] < need:
            room += widths[end]
            end += 1
        if end >= len(widths):
            return None
        spans.append((at, end))
        at = end + 1
    return spans[0], spans[1]


def _sheet(ws: Any, table: Table, title: str, layout: Layout, top: int = 0) -> None:
    """The table from row ``top + 1``: its title, its header row, its rows."""
    columns = table.columns
    if not columns:
        return
    widths = layout.widths
    last = get_column_letter(len(columns))
    title_row, head = top + 1, top + 2

    caption = ws.cell(row=title_row, column=1, value=clean_text(table.title))
    caption.font = Font(name=FONT, bold=True, size=12)
    ws.row_dimensions[title_row].height = paper.height(1, 12)
    header_lines = 1
    for i, (column, width) in enumerate(zip(columns, widths, strict=True), start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = width
        if layout.hidden[i - 1]:
            ws.column_dimensions[letter].hidden = True
            ws.column_dimensions[letter].outlineLevel = 1  # a [+] above the sheet shows it
            ws.column_dimensions.max_outline = 1  # what openpyxl writes as the outline depth
        cell = ws.cell(row=head, column=i, value=clean_text(column.label))
        cell.font = Font(name=FONT, bold=True, size=SIZE)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(
            horizontal="right" if column.kind == "number" else None,
            vertical="center",
            wrap_text=True,
        )
        cell.border = _BORDER
        if not layout.hidden[i - 1]:
            header_lines = max(header_lines, paper.lines(column.label, width))
    ws.row_dimensions[head].height = paper.height(header_lines)

    if not table.rows and table.empty:
        empty = ws.cell(row=head + 1, column=1, value=clean_text(table.empty))
        empty.font = Font(name=FONT, size=SIZE)
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
            indent = max(row.depth, 0) if i == 0 else 0
            room = width - 2 * indent  # an indent level takes about two units
            wrap = text is not None and ("\n" in text or paper.units(text) > room - paper.PADDING)
            if wrap and text is not None:
                if column.kind == "text":  # a date or a phone number stays on one line
                    _put_text(cell, unbroken(text))
                if not layout.hidden[i]:
                    lines = max(lines, paper.lines(text, room))
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
                cell.font = Font(name=FONT, color=ink, bold=True, size=SIZE)
            else:
                cell.font = Font(name=FONT, size=SIZE)
            made[kind] = copy(cell._style)
        ws.row_dimensions[r].height = paper.height(lines)

    ws.freeze_panes = f"A{head + 1}"
    ws.auto_filter.ref = f"A{head}:{last}{head + max(len(table.rows), 1)}"
    _print(ws, layout, head, f"{title} — {table.title}")


def _print(ws: Any, layout: Layout, head: int, title: str) -> None:
    """A4, as wide as the page (at 8 pt or more: the widths saw to it), the header row on every
    page, the title above and the page number below."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if layout.landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    margins = ws.page_margins
    margins.left = margins.right = paper.MARGIN
    margins.top = margins.bottom = 0.6
    margins.header = margins.footer = 0.25
    ws.print_title_rows = f"{head}:{head}"
    ws.oddHeader.center.text = _header_text(title)
    ws.oddFooter.center.text = "&P / &N"


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
    _put_text(cell, text)
    return text


def _put_text(cell: Any, text: str) -> None:
    cell.value = text
    if text.startswith("="):
        cell.data_type = "s"  # text, never a formula
