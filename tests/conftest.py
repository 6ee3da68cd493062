"""Shared fixtures: a copy of the sample ledger, small ledgers written from text, the CLI."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
SAMPLE_DAY = "2026-11-25"

CONFIG = """\
[ledger]
title = "测试台账"
year = 2026
"""

BOOK = """\
title: 测试项目书
projects:
  - id: K1
    category: key
    title: 软弱涣散基层党组织整顿转化
    lead_units: [city]
    goal: 年底前全部整顿转化
    milestones:
      - id: survey
        title: 完成排查摸底
        due: 2026-03-31
      - id: accept
        title: 验收
        due: 2026-11-30
  - id: B1
    category: basic
    title: 两委班子学历提升
    lead_units: [city]
    goal: 学历提升
"""

CITY = """\
id: city
name: 市委组织部
"""


@pytest.fixture(autouse=True)
def no_window_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables are laid out for the window in ``$COLUMNS``, which pytest-xdist's workers set to 80:
    a test gets the piped width (160) unless it asks for a window of its own."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)


def copy_sample(into: Path) -> Path:
    """A copy of the repository's sample ledger in ``into/sample``."""
    root = into / "sample"
    root.mkdir()
    shutil.copy(REPO / "ledger.toml", root / "ledger.toml")
    shutil.copytree(REPO / "data", root / "data")
    return root


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A private copy of the repository's sample ledger."""
    return copy_sample(tmp_path)


LedgerMaker = Callable[..., Path]


@pytest.fixture
def make_ledger(tmp_path: Path) -> LedgerMaker:
    """``make_ledger(units={"a": "id: a\\n..."}, book=..., config=...)``: a small ledger on disk.

    Texts are dedented; pass ``bytes`` to write a file byte for byte; pass None to leave a file
    out. The default book has projects K1 (milestones survey, accept) and B1; the default units
    are ``city`` alone.
    """

    def make(
        units: dict[str, str | bytes | None] | None = None,
        book: str | bytes | None = BOOK,
        config: str | bytes | None = CONFIG,
        with_city: bool = True,
    ) -> Path:
        root = tmp_path / "ledger"
        (root / "data" / "units").mkdir(parents=True)
        files: dict[str, str | bytes | None] = {"ledger.toml": config, "data/projects.yaml": book}
        all_units: dict[str, str | bytes | None] = {"city": CITY} if with_city else {}
        all_units.update(units or {})
        for name, text in all_units.items():
            files[f"data/units/{name}.yaml"] = text
        for rel, content in files.items():
            if content is None:
                continue
            target = root / rel
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(textwrap.dedent(content), encoding="utf-8")
        return root

    return make


@pytest.fixture
def cli() -> Callable[..., tuple[int, str]]:
    """Run the CLI in-process: ``cli("validate", "-C", root)`` -> (exit code, output)."""
    from ledger.cli import app

    runner = CliRunner()

    def run(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str]:
        result = runner.invoke(app, [str(a) for a in args], env=env, catch_exceptions=False)
        return result.exit_code, result.output

    return run


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden/ from the current output (then review the diff by eye).",
    )


# Whole families that are slow by nature, marked here rather than test by test: the property
# tests (hypothesis runs each many times) and the modules that start many real processes or
# build a province-sized ledger (the cache).
# ``python -m pytest -m "not slow"`` is the fast loop; ``.ci/run`` runs everything.
_SLOW_MODULES = {"test_cache.py", "test_edit_concurrency.py", "test_examples.py"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        hypothesis = getattr(getattr(item, "obj", None), "is_hypothesis_test", False)
        if hypothesis or item.path.name in _SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
