"""hints.py: did-you-mean hints, and the bound on their work."""

from __future__ import annotations

import difflib
from typing import Any

import pytest

from ledger import hints
from ledger.hints import _CANDIDATES, did_you_mean
from ledger.i18n import words


def test_the_closest_name_is_the_hint() -> None:
    known = [f"P{i}X{i * 7 % 13}" for i in range(2000)]
    assert did_you_mean("k1", [*known, "K1"])["hint"] == words("hint.did_you_mean", name="K1")
    assert did_you_mean("P12X3", known)["hint"] != words("hint.none")
    assert did_you_mean("K-1", {"K1", "B1"})["hint"] == words("hint.did_you_mean", name="K1")
    assert did_you_mean("完全不同", ["K1", "B2"])["hint"] == words("hint.none")


def test_a_name_of_another_first_letter_is_found_when_none_shares_it() -> None:
    assert did_you_mean("xroject-7", ["project-7", "planning"])["hint"] == words(
        "hint.did_you_mean", name="project-7"
    )


def test_the_work_per_unknown_name_is_bounded_whatever_the_number_of_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """2,000 unknown ids against 2,000 projects all of one first letter and one length (the
    worst case of the index): each unknown id is compared with at most _CANDIDATES names, found
    by looking at no more than twice as many, not with the 2,000 (16 s before)."""
    compared: list[int] = []
    real = difflib.get_close_matches

    def counting(word: str, possibilities: list[str], *args: Any, **kwargs: Any) -> list[str]:
        compared.append(len(possibilities))
        return real(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    known = [f"PRJ-{i:04d}" for i in range(2000)]
    unknown = [f"PRQ-{i:04d}" for i in range(2000)]
    found = [did_you_mean(word, known) for word in unknown]
    assert len(compared) == 2000
    assert max(compared) <= _CANDIDATES
    index = hints._index(tuple(known))
    assert index.looked_at <= 2 * _CANDIDATES * len(unknown)
    assert all(hint["hint"] != words("hint.none") for hint in found)
