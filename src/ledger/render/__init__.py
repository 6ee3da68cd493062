"""Renderers: pure functions from a result (problems, report data) to text or bytes.

Report formats are a name -> renderer registry over ``ledger.reports.document.Document``; JSON is
written by each report module from its own data (its keys are the contract's). Heavy libraries
(rich, openpyxl) are imported only when their format is asked for.
"""

from __future__ import annotations

from ledger.reports.document import Document


def render_document(doc: Document, fmt: str, color: bool = False) -> str | bytes:
    """A report's layout in one of the text formats, or xlsx bytes."""
    if fmt == "table":
        from ledger.render import table

        return table.render(doc, color)
    if fmt == "markdown":
        from ledger.render import markdown

        return markdown.render(doc)
    if fmt == "csv":
        from ledger.render import csv

        return csv.render(doc)
    if fmt == "html":
        from ledger.render import html

        return html.render(doc)
    if fmt == "xlsx":
        from ledger.render import xlsx

        return xlsx.render(doc)
    raise ValueError(fmt)
