"""``ledger schema``: JSON Schema of the files, for editors (e.g. the YAML extension of VS Code)."""

from __future__ import annotations

from typing import Annotated

import typer

from ledger.cli.options import LangOpt, RootOpt, TodayOpt, command, fail


@command("schema")
def schema(
    name: Annotated[str | None, typer.Argument()] = None,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    """``ledger schema`` (its help: ``help.schema`` in ``ledger.i18n``)."""
    import json

    from ledger.editor_schema import SCHEMAS, json_schema

    if name is not None and name not in SCHEMAS:
        fail("bad_schema_name", lang, value=name)
    doc = json_schema(name) if name else {n: json_schema(n) for n in SCHEMAS}
    typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
