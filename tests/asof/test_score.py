"""asof/score.py: the year-end score, exact, rounded half up, and the competition ranks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction

import pytest

from ledger.asof.findings import FindingAsOf, findings_as_of
from ledger.asof.score import competition_ranks, unit_score
from ledger.model import EvaluationSection, Ledger, Visit
from tests.asof.conftest import claim, entry, status_of

D = date


def test_score_parts_with_nothing_to_count_are_one(ledger: Ledger) -> None:
    s = status_of(ledger, claim(claimed=D(2026, 5, 1)), D(2026, 5, 2))
    score = unit_score(ledger, [s], D(2026, 5, 2))
    assert (score.milestones, score.reports, score.completion) == (1, 1, 1)  # type: ignore[comparison-overlap]
    assert score.score == 100


def test_score_is_exact_and_rounds_half_up(ledger: Ledger) -> None:
    # milestones 1/2 on time, reports 2/4 on time (Q3 late, Q4 missing), completion 0/1
    c = claim(
        deadline=D(2026, 12, 1),
        milestones=[{"id": "survey", "done": D(2026, 3, 1)}],
        progress=[
            entry("2026Q1", D(2026, 4, 1), 10),
            entry("2026Q2", D(2026, 7, 1), 20),
            entry("2026Q3", D(2026, 10, 20), 30),
        ],
    )
    today = D(2027, 1, 20)
    s = status_of(ledger, c, today)
    score = unit_score(ledger, [s], today)
    assert score.milestones == Fraction(1, 2)
    assert score.reports == Fraction(2, 4)  # Q3 late, Q4 missing
    assert score.completion == 0
    assert score.score == Fraction(40)
    assert score.rounded == Fraction(40)


@pytest.mark.parametrize(
    ("exact", "shown"),
    [
        (Fraction(8625, 100), Fraction(863, 10)),
        (Fraction(8624, 100), Fraction(862, 10)),
        (Fraction(1, 20), Fraction(1, 10)),
    ],
)
def test_rounding_half_up(exact: Fraction, shown: Fraction) -> None:
    from ledger.asof.score import Score

    assert Score(Fraction(1), Fraction(1), Fraction(1), exact).rounded == shown


def test_competition_ranks_share_and_skip() -> None:
    assert competition_ranks(
        [Fraction(90), Fraction(90), Fraction(80), Fraction(70), Fraction(70)]
    ) == [1, 1, 3, 4, 4]


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Fraction(6125, 100), 1, Fraction(613, 10)),
        (Fraction(8625, 100), 1, Fraction(863, 10)),
        (Fraction(1, 3), 1, Fraction(3, 10)),
        (Fraction(5, 1000), 2, Fraction(1, 100)),
    ],
)
def test_half_up(value: Fraction, places: int, expected: Fraction) -> None:
    from ledger.asof.score import half_up

    assert half_up(value, places) == expected


# -- the part rectification (contract section 10) ---------------------------------------------


def _findings(ledger: Ledger, today: date, *findings: dict[str, object]) -> list[FindingAsOf]:
    visit = Visit.model_validate(
        {
            "id": "v",
            "title": "督导",
            "date": D(2026, 6, 1),
            "units": ["a"],
            "findings": [
                {"unit": "a", "problem": "p", "requirement": "r", "id": f"f{n}", **f}
                for n, f in enumerate(findings)
            ],
        }
    )
    return findings_as_of(replace(ledger, visits={"v": visit}), today)


def _weighted(ledger: Ledger, m: int, r: int, c: int, f: int) -> Ledger:
    weights = EvaluationSection(milestones=m, reports=r, completion=c, rectification=f)
    return replace(ledger, config=ledger.config.model_copy(update={"evaluation": weights}))


T = D(2026, 11, 25)
# a claim with everything in order on T: its reports of Q2 and Q3 on time, no milestone due
QUIET = claim(
    claimed=D(2026, 5, 1),
    progress=[entry("2026Q2", D(2026, 7, 1)), entry("2026Q3", D(2026, 10, 1))],
)


def test_rectification_counts_the_findings_due_before_t_rectified_by_their_due_date(
    ledger: Ledger,
) -> None:
    found = _findings(
        ledger,
        T,
        {"due": D(2026, 7, 1), "rectified": D(2026, 7, 1)},  # on its due date: in time
        {"due": D(2026, 7, 1), "rectified": D(2026, 6, 20), "closed": D(2026, 6, 30)},
        {"due": D(2026, 7, 1), "rectified": D(2026, 6, 20), "project": "K1"},  # a claim's
        {"due": D(2026, 7, 1), "rectified": D(2026, 7, 2), "closed": D(2026, 7, 3)},  # late
        {"due": D(2026, 8, 1)},  # not rectified
        {"due": D(2026, 9, 1), "rectified": D(2026, 11, 26)},  # after T: not yet
        {"due": T},  # due on T: not before T, not counted
        {"due": D(2026, 12, 1)},
    )
    s = status_of(ledger, QUIET, T)
    score = unit_score(ledger, [s], T, found)
    assert score.rectification == Fraction(3, 6)
    rows = [(c.state, c.done) for c in score.counted if c.part == "rectification"]
    assert rows == [
        ("on_time", D(2026, 7, 1)),
        ("on_time", D(2026, 6, 20)),
        ("on_time", D(2026, 6, 20)),
        ("late", D(2026, 7, 2)),
        ("missed", None),
        ("missed", None),
    ]
    assert score.tally("rectification") == (3, 6)
    # weighted 0 (the default) it changes no score; weighted 10 it takes its share
    assert score.score == unit_score(ledger, [s], T).score == 100
    heavy = _weighted(ledger, 40, 30, 20, 10)
    assert unit_score(heavy, [s], T, found).score == 40 + 30 + 20 + 5


def test_rectification_with_no_finding_due_before_t_is_one(ledger: Ledger) -> None:
    found = _findings(ledger, T, {"due": D(2026, 12, 1)})
    s = status_of(ledger, QUIET, T)
    score = unit_score(_weighted(ledger, 0, 0, 0, 100), [s], T, found)
    assert score.rectification == 1 and score.score == 100
