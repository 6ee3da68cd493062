"""edit/init.py: `ledger init` writes a ledger that validates, or nothing; on a clerk's first day
(issue 19) the ledger is in git, with comments in the clerk's language that point to what is at
hand."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_DAY
from tests.support import Cli


@pytest.mark.parametrize(
    "args",
    [
        [""],
        ["new", "--year", "99999"],
        ["new", "--year", "-5"],
        ["new", "--year", "1899"],
        ["new", "--title", "  "],
        ["new", "--title", "台账\x1b[2J"],
        ["a-file"],
        ["a-file/under"],
    ],
)
def test_init_refuses_what_would_not_validate_and_writes_nothing(
    cli: Cli, tmp_path: Path, args: list[str]
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    where = [str(tmp_path / args[0]) if args[0] else "", *args[1:]]
    code, out = cli("init", *where, "--today", SAMPLE_DAY, "--lang", "en")
    assert code == 2, out
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert (tmp_path / "a-file").read_text() == "not a folder"


@pytest.mark.parametrize("year", ["1900", "2026", "9998"])
def test_a_new_ledger_always_validates(cli: Cli, tmp_path: Path, year: str) -> None:
    code, out = cli("init", tmp_path / "new", "--year", year, "--lang", "en")
    assert code == 0, out
    code, out = cli("validate", "-C", tmp_path / "new", "--today", f"{year}-06-30")
    assert code == 0, out


GIT = shutil.which("git")


needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")


# The ASCII words a Chinese comment may hold: the names of keys, commands and files.
KEYS_AND_COMMANDS = {
    "ledger", "validate", "schema", "projects", "unit", "help", "claimed", "category", "id",
    "yaml", "json", "zh", "en", "git", "import", "form", "forms", "cache", "toml", "LEDGER_TOOL",
    "github", "gitlab", "format", "o", "diff",
}  # fmt: skip


def comments(root: Path) -> list[tuple[str, str]]:
    """Every comment line of the files ``init`` wrote, but the editors' schema modelines."""
    out = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and ".git" not in p.parts):
        if path.suffix == ".json":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.partition("#")[2].strip() if "#" in line else ""
            if text and not text.startswith("yaml-language-server"):
                out.append((str(path.relative_to(root)), text))
    return out


def test_a_chinese_ledgers_comments_are_chinese_and_point_to_what_is_at_hand(
    cli: Cli, tmp_path: Path
) -> None:
    root = tmp_path / "新台账"
    code, out = cli("init", root, "--year", "2027", "--ci", "github", "--lang", "zh")
    assert code == 0, out
    found = comments(root)
    assert {path for path, _ in found} >= {"ledger.toml", "data/projects.yaml", ".gitignore"}
    for path, text in found:
        english = set(re.findall(r"[A-Za-z_]+", text)) - KEYS_AND_COMMANDS
        assert not english, (path, text)
        assert "(" not in text and "docs/" not in text, (path, text)
    assert 'language = "zh"' in (root / "ledger.toml").read_text(encoding="utf-8")


def test_an_english_ledgers_comments_are_english(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "l"
    code, out = cli("init", root, "--year", "2027", "--ci", "gitlab", "--lang", "en")
    assert code == 0, out
    for path, text in comments(root):
        assert not re.search(r"[\u4e00-\u9fff]", text), (path, text)
        assert "docs/" not in text, (path, text)
    assert 'language = "en"' in (root / "ledger.toml").read_text(encoding="utf-8")
    assert cli("validate", "-C", root, "--today", "2027-06-30")[0] == 0


@needs_git
def test_init_starts_a_git_repository_and_ignores_the_cache_and_the_forms(
    cli: Cli, tmp_path: Path
) -> None:
    root = tmp_path / "新台账"
    code, out = cli("init", root, "--year", "2027", "--lang", "zh")
    assert code == 0, out
    assert (root / ".git").is_dir()
    assert "git init" in out and "git commit" in out and "cd 新台账" not in out
    assert f"cd {root}" in out
    for ignored in (".ledger-cache/x.json", "forms/a-2027Q1.xlsx"):
        check = subprocess.run(["git", "-C", str(root), "check-ignore", "-q", ignored], check=False)
        assert check.returncode == 0, ignored
    status = subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "data/units/example-unit.yaml" in status and ".gitignore" in status


@needs_git
def test_init_inside_a_repository_makes_no_second_one(cli: Cli, tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("*.bak\n")
    code, out = cli("init", tmp_path / "ledger", "--year", "2027", "--lang", "en")
    assert code == 0, out
    assert not (tmp_path / "ledger" / ".git").exists()
    assert "already inside a git repository" in out
    # a folder that already has a .gitignore keeps it
    code, out = cli("init", tmp_path, "--year", "2027", "--lang", "en")
    assert code == 0, out
    assert (tmp_path / ".gitignore").read_text() == "*.bak\n"
