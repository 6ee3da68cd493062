"""'Did you mean …?': the closest known name to a mistyped one, as message arguments."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any


def did_you_mean(word: str, known: Iterable[str]) -> dict[str, Any]:
    """``{"hint": ": did you mean `x`?", "hint_zh": …}``, or empty hints when nothing is close."""
    names = list(known)
    same = [n for n in names if n.lower() == word.lower()]  # `k1` for `K1`
    close = same or difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    if not close:
        return {"hint": "", "hint_zh": ""}
    return {"hint": f": did you mean `{close[0]}`?", "hint_zh": f"：是否应为 `{close[0]}`？"}
