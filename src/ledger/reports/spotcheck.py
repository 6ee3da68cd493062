"""``ledger inspect --sample N [--seed S]``: the random spot-check list (随机督导).

N distinct units with claims as of T, drawn with Python's ``random.Random(seed).sample`` over the
unit ids in sorted order, so the same seed and ledger always give the same list, on any machine.
Without a seed, the seed is T's date (``20261125``): the same list all day, a new one tomorrow.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from typing import Any

from ledger.asof.status import ClaimStatus, Reason, statuses
from ledger.i18n import t
from ledger.model import Ledger
from ledger.reports.common import FLAGS, flag_totals, meta, no_claims, person, scoped, word
from ledger.reports.document import Column, Document, Row, Table, Total
from ledger.reports.reasons import for_people, reason_text


@dataclass(frozen=True)
class Visit:
    id: str
    name: str
    claims: list[ClaimStatus]


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
    visits = [Visit(uid, ledger.units[uid].name, found[uid]) for uid in drawn]
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
            }
            for v in report.visits
        ],
    }


def _to_check(s: ClaimStatus, report_due_days: int, lang: str) -> str:
    """What the inspectors look into, worded and ordered as a flag's reasons (days included):
    overdue milestones (even a complete claim's, never marked done), past deadline, missing
    reports; then the reports made late, in quarter order."""
    today = s.today
    found = [Reason("overdue", m.due, (today - m.due).days, m) for m in s.overdue]
    if s.past_deadline:
        deadline = s.claim.deadline
        found.append(Reason("past_deadline", deadline, (today - deadline).days))
    for q, state in s.reports.items():
        if state == "missing":
            due = q.report_due(report_due_days)
            found.append(Reason("missing_report", due, (today - due).days, quarter=q))
    items = [reason_text(r, lang) for r in for_people(found)]
    items += [t("check.late", lang, quarter=q.label) for q, st in s.reports.items() if st == "late"]
    return "\n".join(items)


def drawn_line(report: SpotCheck, lang: str) -> str:
    """How the units were drawn, in a clerk's words: from how many, the seed, and that the
    same seed on the same ledger draws the same units."""
    key = "meta.drawn_by_date" if report.by_date else "meta.drawn"
    return t(key, lang, n=len(report.visits), total=report.population, seed=report.seed)


def document(report: SpotCheck, ledger: Ledger, lang: str) -> Document:
    columns = [
        Column("order", t("col.order", lang), "number", width=6),
        Column("unit", t("col.unit", lang), width=12),
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
    totals = [
        Total(
            t("total.drawn", lang),
            t("total.of", lang, n=len(report.visits), total=report.population),
        ),
        Total(t("total.claims", lang), len(claims)),
        *flag_totals(flags, None, lang),
    ]
    return Document(
        t("title.inspect", lang),
        head,
        [table],
        lang=lang,
        totals=totals,
        stamp=t("meta.as_of", lang, date=report.as_of.isoformat()),
    )
