"""The application object and the options every command shares."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperGroup

from ledger import __version__

T = TypeVar("T")

# Options that take an optional value: bare ``--quarter`` means "T's quarter".
_OPTIONAL_VALUE = ("--quarter", "-q", "--half")


def optional_values(args: list[str]) -> list[str]:
    """Give a bare ``--quarter``/``--half`` an empty value, which the command reads as "the
    default": click has no options with an optional value."""
    out: list[str] = []
    for i, arg in enumerate(args):
        out.append(arg)
        if arg in _OPTIONAL_VALUE and (i + 1 == len(args) or args[i + 1].startswith("-")):
            out.append("")
    return out


class _Group(TyperGroup):
    # typer vendors click and does not export its Context type, hence the ignore
    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        return super().parse_args(ctx, optional_values(args))


app = typer.Typer(
    cls=_Group,
    name="ledger",
    help="A task ledger for a year-long programme, kept as YAML in git. 任务台账。",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ledger {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """ledger: projects, claims, milestones and quarterly reports (项目书、认领、季度进展)."""


RootOpt = Annotated[
    Path | None,
    typer.Option(
        "--root",
        "-C",
        help="The ledger folder (default: $LEDGER_ROOT, else the nearest folder with ledger.toml).",
        show_default=False,
    ),
]
TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        help="The day T, YYYY-MM-DD (default: $LEDGER_TODAY, else today in Asia/Shanghai).",
        show_default=False,
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang", help="zh or en (default: ledger.toml's language, else zh).", show_default=False
    ),
]

NoCacheOpt = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Read every file afresh; neither read nor write the cache in .ledger-cache/.",
    ),
]


@dataclass(frozen=True)
class Shared:
    root: Path
    today: date
    lang: str | None  # None: the ledger's own language
    cache: bool = True  # False: --no-cache


def fail(key: str, lang: str | None, **args: object) -> NoReturn:
    """A usage or settings problem: a message on stderr, exit 2."""
    from ledger.i18n import t

    typer.echo(f"ledger: {t(key, lang or 'zh', **args)}", err=True)
    raise typer.Exit(2)


def read(reader: Callable[..., T], text: str, *args: Any, lang: str | None) -> T:
    """``reader(text, *args)`` from ``ledger.typed``, or exit 2 with its message."""
    from ledger.typed import Untyped

    try:
        return reader(text, *args)
    except Untyped as exc:
        fail(exc.key, lang, **exc.args_)


def shared(
    root: Path | None, today: str | None, lang: str | None, no_cache: bool = False
) -> Shared:
    """Resolve the shared options, or exit 2 with a message."""
    from ledger.settings import SettingsError, find_root

    day = resolve_today(today, lang)
    try:
        where = find_root(root, os.environ.get("LEDGER_ROOT"), Path.cwd())
    except SettingsError as exc:
        fail(exc.key, lang, **exc.args_)
    return Shared(where, day, lang, not no_cache)


def resolve_today(today: str | None, lang: str | None) -> date:
    """``--today``, else ``$LEDGER_TODAY``, else today in Beijing; or exit 2."""
    from ledger.settings import SettingsError, parse_day

    if lang is not None and lang not in ("zh", "en"):
        fail("bad_lang", None, value=lang)
    try:
        if today is not None:
            return parse_day(today)
        if os.environ.get("LEDGER_TODAY"):
            return parse_day(os.environ["LEDGER_TODAY"], "bad_today_env")
    except SettingsError as exc:
        fail(exc.key, lang, **exc.args_)
    return _shanghai_today()


def _shanghai_today() -> date:
    """The one place the clock is read: the programme runs on Beijing time. Asia/Shanghai has
    been UTC+8 without daylight saving since 1991, so a fixed offset needs no time-zone database
    (slim CI images and Windows have none)."""
    from datetime import datetime, timedelta, timezone

    return datetime.now(timezone(timedelta(hours=8))).date()


def use_color() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
