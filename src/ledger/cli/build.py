"""The Typer app, built in the language decided before the options are parsed.

The commands are declared once (``ledger.cli.options.command``), their options without help
texts; ``build(lang)`` registers each of them on a new Typer app with the help of the i18n tables
(keys ``help.<command>``, ``help.<command>.<param>``, ``help.opt.<param>``, ``metavar.<kind>``):
every declared option's ``typer.Option``/``typer.Argument`` is copied with its help and label in
``lang``, so there is one text per help string and language, and Typer builds the help itself.
Help is plain click formatting (``rich_markup_mode=None``): a Chinese heading ends in a full-width
colon, two columns are aligned by display width (a Chinese character takes two), and click's own
words (``[required]``, ``[default: …]``, the ``--help`` line) are reworded in ``Formatter``.
Only public names of Typer are used here; the parser's errors are ``ledger.cli.usage``'s.
"""

from __future__ import annotations

import copy
import inspect
import re
import unicodedata
from collections.abc import Callable
from typing import Annotated, Any, get_args, get_origin

import typer
from typer.core import TyperCommand
from typer.models import ArgumentInfo, ParameterInfo

from ledger.cli.options import COMMANDS, LANGUAGE, Group, app_options
from ledger.i18n import TABLES, zh

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
    "inspection": "inspection",
    "record": "inspection",
    "finding": "finding",
    "finding_id": "finding",
    "due": "date",
    "visit_date": "date",
    "inspector": "person",
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
    "findings.state": "finding_state",
    "form.output": "folder",
    "site.output": "folder",
    "diff.start": "from",
    "diff.end": "to",  # a command's own label: <command>.<param>
}
_ALIASES = {"check": "validate"}  # a command that shares another's options
# the report of the registry (``ledger.reports.REPORTS``) whose formats a command's --format offers
_REPORT_OF = {
    "overdue": "overdue",
    "report": "quarterly",
    "inspect": "inspect",
    "remind": "remind",
    "findings": "findings",
}
_T = re.compile(r"(?<![A-Za-z])T(?![A-Za-z])")  # a help text that speaks of the day T


