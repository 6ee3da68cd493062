"""The Typer app: it parses options and calls the core, nothing more.

Each command module imports the core inside its command function, so ``ledger --help`` loads
neither pydantic nor yaml.
"""

from __future__ import annotations

from ledger.cli import check, edit, reports, schema
from ledger.cli.app import app


def main() -> None:
    tolerant_streams()
    app()


def tolerant_streams() -> None:
    """Never fail on a character the console cannot show: a Chinese Windows console (code page
    936, GBK) has no 𠮷 and no emoji, and Python's default there is to raise UnicodeEncodeError
    mid-report. Such a character is written as ``?`` instead; the files are never affected."""
    import contextlib
    import sys

    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or getattr(stream, "errors", "strict") != "strict":
            continue
        # ValueError, OSError: a stream already written to in another encoding
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="replace")


__all__ = ["app", "check", "edit", "main", "reports", "schema"]
