"""The year-end score of a unit as of T (contract sections 5 and 10): exact, in fractions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import cached_property
from typing import Literal, NamedTuple

from ledger.asof.findings import FindingAsOf
from ledger.asof.status import ClaimStatus, Milestone
from ledger.calendar import Quarter
from ledger.model import Ledger

ScorePart = Literal["milestones", "reports", "completion", "rectification"]
PARTS: tuple[ScorePart, ...] = ("milestones", "reports", "completion", "rectification")


class Counted(NamedTuple):
    """One thing the year-end score counts, and whether it counts for the unit (``hit``)."""

    part: ScorePart
    hit: bool
    project: str | None  # None: a finding of no project
    state: str  # milestones: on_time, late, missed; reports: on_time, late, missing;
    #             completion: complete, incomplete; rectification: on_time, late, missed
    due: date
    milestone: Milestone | None = None
    quarter: Quarter | None = None
    done: date | None = None  # milestones: done; rectification: rectified (as of T)
    finding: FindingAsOf | None = None


@dataclass(frozen=True)
class Score:
    milestones: Fraction
    reports: Fraction
    completion: Fraction
    score: Fraction  # exact, 0..100
    counted: tuple[Counted, ...] = ()  # what the shares were counted from
    rectification: Fraction = Fraction(1)  # section 10; weighted 0 unless the settings say

    @cached_property
    def rounded(self) -> Fraction:
        return half_up(self.score)

    def tally(self, part: ScorePart) -> tuple[int, int]:
        """(hits, all) of one part."""
        items = [c for c in self.counted if c.part == part]
        return sum(c.hit for c in items), len(items)


def half_up(value: Fraction, places: int = 1) -> Fraction:
    """Rounded to ``places`` decimals half up (四舍五入), exactly: 86.25 -> 86.3 (binary floating
    point and Python's ``round`` would give 86.2). For the non-negative values of the reports."""
    scale = 10**places
    # int(value * scale + 1/2) in integers: (2 n scale + d) / 2d, truncated toward zero as int()
    # does (tests/reference.py has the plain form)
    num = 2 * value.numerator * scale + value.denominator
    den = 2 * value.denominator
    return Fraction(num // den if num >= 0 else -(-num // den), scale)


def counted(
    ledger: Ledger,
    found: list[ClaimStatus],
    today: date,
    findings: Sequence[FindingAsOf] = (),
) -> list[Counted]:
    """Everything one unit's year-end score counts as of T (contract section 5), in claim order:
    its milestones due before T, its required reports due before T, its claims complete or past
    their deadline; then (section 10) the unit's findings due before T, of any project or none,
    in their order (``findings``: the unit's, of the visits up to T)."""
    due_days = ledger.config.reporting.report_due_days
    out: list[Counted] = []
    for status in found:
        project = status.claim.project
        for m, _ in status.milestones:
            if m.due < today:
                on_time = m.done is not None and m.done <= m.due
                late = m.done is not None and m.due < m.done <= today
                state = "on_time" if on_time else "late" if late else "missed"
                done = m.done if m.done is not None and m.done <= today else None
                out.append(Counted("milestones", on_time, project, state, m.due, m, done=done))
        for quarter, state in status.reports.items():
            if state == "not_required":
                continue
            due = quarter.report_due(due_days)
            if due < today:
                out.append(
                    Counted("reports", state == "on_time", project, state, due, quarter=quarter)
                )
        if status.complete or status.claim.deadline < today:
            state = "complete" if status.complete else "incomplete"
            out.append(
                Counted("completion", status.complete, project, state, status.claim.deadline)
            )
    for f in findings:
        if f.due < today:
            done = f.rectified  # as of T; `closed` plays no part
            on_time = done is not None and done <= f.due
            state = "on_time" if on_time else "late" if done is not None else "missed"
            out.append(
                Counted(
                    "rectification", on_time, f.finding.project, state, f.due, done=done, finding=f
                )
            )
    return out


def unit_score(
    ledger: Ledger,
    found: list[ClaimStatus],
    today: date,
    findings: Sequence[FindingAsOf] = (),
) -> Score:
    """The year-end score of one unit from its claims' statuses and its findings as of T: each
    part's share of hits (a part with nothing to count scores in full), weighted."""
    items = counted(ledger, found, today, findings)
    tally = {part: [0, 0] for part in PARTS}  # hits, all
    for c in items:
        part = tally[c.part]
        part[0] += c.hit
        part[1] += 1
    (hm, nm), (hr, nr), (hc, nc), (hf, nf) = ((h, n) if n else (1, 1) for h, n in tally.values())
    w = ledger.config.evaluation
    # the weighted sum as one fraction over the product of the counts: the same number as
    # w.milestones * hm/nm + w.reports * hr/nr + w.completion * hc/nc + w.rectification * hf/nf,
    # with one fraction made instead of ten (tests/reference.py has the plain form)
    score = Fraction(
        (w.milestones * hm * nr * nc + w.reports * hr * nm * nc + w.completion * hc * nm * nr) * nf
        + w.rectification * hf * nm * nr * nc,
        nm * nr * nc * nf,
    )
    return Score(
        Fraction(hm, nm),
        Fraction(hr, nr),
        Fraction(hc, nc),
        score,
        tuple(items),
        Fraction(hf, nf),
    )


def competition_ranks(scores: list[Fraction]) -> list[int]:
    """Ranks of scores already sorted high to low: equal scores share a rank (1, 1, 3)."""
    ranks: list[int] = []
    for i, s in enumerate(scores):
        ranks.append(ranks[-1] if i and s == scores[i - 1] else i + 1)
    return ranks
