"""The findings of the supervision visits as of T (contract section 10): each one's state, its
days, whether it was rectified late; the findings of a claim and of a unit.

A visit dated after T has not happened as of T: it and its findings are left out of everything
here. Wherever several findings are listed they come in one order: by visit date, visit id, then
file order (``Ledger.findings`` keeps them so).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Literal, NamedTuple

from ledger.calendar import plus_days
from ledger.model import Finding, Ledger, Visit

FindingState = Literal["open", "due_soon", "overdue", "rectified", "closed"]
# the order of the states in every table, filter and count
STATES: tuple[FindingState, ...] = ("open", "due_soon", "overdue", "rectified", "closed")
# what a unit still has to put right: not rectified as of T
OPEN_STATES: frozenset[FindingState] = frozenset({"open", "due_soon", "overdue"})


class VisitFinding(NamedTuple):
    """A finding with the visit that found it: what does not depend on T."""

    visit: Visit
    finding: Finding


class FindingAsOf(NamedTuple):
    """A finding as of T."""

    visit: Visit
    finding: Finding
    state: FindingState
    days: int | None  # overdue: T - due; due soon and open: due - T; else None
    late: bool  # rectified on or before T, after its due date
    rectified: date | None  # the file's day, when on or before T: a later one has not happened
    closed: date | None  # likewise

    @property
    def inspection(self) -> str:
        return self.visit.id

    @property
    def due(self) -> date:
        return self.finding.due


def finding_state(finding: Finding, today: date, soon: date) -> FindingState:
    """A finding's state as of T (``soon`` = T + warn_days)."""
    if finding.closed is not None and finding.closed <= today:
        return "closed"
    if finding.rectified is not None and finding.rectified <= today:
        return "rectified"
    if finding.due < today:
        return "overdue"
    if finding.due <= soon:
        return "due_soon"
    return "open"


def as_of(pair: VisitFinding, today: date, soon: date) -> FindingAsOf:
    visit, finding = pair
    state = finding_state(finding, today, soon)
    days: int | None = None
    if state == "overdue":
        days = (today - finding.due).days
    elif state in ("due_soon", "open"):
        days = (finding.due - today).days
    rectified = _until(finding.rectified, today)
    late = rectified is not None and rectified > finding.due
    return FindingAsOf(visit, finding, state, days, late, rectified, _until(finding.closed, today))


def _until(day: date | None, today: date) -> date | None:
    """A date of the file as of T: one after T has not happened yet."""
    return day if day is not None and day <= today else None


def states_of(pairs: Iterable[VisitFinding], today: date, warn_days: int) -> Iterator[FindingAsOf]:
    """The findings of ``pairs`` from the visits dated on or before T, as of T, in their order."""
    soon = plus_days(today, warn_days)
    for pair in pairs:
        if pair.visit.date <= today:
            yield as_of(pair, today, soon)


def all_findings(ledger: Ledger) -> list[VisitFinding]:
    """Every finding of every visit, whatever its date, in the order of section 10."""
    visits = sorted(ledger.visits.values(), key=lambda v: (v.date, v.id))
    return [VisitFinding(v, f) for v in visits for f in v.findings]


def findings_as_of(ledger: Ledger, today: date) -> list[FindingAsOf]:
    """Every finding of the visits dated on or before T, as of T, in the order of section 10."""
    return list(states_of(all_findings(ledger), today, ledger.config.reporting.warn_days))


class FindingIndex(NamedTuple):
    """The findings of a ledger by unit and by claim, whatever T: a report builds it once."""

    by_unit: dict[str, list[VisitFinding]]
    by_claim: dict[tuple[str, str], list[VisitFinding]]  # (unit, project)

    def of_unit(self, unit: str) -> list[VisitFinding]:
        return self.by_unit.get(unit, [])

    def of_claim(self, unit: str, project: str) -> list[VisitFinding]:
        return self.by_claim.get((unit, project), [])


def index(ledger: Ledger) -> FindingIndex:
    by_unit: dict[str, list[VisitFinding]] = {}
    by_claim: dict[tuple[str, str], list[VisitFinding]] = {}
    for pair in all_findings(ledger):
        finding = pair.finding
        by_unit.setdefault(finding.unit, []).append(pair)
        if finding.project is not None:
            by_claim.setdefault((finding.unit, finding.project), []).append(pair)
    return FindingIndex(by_unit, by_claim)


NO_FINDINGS = FindingIndex({}, {})
