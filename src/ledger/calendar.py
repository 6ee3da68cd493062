"""The calendar of a ledger year (contract section 5): quarters, their last days and report due
dates, and the reporting quarter R(T). Pure functions of their arguments: T is always given."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import NamedTuple

from ledger.model import QUARTER


class Quarter(NamedTuple):
    """A quarter of a year. A named tuple, not a dataclass: quarters key every claim's report
    states and are compared by the rules for every progress entry, and a tuple's hash and order
    are C code (a dataclass's are Python functions, called about 100,000 times on 2,000 units).
    Two quarters compare as (year, q)."""

    year: int
    q: int  # 1..4

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str) -> Quarter:
        return _parse_quarter(text)

    @property
    def label(self) -> str:
        return f"{self.year}Q{self.q}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.q - 2, 1)

    @property
    def end(self) -> date:
        return date(self.year, 3 * self.q, _LAST_DAY[self.q])

    def report_due(self, report_due_days: int) -> date:
        return _report_due(self.year, self.q, report_due_days)


_LAST_DAY = {1: 31, 2: 30, 3: 30, 4: 31}


@cache
def _parse_quarter(text: str) -> Quarter:
    """``Quarter.parse``, once per text: the rules parse the quarter of every progress entry, and
    a ledger holds a handful of distinct ones. The cache stays small: the pattern admits at most
    40,000 texts, and one it refuses raises and is not kept."""
    m = QUARTER.fullmatch(text)
    if m is None:
        raise ValueError(text)
    return Quarter(int(m[1]), int(m[2]))


@lru_cache(maxsize=64)
def _report_due(year: int, q: int, report_due_days: int) -> date:
    """``Quarter.report_due``, once per quarter: the reports ask it for every claim."""
    return plus_days(Quarter(year, q).end, report_due_days)


def plus_days(day: date, days: int) -> date:
    """``day`` plus ``days``, held at the last or first day Python can count (9999-12-31,
    0001-01-01): T may be any ISO date, and a due date past the end of time is simply late."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


@lru_cache(maxsize=16)
def year_quarters(year: int) -> tuple[Quarter, ...]:
    return tuple(Quarter(year, q) for q in range(1, 5))


@dataclass(frozen=True, slots=True)
class QuarterDays:
    quarter: Quarter
    label: str
    end: date
    due: date


@lru_cache(maxsize=16)
def year_calendar(year: int, report_due_days: int) -> tuple[QuarterDays, ...]:
    """The ledger year's quarters with their last days and report due dates, computed once."""
    return tuple(
        QuarterDays(q, q.label, q.end, q.report_due(report_due_days)) for q in year_quarters(year)
    )


def reporting_quarter(year: int, today: date, report_due_days: int) -> Quarter:
    """R(T), the quarter whose reports are being collected on day T (contract section 5): the
    quarter of the ledger year that has ended and whose report is due on or after T, else T's
    quarter, or Q1 / Q4 when T lies before / after the ledger year. Bare ``--quarter`` means it.

    When ``report_due_days`` is so long that two quarters are being collected at once, the later
    one is meant: the earlier one's collection is nearly over."""
    for days in reversed(year_calendar(year, report_due_days)):
        if days.end < today <= days.due:
            return days.quarter
    if today.year < year:
        return Quarter(year, 1)
    if today.year > year:
        return Quarter(year, 4)
    return Quarter.of(today)


def reporting_half(year: int, today: date, report_due_days: int) -> str:
    """Bare ``--half``: the half that holds R(T), ``H1`` or ``H2``."""
    return "H1" if reporting_quarter(year, today, report_due_days).q <= 2 else "H2"
