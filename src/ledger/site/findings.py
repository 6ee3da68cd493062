"""The findings of the supervision visits as of T, as the site lists them (contract section 10):
each finding of a visit dated on or before T, with its state and days.

Kept here, small, until the findings report (``ledger findings``) lands: the states are the
contract's, in its order (closed, rectified, overdue, due soon, open).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from ledger.calendar import plus_days
from ledger.model import Finding, Ledger

if TYPE_CHECKING:
    from ledger.site.pages import UnitLink

FindingState = Literal["open", "due_soon", "overdue", "rectified", "closed"]
FINDING_STATES: tuple[FindingState, ...] = ("open", "due_soon", "overdue", "rectified", "closed")


@dataclass(frozen=True)
class FindingLine:
    inspection: str
    visit: str  # the visit's title
    visited: date  # the visit's date
    finding: str
    unit: UnitLink
    project: str | None
    problem: str
    requirement: str
    due: date
    rectified: date | None  # only when on or before T
    closed: date | None  # only when on or before T
    evidence: str | None
    state: FindingState
    days: int | None  # overdue: days late; due soon and open: days left; else None
    late: bool  # rectified (on or before T) after its due date


def finding_state(f: Finding, today: date, warn_days: int) -> tuple[FindingState, int | None]:
    """A finding's state as of T and its days (contract section 10)."""
    if f.closed is not None and f.closed <= today:
        return "closed", None
    if f.rectified is not None and f.rectified <= today:
        return "rectified", None
    if f.due < today:
        return "overdue", (today - f.due).days
    if f.due <= plus_days(today, warn_days):
        return "due_soon", (f.due - today).days
    return "open", (f.due - today).days


def findings_of(
    ledger: Ledger, today: date, keep: set[str], links: Mapping[str, UnitLink]
) -> list[FindingLine]:
    """Every finding of the kept units from the visits dated on or before T, by visit date,
    visit id, then file order."""
    warn = ledger.config.reporting.warn_days
    out = []
    visits = sorted(ledger.visits.values(), key=lambda v: (v.date, v.id))
    for visit in visits:
        if visit.date > today:
            continue
        for f in visit.findings:
            if f.unit not in keep or f.unit not in links:
                continue
            state, days = finding_state(f, today, warn)
            rectified = f.rectified if f.rectified is not None and f.rectified <= today else None
            closed = f.closed if f.closed is not None and f.closed <= today else None
            out.append(
                FindingLine(
                    visit.id,
                    visit.title,
                    visit.date,
                    f.id,
                    links[f.unit],
                    f.project,
                    f.problem,
                    f.requirement,
                    f.due,
                    rectified,
                    closed,
                    f.evidence,
                    state,
                    days,
                    rectified is not None and rectified > f.due,
                )
            )
    return out
