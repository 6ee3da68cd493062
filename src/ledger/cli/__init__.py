"""The Typer app: it parses options and calls the core, nothing more.

Each command module imports the core inside its command function, so ``ledger --help`` loads
neither pydantic nor yaml.
"""

from __future__ import annotations

from ledger.cli import check, edit, forms, reports, schema
from ledger.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "check", "edit", "forms", "main", "reports", "schema"]
