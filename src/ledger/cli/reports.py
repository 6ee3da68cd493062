"""``ledger overdue``, ``ledger report`` and ``ledger inspect``: build a report, render it.

The choices of ``--format`` come from the registries (``ledger.reports.REPORTS``,
``ledger.render.FORMATS``): a new report or format is one entry there.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ledger.cli.app import (
    LANGUAGE,
    LangOpt,
    NoCacheOpt,
    RootOpt,
    Shared,
    TodayOpt,
    UnitOpt,
    app,
    fail,
    read,
    shared,
    use_color,
)

if TYPE_CHECKING:
    from ledger.calendar import Quarter
    from ledger.model import Ledger

# ledger.reports.ALL_FORMATS, written out: --help imports no report code (a test keeps them equal)
FORMAT_NAMES = "table, markdown, html, csv, json, xlsx"
SORTS = ("unit", "flag")

FormatOpt = Annotated[
    str, typer.Option("--format", "-f", help=f"{FORMAT_NAMES}.", show_default=True)
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write to this file instead of the terminal.", show_default=False
    ),
]
WideOpt = Annotated[
    bool, typer.Option("--wide", help="Every column in the terminal, not the compact layout.")
]
TableOpt = Annotated[
    str | None,
    typer.Option(
        "--table", help="CSV holds one table: its name (default: the first).", show_default=False
    ),
]
SortOpt = Annotated[
    str,
    typer.Option("--sort", help="unit (the official order) or flag (red first, most days late)."),
]


def open_ledger(env: Shared) -> tuple[Ledger, str]:
    """The ledger as of T, or exit: 2 for settings, 1 (with the problems) for errors."""
    from ledger.render.problems import text
    from ledger.validate import blocking, validate

    result = validate(env.root, env.today, cache=env.cache)
    config = result.loaded.config
    lang = env.lang or (config.ledger.language if config is not None else LANGUAGE[0])
    if result.settings_failed:
        settings = [p for p in result.problems if p.level == "error"]
        typer.echo(text(settings, lang, result.files), err=True, nl=False)
        raise typer.Exit(2)
    errors = blocking(result)
    if errors:
        typer.echo(text(errors, lang, result.files), err=True, nl=False)
        from ledger.i18n import t

        typer.echo(t("report_errors", lang), err=True)
        raise typer.Exit(1)
    return result.loaded.ledger(), lang


def unit_scope(ledger: Ledger, unit: str | None, lang: str) -> str | None:
    """The id of the unit ``--unit`` names (by id, name or short name); else exit 2."""
    if unit is None:
        return None
    from ledger import typed

    return read(typed.unit, unit, ledger.units, lang=lang)


def _emit(
    kind: str,
    report: Any,
    ledger: Ledger,
    fmt: str,
    lang: str,
    output: Path | None,
    wide: bool = False,
    table: str | None = None,
) -> None:
    from ledger.render import FORMATS, JSON, Options, render_document
    from ledger.render.jsonout import dumps
    from ledger.reports import REPORTS

    module = REPORTS[kind].load()
    if fmt not in REPORTS[kind].formats:
        fail("bad_format", lang, value=fmt, choices=", ".join(REPORTS[kind].formats))
    own = fmt in REPORTS[kind].own
    if fmt != JSON and not own and FORMATS[fmt].binary and output is None:
        fail("xlsx_needs_output", lang)
    if output is not None:
        _check_output(output, ledger, lang)
    if fmt == JSON:
        content: str | bytes = dumps(module.to_json(report))
    elif own:
        content = getattr(module, fmt)(report, ledger, lang)
    else:
        doc = module.document(report, ledger, lang)
        names = [tb.name for tb in doc.tables]
        if table is not None and table not in names:
            fail("bad_table", lang, value=table, choices=", ".join(names))
        options = Options(
            color=output is None and fmt == "table" and use_color(),
            width=terminal_width(),
            wide=wide,
            table=table,
        )
        content = render_document(doc, fmt, options)
        if fmt == "csv" and len(doc.tables) > 1 and table is None:
            from ledger.i18n import t

            note = t("csv_first_table", lang, title=doc.tables[0].title, names=", ".join(names))
            typer.echo(note, err=True)
    if output is None:
        assert isinstance(content, str)
        if fmt == "table" or (own and sys.stdout.isatty()):
            # the console's own encoding: messages read (and copied) on a Chinese Windows console
            sys.stdout.write(content)
        else:  # UTF-8 whatever the console's code page: a CSV piped on Chinese Windows too
            sys.stdout.flush()
            sys.stdout.buffer.write(content.encode("utf-8"))
            sys.stdout.buffer.flush()
        return
    from ledger.i18n import t
    from ledger.output import OutputError, write_report

    data = content if isinstance(content, bytes) else content.encode("utf-8")
    try:
        write_report(output, data, ledger.root)
    except OutputError as exc:
        fail(exc.key, lang, **exc.args_)

    typer.echo(t("written", lang, path=output), err=True)


def _check_output(output: Path, ledger: Ledger, lang: str) -> None:
    """A report never replaces the ledger's own files."""
    target = output.resolve()
    data = (ledger.root / "data").resolve()
    if target == (ledger.root / "ledger.toml").resolve() or target.is_relative_to(data):
        fail("output_in_ledger", lang, path=output)


