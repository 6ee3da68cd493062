"""The supervision findings as the site lists them (contract sections 10 and 12): the rows of the
findings report (``ledger findings``: the visits dated on or before T, each finding's state as of
T, in the contract's order) with each unit as a link and each state in the report's words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ledger.asof.findings import FindingState
from ledger.reports.findings import FindingsReport, state_text

if TYPE_CHECKING:
    from ledger.site.pages import UnitLink


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
    state_text: str  # the state as the findings report words it, with its days


def lines_of(report: FindingsReport, links: Mapping[str, UnitLink], lang: str) -> list[FindingLine]:
    """The report's findings, in its order, as the site's rows."""
    out = []
    for f in report.findings:
        finding = f.finding
        out.append(
            FindingLine(
                f.visit.id,
                f.visit.title,
                f.visit.date,
                finding.id,
                links[finding.unit],
                finding.project,
                finding.problem,
                finding.requirement,
                finding.due,
                f.rectified,
                f.closed,
                finding.evidence,
                f.state,
                state_text(f, lang),
            )
        )
    return out
