"""``ledger site``: the ledger as of T as a static web site (contract section 12)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ledger.cli.options import (
    LangOpt,
    NoCacheOpt,
    RootOpt,
    TodayOpt,
    UnitOpt,
    command,
    fail,
    shared,
)


@command("site")
def site(
    output: Annotated[Path, typer.Option("--output", "-o")],
    unit: UnitOpt = None,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """``ledger site`` (its help: ``help.site`` in ``ledger.i18n``)."""
    from ledger.cli.reports import open_ledger, unit_scope
    from ledger.i18n import t
    from ledger.site import make
    from ledger.site.write import SiteRefused, check_folder, write_site

    env = shared(root, today, lang, no_cache)
    ledger, language = open_ledger(env)
    scope = unit_scope(ledger, unit, language)
    try:
        # refused before anything is built: the folder is the first thing a typo gets wrong
        check_folder(output, ledger.root)
        files = make(ledger, env.today, language, scope)
        write_site(output, files, ledger.root, t("site.marker", language))
    except SiteRefused as exc:
        fail(exc.key, language, **exc.args_)
    pages = sum(1 for name in files if name.endswith(".html"))
    index = output / "index.html"
    typer.echo(t("site.written", language, path=output, pages=pages, index=index), err=True)