def terminal_width() -> int:
    """``$COLUMNS`` if set, else the terminal's width, else (piped) 160."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size((160, 24)).columns
    return 160


def _sort(value: str, lang: str) -> str:
    if value not in SORTS:
        fail("bad_sort", lang, value=value, choices=", ".join(SORTS))
    return value


@app.command("overdue")
def overdue(
    unit: UnitOpt = None,
    project: Annotated[
        str | None, typer.Option("--project", "-p", help="Only this project.", show_default=False)
    ] = None,
    format: FormatOpt = "table",
    output: OutputOpt = None,
    wide: WideOpt = False,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """What is late as of T: overdue milestones and claims past their deadline, most days first."""
    from ledger.reports import overdue as module

    env = shared(root, today, lang, no_cache)
    ledger, language = open_ledger(env)
    scope = unit_scope(ledger, unit, language)
    if project is not None and project not in ledger.projects:
        from ledger.hints import did_you_mean

        fail("unknown_project", language, value=project, **did_you_mean(project, ledger.projects))
    report = module.build(ledger, env.today, scope, project)
    _emit("overdue", report, ledger, format, language, output, wide)


@app.command("report")
def report(
    quarter: Annotated[
        str | None,
        typer.Option(
            "--quarter",
            "-q",
            help="The quarterly checklist for Q (2026Q3, Q3, 3, 三季度); bare: the reporting "
            "quarter.",
            show_default=False,
        ),
    ] = None,
    half: Annotated[
        str | None,
        typer.Option(
            "--half",
            help="The dispatch-meeting summary, H1 or H2 (上半年, 下半年); bare: the half of the "
            "reporting quarter.",
            show_default=False,
        ),
    ] = None,
    year: Annotated[bool, typer.Option("--year", help="The year-end evaluation.")] = False,
    unit: UnitOpt = None,
    format: FormatOpt = "table",
    output: OutputOpt = None,
    sort: SortOpt = "unit",
    wide: WideOpt = False,
    table: TableOpt = None,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """The quarterly checklist (--quarter), the half-year summary (--half) or the year-end
    evaluation (--year), as of T."""
    from ledger import typed
    from ledger.calendar import reporting_half, reporting_quarter

    chosen = [quarter is not None, half is not None, year]
    if sum(chosen) != 1:
        fail("one_report", lang)
    env = shared(root, today, lang, no_cache)
    ledger, language = open_ledger(env)
    scope = unit_scope(ledger, unit, language)
    order = _sort(sort, language)
    due_days = ledger.config.reporting.report_due_days
    built: Any
    if quarter is not None:
        q = (
            read(typed.quarter, quarter, ledger.year, lang=language)
            if quarter
            else reporting_quarter(ledger.year, env.today, due_days)
        )
        from ledger.reports import quarterly  # only the report asked for is imported

        kind, built = "quarterly", quarterly.build(ledger, q, env.today, scope, sort=order)
    elif half is not None:
        h = (
            read(typed.half, half, ledger.year, lang=language)
            if half
            else reporting_half(ledger.year, env.today, due_days)
        )
        from ledger.reports import halfyear

        kind, built = "half", halfyear.build(ledger, h, env.today, scope, sort=order)
    else:
        if order != "unit":
            fail("sort_not_here", language, value=order)
        from ledger.reports import yearend

        detail = scope is not None or format == "xlsx"
        kind, built = "year", yearend.build(ledger, env.today, scope, detail)
    _emit(kind, built, ledger, format, language, output, wide, table)


def parse_quarter(text: str, year: int, lang: str) -> Quarter:
    """A quarter as a clerk may type it (``ledger.typed.quarter``); else exit 2."""
    from ledger import typed

    return read(typed.quarter, text, year, lang=lang)


@app.command("inspect")
def inspect(
    sample: Annotated[int, typer.Option("--sample", "-n", help="How many units to draw.")],
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed", help="The random seed (default: T as YYYYMMDD).", show_default=False
        ),
    ] = None,
    unit: UnitOpt = None,
    format: FormatOpt = "table",
    output: OutputOpt = None,
    wide: WideOpt = False,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """The random spot-check list: N distinct units with claims, the same for the same seed."""
    from ledger.reports import spotcheck

    if sample < 1:
        fail("bad_sample", lang)
    env = shared(root, today, lang, no_cache)
    ledger, language = open_ledger(env)
    scope = unit_scope(ledger, unit, language)
    report = spotcheck.build(ledger, sample, env.today, seed, scope)
    _emit("inspect", report, ledger, format, language, output, wide)


@app.command("remind")
def remind(
    quarter: Annotated[
        str | None,
        typer.Option(
            "--quarter",
            "-q",
            help="The quarter whose reports are being collected (2026Q4, Q4, 4, 四季度); "
            "default and bare: the reporting quarter.",
            show_default=False,
        ),
    ] = None,
    unit: UnitOpt = None,
    format: Annotated[
        str,
        typer.Option("--format", "-f", help=f"{FORMAT_NAMES}, text.", show_default=True),
    ] = "table",
    output: OutputOpt = None,
    wide: WideOpt = False,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """What each unit owes as of T, with leaders and contacts; --format text: one message per
    unit, ready to send."""
    from ledger import typed
    from ledger.calendar import reporting_quarter
    from ledger.reports import REPORTS
    from ledger.reports import remind as module

    env = shared(root, today, lang, no_cache)
    ledger, language = open_ledger(env)
    scope = unit_scope(ledger, unit, language)
    q = (
        read(typed.quarter, quarter, ledger.year, lang=language)
        if quarter
        else reporting_quarter(ledger.year, env.today, ledger.config.reporting.report_due_days)
    )
    built = module.build(ledger, q, env.today, scope)
    _emit("remind", built, ledger, format, language, output, wide)
    if built.left_out and format in REPORTS["remind"].own:
        # the document formats say it in their notes; JSON lists the units that owe
        typer.echo(module.left_out_note(built, language), err=True)
