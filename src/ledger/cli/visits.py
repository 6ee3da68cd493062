"""``ledger finding``, ``rectified`` and ``closed``, and the writing of ``ledger inspect --record``:
the supervision edits (``ledger.edit.visits``), through the one edit path of the other edits."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ledger.cli.edit import DryRunOpt, _day, _language, _remarks, _typed, _unit
from ledger.cli.options import (
    LangOpt,
    NoCacheOpt,
    RootOpt,
    Shared,
    TodayOpt,
    command,
    fail,
    language_of,
    refused,
    shared,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from ledger.cli.reports import Out
    from ledger.edit.ops import Edit
    from ledger.load import Loaded

InspectionArg = Annotated[str, typer.Argument()]
FindingArg = Annotated[str, typer.Argument()]
OnOpt = Annotated[str | None, typer.Option("--on")]
ReplaceOpt = Annotated[bool, typer.Option("--replace")]


def _apply(
    env: Shared,
    build: Callable[[Loaded, str], Edit],
    dry_run: bool,
    message: Callable[[Edit], tuple[str, dict[str, object]]],
    options: dict[str, str],
    err: bool = False,
) -> Edit:
    """Apply an edit of a visit file and tell the clerk what happened and what to do next, as
    the unit edits do (``ledger.cli.edit._run``); ``build`` is given the reading and the language
    of the messages. ``err``: everything on stderr (``inspect --record``, whose stdout is the
    list)."""
    from ledger.edit.ops import EditError, apply
    from ledger.edit.refusal import at_options
    from ledger.i18n import t
    from ledger.render.problems import text

    langs: list[str] = []  # the language, once the edit has read the ledger

    def on(loaded: Loaded) -> Edit:
        langs.append(_language(env, loaded))
        return build(loaded, langs[-1])

    try:
        edit = apply(env.root, env.today, on, dry_run=dry_run, cache=env.cache)
    except EditError as exc:
        exc.problems = at_options(exc.problems, exc.edits, options)
        refused(exc, langs[-1] if langs else language_of(env))
    lang = langs[-1]
    if edit.notes:
        typer.echo(t("note.elsewhere", lang, n=len(edit.notes)), err=True)
        typer.echo(text(list(edit.notes), lang, 1).rsplit("\n", 2)[0], err=True)
    if dry_run and edit.changed:
        typer.echo(edit.diff(), nl=False, err=err)
        _remarks(edit, lang)
        typer.echo(t("dry_run", lang), err=True)
        return edit
    typer.echo(t(edit.what, lang, **edit.args), err=err)
    _remarks(edit, lang)
    if edit.changed:
        key, args = message(edit)
        # a new file is not in git yet: `git add` it before the commit names it
        steps = "next_steps_new" if not edit.old.raw else "next_steps"
        typer.echo(t(steps, lang, path=edit.rel, message=t(key, lang, **args)), err=err)
    return edit


@command("finding")
def finding(
    inspection: InspectionArg,
    unit: Annotated[str, typer.Argument()],
    problem: Annotated[str, typer.Option("--problem")],
    requirement: Annotated[str, typer.Option("--requirement")],
    due: Annotated[str, typer.Option("--due")],
    project: Annotated[str | None, typer.Option("--project", "-p", show_default=False)] = None,
    finding_id: Annotated[str | None, typer.Option("--id", show_default=False)] = None,
    dry_run: DryRunOpt = False,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """``ledger finding`` (its help: ``help.finding`` in ``ledger.i18n``)."""
    from ledger.edit.visits import add_finding

    env = shared(root, today, lang, no_cache)
    day = _day(due, "--due", env.today, lang)

    def build(at: Loaded, language: str) -> Edit:
        uid = _unit(unit, at, language)
        return add_finding(at, inspection, uid, problem, requirement, day, project, finding_id)

    _apply(
        env,
        build,
        dry_run,
        lambda e: ("commit.finding", e.args),
        _typed(
            ("problem", "--problem", problem),
            ("requirement", "--requirement", requirement),
            ("due", "--due", due),
            ("project", "--project", project),
            ("id", "--id", finding_id),
        ),
    )


@command("rectified")
def rectified(
    inspection: InspectionArg,
    finding: FindingArg,
    on: OnOpt = None,
    evidence: Annotated[str | None, typer.Option("--evidence")] = None,
    replace: ReplaceOpt = False,
    dry_run: DryRunOpt = False,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """``ledger rectified`` (its help: ``help.rectified`` in ``ledger.i18n``)."""
    from ledger.edit.visits import rectify

    env = shared(root, today, lang, no_cache)
    day = _day(on, "--on", env.today, lang)
    _apply(
        env,
        lambda at, _: rectify(at, inspection, finding, day, evidence, replace),
        dry_run,
        lambda e: ("commit.rectified", e.args),
        _typed(("rectified", "--on", on), ("evidence", "--evidence", evidence)),
    )


@command("closed")
def closed(
    inspection: InspectionArg,
    finding: FindingArg,
    on: OnOpt = None,
    replace: ReplaceOpt = False,
    dry_run: DryRunOpt = False,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """``ledger closed`` (its help: ``help.closed`` in ``ledger.i18n``)."""
    from ledger.edit.visits import close

    env = shared(root, today, lang, no_cache)
    day = _day(on, "--on", env.today, lang)
    _apply(
        env,
        lambda at, _: close(at, inspection, finding, day, replace),
        dry_run,
        lambda e: ("commit.closed", e.args),
        _typed(("closed", "--on", on)),
    )


def record(
    env: Shared,
    out: Out,
    unit: str | None,
    sample: int,
    seed: int | None,
    inspection: str,
    title: str | None,
    visit_date: str | None,
    inspectors: list[str],
    dry_run: bool,
) -> None:
    """``ledger inspect --record ID``: draw the list as ``inspect`` does, write the visit file of
    the units drawn (refused whole, before the list is shown, if it cannot be), then show the
    list. The list is the command's output (stdout, in its format); what was written, or the
    diff of ``--dry-run``, goes to stderr."""
    from ledger.cli.reports import open_ledger, run_report, unit_scope
    from ledger.edit.ops import EditError
    from ledger.edit.visits import record_visit
    from ledger.reports.spotcheck import build

    day = _day(visit_date, "--date", env.today, env.lang)
    ledger, lang = open_ledger(env)
    drawn = build(ledger, sample, env.today, seed, unit_scope(ledger, unit, lang))
    units = [v.id for v in drawn.visits]
    if not units:
        refused(EditError("record_nothing", date=env.today.isoformat()), lang)

    def make(at: Loaded, _: str) -> Edit:
        return record_visit(at, inspection, units, day, title, inspectors, drawn.seed)

    _apply(
        env,
        make,
        dry_run,
        lambda e: ("commit.record", e.args),
        _typed(
            ("title", "--title", title),
            ("date", "--date", visit_date),
            ("inspectors", "--inspector", inspectors[0] if len(inspectors) == 1 else None),
        ),
        err=True,
    )
    run_report("inspect", env, out, unit, sample=sample, seed=seed)


def record_options_alone(lang: str | None, **given: object) -> None:
    """``--title``, ``--date``, ``--inspector`` and ``--dry-run`` say how to record a visit:
    without ``--record`` they are a mistake, not silently ignored."""
    named = [f"--{k.replace('_', '-')}" for k, v in given.items() if v]
    if named:
        fail("record_options_alone", lang, options=", ".join(named))
