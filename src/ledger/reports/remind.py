"""``ledger remind``: what each unit owes as of T (contract section 5, "what a unit owes"), the
list the clerk sends out at quarter end (催报).

JSON (section 8) lists the units by id; the human formats list them in the official order with
the claim's leader and the unit's contact. ``text`` is this report's own format: one message
per unit, ready to paste into a chat or a text message, separated by a blank line.

Units that owe nothing are left out; ``left_out`` counts those of them with claims as of T (the
CLI says how many on stderr, the document formats in a note). A complete claim owes nothing, not
even a milestone never marked done: ``settled`` counts those overdue milestones, which
``ledger overdue`` and the checklist count, so that a note says why remind's count is lower.

The human formats name the unit by its full ``name`` in a sentence (the messages) and by its
short name in a table's cell, and list a claim's items in the order for people
(``reports.reasons``); JSON keeps the contract's order.

After the unit's claims come its findings that are overdue or due soon (section 10), in the
order of their visits everywhere: those of a complete claim too (with its leader), those of no
project, and those of a unit with no claims, which then appears for them alone. They do not
depend on the quarter collected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from ledger.asof.findings import index, states_of
from ledger.asof.owed import Owed, OwedKind, findings_owed, owed
from ledger.asof.status import claims_as_of, statuses
from ledger.calendar import Quarter
from ledger.i18n import t
from ledger.model import Ledger, Unit
from ledger.reports.common import as_of_line, meta, period_line, person, scoped, tree_order
from ledger.reports.document import Column, Document, Row, Table, Total
from ledger.reports.reasons import owed_order, owed_text

KINDS: tuple[OwedKind, ...] = (
    "overdue",
    "past_deadline",
    "missing_report",
    "report_due",
    "due_soon",
    "finding_overdue",
    "finding_due_soon",
)
LATE: frozenset[OwedKind] = frozenset(
    {"overdue", "past_deadline", "missing_report", "finding_overdue"}
)


# made for every claim or item: a named tuple, as the records of ledger.asof
class Item(NamedTuple):
    project: str | None  # None: a finding of no project
    project_title: str | None
    leader: str | None  # None: a finding of no claim
    owed: Owed


@dataclass(frozen=True)
class UnitOwes:
    unit: Unit
    items: list[Item]  # claim order, then section 5's order within a claim; then the findings
    open_claims: list[str]  # the projects of the unit's claims that are not complete


@dataclass(frozen=True)
class Remind:
    quarter: Quarter
    as_of: date
    units: list[UnitOwes]  # by id
    left_out: int  # units with claims as of T that owe nothing
    unit: str | None = None  # --unit
    settled: int = 0  # overdue milestones of complete claims, which owe nothing


def build(ledger: Ledger, quarter: Quarter, today: date, scope: str | None = None) -> Remind:
    units = scoped(ledger, scope)
    by_unit: dict[str, list[Item]] = {}
    open_claims: dict[str, list[str]] = {}
    settled = 0
    for status in statuses(ledger, today, units):
        if status.complete:
            settled += len(status.overdue)
        else:
            open_claims.setdefault(status.unit.id, []).append(status.claim.project)
        title = status.project.title if status.project else status.claim.project
        for o in owed(status, quarter, ledger):
            item = Item(status.claim.project, title, status.claim.leader, o)
            by_unit.setdefault(status.unit.id, []).append(item)
    found = index(ledger)
    warn_days = ledger.config.reporting.warn_days
    for unit in units:
        mine = findings_owed(states_of(found.of_unit(unit.id), today, warn_days))
        if mine:
            by_unit.setdefault(unit.id, []).extend(finding_item(ledger, unit, o) for o in mine)
    owing = [
        UnitOwes(u, by_unit[u.id], open_claims.get(u.id, []))
        for u in sorted(units, key=lambda u: u.id)
        if u.id in by_unit
    ]
    quiet = sum(1 for u in units if u.id not in by_unit and claims_as_of(u, today, ledger.year))
    return Remind(quarter, today, owing, quiet, scope, settled)


def finding_item(ledger: Ledger, unit: Unit, o: Owed) -> Item:
    """A finding owed, with its project and the leader of the unit's claim of it (any claim in
    the unit's file: the finding belongs to it whatever its ``claimed`` day)."""
    assert o.finding is not None
    project = o.finding.finding.project
    if project is None:
        return Item(None, None, None, o)
    claim = next((c for c in unit.claims if c.project == project), None)
    book = ledger.projects.get(project)
    return Item(
        project,
        book.title if book else project,
        claim.leader if claim else None,
        o,
    )


