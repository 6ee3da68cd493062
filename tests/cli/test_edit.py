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
