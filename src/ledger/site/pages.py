"""The site's pages as data (contract section 12): what each page shows, built from the report
builders and the meanings as of T that every other format reads, so that every figure on a page
is the one ``ledger report --quarter --format json`` gives as of the same day.

Pure: a ledger, a day, a language and a scope in; plain records out, words already in the
report language where a report's own words are reused (reasons, totals, the overdue table).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from ledger.asof.status import (
    ClaimStatus,
    Flag,
    MilestoneState,
    claimed_on,
    day_of,
    flag_on,
    statuses,
)
from ledger.calendar import Quarter, reporting_quarter, year_quarters
from ledger.i18n import t
from ledger.model import Ledger, Progress, Project, Status, Unit
from ledger.render.cells import text_cell
from ledger.reports import findings as rectification
from ledger.reports import overdue, quarterly
from ledger.reports.common import FLAGS, scoped, tree_order, word
from ledger.reports.document import UNBROKEN, Bar, Chart, Table, Total
from ledger.reports.reasons import for_people, reason_text
from ledger.site.findings import FindingLine, lines_of


@dataclass(frozen=True)
class UnitLink:
    """A unit where a page names it: a link when it has a page of its own."""

    id: str
    name: str
    short: str
    page: bool

    @property
    def href(self) -> str:
        return f"units/{self.id}.html"


@dataclass(frozen=True)
class Counts:
    red: int = 0
    yellow: int = 0
    green: int = 0

    @property
    def total(self) -> int:
        return self.red + self.yellow + self.green

    @classmethod
    def of(cls, flags: Iterable[Flag]) -> Counts:
        c = Counter(flags)
        return cls(c["red"], c["yellow"], c["green"])


@dataclass(frozen=True)
class Point:
    """The red, yellow and green claims on one day (on today's files, as of that day)."""

    day: date
    counts: Counts
    quarter_end: bool


@dataclass(frozen=True)
class UnitRow:
    unit: UnitLink
    depth: int
    counts: Counts


@dataclass(frozen=True)
class Claimant:
    """A unit that claimed a project, as the project's page lists it."""

    unit: UnitLink
    leader: str
    percent: int | float | None
    status: Status | None
    flag: Flag


@dataclass(frozen=True)
class ProjectPage:
    project: Project
    lead_units: list[UnitLink]
    claimants: list[Claimant]


@dataclass(frozen=True)
class MilestoneLine:
    id: str
    title: str
    due: date
    done: date | None  # only when done as of T
    state: MilestoneState
    late: bool  # done after its due date
    evidence: str | None


@dataclass(frozen=True)
class ClaimView:
    project: str
    title: str
    leader: str
    measures: list[str]
    deadline: date
    claimed: date | None
    percent: int | float | None
    status: Status | None
    flag: Flag
    reasons: list[str]  # in the report language, in the order for people
    milestones: list[MilestoneLine]
    progress: list[Progress]  # reported on or before T, in quarter order


@dataclass(frozen=True)
class UnitPage:
    unit: Unit
    parent: UnitLink | None  # None: a top unit, or the top of the site (--unit)
    children: list[UnitLink]  # the units under it that have pages, in official order
    claims: list[ClaimView]
    counts: Counts
    findings: list[FindingLine]


class LinkedCell(NamedTuple):
    text: str  # as the report shows the value
    href: str | None = None  # relative to the site's top folder


@dataclass(frozen=True)
class LinkedTable:
    """A report's table as the site shows it: the printed columns, ids turned into links."""

    title: str
    labels: list[str]
    rows: list[list[LinkedCell]]
    empty: str
    unbroken: list[int]  # 1-based: the columns whose cells stay on one line (dates, figures)
    numbers: list[int]  # 1-based: the columns of figures, right-aligned


@dataclass(frozen=True)
class Site:
    title: str
    as_of: date
    lang: str
    scope: UnitLink | None
    quarter: Quarter  # R(T): the checklist whose totals the index opens with
    totals: list[Total]
    notes: list[str]
    points: list[Point]
    chart: Chart
    projects: list[ProjectPage]
    units: list[UnitRow]
    unit_pages: list[UnitPage]
    overdue: LinkedTable
    overdue_totals: list[Total]
    findings: list[FindingLine]
    finding_totals: list[Total] = field(default_factory=list)


def build(ledger: Ledger, today: date, lang: str, scope: str | None = None) -> Site:
    """Every page of the site of ``ledger`` as of ``today``; ``scope``: a unit id, the site then
    keeps that unit and the units under it."""
    kept = scoped(ledger, scope)
    keep = {u.id for u in kept}
    due_days = ledger.config.reporting.report_due_days
    q = reporting_quarter(ledger.year, today, due_days)
    found = list(statuses(ledger, today, kept))
    checklist = quarterly.build(ledger, q, today, scope, found=found)
    totals, notes = quarterly.headline(checklist, lang)

    by_unit: dict[str, list[ClaimStatus]] = {}
    for s in found:
        by_unit.setdefault(s.unit.id, []).append(s)
    claimed = set(by_unit)
    with_page = _with_pages(ledger, claimed, keep)
    links = {
        u.id: UnitLink(u.id, u.name, u.short, u.id in with_page) for u in ledger.units.values()
    }
    flags_of = {uid: [s.flag for s in claims] for uid, claims in by_unit.items()}

    ordered = tree_order(ledger, keep)
    units = [UnitRow(links[u.id], d, Counts.of(flags_of.get(u.id, []))) for u, d in ordered]
    found_findings = rectification.build(ledger, today, scope)
    findings = lines_of(found_findings, links, lang)
    findings_by_unit: dict[str, list[FindingLine]] = {}
    for f in findings:
        findings_by_unit.setdefault(f.unit.id, []).append(f)
    children: dict[str, list[UnitLink]] = {}
    for u, _ in ordered:
        if u.parent is not None and u.id in with_page:
            children.setdefault(u.parent, []).append(links[u.id])

    pages = []
    for unit, _ in ordered:
        if unit.id not in with_page:
            continue
        parent = links.get(unit.parent) if unit.parent in keep else None
        pages.append(
            UnitPage(
                unit,
                parent,
                children.get(unit.id, []),
                [_claim(s, lang) for s in by_unit.get(unit.id, [])],
                Counts.of(flags_of.get(unit.id, [])),
                findings_by_unit.get(unit.id, []),
            )
        )

    rank = {u.id: i for i, (u, _) in enumerate(ordered)}
    by_project: dict[str, list[ClaimStatus]] = {}
    for s in found:
        by_project.setdefault(s.claim.project, []).append(s)
    projects = []
    for project in ledger.book.projects:
        claimants = [
            Claimant(
                links[s.unit.id],
                s.claim.leader,
                s.latest.percent if s.latest else None,
                s.latest.status if s.latest else None,
                s.flag,
            )
            for s in by_project.get(project.id, [])
        ]
        claimants.sort(key=lambda c: rank[c.unit.id])
        lead = [links[u] for u in project.lead_units if u in links]
        projects.append(ProjectPage(project, lead, claimants))

    late = overdue.build(ledger, today, scope, found=found)
    late_doc = overdue.document(late, ledger, lang)
    points = _points(ledger, today, found)
    return Site(
        title=ledger.config.ledger.title,
        as_of=today,
        lang=lang,
        scope=links[scope] if scope is not None else None,
        quarter=q,
        totals=totals,
        notes=notes,
        points=points,
        chart=_chart(points, lang),
        projects=projects,
        units=units,
        unit_pages=pages,
        overdue=_linked(late_doc.tables[0], ledger, with_page),
        overdue_totals=late_doc.totals,
        findings=findings,
        finding_totals=rectification.totals(found_findings, lang),
    )


def _with_pages(ledger: Ledger, claimed: set[str], keep: set[str]) -> set[str]:
    """The units with a page: those with claims as of T and every unit above one of them (so
    every link up and down resolves), within the site's scope."""
    out: set[str] = set()
    for uid in claimed:
        seen: set[str] = set()
        at: str | None = uid
        while at is not None and at in keep and at not in seen:
            seen.add(at)
            out.add(at)
            parent = ledger.units[at].parent
            at = parent if parent in ledger.units else None
    return out


def _claim(s: ClaimStatus, lang: str) -> ClaimView:
    today = s.today
    milestones = [
        MilestoneLine(
            m.id,
            m.title,
            m.due,
            m.done if state == "done" else None,
            state,
            state == "done" and m.done_late(today),
            m.evidence,
        )
        for m, state in s.milestones
    ]
    progress = sorted((e for e in s.claim.progress if e.reported <= today), key=_quarter)
    return ClaimView(
        project=s.claim.project,
        title=s.project.title if s.project else s.claim.project,
        leader=s.claim.leader,
        measures=list(s.claim.measures),
        deadline=s.claim.deadline,
        claimed=s.claim.claimed,
        percent=s.latest.percent if s.latest else None,
        status=s.latest.status if s.latest else None,
        flag=s.flag,
        reasons=[reason_text(r, lang) for r in for_people(s.reasons)],
        milestones=milestones,
        progress=progress,
    )


def _quarter(entry: Progress) -> str:
    return entry.quarter


def chart_days(year: int, today: date) -> list[tuple[date, bool]]:
    """The chart's days: each quarter end of the ledger year up to T, and T itself when it is no
    quarter end (contract section 12); each with whether it is a quarter end."""
    days = [(q.end, True) for q in year_quarters(year) if q.end <= today]
    if not days or days[-1][0] != today:
        days.append((today, False))
    return days


def _points(ledger: Ledger, today: date, found: list[ClaimStatus]) -> list[Point]:
    """The flags at each chart day: T's are the claims' own; an earlier day's, of the claims
    made by then, by ``flag_on`` from the same statuses (the milestones that apply to a claim
    do not depend on the day), as the checklist takes its previous flags."""
    year = ledger.year
    points = []
    for day, end in chart_days(year, today):
        if day == today:
            flags = [s.flag for s in found]
        else:
            on = day_of(ledger, day)
            flags = [flag_on(ledger, s, day, on) for s in found if claimed_on(s.claim, year) <= day]
        points.append(Point(day, Counts.of(flags), end))
    return points


def _chart(points: list[Point], lang: str) -> Chart:
    series: list[tuple[str, str]] = [(word("flag", name, lang), name) for name in FLAGS]
    bars = [
        Bar(
            p.day.isoformat(),
            {
                word("flag", "red", lang): p.counts.red,
                word("flag", "yellow", lang): p.counts.yellow,
                word("flag", "green", lang): p.counts.green,
            },
        )
        for p in points
    ]
    return Chart(t("site.chart.flags", lang), series, bars)


def _linked(table: Table, ledger: Ledger, with_page: set[str]) -> LinkedTable:
    """A report's table with its unit cells linked to their pages (a project's title is in
    the row: its page is one click from the index, and a link a row costs megabytes); the columns a
    printed page shows (no ids meant for scripts, no narrow-layout short forms), each cell as
    the report writes it."""
    columns = table.columns
    keys = [c.key for c in columns]
    unit_at = keys.index("unit_id") if "unit_id" in keys else None
    shown = [i for i, c in enumerate(columns) if c.paper and not c.narrow_only]
    rows = []
    for row in table.rows:
        cells = row.cells
        out = []
        for i in shown:
            key, value = keys[i], cells[i]
            href = None
            if key == "unit" and unit_at is not None:
                uid = str(cells[unit_at])
                href = f"units/{uid}.html" if uid in with_page else None
            out.append(LinkedCell(text_cell(value, columns[i].decimals), href))
        rows.append(out)
    return LinkedTable(
        table.title,
        [columns[i].label for i in shown],
        rows,
        table.empty,
        [n for n, i in enumerate(shown, 1) if columns[i].kind in UNBROKEN],
        [n for n, i in enumerate(shown, 1) if columns[i].kind == "number"],
    )
