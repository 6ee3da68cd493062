"""The Typer app: it parses options and calls the core, nothing more.

Each command module imports the core inside its command function, so ``ledger --help`` loads
neither pydantic nor yaml.
"""

from __future__ import annotations

import gc

from ledger.cli import check, edit, forms, reports, schema
from ledger.cli.app import app


def main() -> None:
    # One command is one short process, and what it builds (the models, a report) holds no
    # reference cycles: the cyclic collector would only walk the whole ledger again and again
    # (a third of a report's time on 2,000 units). Memory is freed by reference counting.
    gc.disable()
    app()


__all__ = ["app", "check", "edit", "forms", "main", "reports", "schema"]
