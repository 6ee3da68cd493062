"""'Did you mean …?': the closest known name to a mistyped one, as message arguments."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from ledger.i18n import words


def did_you_mean(word: str, known: Iterable[str]) -> dict[str, Any]:
    """``{"hint": words("hint.did_you_mean", name=x)}``, or an empty hint when nothing is close;
    the i18n tables word it (": did you mean `x`?", "：是否应为 `x`？")."""
    names = list(known)
    same = [n for n in names if n.lower() == word.lower()]  # `k1` for `K1`
    close = same or difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    if not close:
        return {"hint": words("hint.none")}
    return {"hint": words("hint.did_you_mean", name=close[0])}
