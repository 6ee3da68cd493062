"""rules/registry.py: one registry of checks keyed by code, the scope of each check as data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ledger import rules
from ledger.codes import CODES
from ledger.load import load
from ledger.rules.common import View
from ledger.rules.registry import RULES, rule

EXAMPLES = Path(__file__).parent.parent / "examples" / "bad"


def test_every_check_raises_only_the_codes_it_is_registered_with(sample: Path) -> None:
    """Where a code is raised is read off the registry (``RULES``), not searched for."""
    assert set(RULES) <= set(CODES)
    assert {"D001", "D002", "D003", "D004", "D005", "D006", "D007"} <= set(RULES)
    assert {"P001", "P002", "P003", "P004", "P005", "R007", "R009", "R010", "W002"} <= set(RULES)
    assert {"R001", "R002", "R003", "R004", "R005", "R006", "R008", "W001", "W003"} <= set(RULES)
    for root in [sample, *sorted(p for p in EXAMPLES.iterdir() if p.is_dir())]:
        loaded = load(root, cache=False)
        if loaded.config is None:
            continue
        view = View(loaded)
        for r in rules.rules():
            assert {p.code for p in r.run(view, date(2026, 11, 25))} <= set(r.codes), r.name


def test_a_check_of_one_file_finds_problems_only_in_the_files_it_is_given() -> None:
    """The scope is what the findings cache relies on: a check of one file, run on some files,
    says nothing of the others (else a cached file's problems would be lost or doubled)."""
    for root in sorted(p for p in EXAMPLES.iterdir() if p.is_dir()):
        loaded = load(root, cache=False)
        if loaded.config is None:
            continue
        for file in loaded.units:
            found = rules.run(loaded, date(2026, 11, 25), "file", [file])
            assert {p.path for p in found} <= {file.path}, (root.name, file.path)


def test_every_code_s_checks_are_listed_under_it_with_their_scope() -> None:
    for code, checks in RULES.items():
        for c in checks:
            assert code in c.codes and c.scope in ("file", "across"), c.name
    assert {c.scope for c in RULES["R002"]} == {"file"}
    assert {c.scope for c in RULES["R004"]} == {"across"}
    assert {c.scope for c in RULES["R007"]} == {"file", "across"}  # in a claim, in the book


def test_a_rule_with_an_unknown_code_or_scope_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown codes"):
        rule("file", "Q999")
    with pytest.raises(ValueError, match="unknown scope"):
        rule("everywhere", "P001")  # type: ignore[arg-type]
