"""``ledger finding``, ``rectified`` and ``closed``, and the writing of ``ledger inspect --record``:
the supervision edits (``ledger.edit.visits``), through the one edit path of the other edits."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ledger.cli.editing import DryRunOpt, day_option, run_edit, typed_options, unit_named
from ledger.cli.options import (
    LangOpt,
    NoCacheOpt,
    RootOpt,
    Shared,
    TodayOpt,
    command,
    fail,
    refused,
    shared,
)

if TYPE_CHECKING:
    from ledger.cli.reports import Out
    from ledger.edit.ops import Edit
    from ledger.load import Loaded

InspectionArg = Annotated[str, typer.Argument()]
FindingArg = Annotated[str, typer.Argument()]
OnOpt = Annotated[str | None, typer.Option("--on")]
ReplaceOpt = Annotated[bool, typer.Option("--replace")]


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
    day = day_option(due, "--due", env.today, lang)

    def build(at: Loaded, language: str) -> Edit:
        uid = unit_named(unit, at, language)
        return add_finding(at, inspection, uid, problem, requirement, day, project, finding_id)

    run_edit(
        env,
        build,
        dry_run,
        lambda e: ("commit.finding", e.args),
        typed_options(
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
    day = day_option(on, "--on", env.today, lang)
    run_edit(
        env,
        lambda at, _: rectify(at, inspection, finding, day, evidence, replace),
        dry_run,
        lambda e: ("commit.rectified", e.args),
        typed_options(("rectified", "--on", on), ("evidence", "--evidence", evidence)),
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
    day = day_option(on, "--on", env.today, lang)
    run_edit(
        env,
        lambda at, _: close(at, inspection, finding, day, replace),
        dry_run,
        lambda e: ("commit.closed", e.args),
        typed_options(("closed", "--on", on)),
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

    day = day_option(visit_date, "--date", env.today, env.lang)
    ledger, lang = open_ledger(env)
    drawn = build(ledger, sample, env.today, seed, unit_scope(ledger, unit, lang))
    units = [v.id for v in drawn.visits]
    if not units:
        refused(EditError("record_nothing", date=env.today.isoformat()), lang)

    def make(at: Loaded, _: str) -> Edit:
        return record_visit(at, inspection, units, day, title, inspectors, drawn.seed)

    run_edit(
        env,
        make,
        dry_run,
        lambda e: ("commit.record", e.args),
        typed_options(
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