def to_json(report: Remind) -> dict[str, Any]:
    return {
        "quarter": report.quarter.label,
        "as_of": report.as_of.isoformat(),
        "units": [
            {
                "id": u.unit.id,
                "name": u.unit.name,
                "contact": u.unit.contact,
                "items": [
                    {
                        "kind": i.owed.kind,
                        "project": i.project,
                        "leader": i.leader,
                        "milestone": i.owed.milestone.id if i.owed.milestone else None,
                        "quarter": i.owed.quarter.label if i.owed.quarter else None,
                        "inspection": i.owed.finding.inspection if i.owed.finding else None,
                        "finding": i.owed.finding.finding.id if i.owed.finding else None,
                        "due": i.owed.due.isoformat(),
                        "days": i.owed.days,
                    }
                    for i in u.items
                ],
            }
            for u in report.units
        ],
    }


def official(report: Remind, ledger: Ledger) -> list[UnitOwes]:
    """The owing units in the official order (the order people read)."""
    found = {u.unit.id: u for u in report.units}
    return [found[unit.id] for unit, _ in tree_order(ledger, found)]


def for_people(items: list[Item]) -> list[Item]:
    """A unit's items claim by claim, each claim's in the order for people (most days late
    first within a kind), as its reasons read in the checklist; then its findings in the order
    of their visits (the sort is stable)."""
    claims = [i for i in items if i.owed.finding is None]
    place = {p: n for n, p in enumerate(dict.fromkeys(i.project for i in claims))}
    ordered = sorted(claims, key=lambda i: (place[i.project], owed_order(i.owed)))
    return ordered + [i for i in items if i.owed.finding is not None]


def document(report: Remind, ledger: Ledger, lang: str) -> Document:
    columns = [
        Column("unit", t("col.unit", lang), width=12),
        Column("unit_id", t("col.unit_id", lang), "id", width=14, compact=False, paper=False),
        Column("contact", t("col.contact", lang), width=22, per_group=True),
        Column("project", t("col.project", lang), "id", width=4),
        Column("title", t("col.title", lang), width=22, compact=False),
        Column("leader", t("col.leader", lang), width=14, compact=False),
        Column("leader_name", t("col.leader", lang), width=8, narrow_only=True),
        Column("owed", t("col.owed", lang), width=30, flex=True),
        # what is owed says most dates again: on a narrow screen this column goes first
        Column("due", t("col.due", lang), "date", width=10, priority=-1),
        Column("days", t("col.days", lang), "number", width=10),
    ]
    rows = []
    for u in official(report, ledger):
        for i in for_people(u.items):
            late = i.owed.kind in LATE
            rows.append(
                Row(
                    [
                        u.unit.short,
                        u.unit.id,
                        u.unit.contact,
                        i.project,
                        i.project_title,
                        i.leader,
                        person(i.leader) if i.leader else None,
                        owed_text(i.owed, lang),
                        i.owed.due,
                        days_cell(i.owed, lang),
                    ],
                    flag="red" if late else "yellow",
                )
            )
    lines = meta(ledger, report.as_of, lang, report.unit)
    lines.append(period_line(report.quarter, lang))
    due = report.quarter.report_due(ledger.config.reporting.report_due_days)
    lines.append(t("meta.report_due", lang, quarter=report.quarter.label, date=due.isoformat()))
    counts = {k: 0 for k in KINDS}
    for u in report.units:
        for i in u.items:
            counts[i.owed.kind] += 1
    totals = [Total(t("total.units_owing", lang), len(report.units), None)]
    for kind in KINDS:
        red = kind in LATE
        flag = ("red" if red else "yellow") if counts[kind] else None
        totals.append(Total(t(f"total.owed.{kind}", lang), counts[kind], flag))
    notes = [left_out_note(report, lang)] if report.left_out else []
    if report.settled:
        notes.append(settled_note(report, lang))
    table = Table(
        "remind",
        t("table.remind", lang),
        columns,
        rows,
        t("empty.remind", lang),
        grouped=True,
        heading=3,  # the unit, its id and its contact: once over the unit's rows
    )
    return Document(
        t("title.remind", lang),
        lines,
        [table],
        lang=lang,
        totals=totals,
        notes=notes,
        stamp=as_of_line(report.as_of, lang),
    )


def days_cell(o: Owed, lang: str) -> str:
    """The days of an item, saying which: late (逾期 19 天) or left (还剩 5 天)."""
    if o.kind in LATE:
        return t("days.late", lang, days=o.days)
    return t("days.left", lang, days=o.days) if o.days else t("days.today", lang)


def left_out_note(report: Remind, lang: str) -> str:
    return t("remind.left_out", lang, n=report.left_out)


def settled_note(report: Remind, lang: str) -> str:
    """Why remind counts fewer overdue milestones than ``ledger overdue`` and the checklist."""
    return t("remind.settled", lang, n=report.settled)


# -- the messages ----------------------------------------------------------------------------------


def text(report: Remind, ledger: Ledger, lang: str) -> str:
    """One message per owing unit in the official order, separated by a blank line."""
    messages = [message(u, ledger, lang) for u in official(report, ledger)]
    return "".join(m + "\n\n" for m in messages)[:-1] if messages else ""


