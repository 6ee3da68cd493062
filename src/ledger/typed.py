"""What a clerk may type on the command line or in a form (contract section 7): units by id,
name or short name; quarters and halves in Chinese or as codes; statuses in either language;
percents with or without ``%``.

Each reader returns the canonical value or raises ``Untyped`` naming the message (a key in
``ledger.i18n``) and its arguments; the CLI turns that into exit 2, an import into a problem at
the cell. Full-width digits and letters (``２０２６Ｑ３``, ``６５％``) read as their ASCII forms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from ledger.asof.findings import STATES, FindingState
from ledger.calendar import Quarter
from ledger.hints import did_you_mean
from ledger.i18n import listed
from ledger.model import STATUSES, Status, Unit


class Untyped(ValueError):
    """A typed value that cannot be read: ``key`` names the message in ``ledger.i18n``."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER = re.compile(
    r"(?:(?P<year>[0-9]{4})\s*(?:年\s*)?)?"
    r"(?:[Qq]\s*(?P<q>[1-4])|第?\s*(?P<cn>[一二三四1-4])\s*季度?|(?P<bare>[1-4]))"
)
_HALF = re.compile(
    r"(?:(?P<year>[0-9]{4})\s*(?:年\s*)?)?(?:[Hh]\s*(?P<h>[12])|(?P<cn>[上下])\s*半\s*年)"
)
_PERCENT = re.compile(r"(?P<n>[0-9]+(?:\.[0-9]+)?)\s*%?")


def _normal(text: str) -> str:
    """Full-width forms as ASCII (NFKC), surrounding spaces gone."""
    return unicodedata.normalize("NFKC", text).strip()


def quarter(text: str, year: int) -> Quarter:
    """``2026Q3``, ``Q3``, ``3``, ``三季度``, ``第三季度``, ``2026年第三季度`` … as a quarter of
    the ledger year."""
    m = _QUARTER.fullmatch(_normal(text))
    if m is None:
        raise Untyped("bad_quarter", value=text, year=year)
    if m["year"] is not None and int(m["year"]) != year:
        raise Untyped("quarter_other_year", value=text, year=year)
    n = m["q"] or m["bare"] or m["cn"]
    return Quarter(year, _CN_DIGITS[n])


def half(text: str, year: int) -> str:
    """``H1``, ``2026H1``, ``上半年``, ``下半年``, ``2026年上半年`` as ``H1`` or ``H2``."""
    m = _HALF.fullmatch(_normal(text))
    if m is None:
        raise Untyped("bad_half", value=text, year=year)
    if m["year"] is not None and int(m["year"]) != year:
        raise Untyped("half_other_year", value=text, year=year)
    if m["h"] is not None:
        return f"H{m['h']}"
    return "H1" if m["cn"] == "上" else "H2"


def status(text: str) -> Status:
    """A status in the English or Chinese words of contract section 4 (``on_track``,
    ``正常推进``…); ``on track`` and ``On_Track`` read as ``on_track``."""
    word = _normal(text)
    if word in STATUSES:
        return STATUSES[word]  # type: ignore[return-value]
    folded = re.sub(r"[\s-]+", "_", word.lower())
    if folded in STATUSES:
        return STATUSES[folded]  # type: ignore[return-value]
    raise Untyped(
        "bad_status", value=text, choices=listed(list(STATUSES)), **did_you_mean(word, STATUSES)
    )


# a finding's state as a clerk types it: the English keys, the words the rectification ledger
# shows (Chinese first), and the words of the contract (整改完成, 核验销号)
_FINDING_STATES: dict[str, FindingState] = {
    **{s: s for s in STATES},
    "未到期": "open",
    "未整改": "open",
    "即将到期": "due_soon",
    "逾期": "overdue",
    "整改逾期": "overdue",
    "逾期未整改": "overdue",
    "已逾期": "overdue",
    "已整改": "rectified",
    "整改完成": "rectified",
    "已销号": "closed",
    "销号": "closed",
    "核验销号": "closed",
}


def finding_state(text: str) -> FindingState:
    """A finding's state (contract section 10) in English or Chinese: ``overdue``, ``逾期``,
    ``due soon``, ``即将到期``, ``已销号``…"""
    word = _normal(text)
    folded = re.sub(r"[\s-]+", "_", word.lower())
    for key in (word, folded):
        if key in _FINDING_STATES:
            return _FINDING_STATES[key]
    choices = listed([*STATES, "未到期", "即将到期", "逾期", "已整改", "已销号"])
    raise Untyped(
        "bad_finding_state", value=text, choices=choices, **did_you_mean(word, _FINDING_STATES)
    )


def percent(text: str) -> int | float:
    """``65``, ``65%``, ``65.5%`` as a number 0..100 (a whole number as an int)."""
    m = _PERCENT.fullmatch(_normal(text))
    if m is None:
        raise Untyped("bad_percent_text", value=text)
    value = float(m["n"])
    if not 0 <= value <= 100:
        raise Untyped("bad_percent", value=text)
    return int(value) if value.is_integer() and "." not in m["n"] else value


def unit(text: str, units: Mapping[str, Unit]) -> str:
    """The id of the unit a clerk named by its id, its ``name`` or its ``short_name`` (exact,
    after full-width forms are read as ASCII). A name two units share is an error listing
    them; a near miss gets a did-you-mean over ids and names."""
    if text in units:
        return text
    word = _normal(text)
    if word in units:
        return word
    named = [u.id for u in units.values() if word in (u.name, u.short_name)]
    if len(named) == 1:
        return named[0]
    if named:
        raise Untyped("ambiguous_unit", value=text, ids=", ".join(sorted(named)))
    raise Untyped("unknown_unit", value=text, **did_you_mean(word, _names(units.values())))


def _names(units: Iterable[Unit]) -> list[str]:
    out: list[str] = []
    for u in units:
        out.append(u.id)
        out.append(u.name)
        if u.short_name:
            out.append(u.short_name)
    return out
