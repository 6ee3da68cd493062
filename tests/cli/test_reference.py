"""cli/reference.py: docs/en/cli.md and docs/zh/cli.md are the real `--help` of every command."""

from __future__ import annotations

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_the_command_reference_is_current() -> None:
    """docs/*/cli.md are ``--help`` of every command: regenerated, they must not change. After
    changing a command or a help text, run ``python -m ledger.cli.reference``."""
    from ledger.cli.reference import commands, page

    for lang in ("en", "zh"):
        current = (REPO / "docs" / lang / "cli.md").read_text(encoding="utf-8")
        assert current == page(lang), f"docs/{lang}/cli.md is stale: python -m ledger.cli.reference"
        for name in commands():
            assert f"## `ledger {name}`" in current
