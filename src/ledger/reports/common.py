"""What the report builders share: the words, the unit scope, the hierarchy order."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache

from ledger.asof.status import Flag, Reason, claimed_on
from ledger.calendar import Quarter
from ledger.hierarchy import depth, units_under
from ledger.i18n import t
from ledger.model import Ledger, Unit
from ledger.reports.document import Total

FLAGS: tuple[Flag, ...] = ("red", "yellow", "green")


@lru_cache(maxsize=512)
def word(kind: str, value: str | None, lang: str) -> str:
    """A value's word in the report language: ``word("flag", "red", "zh")`` is 红灯. Kept: a
    report asks for the same few words (flags, states, statuses) on every row."""
    return t("none", lang) if value is None else t(f"{kind}.{value}", lang)


def iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def as_of_line(today: date, lang: str) -> str:
    """统计截至 2026-11-25: under a report's title, and on every printed page beside it (a
    document's ``stamp``), so a loose page finds its place."""
    return t("meta.as_of", lang, date=today.isoformat())


def meta(ledger: Ledger, today: date, lang: str, unit: str | None = None) -> list[str]:
    lines = [t("meta.ledger", lang, title=ledger.config.ledger.title), as_of_line(today, lang)]
    if unit is not None:
        lines.append(t("meta.scope", lang, unit=unit_label(ledger, unit, lang)))
    return lines


def no_claims(ledger: Ledger, today: date, lang: str, scope: str | None = None) -> str:
    """What a report with no claims says: that there are none, or, when every claim of the
    ledger (under ``scope``) was claimed after T, why none shows (a new ledger's example claim
    counts from 1 January of a ledger year that has not begun)."""
    days = [claimed_on(c, ledger.year) for u in scoped(ledger, scope) for c in u.claims]
    if not days or min(days) <= today:
        return t("empty.claims", lang)
    first = min(days).isoformat()
    return t("empty.claims_later", lang, date=today.isoformat(), n=len(days), first=first)


def unit_label(ledger: Ledger, unit_id: str, lang: str) -> str:
    unit = ledger.units.get(unit_id)
    return t("meta.scope_unit", lang, name=unit.name, id=unit_id) if unit is not None else unit_id


def scoped(ledger: Ledger, scope: str | None) -> list[Unit]:
    """``--unit U``: U and the units under it (all units when None); an unknown U is the
    caller's to check first (``ledger.units``)."""
    return list(ledger.units.values()) if scope is None else units_under(ledger, scope)


def official(unit: Unit) -> tuple[bool, int, str]:
    """A unit's place among its siblings in official lists (contract section 4)."""
    return (unit.order is None, unit.order or 0, unit.id)


def tree_order(ledger: Ledger, keep: Iterable[str]) -> list[tuple[Unit, int]]:
    """The kept units in the official order: the parent hierarchy (a parent, then the units
    under it), siblings by ``order`` then id, the unnumbered after the numbered; each with its
    depth."""
    wanted = set(keep)
    children: dict[str | None, list[str]] = {}
    for unit in sorted(ledger.units.values(), key=official):
        parent = unit.parent if unit.parent in ledger.units else None
        children.setdefault(parent, []).append(unit.id)
    out: list[tuple[Unit, int]] = []
    seen: set[str] = set()
    stack = [(uid, 0) for uid in reversed(children.get(None, []))]
    while stack:
        uid, _ = stack.pop()
        if uid in seen:
            continue
        seen.add(uid)
        if uid in wanted:
            out.append((ledger.units[uid], depth(ledger, ledger.units[uid])))
        stack.extend((c, 0) for c in reversed(children.get(uid, [])))
    # units caught in a parent cycle have no top: list them last, by id
    out.extend((ledger.units[u], 0) for u in sorted(wanted - seen) if u in ledger.units)
    return out


def period_line(quarter: Quarter, lang: str) -> str:
    """The heading line that names the quarter a report covers."""
    return t(
        "meta.period",
        lang,
        quarter=quarter.label,
        start=quarter.start.isoformat(),
        end=quarter.end.isoformat(),
    )


def flag_totals(now: dict[Flag, int], before: dict[Flag, int] | None, lang: str) -> list[Total]:
    """红灯 / 黄灯 / 绿灯 counts, each with the figure at the previous quarter's end if known."""
    return [
        Total(
            word("flag", flag, lang),
            now[flag],
            flag if now[flag] else None,
            before[flag] if before is not None else None,
        )
        for flag in FLAGS
    ]


_FLAG_RANK = {"red": 0, "yellow": 1, "green": 2}


def flag_first(flag: str, reasons: Sequence[Reason]) -> tuple[int, int]:
    """``--sort flag``: red first, then yellow, then green; within a colour, most days late
    first (a stable sort keeps the official order among equals)."""
    late = max((r.days or 0 for r in reasons if r.red), default=0)
    return (_FLAG_RANK[flag], -late)


_POSITION = re.compile(r"\s*[（(][^）)]*[）)]\s*")


def person(leader: str) -> str:
    """A leader's name without the position in brackets, for a narrow table:
    刘建军（区委副书记） -> 刘建军."""
    return _POSITION.sub("", leader).strip() or leader
