"""``ledger report --quarter Q``: the quarterly checklist, one row per claim, as of T."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any, NamedTuple

from ledger.asof.findings import index, states_of
from ledger.asof.status import (
    ClaimStatus,
    Flag,
    MilestoneState,
    Reason,
    ReportState,
    day_of,
    flag_on,
    previous_day,
    previous_end,
    statuses,
)
from ledger.calendar import Quarter
from ledger.i18n import t
from ledger.model import Ledger, Progress, Status
from ledger.reports.common import (
    FLAGS,
    as_of_line,
    flag_first,
    flag_totals,
    iso,
    meta,
    no_claims,
    period_line,
    person,
    scoped,
    tree_order,
    word,
)
from ledger.reports.document import Bar, Chart, Column, Document, Row, Table, Total
from ledger.reports.reasons import reasons_cell


# made for every claim or item: a named tuple, as the records of ledger.asof
class DueItem(NamedTuple):
    id: str
    title: str
    due: date
    done: date | None  # only when done as of T
    state: MilestoneState


class CarriedItem(NamedTuple):
    id: str
    title: str
    due: date
    days_overdue: int


class ClaimLine(NamedTuple):
    project: str
    project_title: str
    leader: str
    deadline: date
    percent: int | float | None
    status: Status | None
    flag: Flag
    previous_flag: Flag | None
    reasons: tuple[Reason, ...]
    latest: Progress | None
    report: ReportState
    milestones_due: list[DueItem]
    carried_over: list[CarriedItem]
    overdue: int  # overdue milestones, as many as ``ledger overdue`` lists for the claim


@dataclass(frozen=True)
class UnitLines:
    id: str
    name: str
    short: str
    claims: list[ClaimLine]
    # the unit's overdue findings as of T, of every project and of none (contract section 10)
    findings_overdue: int = 0


@dataclass(frozen=True)
class Totals:
    """Contract section 5: the checklist's counts over the claims in it."""

    claims: int
    red: int
    yellow: int
    green: int
    units: int
    units_red: int
    reports_missing: int
    milestones_overdue: int
    findings_overdue: int  # of the units in the checklist (section 10)


@dataclass(frozen=True)
class QuarterlyReport:
    quarter: Quarter
    as_of: date
    units: list[UnitLines]  # by id; units with no claims in the report are left out
    scope: str | None = None
    report_due: date | None = None
    sort: str = "unit"  # or "flag": red first, most days late first

    @property
    def totals(self) -> Totals:
        lines = [c for u in self.units for c in u.claims]
        flags = Counter(c.flag for c in lines)
        return Totals(
            claims=len(lines),
            red=flags["red"],
            yellow=flags["yellow"],
            green=flags["green"],
            units=len(self.units),
            units_red=sum(any(c.flag == "red" for c in u.claims) for u in self.units),
            reports_missing=sum(c.report == "missing" for c in lines),
            milestones_overdue=sum(c.overdue for c in lines),
            findings_overdue=sum(u.findings_overdue for u in self.units),
        )

    @property
    def previous(self) -> dict[Flag, int] | None:
        """The flags at the previous quarter's end, over the claims that had one then; None
        when no claim has a previous flag (Q1, or that day not before T)."""
        found = [c.previous_flag for u in self.units for c in u.claims if c.previous_flag]
        if not found:
            return None
        counts = Counter(found)
        return {"red": counts["red"], "yellow": counts["yellow"], "green": counts["green"]}


