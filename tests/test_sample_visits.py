"""The sample ledger's supervision visits (data/inspections/, contract section 10) keep to the
contract's rules and, as of the README's day, show a finding in every state, so that report,
remind and findings have something to show on day one."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import REPO

INSPECTIONS = REPO / "data" / "inspections"
VISIT_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
FINDING_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
T = date(2026, 11, 25)  # the README's day
WARN_DAYS = 14  # ledger.toml [reporting] warn_days
YEAR = 2026
# tests/test_sample.py asks the sample to validate on every day from here on, and a `rectified`
# or `closed` after T is an error: so none may be later than this.
FIRST_DAY_VALIDATED = date(2026, 11, 1)


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def claims() -> dict[str, set[str]]:
    units = (load(p) for p in (REPO / "data" / "units").glob("*.yaml"))
    return {u["id"]: {c["project"] for c in u.get("claims") or []} for u in units}


def visits() -> list[tuple[Path, dict[str, Any]]]:
    return [(p, load(p)) for p in sorted(INSPECTIONS.glob("*.yaml"))]


def state(finding: dict[str, Any]) -> str:
    """Section 10's meanings as of T."""
    closed, rectified, due = finding.get("closed"), finding.get("rectified"), finding["due"]
    if closed is not None and closed <= T:
        return "closed"
    if rectified is not None and rectified <= T:
        return "rectified"
    if due < T:
        return "overdue"
    return "due_soon" if due <= T + timedelta(days=WARN_DAYS) else "open"


def test_the_sample_has_three_visits() -> None:
    assert len(visits()) == 3


def test_every_visit_keeps_the_rules_of_section_10() -> None:
    claimed = claims()
    for path, visit in visits():
        assert VISIT_ID.match(visit["id"]) and visit["id"] == path.stem, path
        assert visit["title"] and isinstance(visit["date"], date), path
        day: date = visit["date"]
        assert day.year == YEAR and day <= T, path
        units: list[str] = visit["units"]
        assert units and len(set(units)) == len(units) and set(units) <= claimed.keys(), path
        ids = [f["id"] for f in visit.get("findings") or []]
        assert len(set(ids)) == len(ids), path
        for f in visit.get("findings") or []:
            where = f"{path.name}:{f['id']}"
            assert FINDING_ID.match(f["id"]) and f["problem"] and f["requirement"], where
            assert f["unit"] in units, where
            assert f.get("project") is None or f["project"] in claimed[f["unit"]], where
            assert day <= f["due"] and f["due"].year == YEAR, where
            rectified, closed = f.get("rectified"), f.get("closed")
            if rectified is not None:
                assert day <= rectified <= FIRST_DAY_VALIDATED, where
            if closed is not None:
                assert rectified is not None and rectified <= closed <= FIRST_DAY_VALIDATED, where


def test_every_state_is_shown_as_of_the_readmes_day() -> None:
    findings = [f for _, v in visits() for f in v.get("findings") or []]
    states = {state(f) for f in findings}
    assert states == {"closed", "rectified", "overdue", "due_soon", "open"}
    late = [f for f in findings if f.get("rectified") and f["rectified"] > f["due"]]
    assert any(state(f) == "rectified" for f in late)
    assert any("project" not in f and state(f) in {"overdue", "due_soon"} for f in findings)


def test_findings_colour_claims_once_meanings_exist() -> None:
    """An overdue finding on a claim green in today's quarterly report (fengzhen B1), one due soon
    on another (chayouzhongqi K1), and one on huade B4, which is red already."""
    overdue = {
        (f["unit"], f.get("project"))
        for _, v in visits()
        for f in v["findings"]
        if state(f) == "overdue"
    }
    due_soon = {
        (f["unit"], f.get("project"))
        for _, v in visits()
        for f in v["findings"]
        if state(f) == "due_soon"
    }
    assert {("fengzhen", "B1"), ("huade", "B4")} <= overdue
    assert ("chayouzhongqi", "K1") in due_soon
