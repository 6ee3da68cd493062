"""``ledger diff`` of a representative push on the sample ledger (``tests/diff/sample_push.py``),
byte for byte against tests/golden/diff.*: after a deliberate change run
``pytest tests/diff/test_golden_diff.py --update-golden`` and read ``git diff tests/golden``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_diff import run
from tests.diff.sample_push import sample_push
from tests.test_golden import GOLDEN

CASES = [("text", "zh", "zh.txt"), ("text", "en", "en.txt"), ("markdown", "zh", "zh.md")]
CASES += [("markdown", "en", "en.md"), ("json", "zh", "json")]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_push(tmp_path_factory.mktemp("push")).root


@pytest.mark.parametrize(("fmt", "lang", "suffix"), CASES)
def test_golden_diff(
    request: pytest.FixtureRequest, root: Path, fmt: str, lang: str, suffix: str
) -> None:
    args: list[str | Path] = ["diff", "HEAD~1", "HEAD", "-C", root, "--today", "2026-11-25"]
    args += ["-f", fmt]
    code, out, err = run(*args, "--lang", lang)
    assert (code, err) == (0, "")
    if fmt == "json":  # stored pretty, for review; compared as data
        out = json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n"
    golden = GOLDEN / f"diff.{suffix}"
    if request.config.getoption("--update-golden"):
        golden.write_text(out, encoding="utf-8", newline="")
    assert golden.exists(), f"missing {golden.name}: run with --update-golden"
    assert out == golden.read_text(encoding="utf-8")
