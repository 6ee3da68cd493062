"""``ledger report --quarter Q``: the quarterly checklist, one row per claim, as of T."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ledger.asof import (
    Flag,
    MilestoneState,
    Quarter,
    ReportState,
    statuses,
)
from ledger.i18n import t
from ledger.model import Ledger, Status
from ledger.reports.common import meta, scoped, tree_order, word
from ledger.reports.document import Bar, Chart, Column, Document, Row, Table


@dataclass(frozen=True)
class DueItem:
    id: str
    title: str
    due: date
    done: date | None  # only when done as of T
    state: MilestoneState


@dataclass(frozen=True)
class CarriedItem:
    id: str
    title: str
    due: date
    days_overdue: int


@dataclass(frozen=True)
class ClaimLine:
    project: str
    project_title: str
    leader: str
    deadline: date
    percent: int | float | None
    status: Status | None
    flag: Flag
    report: ReportState
    milestones_due: list[DueItem]
    carried_over: list[CarriedItem]


@dataclass(frozen=True)
class UnitLines:
    id: str
    name: str
    claims: list[ClaimLine]


@dataclass(frozen=True)
class QuarterlyReport:
    quarter: Quarter
    as_of: date
    units: list[UnitLines]  # by id; units with no claims in the report are left out
    scope: str | None = None


def build(
    ledger: Ledger, quarter: Quarter, today: date, scope: str | None = None
) -> QuarterlyReport:
    by_unit: dict[str, UnitLines] = {}
    start, end = quarter.start, quarter.end
    for s in statuses(ledger, today, scoped(ledger, scope)):
        due_items = [
            DueItem(m.id, m.title, m.due, m.done if state == "done" else None, state)
            for m, state in s.milestones
            if start <= m.due <= end
        ]
        carried = [
            CarriedItem(m.id, m.title, m.due, m.days_overdue(today))
            for m, state in s.milestones
            if state == "overdue" and m.due < start
        ]
        line = ClaimLine(
            project=s.claim.project,
            project_title=s.project.title if s.project else s.claim.project,
            leader=s.claim.leader,
            deadline=s.claim.deadline,
            percent=s.latest.percent if s.latest else None,
            status=s.latest.status if s.latest else None,
            flag=s.flag,
            report=s.reports.get(quarter, "not_required"),
            milestones_due=due_items,
            carried_over=carried,
        )
        unit = by_unit.setdefault(s.unit.id, UnitLines(s.unit.id, s.unit.name, []))
        unit.claims.append(line)
    return QuarterlyReport(quarter, today, list(by_unit.values()), scope)


def to_json(report: QuarterlyReport) -> dict[str, Any]:
    return {
        "quarter": report.quarter.label,
        "as_of": report.as_of.isoformat(),
        "units": [
            {
                "id": u.id,
                "name": u.name,
                "claims": [
                    {
                        "project": c.project,
                        "leader": c.leader,
                        "percent": c.percent,
                        "status": c.status,
                        "flag": c.flag,
                        "report": c.report,
                        "milestones_due": [
                            {
                                "id": m.id,
                                "title": m.title,
                                "due": m.due.isoformat(),
                                "done": m.done.isoformat() if m.done else None,
                                "state": m.state,
                            }
                            for m in c.milestones_due
                        ],
                        "carried_over": [
                            {
                                "id": m.id,
                                "title": m.title,
                                "due": m.due.isoformat(),
                                "days_overdue": m.days_overdue,
                            }
                            for m in c.carried_over
                        ],
                    }
                    for c in u.claims
                ],
            }
            for u in report.units
        ],
    }


def _due_cell(items: list[DueItem], lang: str) -> str:
    return "\n".join(
        f"{m.title}（{m.due.isoformat()}，{word('state', m.state, lang)}）"
        if lang == "zh"
        else f"{m.title} ({m.due.isoformat()}, {word('state', m.state, lang)})"
        for m in items
    )


def _carried_cell(items: list[CarriedItem], lang: str) -> str:
    return "\n".join(
        f"{m.title}（{m.due.isoformat()}，逾期 {m.days_overdue} 天）"
        if lang == "zh"
        else f"{m.title} ({m.due.isoformat()}, {m.days_overdue} days overdue)"
        for m in items
    )


def document(report: QuarterlyReport, ledger: Ledger, lang: str) -> Document:
    q = report.quarter
    columns = [
        Column("unit", t("col.unit", lang), width=18),
        Column("unit_id", t("col.unit_id", lang), width=14),
        Column("project", t("col.project", lang), width=8),
        Column("title", t("col.title", lang), width=26),
        Column("leader", t("col.leader", lang), width=18),
        Column("percent", t("col.percent", lang), "number", width=8),
        Column("status", t("col.status", lang), width=10),
        Column("flag", t("col.flag", lang), "flag", width=8),
        Column("report", t("col.report", lang, quarter=q.label), width=12),
        Column("milestones_due", t("col.milestones_due", lang), width=36),
        Column("carried_over", t("col.carried_over", lang), width=36),
        Column("deadline", t("col.deadline", lang), "date", width=12),
    ]
    lines = {u.id: u for u in report.units}
    rows = []
    for unit, depth in tree_order(ledger, lines):
        for c in lines[unit.id].claims:
            rows.append(
                Row(
                    [
                        unit.name,
                        unit.id,
                        c.project,
                        c.project_title,
                        c.leader,
                        c.percent,
                        word("status", c.status, lang),
                        word("flag", c.flag, lang),
                        word("report", c.report, lang),
                        _due_cell(c.milestones_due, lang),
                        _carried_cell(c.carried_over, lang),
                        c.deadline,
                    ],
                    flag=c.flag,
                    depth=depth,
                )
            )
    head = meta(ledger, report.as_of, lang, report.scope)
    due = q.report_due(ledger.config.reporting.report_due_days)
    head.append(t("meta.report_due", lang, quarter=q.label, date=due.isoformat()))
    table = Table(
        "checklist", t("table.claims", lang), columns, rows, t("empty.claims", lang), grouped=True
    )
    return Document(
        t("title.quarterly", lang, quarter=q.label),
        head,
        [table],
        [flags_by_project(ledger, report, lang)],
        lang=lang,
    )


FLAG_COLOURS = [("red", "#d9534f"), ("yellow", "#f0ad4e"), ("green", "#5cb85c")]


def flags_by_project(ledger: Ledger, report: QuarterlyReport, lang: str) -> Chart:
    counts: dict[str, dict[str, float]] = {
        p.id: {"red": 0, "yellow": 0, "green": 0} for p in ledger.book.projects
    }
    for u in report.units:
        for c in u.claims:
            counts.setdefault(c.project, {"red": 0, "yellow": 0, "green": 0})[c.flag] += 1
    series = [(word("flag", name, lang), colour) for name, colour in FLAG_COLOURS]
    bars = [
        Bar(pid, {word("flag", k, lang): v for k, v in values.items()})
        for pid, values in counts.items()
    ]
    return Chart(t("chart.flags_by_project", lang), series, bars)
