"""Each claim's flag as of T on one side of a comparison, through the flags' public entry
(``ledger.asof.status.statuses``): whatever colours a flag there (milestones, reports, findings)
colours it here."""

from __future__ import annotations

from datetime import date

from ledger.asof.status import statuses
from ledger.load.ledger import Loaded

FlagMap = dict[tuple[str, str], str] | None  # (unit, project) -> flag, by unit id and claim order


def flags(loaded: Loaded, today: date) -> FlagMap:
    """The flag of every claim as of ``today``, with this side's own settings and book; None when
    this side's settings or book could not be read (no flag can be said)."""
    if loaded.config is None or loaded.book is None:
        return None
    out: dict[tuple[str, str], str] = {}
    for status in statuses(loaded.ledger(), today):
        out.setdefault((status.unit.id, status.claim.project), status.flag)
    return out
