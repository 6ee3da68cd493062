"""What a claim owes as of T (contract section 5, "what a unit owes"): ``ledger remind`` and the
forms' heading; and what a unit owes for the findings of the supervision visits (section 10)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal, NamedTuple

from ledger.asof.findings import FindingAsOf
from ledger.asof.status import ClaimStatus, Milestone
from ledger.calendar import Quarter
from ledger.model import Ledger

OwedKind = Literal[
    "overdue",
    "past_deadline",
    "missing_report",
    "report_due",
    "due_soon",
    "finding_overdue",
    "finding_due_soon",
]


class Owed(NamedTuple):
    """One thing a claim owes as of T (contract section 5, "what a unit owes")."""

    kind: OwedKind
    due: date
    days: int  # days late; for report_due and due_soon, days left
    milestone: Milestone | None = None  # overdue, due_soon
    quarter: Quarter | None = None  # missing_report, report_due
    finding: FindingAsOf | None = None  # finding_overdue, finding_due_soon


def owed(status: ClaimStatus, quarter: Quarter, ledger: Ledger) -> list[Owed]:
    """What one claim owes as of its day T, for the collection of ``quarter``: each overdue
    milestone, past deadline, each missing report, ``quarter``'s report when it is not due yet
    but due within warn_days, each milestone due soon. A complete claim owes nothing."""
    if status.complete:
        return []
    today = status.today
    reporting = ledger.config.reporting
    out = [
        Owed("overdue", m.due, (today - m.due).days, m)
        for m, state in status.milestones
        if state == "overdue"
    ]
    if status.past_deadline:
        deadline = status.claim.deadline
        out.append(Owed("past_deadline", deadline, (today - deadline).days))
    for q, state in status.reports.items():
        if state == "missing":
            due = q.report_due(reporting.report_due_days)
            out.append(Owed("missing_report", due, (today - due).days, quarter=q))
    if status.reports.get(quarter) == "not_due":
        due = quarter.report_due(reporting.report_due_days)
        if (due - today).days <= reporting.warn_days:
            out.append(Owed("report_due", due, (due - today).days, quarter=quarter))
    out += [
        Owed("due_soon", m.due, (m.due - today).days, m)
        for m, state in status.milestones
        if state == "due_soon"
    ]
    return out


def findings_owed(findings: Iterable[FindingAsOf]) -> list[Owed]:
    """What a unit owes for its findings as of T (section 10), in their order: each overdue
    (days late) or due soon (days left). Those of a complete claim are owed all the same: the
    inspectors' time limit does not end with the unit's own report of done."""
    kinds: dict[str, OwedKind] = {"overdue": "finding_overdue", "due_soon": "finding_due_soon"}
    out = []
    for f in findings:
        kind = kinds.get(f.state)
        if kind is not None and f.days is not None:  # both states count days
            out.append(Owed(kind, f.due, f.days, finding=f))
    return out
