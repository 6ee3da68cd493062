"""``ledger report --year``: the year-end evaluation, units ranked by score, as of T."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ledger.asof import ClaimStatus, Score, competition_ranks, half_up, statuses, unit_score
from ledger.i18n import t
from ledger.model import Ledger
from ledger.reports.common import meta, scoped
from ledger.reports.document import Bar, Chart, Column, Document, Row, Table


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
    scope: str | None = None


def build(ledger: Ledger, today: date, scope: str | None = None) -> YearReport:
    found: dict[str, list[ClaimStatus]] = {}
    for s in statuses(ledger, today, scoped(ledger, scope)):
        found.setdefault(s.unit.id, []).append(s)
    scored = [
        (uid, unit_score(ledger, claims, today), len(claims)) for uid, claims in found.items()
    ]
    scored.sort(key=lambda x: (-x[1].rounded, x[0]))
    ranks = competition_ranks([s.rounded for _, s, _ in scored])
    units = [
        Ranked(uid, ledger.units[uid].name, rank, score, n)
        for (uid, score, n), rank in zip(scored, ranks, strict=True)
    ]
    return YearReport(ledger.year, today, units, scope)


def to_json(report: YearReport) -> dict[str, Any]:
    return {
        "year": report.year,
        "as_of": report.as_of.isoformat(),
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
                },
            }
            for u in report.units
        ],
    }


def _percent(share: Fraction) -> float:
    return float(half_up(share * 100))


def document(report: YearReport, ledger: Ledger, lang: str) -> Document:
    columns = [
        Column("rank", t("col.rank", lang), "number", width=6),
        Column("unit", t("col.unit", lang), width=20),
        Column("unit_id", t("col.unit_id", lang), width=16),
        Column("score", t("col.score", lang), "number", width=8, decimals=1),
        Column("part_milestones", t("col.part_milestones", lang) + " (%)", "number", 12, 1),
        Column("part_reports", t("col.part_reports", lang) + " (%)", "number", 12, 1),
        Column("part_completion", t("col.part_completion", lang) + " (%)", "number", 12, 1),
        Column("claims", t("col.claims", lang), "number", width=8),
    ]
    rows = [
        Row(
            [
                u.rank,
                u.name,
                u.id,
                float(u.shown),
                _percent(u.score.milestones),
                _percent(u.score.reports),
                _percent(u.score.completion),
                u.claims,
            ]
        )
        for u in report.units
    ]
    weights = ledger.config.evaluation
    head = meta(ledger, report.as_of, lang, report.scope)
    head.append(
        t(
            "meta.weights",
            lang,
            milestones=weights.milestones,
            reports=weights.reports,
            completion=weights.completion,
        )
    )
    chart = Chart(
        t("chart.score", lang),
        [(t("col.score", lang), "#337ab7")],
        [Bar(u.name, {t("col.score", lang): float(u.shown)}) for u in report.units],
        maximum=100,
    )
    table = Table("ranking", t("table.ranking", lang), columns, rows, t("empty.claims", lang))
    return Document(t("title.year", lang, year=report.year), head, [table], [chart], lang=lang)
