"""A Document as Markdown: pipes escaped, multi-line cells joined with <br>."""

from __future__ import annotations

from ledger.render import Options
from ledger.render.cells import text_cell
from ledger.reports.document import Document, Total


def _cell(value: str) -> str:
    """Text as Markdown shows it: HTML (``<script>``) and Markdown's own marks escaped, a pipe
    that would end the cell escaped, line breaks as ``<br>``."""
    return _text(value).replace("\n", "<br>")


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
    return value.translate(_MARKS)


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
