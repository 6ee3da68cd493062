"""rules/common.py: the view a check reads, and the rule tests' own helper."""

from __future__ import annotations

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
