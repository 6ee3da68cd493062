"""The command line in the user's language: help texts, labels and the parser's errors.

Typer writes help before any option is read, so ``localize`` sets every command's and
parameter's help and metavar from the i18n tables (keys ``help.<command>``,
``help.<command>.<param>``, ``help.opt.<param>``, ``metavar.<kind>``) once the language is known
(``ledger.cli.lang``), and ``usage_error`` words what the parser refuses ("ledger: 缺少选项
--measure", a usage line, exit 2) instead of click's English box. A command without an entry
in the tables keeps the help it was declared with.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

import typer
import typer.core
from typer._click import exceptions as click_errors
from typer._click.core import Context
from typer._click.formatting import HelpFormatter

from ledger.i18n import TABLES, t, zh

_LANG = ["zh"]  # the language of this run, set by ``localize``

# Each parameter's label in help and usage lines (no <str>/<bool>/TEXT); flags have none.
_METAVARS = {
    "root": "root",
    "today": "date",
    "deadline": "date",
    "claimed": "date",
    "reported": "date",
    "on": "date",
    "lang": "lang",
    "unit": "unit",
    "project": "project",
    "milestone": "milestone",
    "folder": "folder",
    "name": "name",
    "table": "name",
    "quarter": "quarter",
    "half": "half",
    "status": "status",
    "percent": "percent",
    "format": "format",
    "output": "output",
    "year": "number",
    "sample": "number",
    "seed": "number",
    "leader": "person",
    "sort": "sort",
    "ci": "ci",
    "files": "files",
    "form.output": "folder",  # a command's own label: <command>.<param>
}
_ALIASES = {"check": "validate"}  # a command that shares another's options


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_TOKENS = re.compile(r"[!-~]+\s*|\s+|.")


def _wrap(text: str, room: int) -> list[str]:
    """Lines of at most ``room`` columns: ASCII words kept whole, Chinese broken anywhere."""
    lines: list[str] = []
    line = ""
    for token in _TOKENS.findall(text):
        if line and _width(line + token.rstrip()) > room:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _raw(key: str) -> str | None:
    return TABLES.get(_LANG[0], zh.WORDS).get(key)


def _gettext(message: str) -> str:
    """typer's own words (section titles, [required], [default: …]) in the run's language."""
    key = {
        "Options": "click.Options",
        "Arguments": "click.Arguments",
        "Commands": "click.Commands",
        "required": "click.required",
        "default: {default}": "click.default",
        "Aborted!": "click.aborted",
        "Missing command.": "click.missing_command",
    }.get(message)
    found = _raw(key) if key else None
    return found if found is not None else message


class _Formatter(HelpFormatter):
    def write_heading(self, heading: str) -> None:
        colon = t("click.heading_colon", _LANG[0])
        self.write(f"{'':>{self.current_indent}}{heading}{colon}\n")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, t("click.usage", _LANG[0]) if prefix is None else prefix)

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        """Two columns aligned by display width (a Chinese character takes two columns)."""
        # click's own --help option: the one text it declares itself
        help_text = t("help.opt.help", _LANG[0])
        rows = [(a, help_text if b == "Show this message and exit." else b) for a, b in rows]
        first = min(max((_width(a) for a, _ in rows), default=0), col_max)
        for term, text in rows:
            self.write(f"{'':>{self.current_indent}}{term}")
            if not text:
                self.write("\n")
                continue
            if _width(term) <= first:
                self.write(" " * (first - _width(term) + col_spacing))
            else:
                self.write("\n" + " " * (first + col_spacing + self.current_indent))
            room = max((self.width or 80) - first - col_spacing - self.current_indent, 20)
            pad = " " * (first + col_spacing + self.current_indent)
            self.write(f"\n{pad}".join(_wrap(text, room)) + "\n")


class _Context(Context):
    formatter_class = _Formatter


def localize(group: Any, lang: str) -> None:
    """Set the help of the app, its commands and their parameters in ``lang``."""
    _LANG[0] = lang
    typer.core._ = _gettext  # type: ignore[attr-defined]
    _command(group, "app", lang)
    group.subcommand_metavar = t("metavar.command", lang)
    for name, command in group.commands.items():
        _command(command, name, lang)


def _command(command: Any, name: str, lang: str) -> None:
    command.context_class = _Context
    command.options_metavar = t("metavar.options", lang)
    text = _raw(f"help.{name}")
    if text is not None:
        command.help = text
        command.short_help = None
    base = _ALIASES.get(name, name)
    for param in command.params:
        keys = [f"help.{name}.{param.name}", f"help.{base}.{param.name}"]
        if param.param_type_name == "argument":
            keys.append(f"help.opt.{param.name}_arg")
        keys.append(f"help.opt.{param.name}")
        found = next((_raw(k) for k in keys if _raw(k) is not None), None)
        if found is not None:
            param.help = found
        if getattr(param, "is_flag", False):
            continue
        kind = _METAVARS.get(f"{name}.{param.name}") or _METAVARS.get(param.name or "", "text")
        param.metavar = t(f"metavar.{kind}", lang)
        if param.param_type_name == "argument":
            _plain_argument(param)


def _plain_argument(param: Any) -> None:
    """An argument as ``单位`` in help and ``单位`` / ``[名称]`` in the usage line: no type label,
    no braces."""
    label = param.metavar + ("..." if param.nargs != 1 else "")
    usage = label if param.required else f"[{label}]"
    param.display_type_rich = lambda ctx: None
    param._usage_display_name = lambda: usage


# -- the parser's errors ---------------------------------------------------------------------------


def usage_error(exc: click_errors.UsageError, lang: str) -> None:
    """Print what the parser refused in ``lang``: the message, the usage line, where help is."""
    if isinstance(exc, click_errors.NoArgsIsHelpError):
        exc.show()
        return
    ctx = exc.ctx
    typer.echo(f"ledger: {_message(exc, lang)}", err=True)
    if ctx is not None:
        typer.echo(ctx.get_usage(), err=True)
        typer.echo(t("click.see_help", lang, command=ctx.command_path), err=True)


def _option_name(param: Any) -> str:
    opts = [o for o in getattr(param, "opts", []) if o.startswith("--")]
    if opts:
        return str(opts[0])
    if param.param_type_name == "argument":
        return str(param.metavar or (param.name or "").upper())
    return str((getattr(param, "opts", None) or [param.name])[0])


def _message(exc: click_errors.UsageError, lang: str) -> str:
    if isinstance(exc, click_errors.MissingParameter) and exc.param is not None:
        kind = exc.param_type or exc.param.param_type_name
        key = "click.missing_argument" if kind == "argument" else "click.missing_option"
        return t(key, lang, name=_option_name(exc.param))
    if isinstance(exc, click_errors.NoSuchOption):
        known = exc.possibilities or _close(exc.option_name, _options(exc.ctx))
        return t("click.no_such_option", lang, name=exc.option_name, hint=_hint(known, lang))
    if isinstance(exc, click_errors.BadOptionUsage):
        if "does not take a value" in exc.message:
            return t("click.takes_no_value", lang, name=exc.option_name)
        return t("click.needs_value", lang, name=exc.option_name)
    if isinstance(exc, click_errors.BadParameter):
        name = _option_name(exc.param) if exc.param is not None else ""
        m = re.search(r"valid (integer|int|number|float)", exc.message)
        if m is not None:
            kind = "int" if m[1] in ("integer", "int") else "float"
            return t("click.bad_type", lang, name=name, type=t(f"click.type.{kind}", lang))
        return t("click.bad_usage", lang, message=f"{name} {exc.message}".strip())
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


def _options(ctx: Context | None) -> list[str]:
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
