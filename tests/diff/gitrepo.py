"""A real git repository in a temporary folder holding a small ledger in a subfolder, for the tests
of ``ledger diff``: write files, commit, and compare two commits as the command would."""

from __future__ import annotations

import os
import subprocess
import textwrap
from datetime import date
from pathlib import Path

from tests.conftest import BOOK, CITY, CONFIG

TODAY = date(2026, 11, 25)
A = "data/units/a.yaml"
V1 = "data/inspections/v1.yaml"

UNIT_A = """\
id: a
name: 甲单位
claims:
  - project: K1
    leader: 王某
    measures: [开展排查]
    deadline: 2026-09-30
    milestones:
      - id: survey
        done: 2026-03-20
      - id: own1
        title: 自定节点
        due: 2026-06-30
        evidence: 会议纪要
    progress:
      - quarter: 2026Q1
        status: on_track
        percent: 25
        summary: 完成排查
        reported: 2026-04-08
"""

VISIT = """\
id: v1
title: 二季度督导
date: 2026-05-20
units: [a]
findings:
  - id: f1
    unit: a
    project: K1
    problem: 台账不全
    requirement: 补齐台账
    due: 2026-06-30
  - id: f2
    unit: a
    problem: 制度未上墙
    requirement: 上墙公示
    due: 2026-06-30
    rectified: 2026-06-20
"""

BASE = {
    "ledger.toml": CONFIG,
    "data/projects.yaml": BOOK,
    "data/units/city.yaml": CITY,
    A: UNIT_A,
    V1: VISIT,
}


def git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


class Repo:
    """``top`` a git repository, the ledger at ``top/<sub>`` (``root``)."""

    def __init__(self, top: Path, sub: str = "office/ledger") -> None:
        self.top = top
        self.root = top / sub if sub else top
        self.root.mkdir(parents=True, exist_ok=True)
        git(top, "init", "-q", "-b", "main")
        (top / "README.md").write_text("outside the ledger\n", encoding="utf-8")

    def write(self, rel: str, text: str | bytes) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        text = self.read(rel)
        assert old in text, (rel, old)
        self.write(rel, text.replace(old, new, 1))

    def remove(self, rel: str) -> None:
        (self.root / rel).unlink()

    def commit(self, message: str = "change") -> str:
        git(self.top, "add", "-A")
        git(self.top, "commit", "-q", "--allow-empty", "-m", message)
        return git(self.top, "rev-parse", "HEAD")

    def base(self, files: dict[str, str] | None = None) -> str:
        for rel, text in (files or BASE).items():
            self.write(rel, text)
        return self.commit("base")
