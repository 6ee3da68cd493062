"""``ledger overdue``, ``ledger report`` and ``ledger inspect``: build a report, render it."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ledger.cli.app import LangOpt, RootOpt, Shared, TodayOpt, app, fail, read, shared, use_color

if TYPE_CHECKING:
    from ledger.asof import Quarter
    from ledger.model import Ledger


class OverdueFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"


class ReportFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    html = "html"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


ReportFormatOpt = Annotated[
    ReportFormat, typer.Option("--format", "-f", help="table, markdown, html, csv, json or xlsx.")
]
UnitOpt = Annotated[
    str | None,
    typer.Option("--unit", "-u", help="Only this unit and the units under it.", show_default=False),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write to this file instead of the terminal.", show_default=False
    ),
]


def _open(env: Shared) -> tuple[Ledger, str]:
    """The ledger as of T, or exit: 2 for settings, 1 (with the problems) for errors."""
    from ledger.render.problems import text
    from ledger.validate import blocking, validate

    result = validate(env.root, env.today)
    config = result.loaded.config
    lang = env.lang or (config.ledger.language if config is not None else "zh")
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


def _check_unit(ledger: Ledger, unit: str | None, lang: str) -> str | None:
    """The id of the unit ``--unit`` names (by id, name or short name); else exit 2."""
    if unit is None:
        return None
    from ledger import typed

    return read(typed.unit, unit, ledger.units, lang=lang)


def _emit(
    module: Any, report: Any, ledger: Ledger, fmt: str, lang: str, output: Path | None
) -> None:
    from ledger.render import render_document
    from ledger.render.jsonout import dumps

    if fmt == "xlsx" and output is None:
        fail("xlsx_needs_output", lang)
    if output is not None:
        _check_output(output, ledger, lang)
    if fmt == "json":
        content: str | bytes = dumps(module.to_json(report))
    else:
        doc = module.document(report, ledger, lang)
        content = render_document(doc, fmt, color=output is None and fmt == "table" and use_color())
        if fmt == "csv" and len(doc.tables) > 1:
            from ledger.i18n import t

            note = t("csv_first_table", lang, title=doc.tables[0].title, n=len(doc.tables))
            typer.echo(note, err=True)
    if output is None:
        assert isinstance(content, str)
        if fmt == "table":
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


@app.command("overdue")
def overdue(
    unit: UnitOpt = None,
    project: Annotated[
        str | None, typer.Option("--project", "-p", help="Only this project.", show_default=False)
    ] = None,
    format: Annotated[OverdueFormat, typer.Option("--format", "-f")] = OverdueFormat.table,
    output: OutputOpt = None,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    """What is late as of T: overdue milestones and claims past their deadline, most days first."""
    from ledger.reports import overdue as module

    env = shared(root, today, lang)
    ledger, language = _open(env)
    unit = _check_unit(ledger, unit, language)
    if project is not None and project not in ledger.projects:
        from ledger.hints import did_you_mean

        fail("unknown_project", language, value=project, **did_you_mean(project, ledger.projects))
    report = module.build(ledger, env.today, unit, project)
    _emit(module, report, ledger, format.value, language, output)


@app.command("report")
def report(
    quarter: Annotated[
        str | None,
        typer.Option(
            "--quarter",
            "-q",
            help="The quarterly checklist for Q (2026Q3, Q3 or 3); bare: T's quarter.",
            show_default=False,
        ),
    ] = None,
    half: Annotated[
        str | None,
        typer.Option(
            "--half",
            help="The dispatch-meeting summary, H1 or H2; bare: T's half.",
            show_default=False,
        ),
    ] = None,
    year: Annotated[bool, typer.Option("--year", help="The year-end evaluation.")] = False,
    unit: UnitOpt = None,
    format: ReportFormatOpt = ReportFormat.table,
    output: OutputOpt = None,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    """The quarterly checklist (--quarter), the half-year summary (--half) or the year-end
    evaluation (--year), as of T."""
    from ledger import typed
    from ledger.asof import reporting_half, reporting_quarter
    from ledger.reports import halfyear, quarterly, yearend

    chosen = [quarter is not None, half is not None, year]
    if sum(chosen) != 1:
        fail("one_report", lang)
    env = shared(root, today, lang)
    ledger, language = _open(env)
    unit = _check_unit(ledger, unit, language)
    fmt = format.value
    due_days = ledger.config.reporting.report_due_days
    if quarter is not None:
        q = (
            read(typed.quarter, quarter, ledger.year, lang=language)
            if quarter
            else reporting_quarter(ledger.year, env.today, due_days)
        )
        _emit(quarterly, quarterly.build(ledger, q, env.today, unit), ledger, fmt, language, output)
    elif half is not None:
        h = (
            read(typed.half, half, ledger.year, lang=language)
            if half
            else reporting_half(ledger.year, env.today, due_days)
        )
        _emit(halfyear, halfyear.build(ledger, h, env.today, unit), ledger, fmt, language, output)
    else:
        _emit(yearend, yearend.build(ledger, env.today, unit), ledger, fmt, language, output)


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
    format: ReportFormatOpt = ReportFormat.table,
    output: OutputOpt = None,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    """The random spot-check list: N distinct units with claims, the same for the same seed."""
    from ledger.reports import spotcheck

    if sample < 1:
        fail("bad_sample", lang)
    env = shared(root, today, lang)
    ledger, language = _open(env)
    unit = _check_unit(ledger, unit, language)
    report = spotcheck.build(ledger, sample, env.today, seed, unit)
    _emit(spotcheck, report, ledger, format.value, language, output)
