"""What the site's tests share: the sample's site written once per module, a ledger whose every
text is hostile, and one headless Chromium per module (the system's, driven by Playwright; the
browser tests skip where there is none)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import SAMPLE_DAY, copy_sample

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
try:
    import playwright.sync_api  # noqa: F401

    PLAYWRIGHT = True
except ImportError:  # pragma: no cover - the test extras install it
    PLAYWRIGHT = False

BROWSER = pytest.mark.skipif(
    CHROMIUM is None or not PLAYWRIGHT, reason="no chromium or no playwright"
)

# every text a clerk can type, written to do harm if a page let it through as markup
HOSTILE = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">\'"</style>'
QUOTED = HOSTILE.replace('"', '\\"')  # inside YAML's double quotes
HOSTILE_BOOK = f"""\
title: "{QUOTED}"
projects:
  - id: K1
    category: key
    title: "K1 {QUOTED}"
    problem: "javascript:window.pwned=3"
    lead_units: [city]
    goal: "</style><script>window.pwned=4</script>"
    requirements: ["<a href='javascript:window.pwned=5'>x</a>"]
    milestones:
      - id: survey
        title: "<b onmouseover=window.pwned=6>排查</b>"
        due: 2026-03-31
"""


def hostile_unit(uid: str, parent: str | None = None) -> str:
    up = f"parent: {parent}\n" if parent else ""
    return f"""\
id: {uid}
name: "{QUOTED} {uid}"
short_name: "</style>{uid}"
contact: "javascript:window.pwned=7 \\"0474-1234567\\""
{up}claims:
  - project: K1
    leader: "\\"'><script>window.pwned=8</script>"
    measures: ["<iframe src='https://example.com/'></iframe>", "tab\\there"]
    deadline: 2026-12-31
    progress:
      - quarter: 2026Q1
        status: at_risk
        percent: 20
        summary: "line one\\n<script>window.pwned=9</script>"
        reported: 2026-04-08
        problems: ["<style>body{{display:none}}</style>"]
        next_steps: ["javascript:alert(1)"]
"""


HOSTILE_VISIT = """\
id: v1
title: "<script>window.pwned=10</script>"
date: 2026-05-20
units: [city]
findings:
  - id: f1
    unit: city
    project: K1
    problem: "<img src=x onerror=window.pwned=11>"
    requirement: "</td></tr></table><script>window.pwned=12</script>"
    due: 2026-06-30
"""


def run_cli(*args: str | Path) -> tuple[int, str]:
    from ledger.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def sample_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="module")
def sample_site(sample_root: Path) -> Path:
    """The sample's site as of the sample's day, in Chinese."""
    out = sample_root.parent / "site"
    code, output = run_cli("site", "-C", sample_root, "--today", SAMPLE_DAY, "--output", out)
    assert code == 0, output
    return out


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "ledger"
    (root / "data" / "units").mkdir(parents=True)
    (root / "data" / "inspections").mkdir()
    config = f'[ledger]\ntitle = "{QUOTED}"\nyear = 2026\n'
    (root / "ledger.toml").write_text(config, "utf-8")
    (root / "data" / "projects.yaml").write_text(HOSTILE_BOOK, "utf-8")
    (root / "data" / "units" / "city.yaml").write_text(hostile_unit("city"), "utf-8")
    (root / "data" / "units" / "town.yaml").write_text(hostile_unit("town", "city"), "utf-8")
    (root / "data" / "inspections" / "v1.yaml").write_text(HOSTILE_VISIT, "utf-8")
    return root


@pytest.fixture(scope="module")
def hostile_site(hostile_root: Path) -> Path:
    out = hostile_root.parent / "site"
    code, output = run_cli("site", "-C", hostile_root, "--today", SAMPLE_DAY, "--output", out)
    assert code == 0, output
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module's tests."""
    if CHROMIUM is None or not PLAYWRIGHT:
        pytest.skip("no chromium or no playwright")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM)
        try:
            yield launched
        finally:
            launched.close()


def pages_of(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))
