"""``ledger diff`` on the command line: formats, exit codes, notes on stderr, --strict, in
process and as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from tests.diff.gitrepo import A, Repo, git


def run(*args: str | Path) -> tuple[int, str, str]:
    from ledger.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def extended(tmp_path: Path) -> Repo:
    repo = Repo(tmp_path)
    repo.base()
    repo.edit(A, "deadline: 2026-09-30", "deadline: 2026-12-31")
    repo.commit()
    return repo


def test_text_by_default(tmp_path: Path) -> None:
    repo = extended(tmp_path)
    code, out, err = run("diff", "HEAD~1", "HEAD", "-C", repo.root, "--today", "2026-11-25")
    assert code == 0, err
    assert "甲单位 K1：完成时限由9月30日延至12月31日（延期 92 天）" in out
    assert err == ""


def test_strict_exits_1_on_attention(tmp_path: Path) -> None:
    repo = extended(tmp_path)
    code, _, err = run("diff", "HEAD~1", "HEAD", "-C", repo.root, "--strict", "--lang", "en")
    assert code == 1
    assert "attention needed for 1 change (--strict)" in err
    repo.edit(A, "leader: 王某", "leader: 赵某")  # on disk: no attention
    code, _, _ = run("diff", "-C", repo.root, "--strict", "--today", "2026-11-25")
    assert code == 0


def test_json(tmp_path: Path) -> None:
    repo = extended(tmp_path)
    code, out, _ = run("diff", "HEAD~1", "-C", repo.root, "-f", "json", "--today", "2026-11-25")
    assert code == 0
    doc = json.loads(out)
    assert (doc["from"], doc["to"], doc["counts"]["deadline_extended"]) == ("HEAD~1", None, 1)


def test_exit_2_for_what_the_contract_lists(tmp_path: Path) -> None:
    repo = extended(tmp_path)
    code, _, err = run("diff", "nope", "-C", repo.root)
    assert (code, err) == (2, "ledger: git 中没有版本 nope（请检查拼写，或先 git fetch）\n")
    first = git(repo.top, "rev-list", "--max-parents=0", "HEAD")
    git(repo.top, "checkout", "-q", "--orphan", "empty")
    git(repo.top, "rm", "-rq", "--cached", ".")
    git(repo.top, "commit", "-q", "--allow-empty", "-m", "nothing")
    code, _, err = run("diff", "empty", "main", "-C", repo.root, "--lang", "en")
    assert code == 2
    assert err == "ledger: no ledger at revision empty (no ledger.toml in office/ledger/)\n"
    assert first
    code, _, err = run("diff", "main", "-f", "yaml", "-C", repo.root, "--lang", "en")
    assert (code, err) == (2, "ledger: unknown format yaml; choose one of: text, markdown, json\n")


def test_not_a_repository(sample: Path) -> None:
    code, out, err = run("diff", "-C", sample, "--lang", "en")
    assert code == 2
    assert "is not in a git repository" in err
    assert out == ""


def test_a_note_names_the_files_with_errors_and_changes_no_exit_code(tmp_path: Path) -> None:
    repo = extended(tmp_path)
    os.symlink("a.yaml", repo.root / "data/units/b.yaml")
    code, out, err = run("diff", "HEAD~1", "-C", repo.root, "--today", "2026-11-25")
    assert code == 0
    assert err.startswith("ledger: 终点（工作区）有 1 个文件有错误，只比较了能读取的部分：\n")
    assert "data/units/b.yaml: error[F008]" in err
    assert "延期 92 天" in out


def test_a_real_process(tmp_path: Path) -> None:
    repo = extended(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "ledger", "diff", "HEAD~1", "HEAD", "--format", "markdown"],
        cwd=repo.root / "data",
        capture_output=True,
        text=True,
        env={**os.environ, "LEDGER_TODAY": "2026-11-25", "LEDGER_LANG": "zh"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "**台账变化 1 处，其中需关注 1 处**"
    assert git(repo.top, "status", "--porcelain") == ""  # nothing written


def test_a_link_in_the_old_version_is_named_in_a_note(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    repo.base()
    os.symlink("a.yaml", repo.root / "data/units/b.yaml")
    repo.commit()
    (repo.root / "data/units/b.yaml").unlink()
    repo.write("data/units/b.yaml", "id: b\nname: 乙单位\n")  # a real file now
    code, out, err = run("diff", "-C", repo.root, "--today", "2026-11-25", "--lang", "en")
    assert code == 0
    assert err.startswith("ledger: FROM (HEAD) has 1 file with errors")
    assert "data/units/b.yaml: error[F008]: " in err and "link" in err
    assert out.startswith("No change to the ledger")  # b could not be read in FROM: no row


def test_a_shallow_clone_says_how_to_fetch(tmp_path: Path) -> None:
    repo = extended(tmp_path / "origin")
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo.top}", "clone")
    code, _, err = run("diff", "HEAD~1", "-C", tmp_path / "clone" / "office/ledger", "--lang", "en")
    assert code == 2
    assert "revision HEAD~1 is not in this shallow clone" in err and "fetch-depth: 0" in err
