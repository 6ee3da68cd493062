"""forms/rectify.py: a finding's rectification spliced into its visit file, comments kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ledger.forms.rectify import record_rectified
from ledger.load import load
from tests.forms.conftest import VISIT_FILE


def test_rectified_and_evidence_go_after_due_and_the_rest_stays(sample: Path) -> None:
    loaded = load(sample, cache=False)
    edit = record_rectified(loaded, "2026q3-spot", "f1", date(2026, 11, 20), "成立文件")
    old = (sample / VISIT_FILE).read_text(encoding="utf-8")
    assert edit.rel == VISIT_FILE and edit.changed
    assert edit.new_text == old.replace(
        "    due: 2026-10-31\n",
        "    due: 2026-10-31\n    rectified: 2026-11-20\n    evidence: 成立文件\n",
    )
    # a second finding of the same file on top of the first, as the import builds them
    both = record_rectified(loaded, "2026q3-spot", "f2", date(2026, 11, 21), base=edit)
    assert "    rectified: 2026-11-20\n" in both.new_text
    assert "    due: 2026-09-30\n    rectified: 2026-11-21\n" in both.new_text
    assert both.old is edit.old  # written once, against the bytes read


def test_the_same_rectification_changes_nothing(sample: Path) -> None:
    loaded = load(sample, cache=False)
    edit = record_rectified(loaded, "2026q2-spot", "f1", date(2026, 6, 25))
    assert not edit.changed and edit.what == "unchanged_rectified"
