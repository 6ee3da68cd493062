"""cli/edit.py: the commands that write (`ledger init --ci` here; `claim`, `progress` and `done`
are tested through tests/edit/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support import Cli


def test_init_ci_github_writes_a_workflow_that_validates_on_push_and_pull_request(
    cli: Cli, tmp_path: Path
) -> None:
    import yaml

    code, out = cli("init", tmp_path / "l", "--ci", "github", "--year", "2026", "--lang", "en")
    assert code == 0, out
    workflow = tmp_path / "l" / ".github" / "workflows" / "ledger.yml"
    doc = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    assert set(doc[True]) == {"push", "pull_request"}  # YAML 1.1 reads the key `on` as true
    steps = doc["jobs"]["validate"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert any(run.startswith("pip install") for run in runs)
    assert "ledger validate --format github" in runs
    assert cli("validate", "-C", tmp_path / "l", "--today", "2026-01-05")[0] == 0


def test_init_ci_gitlab_writes_a_job_that_publishes_code_quality_and_fails_on_errors(
    cli: Cli, tmp_path: Path
) -> None:
    import yaml

    code, out = cli("init", tmp_path / "l", "--ci", "gitlab", "--year", "2026", "--lang", "en")
    assert code == 0, out
    doc = yaml.safe_load((tmp_path / "l" / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    job = doc["ledger"]
    script = job["script"]
    assert any(line.startswith("pip install") for line in script)
    assert script[-1] == "ledger validate --format gitlab > gl-code-quality.json"  # no `|| true`
    assert job["artifacts"]["when"] == "always"
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality.json"


def test_init_ci_refuses_an_unknown_kind(cli: Cli, tmp_path: Path) -> None:
    code, _ = cli("init", tmp_path / "l", "--ci", "jenkins")
    assert code == 2 and not (tmp_path / "l").exists()


def test_progress_reads_ledger_toml_once_in_the_edits_reading(
    cli: Cli, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The quarter's year and the messages' language come from the edit's one reading of the
    ledger, not from reading ledger.toml before it (twice, as it was)."""
    from ledger.load import config, ledger

    reads: list[Path] = []
    real = config.load_config

    def counted(root: Path) -> Any:
        reads.append(root)
        return real(root)

    monkeypatch.setattr(config, "load_config", counted)
    monkeypatch.setattr(ledger, "load_config", counted)
    code, out = cli(
        "progress", "jining", "K2", "--quarter", "四季度", "--status", "正常推进",
        "--percent", "85%", "--summary", "推进", "-C", sample, "--today", "2026-11-25",
    )  # fmt: skip
    assert code == 0, out
    assert "2026Q4" in out
    assert len(reads) == 1


def _pull_request(cli: Cli, folder: Path, ci: str) -> tuple[dict[str, str], Any]:
    """A ledger made by ``init --ci``, committed on ``main``; a branch ``pr`` that extends a
    deadline, checked out as CI checks it out. The environment the CI gives its script (the base
    of the pull or merge request, where the summary goes) and the CI file as data."""
    import os
    import sys

    import yaml

    from tests.diff.gitrepo import git

    code, out = cli("init", folder, "--ci", ci, "--year", "2026", "--lang", "zh")
    assert code == 0, out
    if not (folder / ".git").exists():
        git(folder, "init", "-q")
    git(folder, "checkout", "-q", "-B", "main")
    unit = next((folder / "data" / "units").glob("*.yaml"))
    text = unit.read_text(encoding="utf-8")
    unit.write_text(text.replace("deadline: 2026-12-31", "deadline: 2026-11-30"), "utf-8")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "ledger")
    base = git(folder, "rev-parse", "HEAD")
    git(folder, "checkout", "-q", "-b", "pr")
    text = unit.read_text(encoding="utf-8")
    unit.write_text(text.replace("deadline: 2026-11-30", "deadline: 2026-12-31"), "utf-8")
    assert unit.read_text(encoding="utf-8") != text
    git(folder, "commit", "-qam", "extend")
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, "PATH": path, "LEDGER_TODAY": "2026-11-25"}
    ci_file = {"github": ".github/workflows/ledger.yml", "gitlab": ".gitlab-ci.yml"}[ci]
    doc = yaml.safe_load((folder / ci_file).read_text(encoding="utf-8"))
    return {**env, "BASE_SHA": base}, doc


def test_the_github_workflow_writes_the_diff_of_a_pull_request_into_its_summary(
    cli: Cli, tmp_path: Path
) -> None:
    import subprocess

    env, doc = _pull_request(cli, tmp_path / "l", "github")
    steps = doc["jobs"]["validate"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0  # the base is in the clone
    [step] = [s for s in steps if "ledger diff" in s.get("run", "")]
    assert "pull_request" in step["if"] and "!cancelled()" in step["if"]
    assert step["env"]["BASE"] == "${{ github.event.pull_request.base.sha }}"
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier steps\n", encoding="utf-8")
    env = {**env, "BASE": env["BASE_SHA"], "GITHUB_STEP_SUMMARY": str(summary)}
    done = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=tmp_path / "l", env=env, capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    lines = summary.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["# earlier steps", "**台账变化 1 处，其中需关注 1 处**"]
    assert any("完成时限由11月30日延至12月31日（延期 31 天）" in line for line in lines)


def test_the_gitlab_job_keeps_the_diff_of_a_merge_request_as_an_artifact(
    cli: Cli, tmp_path: Path
) -> None:
    import subprocess

    env, doc = _pull_request(cli, tmp_path / "l", "gitlab")
    job = doc["ledger-diff"]
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert job["variables"]["GIT_DEPTH"] == 0
    assert job["artifacts"]["paths"] == ["ledger-diff.md"]
    assert job["artifacts"]["expose_as"]
    env = {**env, "CI_MERGE_REQUEST_DIFF_BASE_SHA": env["BASE_SHA"]}
    for line in job["script"]:
        if line.startswith("pip install"):
            continue  # the tool is installed here already
        done = subprocess.run(
            ["bash", "-e", "-c", line], cwd=tmp_path / "l", env=env, capture_output=True
        )
        assert done.returncode == 0, done.stderr.decode()
    text = (tmp_path / "l" / "ledger-diff.md").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "**台账变化 1 处，其中需关注 1 处**"
