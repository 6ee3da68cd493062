"""hierarchy.py: who stands under whom (``--unit`` keeps a unit and those under it; the depth
indents the official lists), a parent cycle or an unknown parent never looping."""

from __future__ import annotations

import pytest

from ledger.hierarchy import depth, units_under
from ledger.load import load
from ledger.model import Ledger
from tests.conftest import LedgerMaker


@pytest.fixture
def ledger(make_ledger: LedgerMaker) -> Ledger:
    root = make_ledger(
        units={
            "county": "id: county\nname: 县\nparent: city\n",
            "town": "id: town\nname: 镇\nparent: county\n",
            "village": "id: village\nname: 村\nparent: town\n",
            "other": "id: other\nname: 另一县\nparent: city\n",
            "x": "id: x\nname: 循环甲\nparent: y\n",
            "y": "id: y\nname: 循环乙\nparent: x\n",
            "lost": "id: lost\nname: 无上级\nparent: nowhere\n",
        }
    )
    return load(root).ledger()


def _ids(ledger: Ledger, unit_id: str) -> set[str]:
    return {u.id for u in units_under(ledger, unit_id)}


def test_a_unit_and_every_unit_below_it(ledger: Ledger) -> None:
    assert _ids(ledger, "county") == {"county", "town", "village"}
    assert _ids(ledger, "village") == {"village"}
    assert _ids(ledger, "city") == {"city", "county", "town", "village", "other"}


def test_a_parent_cycle_ends(ledger: Ledger) -> None:
    assert _ids(ledger, "x") == {"x", "y"}
    assert depth(ledger, ledger.units["x"]) == 1  # y, then x again: stops


def test_depth_counts_the_parents_above(ledger: Ledger) -> None:
    assert [depth(ledger, ledger.units[u]) for u in ("city", "county", "town", "village")] == [
        0,
        1,
        2,
        3,
    ]
    assert depth(ledger, ledger.units["lost"]) == 0  # an unknown parent stands above no one
