"""What a claim owes as of T (contract section 5, "what a unit owes"): ``ledger remind`` and the
forms' heading."""

from __future__ import annotations

from datetime import date
from typing import Literal, NamedTuple

from ledger.asof.status import ClaimStatus, Milestone
from ledger.calendar import Quarter
from ledger.model import Ledger

OwedKind = Literal["overdue", "past_deadline", "missing_report", "report_due", "due_soon"]


class Owed(NamedTuple):
    """One thing a claim owes as of T (contract section 5, "what a unit owes")."""

    kind: OwedKind
    due: date
    days: int  # days late; for report_due and due_soon, days left
    milestone: Milestone | None = None  # overdue, due_soon
    quarter: Quarter | None = None  # missing_report, report_due


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
