"""The sample ledger in data/ validates on every day the contract asks for."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from ledger.validate import validate
from tests.conftest import REPO

DAYS = [date(2026, 11, 1) + timedelta(days=i) for i in range(61)]


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_sample_has_no_errors_from_november_to_december(day: date) -> None:
    result = validate(REPO, day)
    assert [(p.path, p.line, p.code) for p in result.problems] == [
        ("data/projects.yaml", result.problems[0].line, "W001")
    ]


def test_sample_warns_of_the_one_unclaimed_project() -> None:
    (problem,) = validate(REPO, date(2026, 11, 25)).problems
    assert problem.code == "W001" and problem.args["id"] == "I4"


def test_sample_before_november_reports_dated_after_today(tmp_path: Path) -> None:
    codes = {p.code for p in validate(REPO, date(2026, 10, 15)).problems}
    assert {"D002", "D003"} <= codes
