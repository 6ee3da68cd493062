"""``ledger init``, ``claim``, ``progress`` and ``done``: the clerk's edits, written safely."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ledger.cli.editing import (
    DryRunOpt,
    day_option,
    edit_language,
    run_edit,
    typed_options,
    unit_named,
)
from ledger.cli.options import (
    LANGUAGE,
    LangOpt,
    NoCacheOpt,
    RootOpt,
    Shared,
    TodayOpt,
    command,
    read,
    refused,
    shared,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from ledger.edit.ops import Edit
    from ledger.load import Loaded


def _run(
    env: Shared,
    unit: str,
    build: Callable[[Loaded, str], Edit],
    dry_run: bool,
    message: Callable[[str], tuple[str, dict[str, object]]],
    options: dict[str, str],
) -> None:
    """``run_edit`` for an edit of the unit the clerk named (``unit``, resolved in the edit's
    one reading of the ledger): ``build`` and ``message`` are given its id."""
    named: list[str] = []

    def on(loaded: Loaded, lang: str) -> Edit:
        named.append(unit_named(unit, loaded, lang))
        return build(loaded, named[-1])

    run_edit(env, on, dry_run, lambda _: message(named[-1]), options)


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
    due = day_option(deadline, "--deadline", env.today, lang)
    since = day_option(claimed, "--claimed", env.today, lang)
    _run(
        env,
        unit,
        lambda at, uid: add_claim(at, uid, project, leader, due, measure, since),
        dry_run,
        lambda uid: ("commit.claim", {"unit": uid, "project": project}),
        typed_options(
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
    day = day_option(reported, "--reported", env.today, lang)
    said: list[str] = []  # the quarter as read, for the commit message

    def build(at: Loaded, uid: str) -> Edit:
        # the quarter is read for the ledger's year, and the words in its language, from the
        # edit's one reading of the ledger
        year = at.config.ledger.year if at.config is not None else env.today.year
        language = edit_language(env, at)
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
        typed_options(
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
    day = day_option(on, "--on", env.today, lang)
    _run(
        env,
        unit,
        lambda at, uid: mark_done(at, uid, project, milestone, day, evidence, replace),
        dry_run,
        lambda uid: ("commit.done", {"unit": uid, "project": project, "milestone": milestone}),
        typed_options(("done", "--on", on), ("evidence", "--evidence", evidence)),
    )
