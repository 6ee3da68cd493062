"""A push a city clerk reviews: the sample ledger in a git repository (in a subfolder), then one
commit of the changes a quarter brings: a time limit moved, a report rewritten, a report added, a
finding rectified, a milestone done. The golden files of ``ledger diff`` and the picture in
docs/*/ci.md are made from it (``python -m tests.diff.sample_push DIR`` makes the repository)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.diff.gitrepo import Repo

HUADE = "data/units/huade.yaml"
JINING = "data/units/jining.yaml"
Q4_SPOT = "data/inspections/2026q4-spot.yaml"

ACCEPTED = """\
      - id: acceptance
        done: 2026-11-19
        evidence: 县委组织部验收通报
"""
Q4_REPORT = """\
      - quarter: 2026Q4
        status: on_track
        percent: 80
        summary: 示范党支部创建初评完成18个
        reported: 2026-11-20
"""


def sample_push(top: Path) -> Repo:
    """The repository at ``top``: the sample committed, then the push (HEAD~1 → HEAD)."""
    repo = Repo(top, "ledger")
    shutil.copy(REPO / "ledger.toml", repo.root / "ledger.toml")
    shutil.copytree(REPO / "data", repo.root / "data")
    repo.commit("the ledger as of the last meeting")
    repo.edit(HUADE, "        due: 2026-11-10\n", "        due: 2026-12-10\n")
    repo.edit(HUADE, "        reported: 2026-10-10\n", "        reported: 2026-10-10\n" + Q4_REPORT)
    repo.edit(HUADE, "        percent: 50\n", "        percent: 55\n")
    repo.edit(HUADE, "        done: 2026-08-28\n", "        done: 2026-08-28\n" + ACCEPTED)
    text = repo.read(JINING)
    head, _, tail = text.partition("  - project: K5")
    repo.write(JINING, head + "  - project: K5" + tail.replace("2026-10-31", "2026-12-31", 1))
    repo.edit(Q4_SPOT, "    due: 2026-11-20\n", "    due: 2026-11-20\n    rectified: 2026-11-18\n")
    repo.commit("units' reports of November")
    return repo


if __name__ == "__main__":
    print(sample_push(Path(sys.argv[1])).root)
