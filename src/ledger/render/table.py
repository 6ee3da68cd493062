"""A Document for the terminal, with rich: the totals first, flags in colour and as words, units
indented by their place in the hierarchy. ``color=False`` (a pipe, a file, ``NO_COLOR``) gives
plain text.

Every table fits ``options.width``: all columns when they fit (or with ``wide``), else the
compact columns; ids, dates, numbers and flag words are never broken inside; and when even that
cannot fit, each row is written as a block of ``label: value`` lines. Nothing is cut off.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ledger.render import Options
from ledger.render.cells import text_cell
from ledger.reports.document import UNBROKEN, Column, Document, Row, Table, Total

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

_STYLES = {"red": "bold white on red", "yellow": "black on yellow", "green": "black on green"}
_FIGURE = {"red": "bold red", "yellow": "bold yellow", "green": "bold green"}
_PAD = 3  # a column's borders and padding in a rich SQUARE table


def render(doc: Document, options: Options | None = None) -> str:
    from rich.console import Console
    from rich.text import Text

    options = options or Options()
    buffer = io.StringIO()
    color = options.color
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=max(options.width, 20),
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    console.print(Text(doc.title, style="bold"))
    for line in doc.meta:
        console.print(line)
    if doc.totals:
        console.print(_totals(doc.totals, doc.lang))
        for note in doc.notes:
            console.print(Text(note, style="dim"))
    for table in doc.tables:
        console.print()
        if not table.rows:
            console.print(Text(table.title, style="bold"))
            console.print(table.empty)
            continue
        _table(console, table, options)
    return buffer.getvalue()


def _totals(totals: list[Total], lang: str) -> Text:
    from rich.text import Text

    out = Text()
    from ledger.i18n import t

    sep = t("sep.totals", lang)
    for i, total in enumerate(totals):
        if i:
            out.append(sep)
        out.append(f"{total.label} ")
        style = _FIGURE.get(total.flag or "", "bold")
        if total.previous is not None:
            out.append(f"{total.previous} → ")
        out.append(str(total.value), style=style)
    return out


def _cells(row: Row, columns: list[Column], keep: list[int]) -> list[str]:
    return [text_cell(row.cells[i], columns[i].decimals) for i in keep]


def _need(column: Column, texts: list[str]) -> int:
    """The width a column wants: its longest cell for ids, dates, numbers and flags (they are
    never broken), else its longest line up to the column's usual width."""
    from rich.cells import cell_len

    longest = max((cell_len(line) for text in texts for line in text.split("\n")), default=0)
    label = max((cell_len(part) for part in column.label.split()), default=0)
    if column.kind in UNBROKEN:
        return max(longest, label)
    return max(min(longest, column.width * 2), min(label, column.width), 4)


def _choose(table: Table, options: Options) -> list[int]:
    """All columns when they fit the width (or ``wide``), else the compact ones."""
    every = [i for i, c in enumerate(table.columns) if not c.narrow_only]
    if options.wide:
        return every
    texts = [
        [text_cell(r.cells[i], c.decimals) for r in table.rows] for i, c in enumerate(table.columns)
    ]
    first = [("  " * r.depth) + text_cell(r.cells[0]) for r in table.rows] if table.rows else []
    texts[0] = first
    need = sum(_need(table.columns[i], texts[i]) + _PAD for i in every) + 1
    if need <= options.width:
        return every
    compact = [i for i, c in enumerate(table.columns) if c.compact or c.narrow_only]
    return compact or every


def _table(console: Console, table: Table, options: Options) -> None:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    keep = _choose(table, options)
    columns = [table.columns[i] for i in keep]
    # a line between rows (multi-line cells would run together), or between groups
    rt = RichTable(
        title=table.title,
        title_justify="left",
        title_style="bold",
        box=box.SQUARE,
        show_lines=not table.grouped,
    )
    for column in columns:
        unbroken = column.kind in UNBROKEN
        rt.add_column(
            column.label,
            justify="right" if column.kind == "number" else "left",
            overflow="fold",
            no_wrap=unbroken,
            min_width=None if unbroken else 4,
            ratio=1 if column.flex else None,
            max_width=None if unbroken or column.flex else column.width * 2,
        )
    previous: str | None = None
    for row in table.rows:
        # a unit's claims are grouped: its name once, a line between units
        first = text_cell(row.cells[0]) if row.cells and table.grouped else None
        if table.grouped and previous is not None and first != previous:
            rt.add_section()
        cells = []
        for n, (i, text) in enumerate(zip(keep, _cells(row, table.columns, keep), strict=True)):
            if i == 0:
                grouped = table.grouped and first == previous
                text = "" if grouped else "  " * row.depth + text
            column = table.columns[i]
            style = _STYLES.get(row.flag or "", "") if column.kind == "flag" else ""
            cells.append(Text(text, style=style, no_wrap=column.kind in UNBROKEN))
            del n
        rt.add_row(*cells)
        previous = first
    texts = {
        i: [text_cell(r.cells[i], table.columns[i].decimals) for r in table.rows] for i in keep
    }
    least = sum(
        (_need(table.columns[i], texts[i]) if table.columns[i].kind in UNBROKEN else 4) + _PAD
        for i in keep
    )
    # Only ``least`` can find the table too wide: rich's own measure of its minimum width is
    # held to the console's width (``Measurement.get`` ends in ``with_maximum``), and taking it
    # measured every cell once more than printing does (a third of the time on 7,000 rows).
    if least + 1 > console.width:
        _records(console, table, keep)
        return
    console.print(rt)


def _records(console: Console, table: Table, keep: list[int]) -> None:
    """Too narrow for a table: each row as a block of ``label: value`` lines."""
    from rich.text import Text

    console.print(Text(table.title, style="bold"))
    for row in table.rows:
        console.print(Text("─" * min(console.width, 40)))
        for i, text in zip(keep, _cells(row, table.columns, keep), strict=True):
            column = table.columns[i]
            style = _STYLES.get(row.flag or "", "") if column.kind == "flag" else ""
            line = Text(f"{column.label}: ")
            line.append(text.replace("\n", "; "), style=style)
            console.print(line, overflow="fold")
