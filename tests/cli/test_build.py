"""cli/build.py: the app built with the help texts of one language, every option with its help."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_option_has_help_in_each_language(language: str) -> None:
    import typer.main

    from ledger.cli.build import build

    group = typer.main.get_command(build(language))
    commands = {"": group, **group.commands}  # type: ignore[attr-defined]
    for name, command in commands.items():
        assert command.help, f"`ledger {name}` has no help in {language}: add help.{name}"
        for param in command.params:
            assert param.help, (
                f"`ledger {name}`'s {param.name} has no help in {language}: add "
                f"help.{name}.{param.name} (or help.opt.{param.name}) to ledger/i18n/help_*.py"
            )
