"""The Typer app: it parses options and calls the core, nothing more.

Each command module imports the core inside its command function, so ``ledger --help`` loads
neither pydantic nor yaml.
"""

from __future__ import annotations

import gc

from ledger.cli import check, edit, forms, reports, schema
from ledger.cli.app import app, check_argv
from ledger.lifetime import keep_until_exit


def main() -> None:
    import sys

    tolerant_streams()
    without_pydantic_plugins()
    check_argv(sys.argv)
    # One command is one short process, and what it builds (the models, a report) holds no
    # reference cycles: the cyclic collector would only walk the whole ledger again and again
    # (a third of a report's time on 2,000 units). Memory is freed by reference counting.
    gc.disable()
    keep_until_exit()  # end_now frees nothing: what the loader makes is left to the system
    try:
        app()
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            end_now(exc.code or 0)
        raise


def end_now(code: int) -> None:
    """End the process at once with ``code``, once its output is out. Python's own ending
    empties every module and walks every object left (about 50 ms after a report on 2,000
    units, a fifth of a warm validate's time); the operating system takes a process's memory
    back in one go. The exit handlers still run (they are Python's promise to code that
    registers one); only the freeing is skipped. When the output cannot be written (a closed
    pipe), Python's ending is left to say so as it always does."""
    import atexit
    import os
    import sys

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    atexit._run_exitfuncs()
    os._exit(code)


def without_pydantic_plugins() -> None:
    """Give pydantic a plugin loader that finds none. The real one imports importlib.metadata
    and reads the metadata of every installed package, looking for plugins (tracing hooks) this
    tool never uses, when the first model is built: about 20 ms of every command, a twentieth of
    a warm validate. Only the command-line process: the library, imported into someone else's
    program, leaves pydantic as it is. ``PYDANTIC_DISABLE_PLUGINS`` would skip the reading but
    not the import."""
    import sys
    import types

    if "pydantic.plugin._loader" in sys.modules:
        return
    loader = types.ModuleType("pydantic.plugin._loader")
    loader.get_plugins = tuple  # type: ignore[attr-defined]  # no plugins: an empty tuple
    sys.modules["pydantic.plugin._loader"] = loader


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


__all__ = ["app", "check", "edit", "forms", "main", "reports", "schema"]
