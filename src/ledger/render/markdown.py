"""A Document as Markdown: pipes escaped, multi-line cells joined with <br>."""

from __future__ import annotations

import re

from ledger.render import Options
from ledger.render.cells import text_cell
from ledger.reports.document import Document, Total

# Every line break a reader may honour (a lone CR, which a ledger's text may hold, ends a
# Markdown line as LF does; U+0085, U+2028, U+2029, VT and FF end lines in some viewers).
_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")


def _cell(value: str) -> str:
    """Text as Markdown shows it: HTML (``<script>``) and Markdown's own marks escaped, a pipe
    that would end the cell escaped, line breaks (every kind) as ``<br>``."""
    return _BREAK.sub("<br>", value.translate(_MARKS))


_MARKS = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "|": "\\|",
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
    }
)


def _text(value: str) -> str:
    """Marks escaped; a line break outside a table (a title, a line of the meta) as a space,
    so that it cannot start a line of its own."""
    return _BREAK.sub(" ", value.translate(_MARKS))


def _total(total: Total) -> str:
    figure = f"**{total.value}**"
    return (
        f"{total.label} {total.previous} → {figure}"
        if total.previous is not None
        else f"{total.label} {figure}"
    )


def render(doc: Document, options: Options | None = None) -> str:
    out = [f"# {_text(doc.title)}", ""]
    out += [f"- {_text(line)}" for line in doc.meta]
    if doc.totals:
        out += ["", " · ".join(_total(total) for total in doc.totals)]
        out += ["", *(f"*{note}*" for note in doc.notes)] if doc.notes else []
    for table in [tb.printed() for tb in doc.tables]:
        out += ["", f"## {_text(table.title)}", ""]
        if not table.rows:
            out.append(table.empty)
            continue
        out.append("| " + " | ".join(_cell(c.label) for c in table.columns) + " |")
        out.append(
            "|" + "|".join("---:" if c.kind == "number" else "---" for c in table.columns) + "|"
        )
        for row in table.rows:
            cells = [
                _cell(text_cell(v, c.decimals))
                for c, v in zip(table.columns, row.cells, strict=True)
            ]
            if row.depth and cells:
                cells[0] = "　" * row.depth + cells[0]  # an ideographic space keeps its width
            out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"
