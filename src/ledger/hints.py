"""'Did you mean …?': the closest known name to a mistyped one, as message arguments.

The work is bounded whatever the ledger: the known names are indexed once per list (by lower
case and by length), and difflib compares a mistyped name with at most ``_CANDIDATES`` names of
a length that could be close (a ratio of 0.6 needs the shorter to be at least 3/7 of the
longer), those sharing its first character first. A ledger with thousands of unknown ids gets
its hints in well under a second; a very long list may miss a hint it could have found.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ledger.i18n import words

_CANDIDATES = 60


class _Index:
    def __init__(self, names: tuple[str, ...]) -> None:
        self.lower: dict[str, str] = {}
        for n in names:
            self.lower.setdefault(n.lower(), n)
        self.by_length: dict[int, list[str]] = {}
        for n in names:
            self.by_length.setdefault(len(n), []).append(n)

    def candidates(self, word: str) -> list[str]:
        size = len(word)
        low, high = (3 * size + 6) // 7, (7 * size) // 3
        near = [n for length in range(low, high + 1) for n in self.by_length.get(length, ())]
        if len(near) <= _CANDIDATES:
            return near
        first = word[:1].lower()
        near.sort(key=lambda n: (n[:1].lower() != first, abs(len(n) - size)))
        return near[:_CANDIDATES]


@lru_cache(maxsize=8)
def _index(names: tuple[str, ...]) -> _Index:
    return _Index(names)


@lru_cache(maxsize=4096)
def _closest(word: str, names: tuple[str, ...]) -> str | None:
    index = _index(names)
    same = index.lower.get(word.lower())  # `k1` for `K1`
    if same is not None:
        return same
    close = difflib.get_close_matches(word, index.candidates(word), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, known: Iterable[str]) -> dict[str, Any]:
    """``{"hint": words("hint.did_you_mean", name=x)}``, or an empty hint when nothing is close;
    the i18n tables word it (": did you mean `x`?", "：是否应为 `x`？")."""
    names = tuple(sorted(known)) if isinstance(known, set | frozenset) else tuple(known)
    close = _closest(word, names)
    if close is None:
        return {"hint": words("hint.none")}
    return {"hint": words("hint.did_you_mean", name=close)}
