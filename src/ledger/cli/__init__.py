"""The Typer app: it parses options and calls the core, nothing more.

Each command module imports the core inside its command function, so ``ledger --help`` loads
neither pydantic nor yaml.
"""

from __future__ import annotations

from ledger.cli import check, edit, reports, schema
from ledger.cli.app import app, check_argv


def main() -> None:
    import sys

    for stream in (sys.stdout, sys.stderr):  # a GBK console cannot show every character
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    check_argv(sys.argv)
    app()


__all__ = ["app", "check", "edit", "main", "reports", "schema"]
