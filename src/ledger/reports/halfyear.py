"""``ledger report --half H1|H2``: the dispatch-meeting summary, as of T.

Per project: the units that claimed it, their average latest percent (a claim with no report yet
counts as 0) and their flags. Per unit: its flags, overdue milestones and the reports of the
half's quarters that are missing, and its findings overdue and not yet rectified (contract
section 10: as of T, over every visit up to T, whatever the half). And the projects nobody
claimed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from ledger.asof.findings import OPEN_STATES, index, states_of
from ledger.asof.score import half_up
from ledger.asof.status import Flag, Reason, claims_as_of, statuses
from ledger.calendar import Quarter
from ledger.i18n import t
from ledger.model import Ledger
from ledger.reports.common import (
    FLAGS,
    as_of_line,
    flag_totals,
    meta,
    no_claims,
    scoped,
    tree_order,
    word,
)
from ledger.reports.document import Bar, Chart, Column, Document, Row, Table, Total
from ledger.reports.quarterly import reason_json
from ledger.reports.reasons import people_order, reason_text


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
        return _mean(self.percents)


@dataclass
class UnitSummary:
    id: str
    name: str
    flags: dict[Flag, int] = field(default_factory=_flags)
    short: str = ""
    overdue: list[tuple[str, str, int]] = field(default_factory=list)  # project, milestone, days
    missing: list[tuple[str, str]] = field(default_factory=list)  # project, quarter
    percents: list[int | float] = field(default_factory=list)
    reasons: list[tuple[str, Reason]] = field(default_factory=list)  # project, reason
    overdue_titles: dict[tuple[str, str], str] = field(default_factory=dict)
    findings_overdue: int = 0
    findings_open: int = 0  # not rectified as of T: open, due soon or overdue


@dataclass(frozen=True)
class HalfYearReport:
    half: str  # H1 or H2
    year: int
    as_of: date
    projects: list[ProjectSummary]  # book order
    units: list[UnitSummary]  # by id, units with claims
    unclaimed: list[tuple[str, str]]  # (id, title)
    scope: str | None = None
    sort: str = "unit"

    @property
    def claims(self) -> int:
        return sum(sum(u.flags.values()) for u in self.units)


def build(
    ledger: Ledger, half: str, today: date, scope: str | None = None, sort: str = "unit"
) -> HalfYearReport:
    year = ledger.year
    quarters = (
        [Quarter(year, 1), Quarter(year, 2)]
        if half == "H1"
        else [Quarter(year, 3), Quarter(year, 4)]
    )
    projects = {p.id: ProjectSummary(p.id, p.title, p.category) for p in ledger.book.projects}
    units: dict[str, UnitSummary] = {}
    listed: set[tuple[str, str]] = set()  # (project, unit) in ``summary.units``, to look up
    for s in statuses(ledger, today, scoped(ledger, scope)):
        summary = projects.get(s.claim.project)
        percent = s.latest.percent if s.latest else 0
        if summary is not None:
            if (summary.id, s.unit.id) not in listed:
                listed.add((summary.id, s.unit.id))
                summary.units.append(s.unit.id)
            summary.percents.append(percent)
            summary.flags[s.flag] += 1
        u = units.get(s.unit.id)
        if u is None:
            u = units[s.unit.id] = UnitSummary(s.unit.id, s.unit.name, short=s.unit.short)
        u.flags[s.flag] += 1
        u.percents.append(percent)
        u.reasons += [(s.claim.project, r) for r in s.reasons]
        u.overdue += [(s.claim.project, m.id, m.days_overdue(today)) for m in s.overdue]
        u.missing += [(s.claim.project, q.label) for q in quarters if s.reports[q] == "missing"]
    found = index(ledger)
    warn_days = ledger.config.reporting.warn_days
    for u in units.values():
        states = [f.state for f in states_of(found.of_unit(u.id), today, warn_days)]
        u.findings_overdue = states.count("overdue")
        u.findings_open = sum(state in OPEN_STATES for state in states)
    # nobody in the whole ledger (not only under --unit) has claimed it as of T
    claimed = {
        c.project for u in ledger.units.values() for c in claims_as_of(u, today, ledger.year)
    }
    unclaimed = [(p.id, p.title) for p in ledger.book.projects if p.id not in claimed]
    return HalfYearReport(
        half, year, today, list(projects.values()), list(units.values()), unclaimed, scope, sort
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
                "findings_overdue": u.findings_overdue,
                "findings_open": u.findings_open,
                "reasons": [{"project": pr, **reason_json(r)} for pr, r in u.reasons],
            }
            for u in report.units
        ],
        "unclaimed": [{"id": i, "title": title} for i, title in report.unclaimed],
    }


def _unit_reasons(u: UnitSummary, lang: str) -> str:
    """The unit's reasons, each with its project, one a line: claim by claim, the red claims
    first (a red claim's reasons are all red), each claim's reasons in the order for people."""
    place = {pr: i for i, pr in enumerate(dict.fromkeys(pr for pr, _ in u.reasons))}
    ordered = sorted(
        u.reasons, key=lambda pair: (not pair[1].red, place[pair[0]], people_order(pair[1]))
    )
    return "\n".join(f"{pr} {reason_text(r, lang)}" for pr, r in ordered)


def _late(u: UnitSummary) -> tuple[int, int]:
    red = [r for _, r in u.reasons if r.red]
    return (
        0 if red else 1 if u.flags["yellow"] else 2,
        -max((r.days or 0 for r in red), default=0),
    )


def document(report: HalfYearReport, ledger: Ledger, lang: str) -> Document:
    project_columns = [
        Column("project", t("col.project", lang), "id", width=4),
        Column("title", t("col.title", lang), width=24),
        Column("category", t("col.category", lang), width=6, compact=False),
        Column("units", t("col.units", lang), width=30, compact=False),
        Column("avg_percent", t("col.avg_percent", lang), "number", width=8, decimals=1),
        Column("red", t("col.red", lang), "number", width=4),
        Column("yellow", t("col.yellow", lang), "number", width=4),
        Column("green", t("col.green", lang), "number", width=4),
    ]
    shorts = {uid: u.short for uid, u in ledger.units.items()}
    place = {unit.id: n for n, (unit, _) in enumerate(tree_order(ledger, ledger.units))}
    projects = [p for p in report.projects if p.units]
    if report.sort == "flag":
        projects.sort(key=lambda p: (-p.flags["red"], -p.flags["yellow"]))
    project_rows = [
        Row(
            [
                p.id,
                p.title,
                word("category", p.category, lang),
                t("reason.list_sep", lang).join(
                    shorts.get(u, u) for u in sorted(p.units, key=lambda u: place.get(u, 0))
                ),
                p.average_percent,
                p.flags["red"],
                p.flags["yellow"],
                p.flags["green"],
            ],
            flag="red" if p.flags["red"] else ("yellow" if p.flags["yellow"] else None),
        )
        for p in projects
    ]
    unit_columns = [
        Column("unit", t("col.unit", lang), width=12),
        Column("red", t("col.red", lang), "number", width=4),
        Column("yellow", t("col.yellow", lang), "number", width=4),
        Column("green", t("col.green", lang), "number", width=4),
        Column("findings_overdue", t("col.findings_overdue", lang), "number", width=6),
        Column("findings_open", t("col.findings_open", lang), "number", width=6, compact=False),
        Column("reasons", t("col.reasons", lang), width=48, flex=True),
    ]
    by_id = {u.id: u for u in report.units}
    ordered = tree_order(ledger, by_id)
    if report.sort == "flag":
        ordered = [(unit, 0) for unit, _ in sorted(ordered, key=lambda x: _late(by_id[x[0].id]))]
    unit_rows = []
    for unit, depth in ordered:
        u = by_id[unit.id]
        unit_rows.append(
            Row(
                [
                    u.short or u.name,
                    u.flags["red"],
                    u.flags["yellow"],
                    u.flags["green"],
                    u.findings_overdue,
                    u.findings_open,
                    _unit_reasons(u, lang),
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
            no_claims(ledger, report.as_of, lang, report.scope),
        ),
        Table(
            "units",
            t("table.units", lang),
            unit_columns,
            unit_rows,
            no_claims(ledger, report.as_of, lang, report.scope),
        ),
        Table(
            "unclaimed",
            t("table.unclaimed", lang),
            [
                Column("project", t("col.project", lang), "id", width=4),
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
            Bar(by_id[unit.id].short, {t("col.avg_percent", lang): _mean(by_id[unit.id].percents)})
            for unit, _ in tree_order(ledger, by_id)
            if by_id[unit.id].percents
        ],
        maximum=100,
        decimals=1,
    )
    flags = {f: sum(u.flags[f] for u in report.units) for f in FLAGS}
    units_red = sum(1 for u in report.units if u.flags["red"])
    missing = sum(len(u.missing) for u in report.units)
    overdue = sum(len(u.overdue) for u in report.units)
    findings_overdue = sum(u.findings_overdue for u in report.units)
    totals = [
        Total(t("total.claims", lang), report.claims),
        *flag_totals(flags, None, lang),
        Total(
            t("total.units_red", lang),
            t("total.of", lang, n=units_red, total=len(report.units)),
            "red" if units_red else None,
        ),
        Total(
            t("total.half_missing", lang, half=f"{report.year}{report.half}"),
            missing,
            "red" if missing else None,
        ),
        Total(t("total.milestones_overdue", lang), overdue, "red" if overdue else None),
        Total(
            t("total.findings_overdue", lang),
            findings_overdue,
            "red" if findings_overdue else None,
        ),
        Total(
            t("total.unclaimed", lang),
            len(report.unclaimed),
            "yellow" if report.unclaimed else None,
        ),
    ]
    title = t("title.half", lang, half=f"{report.year}{report.half}")
    head = meta(ledger, report.as_of, lang, report.scope)
    q1, q2 = (1, 2) if report.half == "H1" else (3, 4)
    head.insert(
        1,
        t(
            "meta.half",
            lang,
            half=f"{report.year}{report.half}",
            start=Quarter(report.year, q1).start.isoformat(),
            end=Quarter(report.year, q2).end.isoformat(),
        ),
    )
    return Document(
        title,
        head,
        tables,
        [chart],
        lang=lang,
        totals=totals,
        stamp=as_of_line(report.as_of, lang),
    )


def _mean(values: list[int | float]) -> float:
    """The exact mean rounded half up to one place. Whole percents are summed as integers, a
    fraction for each only costs time (a project's mean counts every claim of it)."""
    whole = sum(v for v in values if isinstance(v, int))
    rest = sum((Fraction(v) for v in values if not isinstance(v, int)), Fraction(0))
    return float(half_up((whole + rest) / len(values)))
