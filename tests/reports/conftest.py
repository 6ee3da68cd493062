"""What the tests of reports/ share: the sample ledger, and the checklist of a quarter as JSON."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from ledger.load import load
from ledger.model import Ledger
from tests.conftest import REPO
from tests.support import Cli

DAY = "2026-11-25"


T = date(2026, 11, 25)


@pytest.fixture(scope="module")
def ledger() -> Ledger:
    return load(REPO).ledger()


def _checklist(cli: Cli, *args: str) -> dict[str, Any]:
    code, out = cli("report", "--quarter", *args, "-C", REPO, "--today", DAY, "-f", "json")
    assert code == 0, out
    doc: dict[str, object] = json.loads(out)
    return doc


def _claim(doc: dict[str, Any], unit: str, project: str) -> dict[str, Any]:
    units = doc["units"]
    assert isinstance(units, list)
    found = next(u for u in units if u["id"] == unit)
    return next(c for c in found["claims"] if c["project"] == project)
