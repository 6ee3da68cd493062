"""What changed between two versions of the ledger (contract section 11), for the review of a
push: the versions read from git (``gitread``, read only) or from disk, read as the loader reads
any ledger (``ledger.load.memory``), compared (``compare``) into ``Change`` rows, rendered
(``render``: text, markdown, JSON). No command line here: ``ledger.cli.diff`` calls ``diff``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ledger.diff.change import Change
from ledger.diff.compare import compare
from ledger.diff.gitread import GitError, Repository, repository, version
from ledger.load.ledger import Loaded, load
from ledger.load.memory import Parts, load_files


@dataclass(frozen=True)
class Diff:
    """Two versions compared: the revisions as given (``to`` None for the files on disk), T,
    the changes in the contract's order, and both readings (for names and the note on errors)."""

    from_rev: str
    to_rev: str | None
    as_of: date
    changes: list[Change]
    before: Loaded
    after: Loaded

    @property
    def attention(self) -> int:
        return sum(c.attention for c in self.changes)


def diff(root: Path, from_rev: str, to_rev: str | None, today: date, cache: bool = True) -> Diff:
    """Compare the ledger at ``root`` between ``from_rev`` and ``to_rev`` (None: the files on
    disk); ``GitError`` when a version cannot be read (not a repository, an unknown revision, no
    ledger there)."""
    repo = repository(root)  # also for TO on disk: FROM needs git, and the message names it
    parts: Parts = {}  # the two versions share most files: each read once
    before = _side(root, repo, from_rev, cache, parts)
    after = _side(root, repo, to_rev, cache, parts)
    return Diff(from_rev, to_rev, today, compare(before, after, today), before, after)


def _side(root: Path, repo: Repository, rev: str | None, cache: bool, parts: Parts) -> Loaded:
    """The ledger as of ``rev``, or on disk (every ledger file under the root, tracked or not).
    The cache's pack is read, never written."""
    if rev is None:
        return load(root, cache=cache)
    found = version(repo, rev)
    return load_files(root, found.files, found.odd, cache=cache, parts=parts)


__all__ = ["Change", "Diff", "GitError", "diff"]
