"""``ledger.diff.diff``: the files on disk as TO (tracked or not), a side with errors compared as
far as it can be read."""

from __future__ import annotations

import os
from pathlib import Path

from ledger.diff import diff
from tests.diff.gitrepo import TODAY, A, Repo


def test_to_defaults_to_the_files_on_disk_tracked_or_not(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    repo.base()
    repo.edit(A, "deadline: 2026-09-30", "deadline: 2026-12-31")  # not committed
    repo.write("data/units/b.yaml", "id: b\nname: 乙单位\n")  # not even added
    found = diff(repo.root, "HEAD", None, TODAY)
    assert [(c.kind, c.unit) for c in found.changes] == [
        ("deadline_extended", "a"),
        ("unit_added", "b"),
    ]
    assert (found.from_rev, found.to_rev, found.attention) == ("HEAD", None, 1)


def test_nothing_changed(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    repo.base()
    assert diff(repo.root, "HEAD", None, TODAY).changes == []


def test_a_side_with_errors_is_compared_as_far_as_it_can_be_read(tmp_path: Path) -> None:
    """In TO a unit file is no YAML, another is a link, a third not UTF-8: none of them is
    reported removed, and what can be read is still compared."""
    repo = Repo(tmp_path)
    repo.base()
    repo.write("data/units/b.yaml", "id: b\nname: 乙单位\n")
    repo.write("data/units/c.yaml", "id: c\nname: 丙单位\n")
    repo.commit()
    repo.write("data/units/city.yaml", "id: city\nname: [unclosed\n")
    repo.remove("data/units/b.yaml")
    os.symlink("city.yaml", repo.root / "data/units/b.yaml")
    repo.write("data/units/c.yaml", "id: c\nname: 丙单位\n".encode("gbk"))
    repo.edit(A, "deadline: 2026-09-30", "deadline: 2026-12-31")
    repo.commit()
    found = diff(repo.root, "HEAD~1", "HEAD", TODAY)
    assert [(c.kind, c.unit) for c in found.changes] == [("deadline_extended", "a")]
    errors = {(p.path, p.code) for p in found.after.problems if p.level == "error"}
    assert {("data/units/b.yaml", "F008"), ("data/units/c.yaml", "F003")} <= errors
    assert "data/units/city.yaml" in {p for p, _ in errors}
    # the other way round, the same: nothing is said of the files that cannot be read
    back = diff(repo.root, "HEAD", "HEAD~1", TODAY)
    assert [(c.kind, c.unit) for c in back.changes] == [("claim_changed", "a")]


def test_a_unit_file_with_a_broken_claim_keeps_its_other_claims(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    repo.base()
    repo.write(
        A,
        repo.read(A)
        + "  - project: B1\n    leader: 李某\n    measures: [x]\n    deadline: 2026-12-01\n",
    )
    repo.commit()
    repo.edit(A, "deadline: 2026-12-01", "deadline: 2026/12/20")  # B1's claim now fails its check
    repo.edit(A, "leader: 王某", "leader: 赵某")
    repo.commit()
    found = diff(repo.root, "HEAD~1", "HEAD", TODAY)
    assert [(c.kind, c.project, c.field) for c in found.changes] == [
        ("claim_changed", "K1", "leader")
    ]
