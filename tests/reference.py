"""The rules of contract section 5 for one claim and one quarter, written plainly: the reference
the property tests hold ``ledger.asof.status``'s one-pass computations (``report_states``)
against; and rounding half up in fractions, the reference of ``ledger.asof.score.half_up``'s
integers, and the year-end score as contract section 5 states it, the reference of
``ledger.asof.score.unit_score``."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from ledger.asof.score import Counted
from ledger.asof.status import ReportState, claimed_on
from ledger.calendar import Quarter
from ledger.model import Claim, EvaluationSection


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
    )
