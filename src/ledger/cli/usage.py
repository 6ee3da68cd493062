"""Run the app, and word what its parser refuses in the user's language.

Typer (0.2x) bundles Click as a private package and exports none of its usage errors, so this is
the one module of ``ledger`` that imports from it (``typer._click.exceptions``): a test
(``tests/cli/test_usage.py``) fails with a clear message when a Typer release moves what is used
here, and pyproject.toml pins Typer to a minor range. The errors are read from their public
attributes (``param``, ``option_name``, ``possibilities``, ``ctx``, ``message``) and worded
from the i18n tables ("ledger: 缺少选项 --measure", the usage line, where help is; exit 2); nothing
of Typer or Click is changed.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

import typer
import typer.main
from typer._click import exceptions as errors

from ledger.i18n import t


def run(app: typer.Typer, args: list[str], lang: str) -> int:
    """Run ``app`` on ``args`` and give the exit code: the command's, or 2 for a usage error
    (worded in ``lang``), 1 when aborted."""
    command = typer.main.get_command(app)
    try:
        result = command.main(args, prog_name="ledger", standalone_mode=False)
    except errors.UsageError as exc:
        usage_error(exc, lang)
        return 2
    except errors.ClickException as exc:
        exc.show()
        return exc.exit_code
    except typer.Abort:
        typer.echo(t("click.aborted", lang), err=True)
        return 1
    return result if isinstance(result, int) else 0


def usage_error(exc: errors.UsageError, lang: str) -> None:
    """Print what the parser refused in ``lang``: the message, the usage line, where help is."""
    if isinstance(exc, errors.NoArgsIsHelpError):
        exc.show()  # ``ledger`` alone: its help
        return
    ctx = exc.ctx
    typer.echo(f"ledger: {message(exc, lang)}", err=True)
    if ctx is not None:
        typer.echo(ctx.get_usage(), err=True)
        typer.echo(t("click.see_help", lang, command=ctx.command_path), err=True)


def message(exc: errors.UsageError, lang: str) -> str:
    if isinstance(exc, errors.MissingParameter) and exc.param is not None:
        kind = exc.param_type or exc.param.param_type_name
        key = "click.missing_argument" if kind == "argument" else "click.missing_option"
        return t(key, lang, name=_option_name(exc.param))
    if isinstance(exc, errors.NoSuchOption):
        known = exc.possibilities or _close(exc.option_name, _options(exc.ctx))
        return t("click.no_such_option", lang, name=exc.option_name, hint=_hint(known, lang))
    if isinstance(exc, errors.BadOptionUsage):
        if "does not take a value" in exc.message:
            return t("click.takes_no_value", lang, name=exc.option_name)
        return t("click.needs_value", lang, name=exc.option_name)
    if isinstance(exc, errors.BadParameter):
        name = _option_name(exc.param) if exc.param is not None else ""
        m = re.search(r"valid (integer|int|number|float)", exc.message)
        if m is not None:
            kind = "int" if m[1] in ("integer", "int") else "float"
            return t("click.bad_type", lang, name=name, type=t(f"click.type.{kind}", lang))
        return t("click.bad_usage", lang, message=f"{name} {exc.message}".strip())
    # the group's own refusals carry their facts in the message alone
    m = re.match(r"No such command '([^']*)'", exc.message)
    if m is not None:
        commands = list(getattr(exc.ctx.command, "commands", {})) if exc.ctx else []
        return t("click.no_such_command", lang, name=m[1], hint=_hint(_close(m[1], commands), lang))
    m = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", exc.message)
    if m is not None:
        return t("click.extra_arguments", lang, values=m[1])
    if exc.message.startswith("Missing command"):
        return t("click.missing_command", lang)
    return t("click.bad_usage", lang, message=exc.message)


def _option_name(param: Any) -> str:
    opts = [o for o in getattr(param, "opts", []) if o.startswith("--")]
    if opts:
        return str(opts[0])
    if param.param_type_name == "argument":
        return str(param.metavar or (param.name or "").upper())
    return str((getattr(param, "opts", None) or [param.name])[0])


def _options(ctx: Any) -> list[str]:
    if ctx is None:
        return []
    return [o for p in ctx.command.params for o in getattr(p, "opts", []) if o.startswith("--")]


def _close(word: str, candidates: list[str]) -> list[str]:
    return difflib.get_close_matches(word, candidates, n=3, cutoff=0.6)


def _hint(names: Any, lang: str) -> str:
    names = sorted(names or [])
    if not names:
        return ""
    return t("click.did_you_mean", lang, names=t("reason.list_sep", lang).join(names))
