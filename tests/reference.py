"""The rules of contract section 5 for one claim and one quarter, written plainly: the reference
the property tests hold ``ledger.asof.status``'s one-pass computations (``report_states``)
against; a finding's state (section 10) and a claim's flag with the kinds of its reasons, the
reference of ``claim_status``; and rounding half up in fractions, the reference of
``ledger.asof.score.half_up``'s integers, and the year-end score as contract section 5 states
it, the reference of ``ledger.asof.score.unit_score``."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from ledger.asof.score import Counted
from ledger.asof.status import ReportState, claimed_on
from ledger.calendar import Quarter, year_quarters
from ledger.model import Claim, EvaluationSection, Finding


def report_required(claim: Claim, quarter: Quarter, today: date, year: int) -> bool:
    if quarter.end < claimed_on(claim, year):
        return False
    label = quarter.label
    return not any(
        e.quarter < label and e.reported <= today and e.status == "done" for e in claim.progress
    )


def report_state(
    claim: Claim, quarter: Quarter, today: date, year: int, report_due_days: int
) -> ReportState:
    if not report_required(claim, quarter, today, year):
        return "not_required"
    due = quarter.report_due(report_due_days)
    label = quarter.label
    entry = next((e for e in claim.progress if e.quarter == label and e.reported <= today), None)
    if entry is not None:
        return "on_time" if entry.reported <= due else "late"
    return "missing" if today > due else "not_due"


def half_up(value: Fraction, places: int = 1) -> Fraction:
    scale = 10**places
    return Fraction(int(value * scale + Fraction(1, 2)), scale)


def score(weights: EvaluationSection, items: list[Counted]) -> Fraction:
    def share(part: str) -> Fraction:
        mine = [c for c in items if c.part == part]
        return Fraction(sum(c.hit for c in mine), len(mine)) if mine else Fraction(1)

    return (
        weights.milestones * share("milestones")
        + weights.reports * share("reports")
        + weights.completion * share("completion")
        + weights.rectification * share("rectification")
    )


def rectification(findings: list[tuple[date, Finding]], today: date) -> Fraction:
    """Section 10's part: of the findings of visits up to T due before T, the share rectified
    on or before their due date (none: 1)."""
    due = [f for day, f in findings if day <= today and f.due < today]
    on_time = [f for f in due if f.rectified is not None and f.rectified <= f.due]
    return Fraction(len(on_time), len(due)) if due else Fraction(1)


def finding_state(finding: Finding, today: date, warn_days: int) -> str:
    if finding.closed is not None and finding.closed <= today:
        return "closed"
    if finding.rectified is not None and finding.rectified <= today:
        return "rectified"
    if finding.due < today:
        return "overdue"
    return "due_soon" if finding.due <= today + timedelta(days=warn_days) else "open"


def flag(
    claim: Claim,
    milestones: list[tuple[date, date | None]],
    findings: list[tuple[date, Finding]],
    today: date,
    year: int,
    report_due_days: int,
    warn_days: int,
) -> tuple[str, list[str]]:
    """A claim's flag and the kinds of its reasons in their order (sections 5 and 10), from its
    milestones (due, done) and the findings of its unit and project with their visits' dates,
    both in their order."""
    seen = [e for e in claim.progress if e.reported <= today]
    latest = max(seen, key=lambda e: e.quarter) if seen else None
    if latest is not None and latest.status == "done":
        return "green", []
    soon = today + timedelta(days=warn_days)
    undone = [due for due, done in milestones if done is None or done > today]
    states = [finding_state(f, today, warn_days) for day, f in findings if day <= today]
    red = ["overdue" for due in undone if due < today]
    red += ["past_deadline"] * (claim.deadline < today)
    red += [
        "missing_report"
        for q in year_quarters(year)
        if report_state(claim, q, today, year, report_due_days) == "missing"
    ]
    red += ["finding_overdue" for s in states if s == "overdue"]
    if red:
        return "red", red
    yellow = ["due_soon" for due in undone if today <= due <= soon]
    yellow += ["status"] * (latest is not None and latest.status in ("at_risk", "behind"))
    yellow += ["finding_due_soon" for s in states if s == "due_soon"]
    return ("yellow" if yellow else "green"), yellow
