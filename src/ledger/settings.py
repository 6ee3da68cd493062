"""Where the ledger is and which day it is: the shared options of every command, resolved.

Nothing here reads the clock: the caller passes the default day in.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ledger.i18n import words
from ledger.load import CONFIG
from ledger.model import ISO_DATE, iso_hint


class SettingsError(Exception):
    """A usage or settings problem (exit 2); ``key`` names its message in ``ledger.i18n``."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


def find_root(explicit: Path | None, env: str | None, cwd: Path) -> Path:
    """``--root``, else ``$LEDGER_ROOT``, else the nearest folder at or above ``cwd`` holding
    ledger.toml."""
    given = explicit if explicit is not None else (Path(env) if env else None)
    if given is not None:
        if not given.is_dir():
            raise SettingsError("root_not_dir", root=given)
        if not (given / CONFIG).is_file():
            raise SettingsError("root_no_config", root=given)
        return given
    for folder in (cwd, *cwd.parents):
        if (folder / CONFIG).is_file():
            return folder
    raise SettingsError("no_root", cwd=cwd)


def parse_day(text: str, key: str = "bad_today") -> date:
    if ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    iso = iso_hint(text)
    # worded in the reader's language: full-width brackets in Chinese
    raise SettingsError(key, value=text, hint=words("hint.iso_guess", iso=iso) if iso else "")
