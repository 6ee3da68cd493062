"""Each claim's flag as of T on one side of a comparison, through the flags' public entry
(``ledger.asof.status.statuses``): whatever colours a flag there (milestones, reports, findings)
colours it here."""

from __future__ import annotations

from datetime import date

from ledger.asof.status import statuses
from ledger.load.ledger import Loaded

FlagMap = dict[tuple[str, str], str] | None  # (unit, project) -> flag, by unit id and claim order


def flags(loaded: Loaded, today: date, only: set[str] | None = None) -> FlagMap:
    """The flag of every claim as of ``today`` (of the units in ``only``, when given), with this
    side's own settings and book; None when this side's settings or book could not be read (no
    flag can be said)."""
    if loaded.config is None or loaded.book is None:
        return None
    ledger = loaded.ledger()
    units = None if only is None else [u for i, u in ledger.units.items() if i in only]
    out: dict[tuple[str, str], str] = {}
    for status in statuses(ledger, today, units):
        out.setdefault((status.unit.id, status.claim.project), status.flag)
    return out
