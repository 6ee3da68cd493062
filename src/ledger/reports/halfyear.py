"""``ledger report --half H1|H2``: the dispatch-meeting summary, as of T.

Per project: the units that claimed it, their average latest percent (a claim with no report yet
counts as 0) and their flags. Per unit: its flags, overdue milestones and the reports of the
half's quarters that are missing. And the projects nobody claimed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from ledger.asof import Flag, Quarter, claims_as_of, half_up, statuses
from ledger.i18n import t
from ledger.model import Ledger
from ledger.reports.common import meta, scoped, tree_order, word
from ledger.reports.document import Bar, Chart, Column, Document, Row, Table


def _flags() -> dict[Flag, int]:
    return {"red": 0, "yellow": 0, "green": 0}


@dataclass
class ProjectSummary:
    id: str
    title: str
    category: str
    units: list[str] = field(default_factory=list)
    percents: list[int | float] = field(default_factory=list)
    flags: dict[Flag, int] = field(default_factory=_flags)

    @property
    def average_percent(self) -> float | None:
        if not self.percents:
            return None
        mean = sum((Fraction(p) for p in self.percents), Fraction(0)) / len(self.percents)
        return float(half_up(mean))


@dataclass
class UnitSummary:
    id: str
    name: str
    flags: dict[Flag, int] = field(default_factory=_flags)
    overdue: list[tuple[str, str, int]] = field(default_factory=list)  # project, milestone, days
    missing: list[tuple[str, str]] = field(default_factory=list)  # project, quarter
    percents: list[int | float] = field(default_factory=list)


@dataclass(frozen=True)
class HalfYearReport:
    half: str  # H1 or H2
    year: int
    as_of: date
    projects: list[ProjectSummary]  # book order
    units: list[UnitSummary]  # by id, units with claims
    unclaimed: list[tuple[str, str]]  # (id, title)
    scope: str | None = None


def build(ledger: Ledger, half: str, today: date, scope: str | None = None) -> HalfYearReport:
    year = ledger.year
    quarters = (
        [Quarter(year, 1), Quarter(year, 2)]
        if half == "H1"
        else [Quarter(year, 3), Quarter(year, 4)]
    )
    projects = {p.id: ProjectSummary(p.id, p.title, p.category) for p in ledger.book.projects}
    units: dict[str, UnitSummary] = {}
    for s in statuses(ledger, today, scoped(ledger, scope)):
        summary = projects.get(s.claim.project)
        percent = s.latest.percent if s.latest else 0
        if summary is not None:
            if s.unit.id not in summary.units:
                summary.units.append(s.unit.id)
            summary.percents.append(percent)
            summary.flags[s.flag] += 1
        u = units.setdefault(s.unit.id, UnitSummary(s.unit.id, s.unit.name))
        u.flags[s.flag] += 1
        u.percents.append(percent)
        u.overdue += [(s.claim.project, m.id, m.days_overdue(today)) for m in s.overdue]
        u.missing += [(s.claim.project, q.label) for q in quarters if s.reports[q] == "missing"]
    # nobody in the whole ledger (not only under --unit) has claimed it as of T
    claimed = {
        c.project for u in ledger.units.values() for c in claims_as_of(u, today, ledger.year)
    }
    unclaimed = [(p.id, p.title) for p in ledger.book.projects if p.id not in claimed]
    return HalfYearReport(
        half, year, today, list(projects.values()), list(units.values()), unclaimed, scope
    )


def to_json(report: HalfYearReport) -> dict[str, Any]:
    return {
        "half": report.half,
        "year": report.year,
        "as_of": report.as_of.isoformat(),
        "projects": [
            {
                "id": p.id,
                "title": p.title,
                "category": p.category,
                "units": p.units,
                "average_percent": p.average_percent,
                "flags": p.flags,
            }
            for p in report.projects
        ],
        "units": [
            {
                "id": u.id,
                "name": u.name,
                "flags": u.flags,
                "overdue": [
                    {"project": pr, "milestone": m, "days_overdue": d} for pr, m, d in u.overdue
                ],
                "missing_reports": [{"project": pr, "quarter": q} for pr, q in u.missing],
            }
            for u in report.units
        ],
        "unclaimed": [{"id": i, "title": title} for i, title in report.unclaimed],
    }


def document(report: HalfYearReport, ledger: Ledger, lang: str) -> Document:
    project_columns = [
        Column("project", t("col.project", lang), width=8),
        Column("title", t("col.title", lang), width=28),
        Column("category", t("col.category", lang), width=8),
        Column("units", t("col.units", lang), width=30),
        Column("avg_percent", t("col.avg_percent", lang), "number", width=10, decimals=1),
        Column("red", t("col.red", lang), "number", width=6),
        Column("yellow", t("col.yellow", lang), "number", width=6),
        Column("green", t("col.green", lang), "number", width=6),
    ]
    names = {uid: u.name for uid, u in ledger.units.items()}
    project_rows = [
        Row(
            [
                p.id,
                p.title,
                word("category", p.category, lang),
                "、".join(names.get(u, u) for u in p.units) if lang == "zh" else ", ".join(p.units),
                p.average_percent,
                p.flags["red"],
                p.flags["yellow"],
                p.flags["green"],
            ],
            flag="red" if p.flags["red"] else ("yellow" if p.flags["yellow"] else None),
        )
        for p in report.projects
        if p.units
    ]
    unit_columns = [
        Column("unit", t("col.unit", lang), width=20),
        Column("red", t("col.red", lang), "number", width=6),
        Column("yellow", t("col.yellow", lang), "number", width=6),
        Column("green", t("col.green", lang), "number", width=6),
        Column("overdue", t("col.overdue", lang), width=36),
        Column("missing", t("col.missing", lang), width=24),
    ]
    by_id = {u.id: u for u in report.units}
    unit_rows = []
    for unit, depth in tree_order(ledger, by_id):
        u = by_id[unit.id]
        days = "天" if lang == "zh" else " days"
        unit_rows.append(
            Row(
                [
                    u.name,
                    u.flags["red"],
                    u.flags["yellow"],
                    u.flags["green"],
                    "\n".join(f"{pr} {m} ({d}{days})" for pr, m, d in u.overdue),
                    "\n".join(f"{pr} {q}" for pr, q in u.missing),
                ],
                flag="red" if u.flags["red"] else ("yellow" if u.flags["yellow"] else "green"),
                depth=depth,
            )
        )
    unclaimed_rows = [Row([i, title]) for i, title in report.unclaimed]
    tables = [
        Table(
            "projects",
            t("table.projects", lang),
            project_columns,
            project_rows,
            t("empty.claims", lang),
        ),
        Table("units", t("table.units", lang), unit_columns, unit_rows, t("empty.claims", lang)),
        Table(
            "unclaimed",
            t("table.unclaimed", lang),
            [
                Column("project", t("col.project", lang), width=8),
                Column("title", t("col.title", lang), width=36),
            ],
            unclaimed_rows,
            t("empty.unclaimed", lang),
        ),
    ]
    chart = Chart(
        t("chart.percent_by_unit", lang),
        [(t("col.avg_percent", lang), "#337ab7")],
        [
            Bar(u.name, {t("col.avg_percent", lang): round(sum(u.percents) / len(u.percents), 1)})
            for u in report.units
            if u.percents
        ],
        maximum=100,
    )
    title = t("title.half", lang, half=f"{report.year}{report.half}")
    return Document(
        title, meta(ledger, report.as_of, lang, report.scope), tables, [chart], lang=lang
    )
