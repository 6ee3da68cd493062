"""Renderers: pure functions from a result (problems, report data) to text or bytes, and
``emit``, the output policy of a report (which renderer, text or bytes, colour, width, the notes
said beside it): the CLI only writes what ``emit`` gives to the terminal or the ``--output`` file.

``FORMATS`` is the name -> renderer registry of the report formats over
``ledger.reports.document.Document``; the CLI takes its choices and help from it, so a new
format is one entry here and one module. JSON is not in it: each report module writes its own
JSON from its data (its keys are the contract's, not the layout's). Heavy libraries (rich,
openpyxl) are imported only when their format is asked for.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ledger.reports import Built
    from ledger.reports.document import Document


@dataclass(frozen=True)
class Options:
    """How to render: colour codes, the width of the screen, every column, which CSV table; and
    where the output goes (the CLI reads these facts of the terminal, ``emit`` decides)."""

    color: bool = False  # colour codes, if the format is the terminal's table
    width: int = 160
    wide: bool = False
    table: str | None = None  # csv holds one table: its name (default: the first)
    to_file: bool = False  # --output: a file, not the terminal
    terminal: bool = False  # stdout is a terminal


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
# the formats every report offers, as the contract lists them: text formats, JSON, then files
REPORT_FORMATS: tuple[str, ...] = (
    *(name for name, f in FORMATS.items() if not f.binary),
    JSON,
    *(name for name, f in FORMATS.items() if f.binary),
)


def render_document(doc: Document, fmt: str, options: Options | None = None) -> str | bytes:
    """A report's layout in one of the formats of ``FORMATS``."""
    module = importlib.import_module(FORMATS[fmt].module)
    result: str | bytes = module.render(doc, options or Options())
    return result


@dataclass(frozen=True)
class Emitted:
    """A report's output: ``content`` and how it goes out."""

    content: str | bytes
    # True: text in the console's own encoding (what a clerk reads and copies on a Chinese
    # Windows console); False: UTF-8 bytes whatever the console's code page (a CSV piped there)
    console: bool
    # lines for stderr, said before the output (what it leaves out) and after it (a footnote)
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


class EmitError(ValueError):
    """A format or option the report cannot give: ``key`` names the message (exit 2)."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


def emit(report: Built[Any], fmt: str, options: Options) -> Emitted:
    """``report`` in the format ``fmt``: its JSON, a format it writes itself, or its document
    through the renderer of ``FORMATS``."""
    from ledger.i18n import listed, t

    kind, lang = report.kind, report.lang
    choices = (*REPORT_FORMATS, *kind.own)
    if fmt not in choices:
        raise EmitError("bad_format", value=fmt, choices=listed(list(choices)))
    if fmt == JSON:
        from ledger.render.jsonout import dumps

        return Emitted(dumps(kind.to_json(report.data)), console=False)
    if fmt in kind.own:
        note = kind.note(report.data, lang) if kind.note is not None else None
        content = kind.own[fmt](report.data, report.ledger, lang)
        return Emitted(content, console=options.terminal, after=(note,) if note else ())
    if FORMATS[fmt].binary and not options.to_file:
        raise EmitError("xlsx_needs_output")
    doc = kind.document(report.data, report.ledger, lang)
    names = [tb.name for tb in doc.tables]
    if options.table is not None and options.table not in names:
        raise EmitError("bad_table", value=options.table, choices=listed(list(names)))
    table = fmt == "table"
    color = options.color and table and not options.to_file
    rendered = render_document(doc, fmt, replace(options, color=color))
    before: tuple[str, ...] = ()
    if fmt == "csv" and len(doc.tables) > 1 and options.table is None:
        before = (t("csv_first_table", lang, title=doc.tables[0].title, names=", ".join(names)),)
    return Emitted(rendered, console=table, before=before)
