"""``ledger init``, ``claim``, ``progress`` and ``done``: the clerk's edits, written safely."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ledger.cli.app import (
    LANGUAGE,
    LangOpt,
    NoCacheOpt,
    RootOpt,
    Shared,
    TodayOpt,
    app,
    fail,
    language_of,
    read,
    refused,
    shared,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from ledger.edit.ops import Edit
    from ledger.load import Loaded

DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", "-n", help="Show the change as a diff; write nothing.")
]


def _day(value: str | None, option: str, default: date, lang: str | None) -> date:
    from ledger.settings import SettingsError, parse_day

    if value is None:
        return default
    try:
        return parse_day(value)
    except SettingsError as exc:
        fail("bad_date_option", lang, option=option, value=value, hint=exc.args_["hint"])


def _unit(env: Shared, text: str, loaded: Loaded) -> str:
    """The unit a clerk named by id, name or short name, in the edit's reading of the ledger;
    else exit 2. An id whose file exists needs none of the units' models."""
    import re

    from ledger import typed
    from ledger.load import UNITS
    from ledger.model import UNIT_ID

    if re.fullmatch(UNIT_ID, text) and (loaded.root / UNITS / f"{text}.yaml").is_file():
        return text
    units = {f.unit.id: f.unit for f in loaded.units if f.unit is not None}
    return read(typed.unit, text, units, lang=language_of(env))


def _run(
    env: Shared,
    unit: str,
    build: Callable[[Loaded, str], Edit],
    dry_run: bool,
    message: Callable[[str], tuple[str, dict[str, object]]],
) -> None:
    """Apply an edit of the unit the clerk named (``unit``, resolved in the edit's one reading
    of the ledger) and tell the clerk what happened and what to do next."""
    from ledger.edit.ops import EditError, apply
    from ledger.i18n import t
    from ledger.render.problems import text

    lang = language_of(env)
    named: list[str] = []

    def on(loaded: Loaded) -> Edit:
        named.append(_unit(env, unit, loaded))
        return build(loaded, named[-1])

    try:
        edit = apply(env.root, env.today, on, dry_run=dry_run, cache=env.cache)
    except EditError as exc:
        refused(exc, lang)
    if edit.notes:
        typer.echo(t("note.elsewhere", lang, n=len(edit.notes)), err=True)
        typer.echo(text(list(edit.notes), lang, 1).rsplit("\n", 2)[0], err=True)
    if dry_run and edit.changed:
        typer.echo(edit.diff(), nl=False)
        _remarks(edit, lang)
        typer.echo(t("dry_run", lang), err=True)
        return
    typer.echo(t(edit.what, lang, **edit.args))
    _remarks(edit, lang)
    if edit.changed:
        key, args = message(named[-1])
        typer.echo(t("next_steps", lang, path=edit.rel, message=t(key, lang, **args)))


def _remarks(edit: Edit, lang: str) -> None:
    from ledger.i18n import t

    for key, args in edit.remarks:
        if key == "claim_not_applicable":
            items = args["milestones"]
            assert isinstance(items, list)
            listed = t("reason.list_sep", lang).join(
                t("remark.milestone", lang, **m) for m in items
            )
            args = {**args, "milestones": listed}
        typer.echo(t(f"remark.{key}", lang, **args))


UnitArg = Annotated[str, typer.Argument(help="The unit: its id, name or short name.")]
ProjectArg = Annotated[str, typer.Argument(help="The project id in the book, e.g. K1.")]


class CiKind(StrEnum):
    github = "github"
    gitlab = "gitlab"


@app.command("init")
def init(
    folder: Annotated[str, typer.Argument(help="The folder of the new ledger.")],
    title: Annotated[str | None, typer.Option("--title", help="The ledger's title.")] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="The ledger year (default: T's).")
    ] = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    ci: Annotated[
        CiKind | None,
        typer.Option("--ci", help="Add the CI job that validates the ledger on every push."),
    ] = None,
) -> None:
    """Start a new ledger: ledger.toml, a book template and one example unit."""
    import os

    from ledger.cli.app import resolve_today
    from ledger.edit.init import init as make
    from ledger.edit.ops import EditError
    from ledger.i18n import t

    language = lang or os.environ.get("LEDGER_LANG") or LANGUAGE[0]
    language = language if language in ("zh", "en") else LANGUAGE[0]
    day = resolve_today(today, lang)
    try:
        if not folder.strip():  # `init ""` is no folder, not the current one
            raise EditError("init_no_folder")
        where = Path(folder)
        name = title if title is not None else where.resolve().name
        files = make(where, name, year or day.year, ci.value if ci else None)
    except EditError as exc:
        refused(exc, language, usage=exc.key != "init_exists")
    typer.echo(t("did_init", language, path=folder, files=", ".join(files)))
    typer.echo(t("init_next", language, path=os.fspath(folder)))