def build(
    ledger: Ledger,
    quarter: Quarter,
    today: date,
    scope: str | None = None,
    sort: str = "unit",
    found: Iterable[ClaimStatus] | None = None,
) -> QuarterlyReport:
    """The checklist of ``quarter`` as of T; ``found``: the statuses of the claims in scope as
    of T when the caller has them already (the site builds several reports on them)."""
    by_unit: dict[str, UnitLines] = {}
    start, end = quarter.start, quarter.end
    year = ledger.year
    # the previous quarter's end (contract section 5), and its settings, once for every claim
    last_end = previous_end(quarter, today)
    on_last_end = day_of(ledger, last_end) if last_end is not None else None
    if found is None:
        found = statuses(ledger, today, scoped(ledger, scope))
    for s in found:
        due_items = []
        carried = []
        overdue = 0
        for m, state in s.milestones:
            if start <= m.due <= end:
                done = m.done if state == "done" else None
                due_items.append(DueItem(m.id, m.title, m.due, done, state))
            if state == "overdue":
                overdue += 1
                if m.due < start:
                    carried.append(CarriedItem(m.id, m.title, m.due, m.days_overdue(today)))
        claim, latest = s.claim, s.latest
        before = previous_day(last_end, claim, year)
        line = ClaimLine(
            project=claim.project,
            project_title=s.project.title if s.project else claim.project,
            leader=claim.leader,
            deadline=claim.deadline,
            percent=latest.percent if latest else None,
            status=latest.status if latest else None,
            flag=s.flag,
            previous_flag=flag_on(ledger, s, before, on_last_end) if before else None,
            reasons=s.reasons,
            latest=latest,
            report=s.reports.get(quarter, "not_required"),
            milestones_due=due_items,
            carried_over=carried,
            overdue=overdue,
        )
        unit = by_unit.get(s.unit.id)
        if unit is None:
            unit = by_unit[s.unit.id] = UnitLines(s.unit.id, s.unit.name, s.unit.short, [])
        unit.claims.append(line)
    findings = index(ledger)
    warn_days = ledger.config.reporting.warn_days
    units = [
        replace(
            u,
            findings_overdue=sum(
                f.state == "overdue" for f in states_of(findings.of_unit(u.id), today, warn_days)
            ),
        )
        for u in by_unit.values()
    ]
    due = quarter.report_due(ledger.config.reporting.report_due_days)
    return QuarterlyReport(quarter, today, units, scope, due, sort)


def reason_json(r: Reason) -> dict[str, Any]:
    """A reason as contract section 8 writes it."""
    if r.kind == "status":
        return {"kind": "status", "status": r.status}
    out: dict[str, Any] = {"kind": r.kind}
    if r.finding is not None:
        out["inspection"] = r.finding.inspection
        out["finding"] = r.finding.finding.id
    if r.milestone is not None:
        out["milestone"] = r.milestone.id
    if r.quarter is not None:
        out["quarter"] = r.quarter.label
    out["due"] = iso(r.due)
    out["days"] = r.days
    return out


def latest_json(entry: Progress | None) -> dict[str, Any] | None:
    if entry is None:
        return None
    return {
        "quarter": entry.quarter,
        "status": entry.status,
        "percent": entry.percent,
        "summary": entry.summary,
        "problems": list(entry.problems),
        "next_steps": list(entry.next_steps),
        "reported": entry.reported.isoformat(),
    }


def to_json(report: QuarterlyReport) -> dict[str, Any]:
    return {
        "quarter": report.quarter.label,
        "as_of": report.as_of.isoformat(),
        "totals": asdict(report.totals),
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
                        "previous_flag": c.previous_flag,
                        "reasons": [reason_json(r) for r in c.reasons],
                        "latest": latest_json(c.latest),
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
        t(
            "cell.milestone_due",
            lang,
            title=m.title,
            due=m.due.isoformat(),
            state=word("state", m.state, lang),
        )
        for m in items
    )


def latest_cell(entry: Progress | None, lang: str) -> str:
    """What the unit reported last: the summary, the problems, the next steps."""
    if entry is None:
        return ""
    lines = [t("cell.summary", lang, quarter=entry.quarter, text=entry.summary)]
    lines += [t("cell.problem", lang, text=p) for p in entry.problems]
    lines += [t("cell.next_step", lang, text=n) for n in entry.next_steps]
    return "\n".join(lines)


