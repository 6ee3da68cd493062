"""``ledger overdue``, ``report``, ``inspect``, ``remind`` and ``findings``: build a report,
render it.

The choices of ``--format`` come from the registries (``ledger.reports.REPORTS``,
``ledger.render.FORMATS``): a new report or format is one entry there.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ledger.cli.options import (
    LANGUAGE,
    LangOpt,
    NoCacheOpt,
    RootOpt,
    Shared,
    TodayOpt,
    UnitOpt,
    command,
    fail,
    read,
    shared,
    use_color,
)

if TYPE_CHECKING:
    from ledger.model import Ledger


FormatOpt = Annotated[
    str,
    typer.Option("--format", "-f", show_default=True),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", show_default=False),
]
WideOpt = Annotated[bool, typer.Option("--wide")]
TableOpt = Annotated[
    str | None,
    typer.Option("--table", show_default=False),
]
SortOpt = Annotated[
    str,
    typer.Option("--sort"),
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


@dataclass(frozen=True)
class Out:
    """Where and how a report goes: the options every report command shares."""

    format: str
    output: Path | None
    wide: bool = False
    table: str | None = None


def run_report(name: str, env: Shared, out: Out, unit: str | None, **asked: Any) -> None:
    """Read the ledger as of T, build the report ``name`` of the registry from what was asked,
    and write what ``ledger.render.emit`` makes of it to the terminal or ``--output``."""
    from ledger.i18n import listed
    from ledger.render import EmitError, Options, emit
    from ledger.reports import REPORTS, SORTS, Ask
    from ledger.typed import Untyped

    ledger, lang = open_ledger(env)
    scope = unit_scope(ledger, unit, lang)
    sort = asked.get("sort", "unit")
    if sort not in SORTS:
        fail("bad_sort", lang, value=sort, choices=listed(list(SORTS)))
    ask = Ask(env.today, out.format, scope, **asked)
    try:
        built = REPORTS[name].build(ledger, ask, lang)
        options = Options(
            color=use_color(),
            width=terminal_width(),
            wide=out.wide,
            table=out.table,
            to_file=out.output is not None,
            terminal=sys.stdout.isatty(),
        )
        emitted = emit(built, out.format, options)
    except (Untyped, EmitError) as exc:
        fail(exc.key, lang, **exc.args_)
    if out.output is not None:
        _check_output(out.output, ledger, lang)
    for note in emitted.before:
        typer.echo(note, err=True)
    content = emitted.content
    if out.output is not None:
        from ledger.i18n import t
        from ledger.output import OutputError, write_report

        data = content if isinstance(content, bytes) else content.encode("utf-8")
        try:
            write_report(out.output, data, ledger.root)
        except OutputError as exc:
            fail(exc.key, lang, **exc.args_)
        typer.echo(t("written", lang, path=out.output), err=True)
    elif isinstance(content, str) and emitted.console:
        sys.stdout.write(content)
    else:
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    for note in emitted.after:
        typer.echo(note, err=True)


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


@command("overdue")
def overdue(
    unit: UnitOpt = None,
    project: Annotated[str | None, typer.Option("--project", "-p", show_default=False)] = None,
    format: FormatOpt = "table",
    output: OutputOpt = None,
    wide: WideOpt = False,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """``ledger overdue`` (its help: ``help.overdue`` in ``ledger.i18n``)."""
    env = shared(root, today, lang, no_cache)
    run_report("overdue", env, Out(format, output, wide), unit, project=project)


@command("report")
def report(
    quarter: Annotated[
        str | None,
        typer.Option(
            "--quarter",
            "-q",
            show_default=False,
        ),
    ] = None,
    half: Annotated[
        str | None,
        typer.Option(
            "--half",
            show_default=False,
        ),
    ] = None,
    year: Annotated[bool, typer.Option("--year")] = False,
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
    """``ledger report`` (its help: ``help.report`` in ``ledger.i18n``)."""
    # the report each option names, and the period typed with it
    asked = {"quarterly": quarter, "half": half, "year": "" if year else None}
    chosen = [(name, period) for name, period in asked.items() if period is not None]
    if len(chosen) != 1:
        fail("one_report", lang)
    [(name, period)] = chosen
    env = shared(root, today, lang, no_cache)
    run_report(name, env, Out(format, output, wide, table), unit, period=period, sort=sort)


@command("inspect")
def inspect(
    sample: Annotated[int, typer.Option("--sample", "-n")],
    seed: Annotated[
        int | None,
        typer.Option("--seed", show_default=False),
    ] = None,
    unit: UnitOpt = None,
    format: FormatOpt = "table",
    output: OutputOpt = None,
    wide: WideOpt = False,
    table: TableOpt = None,
    record: Annotated[str | None, typer.Option("--record", show_default=False)] = None,
    title: Annotated[str | None, typer.Option("--title", show_default=False)] = None,
    visit_date: Annotated[str | None, typer.Option("--date", show_default=False)] = None,
    inspector: Annotated[list[str] | None, typer.Option("--inspector")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run")] = False,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """``ledger inspect`` (its help: ``help.inspect`` in ``ledger.i18n``); ``--record`` also
    writes the visit (``ledger.cli.visits.record``)."""
    from ledger.cli import visits

    if sample < 1:
        fail("bad_sample", lang)
    if record is None:
        visits.record_options_alone(
            lang, title=title, date=visit_date, inspector=inspector, dry_run=dry_run
        )
    env = shared(root, today, lang, no_cache)
    out = Out(format, output, wide, table)
    if record is not None:
        args = (title, visit_date, inspector or [], dry_run)
        visits.record(env, out, unit, sample, seed, record, *args)
        return
    run_report("inspect", env, out, unit, sample=sample, seed=seed)


@command("remind")
def remind(
    quarter: Annotated[
        str | None,
        typer.Option(
            "--quarter",
            "-q",
            show_default=False,
        ),
    ] = None,
    unit: UnitOpt = None,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            show_default=True,
        ),
    ] = "table",
    output: OutputOpt = None,
    wide: WideOpt = False,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """``ledger remind`` (its help: ``help.remind`` in ``ledger.i18n``)."""
    env = shared(root, today, lang, no_cache)
    run_report("remind", env, Out(format, output, wide), unit, period=quarter)


@command("findings")
def findings(
    unit: UnitOpt = None,
    state: Annotated[str | None, typer.Option("--state", "-s", show_default=False)] = None,
    format: FormatOpt = "table",
    output: OutputOpt = None,
    wide: WideOpt = False,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """``ledger findings`` (its help: ``help.findings`` in ``ledger.i18n``)."""
    env = shared(root, today, lang, no_cache)
    run_report("findings", env, Out(format, output, wide), unit, state=state)
