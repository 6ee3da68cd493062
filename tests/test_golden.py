"""Every report in every text format, compared with the files in tests/golden/.

After a deliberate change, regenerate them with ``python -m pytest tests/test_golden.py
--update-golden`` and review ``git diff tests/golden`` by eye before committing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO

GOLDEN = Path(__file__).parent / "golden"
DAY = "2026-11-25"

REPORTS: dict[str, list[str]] = {
    "overdue": ["overdue"],
    "quarter-2026Q3": ["report", "--quarter", "2026Q3"],
    "quarter-bare": ["report", "--quarter"],
    "half-H2": ["report", "--half", "H2"],
    "year": ["report", "--year"],
    "inspect": ["inspect", "--sample", "3", "--seed", "7"],
    # red first, most days late first
    "quarter-by-flag": ["report", "--quarter", "--sort", "flag"],
    "half-by-flag": ["report", "--half", "--sort", "flag"],
    # a unit's score with what lost points and the arithmetic
    "year-huade": ["report", "--year", "--unit", "化德县"],
    # what each unit owes, at the reporting quarter's collection
    "remind": ["remind"],
    # the rectification ledger: findings in every state, one rectified late
    "findings": ["findings"],
}
TEXT_FORMATS = {"table": "txt", "markdown": "md", "csv": "csv", "html": "html"}

CASES = [
    (name, fmt, lang)
    for name in REPORTS
    for fmt in [*TEXT_FORMATS, "json"]
    for lang in (["zh"] if fmt == "json" else ["zh", "en"])
]


@pytest.mark.parametrize(("name", "fmt", "lang"), CASES, ids=lambda v: str(v))
def test_golden(
    cli: Callable[..., tuple[int, str]],
    request: pytest.FixtureRequest,
    name: str,
    fmt: str,
    lang: str,
) -> None:
    args = [*REPORTS[name], "-C", REPO, "--today", DAY, "--format", fmt]
    if fmt != "json":
        args += ["--lang", lang]
    code, out = cli(*args, env={"NO_COLOR": "1", "COLUMNS": "160"})
    assert code == 0, out
    suffix = "json" if fmt == "json" else f"{lang}.{TEXT_FORMATS[fmt]}"
    golden = GOLDEN / f"{name}.{suffix}"
    if fmt == "json":  # stored pretty, for review; compared as data
        out = json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8", newline="")
    assert golden.exists(), f"missing {golden.name}: run with --update-golden"
    with golden.open(encoding="utf-8", newline="") as f:
        assert out == f.read()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("day", [DAY, "2027-01-05"])
def test_golden_remind_text(
    cli: Callable[..., tuple[int, str]], request: pytest.FixtureRequest, lang: str, day: str
) -> None:
    """The messages to send out (``--format text``), with the note of units left out."""
    args = ["remind", "-C", REPO, "--today", day, "--format", "text", "--lang", lang]
    code, out = cli(*args, env={"NO_COLOR": "1"})
    assert code == 0, out
    golden = GOLDEN / f"remind-text-{day}.{lang}.txt"
    if request.config.getoption("--update-golden"):
        golden.write_text(out, encoding="utf-8", newline="")
    assert golden.exists(), f"missing {golden.name}: run with --update-golden"
    with golden.open(encoding="utf-8", newline="") as f:
        assert out == f.read()
