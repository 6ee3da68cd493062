"""``ledger inspect --sample N [--seed S]``: the random spot-check list (随机督导).

N distinct units with claims as of T, drawn with Python's ``random.Random(seed).sample`` over the
unit ids in sorted order, so the same seed and ledger always give the same list, on any machine.
Without a seed, the seed is T's date (``20261125``): the same list all day, a new one tomorrow.

For each unit drawn, its findings not closed as of T (回头看, contract section 10: what the last
visits left open, rectified or not), in the order of their visits: JSON ``findings``, and in the
human formats a second table after the units to visit (a CSV file holds the first table alone).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from typing import Any

from ledger.asof.findings import FindingAsOf, index, states_of
from ledger.asof.status import ClaimStatus, Reason, statuses
from ledger.i18n import t
from ledger.model import Ledger
from ledger.reports.common import (
    FLAGS,
    as_of_line,
    flag_totals,
    meta,
    no_claims,
    person,
    scoped,
    word,
)
from ledger.reports.document import Column, Document, Row, Table, Total
from ledger.reports.reasons import for_people, reason_text


@dataclass(frozen=True)
class Visit:
    id: str
    name: str
    claims: list[ClaimStatus]
    findings: list[FindingAsOf]  # not closed as of T, in the order of their visits


@dataclass(frozen=True)
class SpotCheck:
    as_of: date
    seed: int
    population: int  # units with claims that could be drawn
    visits: list[Visit]  # in the order drawn
    scope: str | None = None
    by_date: bool = False  # no seed was given: the seed is T's date


def default_seed(today: date) -> int:
    return int(today.strftime("%Y%m%d"))


def build(
    ledger: Ledger, n: int, today: date, seed: int | None = None, scope: str | None = None
) -> SpotCheck:
    found: dict[str, list[ClaimStatus]] = {}
    for s in statuses(ledger, today, scoped(ledger, scope)):
        found.setdefault(s.unit.id, []).append(s)
    by_date = seed is None
    seed = default_seed(today) if seed is None else seed
    ids = sorted(found)
    drawn = random.Random(seed).sample(ids, min(n, len(ids)))
    by_unit = index(ledger)
    warn_days = ledger.config.reporting.warn_days
    visits = [
        Visit(
            uid,
            ledger.units[uid].name,
            found[uid],
            [f for f in states_of(by_unit.of_unit(uid), today, warn_days) if f.state != "closed"],
        )
        for uid in drawn
    ]
    return SpotCheck(today, seed, len(ids), visits, scope, by_date)


def to_json(report: SpotCheck) -> dict[str, Any]:
    return {
        "as_of": report.as_of.isoformat(),
        "seed": report.seed,
        "population": report.population,
        "units": [
            {
                "id": v.id,
                "name": v.name,
                "claims": [
                    {
                        "project": s.claim.project,
                        "leader": s.claim.leader,
                        "flag": s.flag,
                        "percent": s.latest.percent if s.latest else None,
                        "status": s.latest.status if s.latest else None,
                        "overdue": [m.id for m in s.overdue],
                    }
                    for s in v.claims
                ],
                "findings": [
                    {
                        "inspection": f.inspection,
                        "finding": f.finding.id,
                        "problem": f.finding.problem,
                        "due": f.due.isoformat(),
                        "state": f.state,
                    }
                    for f in v.findings
                ],
            }
            for v in report.visits
        ],
    }


def _to_check(s: ClaimStatus, report_due_days: int, lang: str) -> str:
    """What the inspectors look into, worded and ordered as a flag's reasons (days included):
    overdue milestones (even a complete claim's, never marked done), past deadline, missing
    reports, overdue findings (even a complete claim's: a red flag never goes without its
    reason); then the reports made late, in quarter order."""
    today = s.today
    found = [Reason("overdue", m.due, (today - m.due).days, m) for m in s.overdue]
    if s.past_deadline:
        deadline = s.claim.deadline
        found.append(Reason("past_deadline", deadline, (today - deadline).days))
    for q, state in s.reports.items():
        if state == "missing":
            due = q.report_due(report_due_days)
            found.append(Reason("missing_report", due, (today - due).days, quarter=q))
    found += [
        Reason("finding_overdue", f.due, f.days, finding=f)
        for f in s.findings
        if f.state == "overdue"
    ]
    items = [reason_text(r, lang) for r in for_people(found)]
    items += [t("check.late", lang, quarter=q.label) for q, st in s.reports.items() if st == "late"]
    return "\n".join(items)


def _lookback_days(f: FindingAsOf, lang: str) -> str:
    """The days of a finding not rectified, saying which: late (逾期 25 天) or left."""
    if f.days is None:
        return ""
    if f.state == "overdue":
        return t("days.late", lang, days=f.days)
    return t("days.left", lang, days=f.days) if f.days else t("days.today", lang)


_LOOKBACK_FLAG = {"overdue": "red", "due_soon": "yellow"}


def _lookback(report: SpotCheck, ledger: Ledger, lang: str) -> Table:
    """回头看: the findings of each unit drawn not closed as of T, in the order drawn."""
    columns = [
        Column("order", t("col.order", lang), "number", width=6),
        Column("unit", t("col.unit", lang), width=12, per_group=True),
        Column("inspection", t("col.visit", lang), width=16, compact=False),
        Column("project", t("col.project", lang), "id", width=6),
        Column("problem", t("col.problem", lang), width=30, flex=True),
        Column("requirement", t("col.requirement", lang), width=24, compact=False),
        Column("due", t("col.finding_due", lang), "date", width=10),
        Column("state", t("col.finding_state", lang), "flag", width=12),
        Column("days", t("col.days", lang), "number", width=10),
        Column("rectified", t("col.rectified", lang), "date", width=10, compact=False),
    ]
    rows = [
        Row(
            [
                i,
                ledger.units[v.id].short,
                t("lookback.visit", lang, title=f.visit.title, date=f.visit.date.isoformat()),
                f.finding.project,
                f.finding.problem,
                f.finding.requirement,
                f.due,
                t(f"lookback.{f.state}", lang),
                _lookback_days(f, lang),
                f.finding.rectified if f.state == "rectified" else None,
            ],
            flag=_LOOKBACK_FLAG.get(f.state),
        )
        for i, v in enumerate(report.visits, 1)
        for f in v.findings
    ]
    return Table(
        "lookback",
        t("table.lookback", lang),
        columns,
        rows,
        t("empty.lookback", lang),
        grouped=True,
    )


def drawn_line(report: SpotCheck, lang: str) -> str:
    """How the units were drawn, in a clerk's words: from how many, the seed, and that the
    same seed on the same ledger draws the same units."""
    key = "meta.drawn_by_date" if report.by_date else "meta.drawn"
    return t(key, lang, n=len(report.visits), total=report.population, seed=report.seed)


def document(report: SpotCheck, ledger: Ledger, lang: str) -> Document:
    columns = [
        Column("order", t("col.order", lang), "number", width=6),
        Column("unit", t("col.unit", lang), width=12, per_group=True),
        Column("project", t("col.project", lang), width=8),
        Column("title", t("col.title", lang), width=24, compact=False),
        Column("leader", t("col.leader", lang), width=18, compact=False),
        Column("leader_name", t("col.leader", lang), width=8, narrow_only=True),
        Column("percent", t("col.percent", lang), "number", width=8),
        Column("flag", t("col.flag", lang), "flag", width=8),
        Column("check", t("col.check", lang), width=36, flex=True),
    ]
    rows = []
    due_days = ledger.config.reporting.report_due_days
    for i, v in enumerate(report.visits, 1):
        for s in v.claims:
            rows.append(
                Row(
                    [
                        i,
                        ledger.units[v.id].short,
                        s.claim.project,
                        s.project.title if s.project else s.claim.project,
                        s.claim.leader,
                        person(s.claim.leader),
                        s.latest.percent if s.latest else None,
                        word("flag", s.flag, lang),
                        _to_check(s, due_days, lang),
                    ],
                    flag=s.flag,
                )
            )
    head = meta(ledger, report.as_of, lang, report.scope)
    head.append(drawn_line(report, lang))
    table = Table(
        "sample",
        t("table.sample", lang),
        columns,
        rows,
        no_claims(ledger, report.as_of, lang, report.scope),
        grouped=True,
    )
    claims = [s for v in report.visits for s in v.claims]
    flags = {f: sum(1 for s in claims if s.flag == f) for f in FLAGS}
    open_findings = sum(len(v.findings) for v in report.visits)
    overdue = sum(f.state == "overdue" for v in report.visits for f in v.findings)
    totals = [
        Total(
            t("total.drawn", lang),
            t("total.of", lang, n=len(report.visits), total=report.population),
        ),
        Total(t("total.claims", lang), len(claims)),
        *flag_totals(flags, None, lang),
        Total(t("total.lookback", lang), open_findings),
        Total(t("total.findings_overdue", lang), overdue, "red" if overdue else None),
    ]
    return Document(
        t("title.inspect", lang),
        head,
        [table, _lookback(report, ledger, lang)],
        lang=lang,
        totals=totals,
        stamp=as_of_line(report.as_of, lang),
    )
