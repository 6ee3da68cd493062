"""``ledger overdue``: every overdue milestone and every claim past its deadline, as of T."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from ledger.asof.status import ClaimStatus, statuses
from ledger.i18n import t
from ledger.model import Ledger
from ledger.reports.common import as_of_line, meta, person, scoped
from ledger.reports.document import Column, Document, Row, Table, Total


# made for every claim or item: a named tuple, as the records of ledger.asof
class OverdueItem(NamedTuple):
    unit: str
    unit_name: str
    project: str
    project_title: str
    milestone: str | None  # None: the claim is past its deadline
    title: str | None
    due: date
    days_overdue: int
    order: int  # the milestone's place in the claim; the deadline row comes after them
    complete: bool  # the claim reported done (the milestone was never marked done)


@dataclass(frozen=True)
class OverdueReport:
    as_of: date
    items: list[OverdueItem]
    unit: str | None = None
    project: str | None = None


def build(
    ledger: Ledger,
    today: date,
    scope: str | None = None,
    project: str | None = None,
    found: Iterable[ClaimStatus] | None = None,
) -> OverdueReport:
    """The overdue list as of T; ``found``: the statuses of the claims in scope as of T when
    the caller has them already."""
    items = []
    if found is None:
        found = statuses(ledger, today, scoped(ledger, scope))
    for status in found:
        if project is not None and status.claim.project != project:
            continue
        title = status.project.title if status.project else status.claim.project
        base = (status.unit.id, status.unit.name, status.claim.project, title)
        for order, (m, state) in enumerate(status.milestones):
            if state == "overdue":
                items.append(
                    OverdueItem(
                        *base, m.id, m.title, m.due, m.days_overdue(today), order, status.complete
                    )
                )
        if status.past_deadline:
            deadline = status.claim.deadline
            days = (today - deadline).days
            items.append(
                OverdueItem(*base, None, None, deadline, days, len(status.milestones), False)
            )
    items.sort(key=lambda i: (-i.days_overdue, i.unit, i.project, i.order))
    return OverdueReport(today, items, scope, project)


def to_json(report: OverdueReport) -> list[dict[str, Any]]:
    return [
        {
            "unit": i.unit,
            "project": i.project,
            "milestone": i.milestone,
            "due": i.due.isoformat(),
            "days_overdue": i.days_overdue,
        }
        for i in report.items
    ]


def document(report: OverdueReport, ledger: Ledger, lang: str) -> Document:
    columns = [
        Column("unit", t("col.unit", lang), width=12),
        Column("unit_id", t("col.unit_id", lang), "id", width=14, compact=False, paper=False),
        Column("project", t("col.project", lang), "id", width=4),
        Column("title", t("col.title", lang), width=24, compact=False),
        Column("leader", t("col.leader", lang), width=14, compact=False),
        Column("leader_name", t("col.leader", lang), width=8, narrow_only=True),
        Column("milestone", t("col.milestone", lang), "id", width=10, compact=False, paper=False),
        Column("milestone_title", t("col.milestone_title", lang), width=28, flex=True),
        Column("due", t("col.due", lang), "date", width=10),
        Column("days_overdue", t("col.days_overdue", lang), "number", width=6),
    ]
    rows = []
    for i in report.items:
        unit = ledger.units[i.unit]
        leader = next((c.leader for c in unit.claims if c.project == i.project), "")
        rows.append(
            Row(
                [
                    unit.short,
                    i.unit,
                    i.project,
                    i.project_title,
                    leader,
                    person(leader),
                    i.milestone or t("deadline_row", lang),
                    i.title or t("deadline_title", lang),
                    i.due,
                    i.days_overdue,
                ],
                flag="red",
            )
        )
    lines = meta(ledger, report.as_of, lang, report.unit)
    if report.project is not None:
        lines.append(t("meta.project", lang, project=report.project))
    units = {i.unit for i in report.items}
    milestones = sum(1 for i in report.items if i.milestone is not None)
    totals = [
        Total(t("total.milestones_overdue", lang), milestones, "red" if milestones else None),
        Total(
            t("total.past_deadline", lang),
            len(report.items) - milestones,
            "red" if len(report.items) > milestones else None,
        ),
        Total(t("total.units_late", lang), len(units), "red" if units else None),
    ]
    table = Table("overdue", t("table.overdue", lang), columns, rows, t("empty.overdue", lang))
    return Document(
        t("title.overdue", lang),
        lines,
        [table],
        lang=lang,
        totals=totals,
        stamp=as_of_line(report.as_of, lang),
    )
