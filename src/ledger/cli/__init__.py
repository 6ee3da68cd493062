"""The command line: it parses options and calls the core, nothing more.

The command modules declare the commands (importing them registers them); ``main`` decides the
language before anything is parsed (``ledger.cli.lang``), builds the app with its help in that
language (``ledger.cli.build``) and runs it (``ledger.cli.usage``, which words the parser's
errors). Each command module imports the core inside its command function, so ``ledger --help``
loads neither pydantic nor yaml.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from ledger.cli import check, diff, edit, forms, reports, schema, site, visits
from ledger.cli.options import check_argv

if TYPE_CHECKING:
    import typer


def main() -> None:
    import os
    import sys
    from pathlib import Path

    from ledger.cli import lang, usage
    from ledger.cli.build import build

    tolerant_streams()
    check_argv(sys.argv)
    # One command is one short process, and what it builds (the models, a report) holds no
    # reference cycles: the cyclic collector would only walk the whole ledger again and again.
    # Measured on 2,000 units (medians of 9 paired runs, a busy 2-core machine): a JSON report
    # 2.9 s with the collector, 2.0 s without; cold 5.4 s / 3.1 s; a warm validate 1.6 s / 1.3 s.
    gc.disable()
    args = sys.argv[1:]
    try:
        here = Path.cwd()
    except OSError:  # the current folder was deleted: the command says so in its words
        here = Path(os.sep)
    language = lang.decide(args, os.environ, here)
    sys.exit(usage.run(build(language), args, language))


def __getattr__(name: str) -> typer.Typer:
    """``ledger.cli.app``: the app built in the language this process decides from its own
    command line and environment (for tests and ``typer.main.get_command``)."""
    if name == "app":
        from ledger.cli import lang
        from ledger.cli.build import build

        return build(lang.current())
    raise AttributeError(name)


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


__all__ = ["app", "check", "diff", "edit", "forms", "main", "reports", "schema", "site", "visits"]
