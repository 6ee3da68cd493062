"""What the tests of asof/ share: a claim and a progress entry from a few fields, a one-unit
ledger, and a claim's status as of a day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ledger.asof.status import claim_status
from ledger.load import load
from ledger.model import Claim, Ledger
from tests.conftest import LedgerMaker

D = date


def claim(**fields: object) -> Claim:
    base: dict[str, object] = {
        "project": "K1",
        "leader": "张三",
        "measures": ["a"],
        "deadline": D(2026, 12, 31),
    }
    base.update(fields)
    return Claim.model_validate(base)


def entry(
    quarter: str, reported: date, percent: int = 50, status: str = "on_track"
) -> dict[str, object]:
    return {
        "quarter": quarter,
        "status": status,
        "percent": percent,
        "summary": "s",
        "reported": reported,
    }


@pytest.fixture
def ledger(make_ledger: LedgerMaker) -> Ledger:
    root: Path = make_ledger(units={"a": "id: a\nname: 甲\nparent: city\n"})
    loaded = load(root)
    assert not loaded.problems
    return loaded.ledger()


def status_of(ledger: Ledger, c: Claim, today: date):  # type: ignore[no-untyped-def]
    return claim_status(ledger, ledger.units["a"], c, today)
