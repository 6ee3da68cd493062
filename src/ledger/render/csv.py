"""One table of a Document (the first, or the one ``--table`` names) as CSV: a header row,
one row per claim or item.

UTF-8 with a byte-order mark and CRLF line ends, so that Excel and WPS on Windows open it with
the Chinese intact.
"""

from __future__ import annotations

import csv
import io

from ledger.render import Options
from ledger.render.cells import text_cell
from ledger.reports.document import Document

# A cell starting with one of these is a formula to Excel and WPS: a text cell keeps it as text.
_FORMULA = ("=", "+", "@", "-")
# Excel and LibreOffice skip these before a formula mark too ("\t=1+1" is a formula).
_LEADING = "\t\r\n"


def _safe(text: str) -> str:
    bare = text.lstrip(_LEADING)
    if bare.startswith(_FORMULA) and bare != "-" and not _is_number(bare):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def render(doc: Document, options: Options | None = None) -> str:
    """One table (``options.table``, default the first): a CSV file holds one."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    wanted = options.table if options is not None else None
    table = next((tb for tb in doc.tables if tb.name == wanted), doc.tables[0]).printed()
    writer.writerow([c.label for c in table.columns])
    for row in table.rows:
        writer.writerow(
            [_safe(text_cell(v, c.decimals)) for c, v in zip(table.columns, row.cells, strict=True)]
        )
    return "\ufeff" + buffer.getvalue()