def message(owes: UnitOwes, ledger: Ledger, lang: str) -> str:
    """【提醒】察哈尔右翼后旗（联系人 刘洋 0474-4652345）：2026Q4 进展请于1月10日前上报；K4 党群服务
    中心功能提升（王静）节点“…”已逾期 148 天。

    Reports owed come first, said once for the projects that owe the same quarters (named
    unless every open claim of the unit owes them), each quarter with its own days late; then
    each claim's milestones and deadline, in the order for people; then each finding, its
    problem and its time limit."""
    unit = owes.unit
    # a message is a sentence sent outside the office: the unit's full name, not the short one
    head = (
        t("remind.head_contact", lang, unit=unit.name, contact=unit.contact)
        if unit.contact
        else t("remind.head", lang, unit=unit.name)
    )
    everything = for_people(owes.items)
    # a claim's items all have its project; only findings may have none
    items = [i for i in everything if i.owed.finding is None]
    claims = list(dict.fromkeys(i.project or "" for i in items))
    sep = t("reason.list_sep", lang)
    parts: list[str] = []
    # missing reports: the quarters of each project, projects with the same quarters together
    missing: dict[str, list[Owed]] = {}
    for i in items:
        if i.owed.kind == "missing_report":
            missing.setdefault(i.project or "", []).append(i.owed)
    # a quarter's days late are the same for every claim: its report's due date is the same
    together: dict[tuple[tuple[str, int], ...], list[str]] = {}
    for project, owed_reports in missing.items():
        quarters = tuple((o.quarter.label, o.days) for o in owed_reports if o.quarter is not None)
        together.setdefault(quarters, []).append(project)
    for quarters, projects in together.items():
        parts.append(
            t(
                "remind.missing_report",
                lang,
                who=_who(projects, owes, lang),
                quarters=sep.join(label for label, _ in quarters),
                days=_days_late([days for _, days in quarters], lang),
            )
        )
    # the report coming due
    due = [i for i in items if i.owed.kind == "report_due"]
    if due:
        first = due[0].owed
        assert first.quarter is not None
        parts.append(
            t(
                "remind.report_due",
                lang,
                who=_who([i.project or "" for i in due], owes, lang),
                quarter=first.quarter.label,
                due=short_day(first.due, lang),
                days=first.days,
            )
        )
    for project in claims:
        mine = [
            i
            for i in items
            if i.project == project and i.owed.kind not in ("missing_report", "report_due")
        ]
        if not mine:
            continue
        facts = sep.join(_fact(i.owed, lang) for i in mine)
        head_item = mine[0]
        parts.append(
            t(
                "remind.claim",
                lang,
                project=project,
                title=head_item.project_title,
                leader=person(head_item.leader or ""),
                facts=facts,
            )
        )
    parts += [_finding(i, lang) for i in everything if i.owed.finding is not None]
    return head + t("reason.sep", lang).join(parts) + t("remind.end", lang)


def _finding(item: Item, lang: str) -> str:
    """第四季度随机督导发现的问题“…”整改时限11月20日，已逾期 5 天: the problem and its time
    limit, after the project and its leader when the finding belongs to a claim."""
    o = item.owed
    assert o.finding is not None
    who = ""
    if item.project is not None:
        key = "remind.finding_claim" if item.leader else "remind.finding_project"
        who = t(key, lang, project=item.project, leader=person(item.leader or ""))
    kind = "finding_due_today" if o.kind == "finding_due_soon" and o.days == 0 else o.kind
    return t(
        f"remind.{kind}",
        lang,
        who=who,
        inspection=o.finding.visit.title,
        problem=o.finding.finding.problem,
        due=short_day(o.due, lang),
        days=o.days,
    )


def _who(projects: list[str], owes: UnitOwes, lang: str) -> str:
    """Nothing when every open claim of the unit owes it; else the projects that do."""
    if projects == owes.open_claims:
        return ""
    return t("remind.projects", lang, projects=t("reason.list_sep", lang).join(projects))


def _days_late(days: list[int], lang: str) -> str:
    """46 天; for several quarters each its own: 分别 229 天、138 天、46 天."""
    if len(days) == 1:
        return t("remind.days_one", lang, days=days[0])
    each = t("reason.list_sep", lang).join(t("remind.days_item", lang, days=d) for d in days)
    return t("remind.days_each", lang, items=each)


def _fact(o: Owed, lang: str) -> str:
    title = o.milestone.title if o.milestone else ""
    if o.kind == "due_soon" and o.days == 0:
        return t("remind.due_today", lang, title=title)
    return t(f"remind.{o.kind}", lang, title=title, days=o.days, due=short_day(o.due, lang))


def short_day(day: date, lang: str) -> str:
    """A due date as a message says it: 1月10日 / 10 Jan."""
    return t("remind.day", lang, month=t(f"month.{day.month}", lang), day=day.day)
