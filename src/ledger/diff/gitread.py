"""A version of the ledger read straight from git: never a checkout, never a write.

``repository(root)`` finds the repository that holds the ledger root and where in it the root
lies (one ``git rev-parse``); ``version(repo, rev)`` lists the ledger's files at a revision
(``git ls-tree``) and reads their bytes (one ``git cat-file --batch`` for all of them). Only
``ledger.toml`` and what lies under ``data/`` count. A path that git holds as a link (mode 120000)
or a submodule (160000) is no regular file: it is named with its kind and never read, as on disk.
What goes wrong is a ``GitError`` whose ``key`` is a message of the i18n tables.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ledger.load.config import CONFIG
from ledger.load.file import DATA

_KIND_OF_MODE = {b"120000": "link", b"160000": "other"}  # anything but 100644/100755


class GitError(Exception):
    """Why a version cannot be read: ``key`` and ``args`` for the message (exit 2)."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


@dataclass(frozen=True)
class Repository:
    top: Path  # the repository's top folder
    prefix: str  # the ledger root's path from the top, ``""`` or ending in ``/``
    shallow: bool


@dataclass
class Version:
    """The ledger's files at one revision: bytes by path from the ledger root, and the paths
    that are no regular files, with their kind."""

    rev: str
    files: dict[str, bytes] = field(default_factory=dict)
    odd: dict[str, str] = field(default_factory=dict)


def _git(
    args: list[str], cwd: Path, data: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}  # read only: no index refresh
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, input=data, capture_output=True, env=env, check=False
        )
    except FileNotFoundError:
        raise GitError("diff.no_git") from None
    except OSError as exc:
        raise GitError("diff.git_failed", reason=exc.strerror or str(exc)) from None


def repository(root: Path) -> Repository:
    """The repository that holds the ledger root, or ``GitError("diff.not_a_repo")``."""
    done = _git(["rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository"], root)
    lines = done.stdout.decode("utf-8", "surrogateescape").splitlines()
    if done.returncode != 0 and b"not a git repository" not in done.stderr:
        raise GitError("diff.git_failed", reason=_message(done))  # e.g. "dubious ownership"
    if done.returncode != 0 or len(lines) < 3:
        raise GitError("diff.not_a_repo", path=root)
    return Repository(Path(lines[0]), lines[1], lines[2].strip() == "true")


def _message(done: subprocess.CompletedProcess[bytes]) -> str:
    text = done.stderr.decode("utf-8", "replace").strip()
    return text.splitlines()[-1] if text else f"git exit {done.returncode}"


def version(repo: Repository, rev: str) -> Version:
    """The ledger's files at ``rev``; ``GitError`` for an unknown revision (in a shallow clone:
    a revision not fetched), or no ``ledger.toml`` at the root there."""
    if rev.startswith("-") or not rev.strip():  # never an option of git's
        raise GitError("diff.unknown_rev", rev=rev)
    prefix = repo.prefix
    paths = [f"{prefix}{CONFIG}", f"{prefix}{DATA}"]
    listing = _git(
        ["ls-tree", "-r", "-z", "--full-tree", "--end-of-options", rev, "--", *paths], repo.top
    )
    if listing.returncode != 0:  # not a revision git knows here (or not fetched)
        raise GitError("diff.shallow" if repo.shallow else "diff.unknown_rev", rev=rev)
    found = Version(rev)
    wanted: list[tuple[str, bytes]] = []
    for entry in listing.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_path = entry.partition(b"\t")
        mode, kind, oid = meta.split(b" ")
        path = raw_path.decode("utf-8", "surrogateescape")
        if not path.startswith(prefix):
            continue
        rel = path[len(prefix) :]
        if rel != CONFIG and not rel.startswith(f"{DATA}/"):
            continue
        odd = _KIND_OF_MODE.get(mode) if kind == b"blob" or kind == b"commit" else "other"
        if odd is not None or kind != b"blob":
            found.odd[rel] = odd or "other"
            continue
        wanted.append((rel, oid))
    if CONFIG not in found.odd and not any(rel == CONFIG for rel, _ in wanted):
        raise GitError("diff.no_ledger", rev=rev, path=prefix or ".")
    found.files = _blobs(repo.top, wanted)
    return found


def _blobs(top: Path, wanted: list[tuple[str, bytes]]) -> dict[str, bytes]:
    """The bytes of each blob, by path: one ``git cat-file --batch`` for them all."""
    if not wanted:
        return {}
    done = _git(["cat-file", "--batch"], top, b"".join(oid + b"\n" for _, oid in wanted))
    if done.returncode != 0:
        raise GitError("diff.git_failed", reason=_message(done))
    out = done.stdout
    files: dict[str, bytes] = {}
    at = 0
    for rel, _ in wanted:
        end = out.index(b"\n", at)
        header = out[at:end].split(b" ")
        if len(header) != 3:  # "<oid> missing": a partial clone without the blob
            raise GitError("diff.git_failed", reason=out[at:end].decode("utf-8", "replace"))
        size = int(header[2])
        files[rel] = out[end + 1 : end + 1 + size]
        at = end + 1 + size + 1  # the blob is followed by a newline
    return files
