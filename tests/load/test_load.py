"""load/__init__.py: the package's entry points, and nothing of the layers above it."""

from __future__ import annotations

import ledger.load as load_package
from ledger.load.file import PROJECTS, UNITS
from ledger.load.ledger import load


def test_the_entry_points_are_the_loops_and_the_files() -> None:
    assert load_package.load is load
    assert (load_package.PROJECTS, load_package.UNITS) == (PROJECTS, UNITS)
    assert load_package.CONFIG == "ledger.toml"
    assert set(load_package.__all__) == {
        "CONFIG",
        "INSPECTIONS",
        "PROJECTS",
        "UNITS",
        "Loaded",
        "UnitFile",
        "VisitFile",
        "load",
    }