class Words:
    """The help texts of one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.table = TABLES.get(lang, zh.WORDS)

    def get(self, key: str) -> str | None:
        return self.table.get(key)

    def __call__(self, key: str, **args: object) -> str:
        return self.table[key].format(**args)

    def param(self, command: str, name: str, argument: bool) -> str | None:
        base = _ALIASES.get(command, command)
        keys = [f"help.{command}.{name}", f"help.{base}.{name}"]
        if argument:
            keys.append(f"help.opt.{name}_arg")
        keys.append(f"help.opt.{name}")
        text = next((t for t in map(self.get, keys) if t is not None), None)
        if text is not None and "{formats}" in text:
            from ledger.reports import REPORTS

            formats = REPORTS[_REPORT_OF[base]].formats
            text = text.format(formats=self("reason.list_sep").join(formats))
        return text

    def metavar(self, command: str, name: str) -> str:
        kind = _METAVARS.get(f"{command}.{name}") or _METAVARS.get(name, "text")
        return self(f"metavar.{kind}")


def build(lang: str) -> typer.Typer:
    """The app with its help in ``lang``."""
    LANGUAGE[0] = lang
    words = Words(lang)
    context = type("Context", (Context,), {"words": words})
    group = type("Group", (Group,), {"context_class": context})
    command = type("Command", (Command,), {"context_class": context})
    app = typer.Typer(
        cls=group,
        name="ledger",
        help=words("help.app"),
        epilog=words("help.epilog.t"),
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        options_metavar=words("metavar.options"),
        subcommand_metavar=words("metavar.command"),
    )
    app.callback()(localized(app_options, "app", words))
    for name, func in COMMANDS.items():
        text = words(f"help.{name}")
        app.command(
            name,
            cls=command,
            help=text,
            epilog=words("help.epilog.t") if _T.search(text) else None,
            options_metavar=words("metavar.options"),
        )(localized(func, name, words))
    return app


def localized(func: Callable[..., Any], command: str, words: Words) -> Callable[..., Any]:
    """``func`` with every option and argument of its signature carrying its help and label in
    the language of ``words`` (Typer reads the signature through ``inspect.signature``, which
    honours ``__signature__``)."""
    signature = inspect.signature(func, eval_str=True)
    params = [_param(p, command, words) for p in signature.parameters.values()]

    def call(**kwargs: Any) -> Any:
        return func(**kwargs)

    call.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
    call.__name__ = func.__name__
    return call


def _param(param: inspect.Parameter, command: str, words: Words) -> inspect.Parameter:
    if get_origin(param.annotation) is not Annotated:
        return param
    base, *extras = get_args(param.annotation)
    info = next((e for e in extras if isinstance(e, ParameterInfo)), None)
    if info is None:
        return param
    info = copy.copy(info)  # the declaration is shared by every command and language
    argument = isinstance(info, ArgumentInfo)
    info.help = words.param(command, param.name, argument)
    if base is not bool:
        info.metavar = words.metavar(command, param.name)
    return param.replace(annotation=Annotated[base, info])


# -- the help's layout ---------------------------------------------------------------------------


def _width(text: str) -> int:
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


def _label(param: Any) -> str:
    """An argument as ``单位`` in help and ``单位`` / ``[名称]`` in the usage line."""
    return str(param.metavar) + ("..." if param.nargs != 1 else "")


# click's own words, as Typer passes them to the formatter, and their keys in the tables
_HEADINGS = {
    "Options": "click.Options",
    "Arguments": "click.Arguments",
    "Commands": "click.Commands",
}
_OWN_HELP = {
    "--help": "help.opt.help",
    "--install-completion": "help.opt.install_completion",
    "--show-completion": "help.opt.show_completion",
}
_EXTRA = re.compile(r"  \[([^\[\]]*)\]$")

# click's help formatter, reached through Typer's public Context
_HelpFormatter: Any = typer.Context.formatter_class


class Formatter(_HelpFormatter):  # type: ignore[misc]
    """Click's help layout in the run's language."""

    words: Words

    def write_heading(self, heading: str) -> None:
        key = _HEADINGS.get(heading)
        text = self.words(key) if key else heading
        self.write(f"{'':>{self.current_indent}}{text}{self.words('click.heading_colon')}\n")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, self.words("click.usage") if prefix is None else prefix)

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        """Two columns aligned by display width (a Chinese character takes two)."""
        rows = [(term, self._reworded(term, text)) for term, text in rows]
        first = min(max((_width(a) for a, _ in rows), default=0), col_max)
        width = self.width or 80
        for term, text in rows:
            self.write(f"{'':>{self.current_indent}}{term}")
            if not text:
                self.write("\n")
                continue
            if _width(term) <= first:
                self.write(" " * (first - _width(term) + col_spacing))
            else:
                self.write("\n" + " " * (first + col_spacing + self.current_indent))
            room = max(width - first - col_spacing - self.current_indent, 20)
            pad = " " * (first + col_spacing + self.current_indent)
            self.write(f"\n{pad}".join(_wrap(text, room)) + "\n")

    def _reworded(self, term: str, text: str) -> str:
        """Click's own texts in the run's language: its options' help, ``[required]`` and
        ``[default: …]``."""
        own = _OWN_HELP.get(term.split(",")[-1].strip())
        if own is not None:
            return self.words(own)
        found = _EXTRA.search(text)
        if found is None:
            return text
        extras = []
        for extra in found[1].split("; "):
            if extra == "required":
                extras.append(self.words("click.required"))
            elif extra.startswith("default: "):
                extras.append(self.words("click.default", default=extra[len("default: ") :]))
            else:
                extras.append(extra)
        return f"{text[: found.start()]}  [{'; '.join(extras)}]"


class Context(typer.Context):
    words: Words  # set for each language by ``build``

    def make_formatter(self) -> Any:
        formatter = Formatter(width=self.terminal_width, max_width=self.max_content_width)
        formatter.words = self.words
        return formatter


class Command(TyperCommand):
    """A command whose arguments read ``单位`` in help and usage (no type, no braces)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                label = _label(param)
                pieces.append(label if param.required else f"[{label}]")
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        rows: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None or param.param_type_name not in rows:
                continue
            term, text = record
            if param.param_type_name == "argument":
                term = str(param.metavar)
            rows[param.param_type_name].append((term, text))
        for kind, heading in (("argument", "Arguments"), ("option", "Options")):
            if rows[kind]:
                with formatter.section(heading):
                    formatter.write_dl(rows[kind])
