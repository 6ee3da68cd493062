"""asof/score.py: the year-end score, exact, rounded half up, and the competition ranks."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from ledger.asof.score import competition_ranks, unit_score
from ledger.model import Ledger
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
