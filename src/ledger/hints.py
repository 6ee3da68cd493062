"""'Did you mean …?': the closest known name to a mistyped one, as message arguments.

The work for each mistyped name is bounded whatever the number of names known: they are indexed
once per list (by lower case, and by first letter and length), a name is looked up in the index
without going through the list, and difflib compares it with at most ``_CANDIDATES`` names of a
length that could be close, those sharing its first letter first. Thousands of unknown ids
against thousands of projects take time in proportion to their number, not its square; a very
long list may miss a hint it could have found.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ledger.i18n import words

_CANDIDATES = 60


class _Index:
    """The known names by lower case, and by (first letter, length) and length: a mistyped name
    is compared with at most ``_CANDIDATES`` of them, found by looking at a bounded number of
    names (``looked_at`` counts them), whatever the number of names known."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.lower: dict[str, str] = {}
        self.by_first: dict[tuple[str, int], list[str]] = {}
        self.by_length: dict[int, list[str]] = {}
        for n in names:
            self.lower.setdefault(n.lower(), n)
            self.by_first.setdefault((n[:1].lower(), len(n)), []).append(n)
            self.by_length.setdefault(len(n), []).append(n)
        self.looked_at = 0

    def candidates(self, word: str) -> list[str]:
        """The names of a length that could be close (a ratio of 0.6 needs the shorter to be at
        least 3/7 of the longer), those sharing the word's first letter first, then the nearest
        in length: at most ``_CANDIDATES``, from at most twice as many names looked at."""
        size, first = len(word), word[:1].lower()
        low, high = (3 * size + 6) // 7, (7 * size) // 3
        # lengths from the word's outwards: size, size - 1, size + 1, size - 2, ...
        lengths = [
            n for d in range(high - low + 1) for n in (size - d, size + d) if low <= n <= high
        ]
        lengths = list(dict.fromkeys(lengths))
        out: list[str] = []
        for n in lengths:
            for name in self.by_first.get((first, n), ()):
                self.looked_at += 1
                out.append(name)
                if len(out) >= _CANDIDATES:
                    return out
        # every name sharing the first letter is taken (fewer than _CANDIDATES): skip those
        for n in lengths:
            for name in self.by_length.get(n, ()):
                self.looked_at += 1
                if name[:1].lower() != first:
                    out.append(name)
                    if len(out) >= _CANDIDATES:
                        return out
        return out


@lru_cache(maxsize=8)
def _index(names: tuple[str, ...] | frozenset[str]) -> _Index:
    # a set's order changes from run to run: its names are indexed in sorted order
    return _Index(tuple(sorted(names)) if isinstance(names, frozenset) else names)


@lru_cache(maxsize=4096)
def _closest(word: str, names: tuple[str, ...] | frozenset[str]) -> str | None:
    index = _index(names)
    same = index.lower.get(word.lower())  # `k1` for `K1`
    if same is not None:
        return same
    close = difflib.get_close_matches(word, index.candidates(word), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, known: Iterable[str]) -> dict[str, Any]:
    """``{"hint": words("hint.did_you_mean", name=x)}``, or an empty hint when nothing is close;
    the i18n tables word it (": did you mean `x`?", "：是否应为 `x`？")."""
    names = frozenset(known) if isinstance(known, set | frozenset) else tuple(known)
    close = _closest(word, names)
    if close is None:
        return {"hint": words("hint.none")}
    return {"hint": words("hint.did_you_mean", name=close)}
