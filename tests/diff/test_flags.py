"""Each side's flags as of T, through the flags' public entry."""

from __future__ import annotations

from datetime import date

from ledger.asof.status import statuses
from ledger.diff.flags import flags
from ledger.load.ledger import load
from tests.conftest import REPO, SAMPLE_DAY


def test_every_claim_with_its_flag_as_of_t() -> None:
    loaded = load(REPO, cache=False)
    today = date.fromisoformat(SAMPLE_DAY)
    found = flags(loaded, today)
    assert found is not None
    expected = [((s.unit.id, s.claim.project), s.flag) for s in statuses(loaded.ledger(), today)]
    assert list(found.items()) == expected
    assert {"red", "green"} <= set(found.values())


def test_none_without_settings(tmp_path: object) -> None:
    loaded = load(REPO, cache=False)
    loaded.config = None
    assert flags(loaded, date(2026, 11, 25)) is None
