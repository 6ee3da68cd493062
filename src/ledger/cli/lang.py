"""The language of help and messages, decided before the options are parsed (contract section 7):
``--lang``, else ``$LEDGER_LANG``, else the ledger's language, else the locale (``zh_*`` gives
Chinese, another language English), else Chinese.

Help is written before any option is read, so this scans the command line itself. It must stay
cheap (``ledger --help`` loads neither yaml nor pydantic): ledger.toml is read with tomllib alone.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from ledger.regular import read_regular

LANGUAGES = ("zh", "en")
# the settings file, named here too: this module runs before any reading and must stay light
LEDGER_TOML = "ledger.toml"


def option_value(argv: Sequence[str], *names: str) -> str | None:
    """The value of the last ``--name VALUE`` or ``--name=VALUE`` on the command line."""
    found: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        for name in names:
            if arg == name and i + 1 < len(argv):
                found = argv[i + 1]
            elif name.startswith("--") and arg.startswith(name + "="):
                found = arg[len(name) + 1 :]
    return found


def explicit(argv: Sequence[str], environ: Mapping[str, str]) -> str | None:
    """``--lang`` if valid, else ``$LEDGER_LANG`` if valid: the language asked for, if any."""
    given = option_value(argv, "--lang")
    if given in LANGUAGES:
        return given
    env = environ.get("LEDGER_LANG", "").strip().lower()
    return env if env in LANGUAGES else None


def decide(argv: Sequence[str], environ: Mapping[str, str], cwd: Path) -> str:
    """The language of help and of messages given before the ledger is read."""
    return (
        explicit(argv, environ)
        or ledger_language(argv, environ, cwd)
        or locale_language(environ)
        or "zh"
    )


def ledger_language(argv: Sequence[str], environ: Mapping[str, str], cwd: Path) -> str | None:
    """The ``[ledger] language`` of the ledger the command would read (``zh`` when not set); None
    when there is no readable ledger.toml."""
    import tomllib

    root = option_value(argv, "--root", "-C") or environ.get("LEDGER_ROOT")
    candidates = [Path(root)] if root else [cwd, *cwd.parents]
    for folder in candidates:
        path = folder / LEDGER_TOML
        try:
            # only a regular file of a settings file's size, checked on the open file: a pipe or
            # a device here would hang or never end (the command itself then reports it, F008)
            data = tomllib.loads(read_regular(path, 1 << 20).decode("utf-8-sig"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
            if root:
                return None
            continue
        section = data.get("ledger")
        language = section.get("language", "zh") if isinstance(section, dict) else "zh"
        return language if language in LANGUAGES else None
    return None


def locale_language(environ: Mapping[str, str]) -> str | None:
    """The locale's language: ``zh_CN.UTF-8`` gives Chinese, ``en_US`` English; ``C``, ``POSIX``
    or nothing says nothing. LC_ALL, then LC_MESSAGES, then LANG (as gettext reads them)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if not value:
            continue
        base = value.split(".")[0].split("@")[0].lower()
        if base in ("c", "posix"):
            return None
        return "zh" if base.startswith("zh") else "en"
    return None


def current() -> str:
    """The language decided for this process from ``sys.argv`` and the environment."""
    import sys

    return decide(sys.argv[1:], os.environ, Path.cwd())
