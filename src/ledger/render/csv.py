"""A Document's first table as CSV: a header row, one row per claim or item.

UTF-8 with a byte-order mark and CRLF line ends, so that Excel and WPS on Windows open it with
the Chinese intact.
"""

from __future__ import annotations

import csv
import io

from ledger.render.cells import text_cell
from ledger.reports.document import Document


def render(doc: Document) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    table = doc.tables[0]
    writer.writerow([c.label for c in table.columns])
    for row in table.rows:
        writer.writerow(
            [text_cell(v, c.decimals) for c, v in zip(table.columns, row.cells, strict=True)]
        )
    return "\ufeff" + buffer.getvalue()