def document(report: QuarterlyReport, ledger: Ledger, lang: str) -> Document:
    q = report.quarter
    previous_q = Quarter(q.year, q.q - 1).label if q.q > 1 else ""
    columns = [
        Column("unit", t("col.unit", lang), width=12),
        Column("unit_id", t("col.unit_id", lang), "id", width=14, compact=False, paper=False),
        Column("project", t("col.project", lang), "id", width=4),
        Column("title", t("col.title", lang), width=20, compact=False),
        Column("leader", t("col.leader", lang), width=12, compact=False),
        Column("leader_name", t("col.leader", lang), width=8, narrow_only=True),
        Column("percent", t("col.percent", lang), "number", width=4),
        Column("status", t("col.status", lang), width=8, compact=False),
        Column("flag", t("col.flag", lang), "flag", width=6),
        Column(
            "previous", t("col.previous_flag", lang, quarter=previous_q), width=8, compact=False
        ),
        Column("reasons", t("col.reasons", lang), width=36, flex=True),
        Column("report", t("col.report", lang, quarter=q.label), width=8, compact=False),
        Column("milestones_due", t("col.milestones_due", lang), width=26, compact=False),
        Column("latest", t("col.latest", lang), width=32, compact=False),
        Column("deadline", t("col.deadline", lang), "date", width=10, compact=False),
    ]
    lines = {u.id: u for u in report.units}
    rows = []
    ordered = [
        (unit, depth, c) for unit, depth in tree_order(ledger, lines) for c in lines[unit.id].claims
    ]
    if report.sort == "flag":
        ordered = [
            (u, 0, c)
            for u, _, c in sorted(ordered, key=lambda x: flag_first(x[2].flag, x[2].reasons))
        ]
    for unit, depth, c in ordered:
        rows.append(
            Row(
                [
                    unit.short,
                    unit.id,
                    c.project,
                    c.project_title,
                    c.leader,
                    person(c.leader),
                    c.percent,
                    word("status", c.status, lang),
                    word("flag", c.flag, lang),
                    word("flag", c.previous_flag, lang),
                    reasons_cell(c.reasons, lang),
                    word("report", c.report, lang),
                    _due_cell(c.milestones_due, lang),
                    latest_cell(c.latest, lang),
                    c.deadline,
                ],
                flag=c.flag,
                depth=depth,
            )
        )
    head = meta(ledger, report.as_of, lang, report.scope)
    head.insert(1, period_line(q, lang))
    due = report.report_due or q.report_due(ledger.config.reporting.report_due_days)
    head.append(t("meta.report_due", lang, quarter=q.label, date=due.isoformat()))
    totals, notes = headline(report, lang)
    table = Table(
        "checklist",
        t("table.claims", lang),
        columns,
        rows,
        no_claims(ledger, report.as_of, lang, report.scope),
        grouped=report.sort == "unit",
    )
    return Document(
        t("title.quarterly", lang, quarter=q.label),
        head,
        [table],
        [flags_by_project(ledger, report, lang)],
        lang=lang,
        totals=totals,
        notes=notes,
        stamp=as_of_line(report.as_of, lang),
    )


def headline(report: QuarterlyReport, lang: str) -> tuple[list[Total], list[str]]:
    """The checklist's totals as a leader reads them first (the flags with their figures at the
    previous quarter's end), and the note that says what the previous figures are."""
    q = report.quarter
    totals = report.totals
    previous = report.previous
    notes = []
    if previous is not None:
        before = Quarter(q.year, q.q - 1)
        notes.append(t("note.previous", lang, quarter=before.label, date=before.end.isoformat()))
    figures = [
        Total(t("total.claims", lang), totals.claims),
        *flag_totals(
            {"red": totals.red, "yellow": totals.yellow, "green": totals.green}, previous, lang
        ),
        Total(
            t("total.units_red", lang),
            t("total.of", lang, n=totals.units_red, total=totals.units),
            "red" if totals.units_red else None,
        ),
        Total(
            t("total.reports_missing", lang, quarter=q.label),
            totals.reports_missing,
            "red" if totals.reports_missing else None,
        ),
        Total(
            t("total.milestones_overdue", lang),
            totals.milestones_overdue,
            "red" if totals.milestones_overdue else None,
        ),
        Total(
            t("total.findings_overdue", lang),
            totals.findings_overdue,
            "red" if totals.findings_overdue else None,
        ),
    ]
    return figures, notes


def flags_by_project(ledger: Ledger, report: QuarterlyReport, lang: str) -> Chart:
    counts: dict[str, dict[str, float]] = {
        p.id: {"red": 0, "yellow": 0, "green": 0} for p in ledger.book.projects
    }
    for u in report.units:
        for c in u.claims:
            counts.setdefault(c.project, {"red": 0, "yellow": 0, "green": 0})[c.flag] += 1
    # a series coloured by a flag's name: the renderer holds the colours
    series: list[tuple[str, str]] = [(word("flag", name, lang), name) for name in FLAGS]
    # a bar named by its project's id and title: a leader does not know the ids by heart
    titles = {p.id: f"{p.id} {p.title}" for p in ledger.book.projects}
    bars = [
        Bar(titles.get(pid, pid), {word("flag", k, lang): v for k, v in values.items()})
        for pid, values in counts.items()
    ]
    return Chart(t("chart.flags_by_project", lang), series, bars)
