"""``ledger findings``: the rectification ledger (整改台账), contract section 10.

Every finding of the visits dated on or before T, in the contract's order (visit date, visit id,
file order), with its state as of T; ``--unit`` keeps a unit and the units under it, ``--state``
one state, and the totals count what the filters keep. On paper the findings are grouped by visit:
the visit's title and date once, over its findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ledger.asof.findings import STATES, FindingAsOf, FindingState, findings_as_of
from ledger.i18n import t
from ledger.model import Ledger
from ledger.reports.common import as_of_line, iso, meta, scoped, word
from ledger.reports.document import Column, Document, Row, Table, Total

# the colour of a state's cell: what is late red, what is near yellow, what is done green
FLAG: dict[FindingState, str | None] = {
    "open": None,
    "due_soon": "yellow",
    "overdue": "red",
    "rectified": "green",
    "closed": "green",
}


@dataclass(frozen=True)
class FindingsReport:
    as_of: date
    findings: list[FindingAsOf]
    names: dict[str, str]  # the units' names, by id (a validated ledger knows every one)
    scope: str | None = None
    state: FindingState | None = None

    def count(self, state: FindingState) -> int:
        return sum(1 for f in self.findings if f.state == state)


def build(
    ledger: Ledger, today: date, scope: str | None = None, state: FindingState | None = None
) -> FindingsReport:
    units = None if scope is None else {u.id for u in scoped(ledger, scope)}
    kept = [
        f
        for f in findings_as_of(ledger, today)
        if (units is None or f.finding.unit in units) and (state is None or f.state == state)
    ]
    names = {u.id: u.name for u in ledger.units.values()}
    return FindingsReport(
        today,
        kept,
        {f.finding.unit: names.get(f.finding.unit, f.finding.unit) for f in kept},
        scope,
        state,
    )


def to_json(report: FindingsReport) -> dict[str, Any]:
    today = report.as_of
    totals: dict[str, int] = {"findings": len(report.findings)}
    totals.update({s: report.count(s) for s in STATES})
    return {
        "as_of": today.isoformat(),
        "totals": totals,
        "findings": [
            {
                "inspection": f.visit.id,
                "date": f.visit.date.isoformat(),
                "finding": f.finding.id,
                "unit": f.finding.unit,
                "name": report.names[f.finding.unit],
                "project": f.finding.project,
                "problem": f.finding.problem,
                "requirement": f.finding.requirement,
                "due": f.finding.due.isoformat(),
                "rectified": iso(f.rectified),
                "closed": iso(f.closed),
                "evidence": f.finding.evidence,
                "state": f.state,
                "days": f.days,
                "late": f.late,
            }
            for f in report.findings
        ],
    }


def state_text(f: FindingAsOf, lang: str) -> str:
    """A finding's state in the clerk's words, with its days where they matter: 逾期 26 天,
    即将到期（还剩 5 天）, 已整改（逾期 20 天）."""
    if f.state == "overdue":
        return t("findings.cell.overdue", lang, days=f.days)
    if f.state == "due_soon":
        if not f.days:
            return t("findings.cell.due_today", lang)
        return t("findings.cell.due_soon", lang, days=f.days)
    if f.late and f.finding.rectified is not None:
        days = (f.finding.rectified - f.finding.due).days
        return t(f"findings.cell.{f.state}_late", lang, days=days)
    return word("findings.state", f.state, lang)


def document(report: FindingsReport, ledger: Ledger, lang: str) -> Document:
    today = report.as_of
    columns = [
        # the visit: on paper once, over its findings
        Column("visit", t("col.visit", lang), width=14),
        Column("inspection", t("col.inspection", lang), "id", width=12, compact=False, paper=False),
        Column("date", t("col.visit_date", lang), "date", width=10, compact=False, per_group=True),
        Column("finding", t("col.finding", lang), "id", width=4),
        Column("unit", t("col.unit", lang), width=10),
        Column("unit_id", t("col.unit_id", lang), "id", width=14, compact=False, paper=False),
        Column("project", t("col.project", lang), "id", width=4, priority=-1),
        Column("problem", t("col.problem", lang), width=28, flex=True),
        # a narrow screen leaves out the requirement first, then the project
        Column("requirement", t("col.requirement", lang), width=24, flex=True, priority=-2),
        Column("due", t("col.finding_due", lang), "date", width=10),
        Column("rectified", t("col.rectified", lang), "date", width=10, compact=False),
        Column("closed", t("col.closed", lang), "date", width=10, compact=False),
        Column("evidence", t("col.evidence", lang), width=16, compact=False),
        Column("state", t("col.rectification", lang), "flag", width=12),
    ]
    rows = []
    for f in report.findings:
        unit = ledger.units.get(f.finding.unit)
        rows.append(
            Row(
                [
                    f.visit.title,
                    f.visit.id,
                    f.visit.date,
                    f.finding.id,
                    unit.short if unit is not None else f.finding.unit,
                    f.finding.unit,
                    f.finding.project,
                    f.finding.problem,
                    f.finding.requirement,
                    f.finding.due,
                    f.rectified,
                    f.closed,
                    f.finding.evidence,
                    state_text(f, lang),
                ],
                flag=FLAG[f.state],
            )
        )
    lines = meta(ledger, today, lang, report.scope)
    empty = t("empty.findings", lang)
    if report.state is not None:
        state = word("findings.state", report.state, lang)
        lines.append(t("meta.findings_state", lang, state=state))
        empty = t("empty.findings_state", lang, state=state)
    table = Table(
        "findings",
        t("table.findings", lang),
        columns,
        rows,
        empty,
        grouped=True,
        heading=3,  # the visit, its id and its date: once over its findings
    )
    return Document(
        t("title.findings", lang),
        lines,
        [table],
        lang=lang,
        totals=totals(report, lang),
        stamp=as_of_line(today, lang),
    )


def totals(report: FindingsReport, lang: str) -> list[Total]:
    """How many findings, then how many in each state; the late ones coloured, and how many were
    rectified after their time limit (what the year-end assessment weighs)."""
    out = [Total(t("total.findings", lang), len(report.findings))]
    for state in STATES:
        n = report.count(state)
        flag = FLAG[state] if n and state in ("overdue", "due_soon") else None
        out.append(Total(t(f"total.findings.{state}", lang), n, flag))
    late = sum(1 for f in report.findings if f.late)
    out.append(Total(t("total.findings_late", lang), late, "red" if late else None))
    return out
