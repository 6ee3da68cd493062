"""A Document's first table as CSV: a header row, one row per claim or item.

UTF-8 with a byte-order mark and CRLF line ends, so that Excel and WPS on Windows open it with
the Chinese intact.
"""

from __future__ import annotations

import csv
import io

from ledger.render.cells import text_cell
from ledger.reports.document import Document

# A cell starting with one of these is a formula to Excel and WPS: a text cell keeps it as text.
_FORMULA = ("=", "+", "@", "-")


def _safe(text: str) -> str:
    if text.startswith(_FORMULA) and text != "-" and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def render(doc: Document) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    table = doc.tables[0]
    writer.writerow([c.label for c in table.columns])
    for row in table.rows:
        writer.writerow(
            [_safe(text_cell(v, c.decimals)) for c, v in zip(table.columns, row.cells, strict=True)]
        )
    return "\ufeff" + buffer.getvalue()
