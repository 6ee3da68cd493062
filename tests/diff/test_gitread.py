"""Reading a version from git: the files under the ledger root only, links named and never read,
nothing written, and a clear error for each revision that cannot be read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ledger.diff.gitread import GitError, repository, version
from tests.diff.gitrepo import A, Repo, git


def test_the_ledger_folder_inside_the_repository(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    repo.base()
    where = repository(repo.root)
    assert where.top.resolve() == tmp_path.resolve()
    assert where.prefix == "office/ledger/"
    assert not where.shallow
    found = version(where, "HEAD")
    assert sorted(found.files) == [
        "data/inspections/v1.yaml",
        "data/projects.yaml",
        "data/units/a.yaml",
        "data/units/city.yaml",
        "ledger.toml",
    ]  # README.md lies outside the ledger
    assert found.files[A] == repo.read(A).encode()
    assert found.odd == {}


def test_a_link_is_named_never_read(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    repo.base()
    os.symlink("/etc/passwd", repo.root / "data/units/b.yaml")
    repo.commit()
    found = version(repository(repo.root), "HEAD")
    assert found.odd == {"data/units/b.yaml": "link"}
    assert "data/units/b.yaml" not in found.files


def test_reading_writes_nothing(tmp_path: Path) -> None:
    """No checkout, no index refresh, no cache: the files and .git stay as they were."""
    repo = Repo(tmp_path)
    repo.base()
    repo.edit(A, "王某", "赵某")  # a change on disk, not committed

    def snapshot() -> dict[str, float]:
        return {str(p): p.stat().st_mtime_ns for p in tmp_path.rglob("*")}

    before = snapshot()
    version(repository(repo.root), "HEAD")
    assert snapshot() == before
    assert "赵某" in repo.read(A)


def test_not_a_repository(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    with pytest.raises(GitError) as caught:
        repository(tmp_path / "x")
    assert caught.value.key == "diff.not_a_repo"


@pytest.mark.parametrize("rev", ["nope", "HEAD~5", "--output=x", ""])
def test_an_unknown_revision(tmp_path: Path, rev: str) -> None:
    repo = Repo(tmp_path)
    repo.base()
    with pytest.raises(GitError) as caught:
        version(repository(repo.root), rev)
    assert caught.value.key == "diff.unknown_rev"
    assert not (repo.top / "x").exists()


def test_a_revision_without_the_ledger(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    first = repo.commit("before the ledger")
    repo.base()
    with pytest.raises(GitError) as caught:
        version(repository(repo.root), first)
    assert caught.value.key == "diff.no_ledger"
    assert caught.value.args_["path"] == "office/ledger/"


def test_a_shallow_clone_missing_the_revision(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "origin")
    old = repo.base()
    repo.edit(A, "王某", "赵某")
    repo.commit()
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo.top}", "clone")
    where = repository(tmp_path / "clone" / "office/ledger")
    assert where.shallow
    with pytest.raises(GitError) as caught:
        version(where, old)
    assert caught.value.key == "diff.shallow"
    assert version(where, "HEAD").files[A] == repo.read(A).encode()


def test_no_git_on_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GitError) as caught:
        repository(tmp_path)
    assert caught.value.key == "diff.no_git"
