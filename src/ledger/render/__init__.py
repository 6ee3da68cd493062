"""Renderers: pure functions from a result (problems, report data) to text or bytes.

``FORMATS`` is the name -> renderer registry of the report formats over
``ledger.reports.document.Document``; the CLI takes its choices and help from it, so a new
format is one entry here and one module. JSON is not in it: each report module writes its own
JSON from its data (its keys are the contract's, not the layout's). Heavy libraries (rich,
openpyxl) are imported only when their format is asked for.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from ledger.reports.document import Document


@dataclass(frozen=True)
class Options:
    """How to render: colour codes, the width of the screen, every column, which CSV table."""

    color: bool = False
    width: int = 160
    wide: bool = False
    table: str | None = None  # csv holds one table: its name (default: the first)


@dataclass(frozen=True)
class Format:
    module: str  # a module with ``render(doc: Document, options: Options) -> str | bytes``
    binary: bool = False  # bytes for a file, never the terminal
    suffix: str = ""


FORMATS: dict[str, Format] = {
    "table": Format("ledger.render.table", suffix=".txt"),
    "markdown": Format("ledger.render.markdown", suffix=".md"),
    "html": Format("ledger.render.html", suffix=".html"),
    "csv": Format("ledger.render.csv", suffix=".csv"),
    "xlsx": Format("ledger.render.xlsx", binary=True, suffix=".xlsx"),
}
JSON = "json"  # the one format every report writes from its own data


def render_document(doc: Document, fmt: str, options: Options | None = None) -> str | bytes:
    """A report's layout in one of the formats of ``FORMATS``."""
    module = importlib.import_module(FORMATS[fmt].module)
    result: str | bytes = module.render(doc, options or Options())
    return result
