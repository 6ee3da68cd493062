"""hints.py: did-you-mean hints."""

from __future__ import annotations

import time

from ledger.hints import did_you_mean
from ledger.i18n import words


def test_thousands_of_did_you_mean_searches_take_well_under_a_second() -> None:
    known = [f"P{i}X{i * 7 % 13}" for i in range(2000)]
    unknown = [f"Q{i}Y{i % 11}" for i in range(2000)]
    started = time.monotonic()
    hints = [did_you_mean(word, known) for word in unknown]
    assert time.monotonic() - started < 5  # a guard: it takes well under a second
    assert len(hints) == 2000
    assert did_you_mean("k1", [*known, "K1"])["hint"] == words("hint.did_you_mean", name="K1")
    assert did_you_mean("P12X3", known)["hint"] != words("hint.none")
