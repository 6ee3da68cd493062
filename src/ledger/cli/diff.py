"""``ledger diff [FROM [TO]]``: what changed between two versions (contract section 11).

Parse, call ``ledger.diff.diff``, render with the format the registry names. Exit 2 for what the
contract lists (not a git repository, an unknown revision, no ledger there); errors in the files
of either side are a note on stderr and change no exit code; ``--strict`` exits 1 when a change
needs attention.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from ledger.cli.options import (
    LANGUAGE,
    LangOpt,
    NoCacheOpt,
    RootOpt,
    TodayOpt,
    command,
    fail,
    shared,
)

if TYPE_CHECKING:
    from ledger.load.ledger import Loaded
    from ledger.problems import Problem


@command("diff")
def diff(
    start: Annotated[str, typer.Argument(show_default=False)] = "HEAD",
    end: Annotated[str | None, typer.Argument(show_default=False)] = None,
    format: Annotated[str, typer.Option("--format", "-f", show_default=True)] = "text",
    strict: Annotated[bool, typer.Option("--strict")] = False,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """``ledger diff`` (its help: ``help.diff`` in ``ledger.i18n``)."""
    from ledger.diff import GitError
    from ledger.diff import diff as compare
    from ledger.diff.render import FORMATS
    from ledger.i18n import listed

    env = shared(root, today, lang, no_cache)
    if format not in FORMATS:
        fail("diff.bad_format", env.lang, value=format, choices=listed(list(FORMATS)))
    try:
        found = compare(env.root, start, end, env.today, env.cache)
    except GitError as exc:
        fail(exc.key, env.lang, **exc.args_)
    config = found.after.config or found.before.config
    language = env.lang or (config.ledger.language if config is not None else LANGUAGE[0])
    _note(found.before, "from", start, language)
    _note(found.after, "to", end, language)
    sys.stdout.write(FORMATS[format](found, language))
    sys.stdout.flush()
    if strict and found.attention:
        from ledger.i18n import t

        typer.echo(f"ledger: {t('diff.strict', language, n=found.attention)}", err=True)
        raise typer.Exit(1)


def _note(loaded: Loaded, side: str, rev: str | None, lang: str) -> None:
    """The files of one side that have errors, each with its first: compared as far as read."""
    from ledger.i18n import t
    from ledger.render.problems import text

    first: dict[str, Problem] = {}
    for p in loaded.problems:
        if p.level == "error":
            first.setdefault(p.path, p)
    if not first:
        return
    problems = loaded.resolve(list(first.values()))
    where = rev if rev is not None else t("diff.worktree", lang)
    head = t("diff.note", lang, side=t(f"diff.side.{side}", lang), rev=where, n=len(first))
    body = text(problems, lang, loaded.files_read).rsplit("\n", 2)[0]
    typer.echo(f"ledger: {head}\n{body}", err=True)
