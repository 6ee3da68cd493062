"""A change's keys, values and attention (contract section 11)."""

from __future__ import annotations

from datetime import date

from ledger.diff.change import KINDS, Change, counts, needs_attention

KEYS = [
    "kind",
    "unit",
    "project",
    "milestone",
    "quarter",
    "inspection",
    "finding",
    "field",
    "before",
    "after",
    "days",
    "attention",
]


def test_every_key_every_time() -> None:
    assert list(Change("unit_added").to_json()) == KEYS


def test_values_are_json_and_days_after_minus_before() -> None:
    c = Change.of("deadline_extended", date(2026, 9, 30), date(2026, 12, 31), unit="a")
    assert (c.before, c.after, c.days, c.attention) == ("2026-09-30", "2026-12-31", 92, True)
    c = Change.of("claim_changed", date(2026, 2, 1), date(2026, 3, 1), field="claimed")
    assert c.days is None  # a claimed day is no time limit
    assert Change.of("report_added", after={"status": "done", "percent": 100}).after == {
        "status": "done",
        "percent": 100,
    }


def test_attention_on_extensions_and_rewrites_only() -> None:
    flagged = {
        "deadline_extended",
        "due_extended",
        "milestone_undone",
        "report_removed",
        "report_changed",
    }
    for kind in KINDS:
        assert needs_attention(kind, None) == (kind in flagged), kind
    assert needs_attention("milestone_changed", "done")
    assert not needs_attention("milestone_changed", "evidence")
    assert not needs_attention("milestone_changed", "due")  # earlier: no extension
    for name in ("due", "rectified", "closed"):
        assert needs_attention("finding_changed", name)
    assert not needs_attention("finding_changed", "problem")


def test_counts_name_every_kind() -> None:
    found = counts([Change("unit_added"), Change("unit_added"), Change("flag_changed")])
    assert list(found) == list(KINDS)
    assert (found["unit_added"], found["flag_changed"], found["report_added"]) == (2, 1, 0)
