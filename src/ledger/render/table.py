"""A Document for the terminal, with rich: flags in colour and as words, units indented by their
place in the hierarchy. ``color=False`` (a pipe, a file, ``NO_COLOR``) gives plain text."""

from __future__ import annotations

import io

from ledger.render.cells import text_cell
from ledger.reports.document import Document

_STYLES = {"red": "bold white on red", "yellow": "black on yellow", "green": "black on green"}


def render(doc: Document, color: bool = False, width: int | None = None) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width or (None if color else 160),
        highlight=False,
        emoji=False,
        markup=False,
    )
    console.print(Text(doc.title, style="bold"))
    for line in doc.meta:
        console.print(line)
    for table in doc.tables:
        console.print()
        if not table.rows:
            console.print(Text(table.title, style="bold"))
            console.print(table.empty)
            continue
        # a line between rows (multi-line cells would run together), or between groups
        rt = RichTable(
            title=table.title, title_justify="left", box=box.SQUARE, show_lines=not table.grouped
        )
        for column in table.columns:
            rt.add_column(
                column.label,
                justify="right" if column.kind == "number" else "left",
                overflow="fold",
                min_width=min(column.width, 10),
            )
        previous: str | None = None
        for row in table.rows:
            # a unit's claims are grouped: its name once, a line between units
            first = text_cell(row.cells[0]) if row.cells and table.grouped else None
            if table.grouped and previous is not None and first != previous:
                rt.add_section()
            cells = []
            for i, (column, value) in enumerate(zip(table.columns, row.cells, strict=True)):
                text = text_cell(value, column.decimals)
                if i == 0:
                    grouped = table.grouped and first == previous
                    text = "" if grouped else "  " * row.depth + text
                style = _STYLES.get(row.flag or "", "") if column.kind == "flag" else ""
                cells.append(Text(text, style=style))
            rt.add_row(*cells)
            previous = first
        console.print(rt)
    return buffer.getvalue()
