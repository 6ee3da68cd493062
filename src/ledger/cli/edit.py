"""``ledger init``, ``claim``, ``progress`` and ``done``: the clerk's edits, written safely."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ledger.cli.options import (
    LANGUAGE,
    LangOpt,
    NoCacheOpt,
    RootOpt,
    Shared,
    TodayOpt,
    command,
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

DryRunOpt = Annotated[bool, typer.Option("--dry-run", "-n")]


def _day(value: str | None, option: str, default: date, lang: str | None) -> date:
    from ledger.settings import SettingsError, parse_day

    if value is None:
        return default
    try:
        return parse_day(value)
    except SettingsError as exc:
        fail("bad_date_option", lang, option=option, value=value, hint=exc.args_["hint"])


def _language(env: Shared, loaded: Loaded) -> str:
    """The language of an edit's messages: ``--lang`` (or the environment's), else that of the
    ledger.toml in the edit's one reading (not read again), else Chinese."""
    if env.lang is not None:
        return env.lang
    return loaded.config.ledger.language if loaded.config is not None else "zh"


def _unit(text: str, loaded: Loaded, lang: str) -> str:
    """The unit a clerk named by id, name or short name, in the edit's reading of the ledger;
    else exit 2. An id whose file exists needs none of the units' models."""
    import re

    from ledger import typed
    from ledger.load import UNITS
    from ledger.model import UNIT_ID

    if re.fullmatch(UNIT_ID, text) and (loaded.root / UNITS / f"{text}.yaml").is_file():
        return text
    units = {f.unit.id: f.unit for f in loaded.units if f.unit is not None}
    return read(typed.unit, text, units, lang=lang)


def _run(
    env: Shared,
    unit: str,
    build: Callable[[Loaded, str], Edit],
    dry_run: bool,
    message: Callable[[str], tuple[str, dict[str, object]]],
    options: dict[str, str],
) -> None:
    """Apply an edit of the unit the clerk named (``unit``, resolved in the edit's one reading
    of the ledger) and tell the clerk what happened and what to do next. ``options``: each key
    the edit writes from a value typed on the command line -> that option as typed
    (``--deadline 2027-03-31``), where a problem with the value is said."""
    from ledger.edit.ops import EditError, apply
    from ledger.edit.refusal import at_options
    from ledger.i18n import t
    from ledger.render.problems import text

    named: list[str] = []
    langs: list[str] = []  # the language, once the edit has read the ledger

    def on(loaded: Loaded) -> Edit:
        langs.append(_language(env, loaded))
        named.append(_unit(unit, loaded, langs[-1]))
        return build(loaded, named[-1])

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
        typer.echo(edit.diff(), nl=False)
        _remarks(edit, lang)
        typer.echo(t("dry_run", lang), err=True)
        return
    typer.echo(t(edit.what, lang, **edit.args))
    _remarks(edit, lang)
    if edit.changed:
        key, args = message(named[-1])
        typer.echo(t("next_steps", lang, path=edit.rel, message=t(key, lang, **args)))


def _typed(*given: tuple[str, str, str | None]) -> dict[str, str]:
    """The keys an edit writes from values the clerk typed, each -> the option as typed;
    a value not given (a default) is left to its line in the file."""
    return {key: f"{option} {value}" for key, option, value in given if value is not None}


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


UnitArg = Annotated[str, typer.Argument()]
ProjectArg = Annotated[str, typer.Argument()]


class CiKind(StrEnum):
    github = "github"
    gitlab = "gitlab"


@command("init")
def init(
    folder: Annotated[str, typer.Argument()],
    title: Annotated[str | None, typer.Option("--title")] = None,
    year: Annotated[int | None, typer.Option("--year")] = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    ci: Annotated[
        CiKind | None,
        typer.Option("--ci"),
    ] = None,
) -> None:
    """``ledger init`` (its help: ``help.init`` in ``ledger.i18n``)."""
    import os

    from ledger.cli.options import resolve_today
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
        files = make(where, name, year or day.year, ci.value if ci else None, language)
    except EditError as exc:
        refused(exc, language, usage=exc.key != "init_exists")
    typer.echo(t("did_init", language, path=folder, files=", ".join(files)))
    typer.echo(t(_git_init(where), language, path=os.fspath(folder)))
    typer.echo(t("init_next", language, path=_shell_word(os.fspath(folder))))


def _shell_word(text: str) -> str:
    """A path as a shell command line takes it: quoted only when it must be (a Chinese
    folder name needs no quotes)."""
    import re
    import shlex

    return text if re.fullmatch(r"[^\s'\"$`\\!*?;&|<>()\[\]{}#~]+", text) else shlex.quote(text)