@app.command("claim")
def claim(
    unit: UnitArg,
    project: ProjectArg,
    leader: Annotated[str, typer.Option("--leader", help="The responsible leader (责任领导).")],
    deadline: Annotated[
        str, typer.Option("--deadline", help="The deadline, YYYY-MM-DD (完成时限).")
    ],
    measure: Annotated[
        list[str], typer.Option("--measure", help="A measure (推进措施); repeat for more.")
    ],
    claimed: Annotated[
        str | None, typer.Option("--claimed", help="The day claimed (default: T).")
    ] = None,
    dry_run: DryRunOpt = False,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Add a claim of PROJECT to UNIT's file."""
    from ledger.edit.ops import add_claim

    env = shared(root, today, lang, no_cache)
    due = _day(deadline, "--deadline", env.today, lang)
    since = _day(claimed, "--claimed", env.today, lang)
    _run(
        env,
        unit,
        lambda at, uid: add_claim(at, uid, project, leader, due, measure, since),
        dry_run,
        lambda uid: ("commit.claim", {"unit": uid, "project": project}),
    )


@app.command("progress")
def progress(
    unit: UnitArg,
    project: ProjectArg,
    quarter: Annotated[str, typer.Option("--quarter", "-q", help="2026Q3, Q3, 3 or 三季度.")],
    status: Annotated[
        str, typer.Option("--status", help="on_track, at_risk, behind, done (or 正常推进…).")
    ],
    percent: Annotated[
        str, typer.Option("--percent", help="0..100 (65 or 65%), never below last quarter's.")
    ],
    summary: Annotated[str, typer.Option("--summary", help="What was done this quarter.")],
    reported: Annotated[
        str | None, typer.Option("--reported", help="The day reported (default: T).")
    ] = None,
    problem: Annotated[
        list[str] | None, typer.Option("--problem", help="A problem met; repeat for more.")
    ] = None,
    next_step: Annotated[
        list[str] | None, typer.Option("--next-step", help="A next step; repeat for more.")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace the quarter's entry if there is one.")
    ] = False,
    dry_run: DryRunOpt = False,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Record UNIT's report on PROJECT for a quarter (季度进展)."""
    from ledger import typed
    from ledger.edit.ops import record_progress
    from ledger.load.config import load_config
    from ledger.model import STATUSES

    env = shared(root, today, lang, no_cache)
    config, _ = load_config(env.root)
    year = config.ledger.year if config is not None else env.today.year
    language = language_of(env)
    q = read(typed.quarter, quarter, year, lang=language).label
    share = read(typed.percent, percent, lang=language)
    word = (
        status.strip() if status.strip() in STATUSES else read(typed.status, status, lang=language)
    )
    day = _day(reported, "--reported", env.today, lang)
    _run(
        env,
        unit,
        lambda at, uid: record_progress(
            at, uid, project, q, word, share, summary, day, problem, next_step, replace
        ),
        dry_run,
        lambda uid: ("commit.progress", {"unit": uid, "project": project, "quarter": q}),
    )


@app.command("done")
def done(
    unit: UnitArg,
    project: ProjectArg,
    milestone: Annotated[str, typer.Argument(help="The milestone id.")],
    on: Annotated[str | None, typer.Option("--on", help="The day done (default: T).")] = None,
    evidence: Annotated[
        str | None, typer.Option("--evidence", help="What shows it is done.")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Change a done date already recorded.")
    ] = False,
    dry_run: DryRunOpt = False,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Mark a milestone of UNIT's claim of PROJECT done (时间节点完成)."""
    from ledger.edit.ops import mark_done

    env = shared(root, today, lang, no_cache)
    day = _day(on, "--on", env.today, lang)
    _run(
        env,
        unit,
        lambda at, uid: mark_done(at, uid, project, milestone, day, evidence, replace),
        dry_run,
        lambda uid: ("commit.done", {"unit": uid, "project": project, "milestone": milestone}),
    )
