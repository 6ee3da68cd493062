"""What every edit command shares (``claim``, ``progress``, ``done``; ``finding``, ``rectified``,
``closed``, ``inspect --record``): the day options, the language of the messages, the unit a
clerk named, and ``run_edit``, which applies an edit through the one edit path and tells the
clerk what happened and what to do next."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from ledger.cli.options import Shared, fail, language_of, read, refused

if TYPE_CHECKING:
    from collections.abc import Callable

    from ledger.edit.ops import Edit
    from ledger.load import Loaded

DryRunOpt = Annotated[bool, typer.Option("--dry-run", "-n")]


def day_option(value: str | None, option: str, default: date, lang: str | None) -> date:
    """A day typed at ``option``, or ``default`` (T) when none is; a bad one exits 2 naming it."""
    from ledger.settings import SettingsError, parse_day

    if value is None:
        return default
    try:
        return parse_day(value)
    except SettingsError as exc:
        fail("bad_date_option", lang, option=option, value=value, hint=exc.args_["hint"])


def edit_language(env: Shared, loaded: Loaded) -> str:
    """The language of an edit's messages: ``--lang`` (or the environment's), else that of the
    ledger.toml in the edit's one reading (not read again), else Chinese."""
    if env.lang is not None:
        return env.lang
    return loaded.config.ledger.language if loaded.config is not None else "zh"


def unit_named(text: str, loaded: Loaded, lang: str) -> str:
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


def typed_options(*given: tuple[str, str, str | None]) -> dict[str, str]:
    """The keys an edit writes from values the clerk typed, each -> the option as typed;
    a value not given (a default) is left to its line in the file."""
    return {key: f"{option} {value}" for key, option, value in given if value is not None}


def run_edit(
    env: Shared,
    build: Callable[[Loaded, str], Edit],
    dry_run: bool,
    message: Callable[[Edit], tuple[str, dict[str, object]]],
    options: dict[str, str],
    err: bool = False,
) -> Edit:
    """Apply an edit and tell the clerk what happened and what to do next. ``build`` is given
    the edit's one reading of the ledger and the language of the messages; ``message`` gives
    the suggested commit message's key and arguments; ``options``: each key the edit writes
    from a value typed on the command line -> that option as typed (``--deadline
    2027-03-31``), where a problem with the value is said. ``err``: everything on stderr
    (``inspect --record``, whose stdout is the list)."""
    from ledger.edit.ops import EditError, apply
    from ledger.edit.refusal import at_options
    from ledger.i18n import t
    from ledger.render.problems import text

    langs: list[str] = []  # the language, once the edit has read the ledger

    def on(loaded: Loaded) -> Edit:
        langs.append(edit_language(env, loaded))
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
        _remarks(edit, lang, err)
        typer.echo(t("dry_run", lang), err=True)
        return edit
    typer.echo(t(edit.what, lang, **edit.args), err=err)
    _remarks(edit, lang, err)
    if edit.changed:
        key, args = message(edit)
        # a new file is not in git yet: `git add` it before the commit names it
        steps = "next_steps_new" if not edit.old.raw else "next_steps"
        typer.echo(t(steps, lang, path=edit.rel, message=t(key, lang, **args)), err=err)
    return edit


def _remarks(edit: Edit, lang: str, err: bool) -> None:
    from ledger.i18n import t

    for key, args in edit.remarks:
        if key == "claim_not_applicable":
            items = args["milestones"]
            assert isinstance(items, list)
            listed = t("reason.list_sep", lang).join(
                t("remark.milestone", lang, **m) for m in items
            )
            args = {**args, "milestones": listed}
        typer.echo(t(f"remark.{key}", lang, **args), err=err)
