"""rules/common.py: the registry of named checks, and the rule tests' own helper."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.support import check


def test_the_helper_builds_a_clean_ledger(tmp_path: Path) -> None:
    check(
        tmp_path,
        """
        id: a
        name: 甲单位
        claims:
          - project: K1
            leader: 王某
            measures: [开展排查]
            deadline: 2026-11-30
            progress:
              - quarter: 2026Q1
                status: on_track
                percent: 10
                summary: 进展
                reported: 2026-04-02
        """,
        [],
    )


def test_every_named_check_raises_only_the_codes_it_is_tagged_with(sample: Path) -> None:
    """Where a code is raised is read off the registry (rules.common.CHECKS), not searched for."""
    from ledger.codes import CODES
    from ledger.load import load
    from ledger.rules.common import CHECKS

    tagged = {code for c in CHECKS for code in c.codes}
    assert set(tagged) <= set(CODES)
    assert {"D001", "D002", "D003", "D004", "D005", "D006", "D007"} <= tagged
    assert {"P001", "P002", "P003", "P004", "P005", "R007", "R009", "R010", "W002"} <= tagged
    examples = Path(__file__).parent.parent / "examples" / "bad"
    for root in [sample, *sorted(p for p in examples.iterdir() if p.is_dir())]:
        loaded = load(root, cache=False)
        if loaded.config is None:
            continue
        for c in CHECKS:
            assert {p.code for p in c.run(loaded, date(2026, 11, 25))} <= set(c.codes), c.name
