"""``ledger report --year``: the year-end evaluation, units ranked by score, as of T.

The scores are provisional (暂算) while some report of the year is not yet due as of T, that is
while T is on or before the last quarter's report due date (2027-01-10 for 2026 with the default
10 days): a report counts once its due date is before T, so only from the day after that date can
no score change but by edits to the files. The heading says so and why; JSON gains
``"provisional"`` (the contract allows added keys).

The part *rectification* (contract section 10) is always in the JSON; the human formats show
its column, its term of the arithmetic, its weight and its items in the detail only when its
weight is above 0: with the default 0 it changes no score, and a clerk reading a column of rates
would take it to count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ledger.asof.findings import index, states_of
from ledger.asof.score import Score, ScorePart, competition_ranks, half_up, unit_score
from ledger.asof.status import ClaimStatus, statuses
from ledger.calendar import Quarter, plus_days
from ledger.i18n import t
from ledger.model import Ledger
from ledger.reports.common import as_of_line, meta, no_claims, scoped
from ledger.reports.document import Bar, Chart, Column, Document, Row, Table, Total


@dataclass(frozen=True)
class Ranked:
    id: str
    name: str
    rank: int
    score: Score
    claims: int

    @property
    def shown(self) -> Decimal:
        """The rounded score as a decimal with one place (87.5), exactly."""
        r = self.score.rounded
        return Decimal(r.numerator) / Decimal(r.denominator)


@dataclass(frozen=True)
class YearReport:
    year: int
    as_of: date
    units: list[Ranked]
    last_due: date  # the report due date of the year's last quarter
    scope: str | None = None
    detail: bool = False  # the table of what made each score (--unit, and in the workbook)

    @property
    def last_quarter(self) -> Quarter:
        return Quarter(self.year, 4)

    @property
    def provisional(self) -> bool:
        """Some report of the year is not yet due as of T: the scores may still change."""
        return self.as_of <= self.last_due


def build(
    ledger: Ledger, today: date, scope: str | None = None, detail: bool = False
) -> YearReport:
    found: dict[str, list[ClaimStatus]] = {}
    for s in statuses(ledger, today, scoped(ledger, scope)):
        found.setdefault(s.unit.id, []).append(s)
    by_unit = index(ledger)
    warn_days = ledger.config.reporting.warn_days

    def score_of(uid: str, claims: list[ClaimStatus]) -> Score:
        findings = list(states_of(by_unit.of_unit(uid), today, warn_days))
        return unit_score(ledger, claims, today, findings)

    scored = [(uid, score_of(uid, claims), len(claims)) for uid, claims in found.items()]
    scored.sort(key=lambda x: (-_tenths(x[1]), x[0]))
    ranks = competition_ranks([s.rounded for _, s, _ in scored])
    units = [
        Ranked(uid, ledger.units[uid].name, rank, score, n)
        for (uid, score, n), rank in zip(scored, ranks, strict=True)
    ]
    last_due = Quarter(ledger.year, 4).report_due(ledger.config.reporting.report_due_days)
    return YearReport(ledger.year, today, units, last_due, scope, detail)


def _tenths(score: Score) -> int:
    """The rounded score in tenths, exactly (87.5 -> 875): the ranking sorts by it, and integers
    compare in a fraction of the time Fractions take."""
    r = score.rounded  # a whole number of tenths
    return r.numerator * 10 // r.denominator


def to_json(report: YearReport) -> dict[str, Any]:
    return {
        "year": report.year,
        "as_of": report.as_of.isoformat(),
        "provisional": report.provisional,
        "units": [
            {
                "id": u.id,
                "name": u.name,
                "rank": u.rank,
                "score": float(u.shown),
                "parts": {
                    "milestones": float(u.score.milestones),
                    "reports": float(u.score.reports),
                    "completion": float(u.score.completion),
                    "rectification": float(u.score.rectification),
                },
            }
            for u in report.units
        ],
    }


def _percent(share: Fraction) -> float:
    return float(half_up(share * 100))


def arithmetic(score: Score, ledger: Ledger, lang: str) -> str:
    """How the score is made: 节点 8/10×50 + 上报 6/8×30 + 完成 1/2×20 = 72.5."""
    weights = ledger.config.evaluation
    parts = []
    weighted: tuple[tuple[ScorePart, int], ...] = (
        ("milestones", weights.milestones),
        ("reports", weights.reports),
        ("completion", weights.completion),
        ("rectification", weights.rectification),
    )
    for part, weight in weighted:
        if part == "rectification" and not weight:
            continue
        hits, total = score.tally(part)
        share = f"{hits}/{total}" if total else t("score.nothing", lang)
        parts.append(t(f"score.{part}", lang, share=share, weight=weight))
    rounded = half_up(score.score)
    return " + ".join(parts) + f" = {Decimal(rounded.numerator) / Decimal(rounded.denominator)}"


def _detail_rows(report: YearReport, ledger: Ledger, lang: str) -> list[Row]:
    rows = []
    # a part weighted 0 lowers no score: its items are not what made it
    rectifying = ledger.config.evaluation.rectification > 0
    for u in report.units:
        for c in u.score.counted:
            if c.hit or (c.part == "rectification" and not rectifying):
                continue
            if c.finding is not None:
                item = t(
                    "score.finding",
                    lang,
                    inspection=c.finding.visit.title,
                    problem=c.finding.finding.problem,
                )
            elif c.milestone is not None:
                item = c.milestone.title
            elif c.quarter is not None:
                item = t("score.report_of", lang, quarter=c.quarter.label)
            else:
                item = t("score.claim", lang)
            rows.append(
                Row(
                    [
                        ledger.units[u.id].short,
                        t(f"part.{c.part}", lang),
                        c.project or "",
                        item,
                        c.due,
                        t(f"counted.{c.part}.{c.state}", lang),
                        c.done,
                    ],
                    flag="red" if c.state in ("missed", "missing", "incomplete") else "yellow",
                )
            )
    return rows


def provisional_note(report: YearReport, lang: str) -> str:
    """Why the scores are not final yet, and from which day they are."""
    key = "note.provisional" if report.as_of.year <= report.year else "note.provisional_reports"
    return t(
        key,
        lang,
        quarter=report.last_quarter.label,
        due=report.last_due.isoformat(),
        final=plus_days(report.last_due, 1).isoformat(),
    )


def document(report: YearReport, ledger: Ledger, lang: str) -> Document:
    columns = [
        Column("rank", t("col.rank", lang), "number", width=4),
        Column("unit", t("col.unit", lang), width=12),
        Column("unit_id", t("col.unit_id", lang), "id", width=14, compact=False, paper=False),
        Column("score", t("col.score", lang), "number", width=6, decimals=1),
        Column("part_milestones", t("col.part_milestones", lang) + " (%)", "number", 8, 1),
        Column("part_reports", t("col.part_reports", lang) + " (%)", "number", 8, 1),
        Column("part_completion", t("col.part_completion", lang) + " (%)", "number", 8, 1),
        Column("part_rectification", t("col.part_rectification", lang) + " (%)", "number", 8, 1),
        Column("claims", t("col.claims", lang), "number", width=6, compact=False),
        # the rates say the same in fewer cells: on a narrow screen the arithmetic goes
        Column("arithmetic", t("col.arithmetic", lang), width=40, flex=True, priority=-1),
    ]
    rows = [
        Row(
            [
                u.rank,
                ledger.units[u.id].short,
                u.id,
                float(u.shown),
                _percent(u.score.milestones),
                _percent(u.score.reports),
                _percent(u.score.completion),
                _percent(u.score.rectification),
                u.claims,
                arithmetic(u.score, ledger, lang),
            ]
        )
        for u in report.units
    ]
    weights = ledger.config.evaluation
    if not weights.rectification:
        # weighted 0: no column (see the module's docstring)
        at = next(n for n, c in enumerate(columns) if c.key == "part_rectification")
        columns.pop(at)
        rows = [Row(r.cells[:at] + r.cells[at + 1 :], r.flag, r.depth) for r in rows]
    head = meta(ledger, report.as_of, lang, report.scope)
    head.append(
        t(
            "meta.weights_rectification" if weights.rectification else "meta.weights",
            lang,
            milestones=weights.milestones,
            reports=weights.reports,
            completion=weights.completion,
            rectification=weights.rectification,
        )
    )
    notes = [provisional_note(report, lang)] if report.provisional else []
    chart = Chart(
        t("chart.score", lang),
        [(t("col.score", lang), "#337ab7")],
        [
            Bar(ledger.units[u.id].short, {t("col.score", lang): float(u.shown)})
            for u in report.units
        ],
        maximum=100,
        decimals=1,
    )
    tables = [
        Table(
            "ranking",
            t("table.ranking", lang),
            columns,
            rows,
            no_claims(ledger, report.as_of, lang, report.scope),
        )
    ]
    if report.detail:
        detail_columns = [
            Column("unit", t("col.unit", lang), width=12),
            Column("part", t("col.part", lang), width=8),
            Column("project", t("col.project", lang), "id", width=4),
            Column("item", t("col.item", lang), width=30, flex=True),
            Column("due", t("col.due", lang), "date", width=10),
            Column("state", t("col.counted", lang), "flag", width=8),
            Column("done", t("col.done", lang), "date", width=10, compact=False),
        ]
        tables.append(
            Table(
                "detail",
                t("table.score_detail", lang),
                detail_columns,
                _detail_rows(report, ledger, lang),
                t("empty.score_detail", lang),
            )
        )
    scores = [u.shown for u in report.units]
    totals = [Total(t("total.units_scored", lang), len(report.units))]
    if scores:
        average = sum(scores) / len(scores)
        totals.append(Total(t("total.average", lang), f"{average:.1f}"))
    title = t("title.year", lang, year=report.year)
    if report.provisional:
        title = t("title.year_provisional", lang, year=report.year, date=report.as_of.isoformat())
    return Document(
        title,
        head,
        tables,
        [chart],
        lang=lang,
        totals=totals,
        notes=notes,
        stamp=as_of_line(report.as_of, lang),
    )
