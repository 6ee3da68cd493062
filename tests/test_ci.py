"""Where CI and clerks already live: GitLab Code Quality, pre-commit, CI files from init."""

from __future__ import annotations

import json
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import BOOK, CITY, CONFIG, REPO, SAMPLE_DAY
from tests.support import Cli

GOLDEN = Path(__file__).parent / "golden"


# A unit with an unknown parent, two milestones of its own without a title (the same problem
# twice), a date outside the year and a falling percent.
BROKEN = """\
id: a
name: 甲单位
parent: nowhere
claims:
  - project: K1
    leader: 王某
    measures: [开展排查]
    deadline: 2026-11-30
    milestones:
      - id: own1
        due: 2026-05-01
      - id: own1
        due: 2026-06-01
    progress:
      - quarter: 2026Q1
        status: on_track
        percent: 40
        summary: 排查
        reported: 2026-04-08
      - quarter: 2026Q2
        status: on_track
        percent: 30
        summary: 整顿
        reported: 2026-07-08
"""


def git_ledger(top: Path, unit: str = BROKEN, folder: str = "offices/ledger2026") -> Path:
    """A git repository at ``top`` with a ledger in ``folder`` (``""``: at the top)."""
    root = top / folder if folder else top
    (root / "data" / "units").mkdir(parents=True)
    (root / "ledger.toml").write_text(CONFIG, encoding="utf-8")
    (root / "data" / "projects.yaml").write_text(BOOK, encoding="utf-8")
    (root / "data" / "units" / "city.yaml").write_text(CITY, encoding="utf-8")
    (root / "data" / "units" / "a.yaml").write_text(textwrap.dedent(unit), encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    return root


def test_gitlab_code_quality_golden(
    cli: Cli, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = git_ledger(tmp_path / "repo")
    monkeypatch.delenv("CI_PROJECT_DIR", raising=False)
    code, out = cli("validate", "-C", root, "--today", SAMPLE_DAY, "--format", "gitlab")
    assert code == 1
    doc = json.loads(out)
    golden = GOLDEN / "validate-gitlab.json"
    pretty = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if request.config.getoption("--update-golden"):
        golden.write_text(pretty, encoding="utf-8", newline="")
    assert pretty == golden.read_text(encoding="utf-8")


def test_gitlab_report_shape_and_severities(cli: Cli, tmp_path: Path) -> None:
    root = git_ledger(tmp_path / "repo")
    _, out = cli("validate", "-C", root, "--today", SAMPLE_DAY, "--format", "gitlab")
    doc = json.loads(out)
    assert isinstance(doc, list) and doc
    for item in doc:
        assert set(item) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert set(item["location"]) == {"path", "lines"}
        assert isinstance(item["location"]["lines"]["begin"], int)
        assert item["location"]["path"].startswith("offices/ledger2026/")
    levels = {item["check_name"]: item["severity"] for item in doc}
    assert levels["R004"] == "major" and levels["W001"] == "minor"
    fingerprints = [item["fingerprint"] for item in doc]
    assert len(set(fingerprints)) == len(fingerprints), "a fingerprint per problem"


def test_gitlab_fingerprints_survive_edits_above_and_a_change_of_language(
    cli: Cli, tmp_path: Path
) -> None:
    root = git_ledger(tmp_path / "repo")
    args = ("validate", "-C", root, "--today", SAMPLE_DAY, "--format", "gitlab")
    before = {item["fingerprint"] for item in json.loads(cli(*args)[1])}
    again = {item["fingerprint"] for item in json.loads(cli(*args, "--lang", "en")[1])}
    unit = root / "data" / "units" / "a.yaml"
    unit.write_text("# 新增的注释\n# 又一行\n" + unit.read_text(encoding="utf-8"), "utf-8")
    moved = json.loads(cli(*args)[1])
    assert before == again == {item["fingerprint"] for item in moved}
    assert any(item["location"]["lines"]["begin"] > 3 for item in moved)


def test_gitlab_paths_without_git_come_from_ci_project_dir(
    cli: Cli, make_ledger: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_ledger(units={"a": "id: a\nname: 甲\nparent: nowhere\n"})
    args = ("validate", "-C", root, "--today", SAMPLE_DAY, "--format", "gitlab")
    paths = {
        i["location"]["path"]
        for i in json.loads(cli(*args, env={"CI_PROJECT_DIR": str(tmp_path)})[1])
    }
    assert "ledger/data/units/a.yaml" in paths
    paths = {i["location"]["path"] for i in json.loads(cli(*args, env={"CI_PROJECT_DIR": ""})[1])}
    assert "data/units/a.yaml" in paths


def _try_repo(ledger_repo: Path) -> subprocess.CompletedProcess[str]:
    import os
    import shutil
    import sys

    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    subprocess.run(["git", "add", "-A"], cwd=ledger_repo, check=True)
    env = {**os.environ, "LEDGER_TODAY": SAMPLE_DAY, "LEDGER_LANG": "en", "NO_COLOR": "1"}
    return subprocess.run(
        [pre_commit, "try-repo", str(REPO), "ledger-validate", "--all-files", "--color", "never"],
        cwd=ledger_repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_pre_commit_hook_passes_a_good_ledger_and_names_the_line_of_a_broken_one(
    tmp_path: Path,
) -> None:
    """The real ``pre-commit try-repo`` on this repository's ``.pre-commit-hooks.yaml`` (what is
    committed, plus staged and changed tracked files): it installs the tool in its own
    environment, as a ledger repository's ``.pre-commit-config.yaml`` would."""
    good = git_ledger(tmp_path / "good", unit="id: a\nname: 甲单位\n", folder="")
    done = _try_repo(good)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout
    bad = git_ledger(tmp_path / "bad", folder="")
    done = _try_repo(bad)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    assert "data/units/a.yaml:3:9: error[R004]" in done.stdout
