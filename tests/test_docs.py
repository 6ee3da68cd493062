"""The user guides keep up with the commands and options (as sqlite-utils checks its docs)."""

from __future__ import annotations

import re

import pytest
import typer

from ledger.cli import app
from tests.conftest import REPO

COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_in_the_guides(lang: str, name: str) -> None:
    guide = (REPO / "docs" / lang / "guide.md").read_text(encoding="utf-8")
    assert re.search(rf"ledger {name}\b", guide), (
        f"docs/{lang}/guide.md does not show `ledger {name}`"
    )


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_is_in_the_english_guide_or_format_reference(name: str) -> None:
    docs = "".join(
        (REPO / "docs" / "en" / f).read_text(encoding="utf-8") for f in ("guide.md", "format.md")
    )
    for param in COMMANDS[name].params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--") and opt not in ("--help",):
                assert opt in docs, f"`ledger {name} {opt}` is not documented"