def _git_init(folder: Path) -> str:
    """A new ledger is kept in git: ``git init`` the folder when git is at hand and the folder
    is not inside a repository already. The message key that says what was done, or what to
    do."""
    import shutil
    import subprocess

    git = shutil.which("git")
    if git is None:
        return "init_git_missing"
    inside = subprocess.run(
        [git, "-C", str(folder), "rev-parse", "--is-inside-work-tree"],
        capture_output=True,
        check=False,
    )
    if inside.returncode == 0:
        return "init_git_inside"
    done = subprocess.run([git, "init", "-q", str(folder)], capture_output=True, check=False)
    return "init_git_done" if done.returncode == 0 else "init_git_failed"


@command("claim")
def claim(
    unit: UnitArg,
    project: ProjectArg,
    leader: Annotated[str, typer.Option("--leader")],
    deadline: Annotated[str, typer.Option("--deadline")],
    measure: Annotated[list[str], typer.Option("--measure")],
    claimed: Annotated[str | None, typer.Option("--claimed")] = None,
    dry_run: DryRunOpt = False,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """``ledger claim`` (its help: ``help.claim`` in ``ledger.i18n``)."""
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
        _typed(
            ("leader", "--leader", leader),
            ("deadline", "--deadline", deadline),
            ("claimed", "--claimed", claimed),
            ("measures", "--measure", measure[0] if len(measure) == 1 else None),
        ),
    )


@command("progress")
def progress(
    unit: UnitArg,
    project: ProjectArg,
    quarter: Annotated[str, typer.Option("--quarter", "-q")],
    status: Annotated[str, typer.Option("--status")],
    percent: Annotated[str, typer.Option("--percent")],
    summary: Annotated[str, typer.Option("--summary")],
    reported: Annotated[str | None, typer.Option("--reported")] = None,
    problem: Annotated[list[str] | None, typer.Option("--problem")] = None,
    next_step: Annotated[list[str] | None, typer.Option("--next-step")] = None,
    replace: Annotated[bool, typer.Option("--replace")] = False,
    dry_run: DryRunOpt = False,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """``ledger progress`` (its help: ``help.progress`` in ``ledger.i18n``)."""
    from ledger import typed
    from ledger.edit.ops import record_progress
    from ledger.model import STATUSES

    env = shared(root, today, lang, no_cache)
    day = _day(reported, "--reported", env.today, lang)
    said: list[str] = []  # the quarter as read, for the commit message

    def build(at: Loaded, uid: str) -> Edit:
        # the quarter is read for the ledger's year, and the words in its language, from the
        # edit's one reading of the ledger
        year = at.config.ledger.year if at.config is not None else env.today.year
        language = _language(env, at)
        said.append(read(typed.quarter, quarter, year, lang=language).label)
        share = read(typed.percent, percent, lang=language)
        stripped = status.strip()
        word = stripped if stripped in STATUSES else read(typed.status, status, lang=language)
        return record_progress(
            at, uid, project, said[-1], word, share, summary, day, problem, next_step, replace
        )

    _run(
        env,
        unit,
        build,
        dry_run,
        lambda uid: ("commit.progress", {"unit": uid, "project": project, "quarter": said[-1]}),
        _typed(
            ("quarter", "--quarter", quarter),
            ("status", "--status", status),
            ("percent", "--percent", percent),
            ("summary", "--summary", summary),
            ("reported", "--reported", reported),
        ),
    )


@command("done")
def done(
    unit: UnitArg,
    project: ProjectArg,
    milestone: Annotated[str, typer.Argument()],
    on: Annotated[str | None, typer.Option("--on")] = None,
    evidence: Annotated[str | None, typer.Option("--evidence")] = None,
    replace: Annotated[bool, typer.Option("--replace")] = False,
    dry_run: DryRunOpt = False,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """``ledger done`` (its help: ``help.done`` in ``ledger.i18n``)."""
    from ledger.edit.ops import mark_done

    env = shared(root, today, lang, no_cache)
    day = _day(on, "--on", env.today, lang)
    _run(
        env,
        unit,
        lambda at, uid: mark_done(at, uid, project, milestone, day, evidence, replace),
        dry_run,
        lambda uid: ("commit.done", {"unit": uid, "project": project, "milestone": milestone}),
        _typed(("done", "--on", on), ("evidence", "--evidence", evidence)),
    )
