"""What every command shares: the command registry (``command``), the shared options, the
group class, and resolving ``--root``/``--today``/``--lang`` (the one place the clock is read).

Options are declared here and in the command modules without help texts: ``ledger.cli.build``
builds the app in a language with the help of the i18n tables (one text per help string).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperGroup

from ledger import __version__

if TYPE_CHECKING:
    from ledger.edit.ops import EditError

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


# The language of help and of messages given before the ledger is read (``ledger.cli.lang``),
# decided from the command line and the environment before the app is built; and the language
# given to the app itself (``ledger --lang en COMMAND``), which a command takes as its own.
LANGUAGE = ["zh"]
APP_LANG: list[str | None] = [None]

F = TypeVar("F", bound=Callable[..., Any])

# the commands, in the order ``ledger --help`` lists them: name -> function
COMMANDS: dict[str, Callable[..., Any]] = {}


def command(name: str) -> Callable[[F], F]:
    """Declare a command (its options carry no help: the app is built in a language)."""

    def declare(func: F) -> F:
        COMMANDS[name] = func
        return func

    return declare


class Group(TyperGroup):
    """The app's group: bare ``--quarter``/``--half``, and no traceback for what the
    filesystem refuses."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, optional_values(args))

    def invoke(self, ctx: Any) -> Any:
        """The last guard against a traceback: what the filesystem refuses (a folder that
        cannot be read, a current folder deleted) or input nested past Python's limits is a
        message and exit 2, whatever command met it."""
        lang = LANGUAGE[0]
        try:
            return super().invoke(ctx)
        except RecursionError:
            fail("too_deep", lang)
        except OSError as exc:
            if exc.filename is None and isinstance(exc, FileNotFoundError):
                fail("no_cwd", lang)  # os.getcwd() names no file
            where = exc.filename if exc.filename is not None else ""
            fail("os_error", lang, path=os.fsdecode(where), reason=exc.strerror or str(exc))


def _lang_of(args: list[str]) -> str | None:
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in ("zh", "en"):
            return args[i + 1]
        if arg in ("--lang=zh", "--lang=en"):
            return arg[-2:]
    return None


def check_argv(argv: list[str]) -> None:
    """Command-line text that is not UTF-8 (a GBK terminal) is a message and exit 2: Python
    keeps such bytes as lone surrogates, which no file name or output can hold."""
    for arg in argv[1:]:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            from ledger.i18n import t
            from ledger.visible import visible

            sys.stderr.write(
                f"ledger: {t('argv_not_utf8', _lang_of(argv) or 'zh', arg=visible(arg))}\n"
            )
            raise SystemExit(2) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ledger {__version__}")
        raise typer.Exit()


def app_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
    lang: Annotated[str | None, typer.Option("--lang", show_default=False)] = None,
) -> None:
    """The app's own options: ``ledger --version``, ``ledger --lang en COMMAND``."""
    if lang is not None and lang not in ("zh", "en"):
        fail("bad_lang", None, value=lang)
    APP_LANG[0] = lang


UnitOpt = Annotated[
    str | None,
    typer.Option(
        "--unit",
        "-u",
        show_default=False,
    ),
]
RootOpt = Annotated[
    Path | None,
    typer.Option(
        "--root",
        "-C",
        show_default=False,
    ),
]
TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        show_default=False,
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option("--lang", show_default=False),
]

NoCacheOpt = Annotated[
    bool,
    typer.Option(
        "--no-cache",
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

    typer.echo(f"ledger: {t(key, lang or LANGUAGE[0], **args)}", err=True)
    raise typer.Exit(2)


# An edit refused because the command names something that does not exist or cannot be, or
# ledger.toml is broken: a usage or settings problem (exit 2), as in the reports. Refusals from
# the ledger's data exit 1.
USAGE_ERRORS = frozenset(
    {
        "bad_unit_id",
        "no_unit_file",
        "unknown_project",
        "not_claimed",
        "unknown_milestone",
        "bad_status",
        "settings_broken",
        "lock_unavailable",
        "not_regular",
        "read_only",
        "lone_cr",
        "cannot_read",
        "milestone_not_applicable",
        "bad_visit_id",
        "unknown_inspection",
        "unknown_finding",
        "not_visited",
    }
)


def refused(exc: EditError, lang: str, usage: bool | None = None) -> NoReturn:
    """An edit (or an import, or ``init``) refused: its message and the first problems that
    refuse it on stderr; exit 2 for a usage problem (``usage``, by default the refusal's key is
    one of ``USAGE_ERRORS``), else 1."""
    from ledger.i18n import t
    from ledger.render.problems import text

    typer.echo(f"ledger: {t(exc.key, lang, **exc.args_)}", err=True)
    if exc.problems:
        typer.echo(text(exc.problems, lang, 1).rsplit("\n", 2)[0], err=True)
    if exc.before:
        typer.echo(t("refused.before", lang, n=len(exc.before)), err=True)
        typer.echo(text(exc.before, lang, 1).rsplit("\n", 2)[0], err=True)
    if usage is None:
        usage = exc.key in USAGE_ERRORS
    raise typer.Exit(2 if usage else 1) from None


def language_of(env: Shared) -> str:
    """The language of a command that may not read the whole ledger: ``--lang`` (or the
    environment's, in ``env``), else ledger.toml's, else Chinese."""
    if env.lang is not None:
        return env.lang
    from ledger.load.config import load_config

    config, _ = load_config(env.root)
    return config.ledger.language if config is not None else LANGUAGE[0]


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
    """Resolve the shared options, or exit 2 with a message. ``lang`` is ``--lang``, else
    ``$LEDGER_LANG``, else None (the ledger's language, once it is read)."""
    from ledger.settings import SettingsError, find_root

    if lang is None:
        lang = APP_LANG[0]
    if lang is None and os.environ.get("LEDGER_LANG", "").strip().lower() in ("zh", "en"):
        lang = os.environ["LEDGER_LANG"].strip().lower()

    day = resolve_today(today, lang)
    try:
        cwd = Path.cwd()
    except OSError:  # the current folder was deleted: --root may still name the ledger
        cwd = None
    try:
        if cwd is None and root is None and not os.environ.get("LEDGER_ROOT"):
            fail("no_cwd", lang)
        where = find_root(root, os.environ.get("LEDGER_ROOT"), cwd or Path("/"))
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
