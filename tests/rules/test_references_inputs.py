"""rules/references.py, the hostile-input tests (a parent cycle through thousands of units). To be
folded into tests/rules/test_references.py once house-load is merged."""

from __future__ import annotations

import time

from tests.conftest import LedgerMaker
from tests.support import at, found


def test_a_parent_cycle_through_thousands_of_units_is_one_short_message(
    make_ledger: LedgerMaker,
) -> None:
    n = 3000
    units: dict[str, str | bytes | None] = {
        f"u{i:04d}": f"id: u{i:04d}\nname: 单位{i}\nparent: u{(i + 1) % n:04d}\n" for i in range(n)
    }
    root = make_ledger(units=units)
    started = time.monotonic()
    problems = [p for p in found(root) if p.code == "R005"]
    assert time.monotonic() - started < 10  # a guard, not a benchmark
    assert at(problems) == [("data/units/u0000.yaml", "R005", 3, 9)]
    message = problems[0].message("en")
    assert len(message) < 300
    assert message.endswith(
        "u0000 → u0001 → u0002 → u0003 → u0004 → u0005 → u0006 → u0007 → "
        "u0008 → u0009 → … (3000) → u0000"
    )
