"""The user guides keep up with the commands and options (as sqlite-utils checks its docs)."""

from __future__ import annotations

import re

import pytest
import typer

from ledger.cli import app
from tests.conftest import REPO

COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_in_the_guides(lang: str, name: str) -> None:
    guide = (REPO / "docs" / lang / "guide.md").read_text(encoding="utf-8")
    assert re.search(rf"ledger {name}\b", guide), (
        f"docs/{lang}/guide.md does not show `ledger {name}`"
    )


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_is_in_the_english_guide_or_format_reference(name: str) -> None:
    docs = "".join(
        (REPO / "docs" / "en" / f).read_text(encoding="utf-8") for f in ("guide.md", "format.md")
    )
    for param in COMMANDS[name].params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--") and opt not in ("--help",):
                assert opt in docs, f"`ledger {name} {opt}` is not documented"


# -- what the guides and the README say (issue 19) ------------------------------------------------

GUIDES = {
    lang: (REPO / "docs" / lang / "guide.md").read_text(encoding="utf-8") for lang in ("en", "zh")
}
COMMAND_OF = {
    "overdue": "overdue",
    "quarterly": "report",
    "half": "report",
    "year": "report",
    "inspect": "inspect",
    "remind": "remind",
    "findings": "findings",
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_formats_table_names_every_command_that_offers_each_format(lang: str) -> None:
    from ledger.reports import REPORTS

    rows = dict(re.findall(r"^\| `(\w+)`[^|]*\|[^|]*\| ([^|]+) \|$", GUIDES[lang], re.M))
    for kind, report in REPORTS.items():
        for fmt in report.formats:
            assert fmt in rows, f"docs/{lang}/guide.md: no row for the format {fmt}"
            listed = re.split(r"[,、]\s*", rows[fmt].strip())
            assert COMMAND_OF[kind] in listed, f"docs/{lang}/guide.md: {fmt} lacks {kind}"


@pytest.mark.parametrize(
    ("lang", "heading", "title"),
    [
        ("en", "### Reports refuse a ledger with errors", "Quarterly checklist"),
        ("zh", "### 台账有错误时不出报表", "季度工作清单"),
    ],
)
def test_the_refusal_of_a_ledger_with_errors_is_shown_as_a_refusal(
    lang: str, heading: str, title: str
) -> None:
    section = GUIDES[lang].split(heading, 1)[1].split("\n## ", 1)[0]
    shown = section.split("```console\n", 1)[1].split("\n```", 1)[0]
    assert "error[" in shown and title not in shown and "┌" not in shown


@pytest.mark.parametrize(
    ("lang", "stale"),
    [
        ("en", "not in the cells"),  # the workbook's title is in its first rows
        ("zh", "不在单元格里"),
        ("en", "**Order of rows.** Units by id"),  # units follow the official order
        ("zh", "单位按编号排列（"),
        ("en", "the ledger with this change has these errors"),  # not what an edit says now
        ("zh", "加上这项修改后"),
        ("zh", "(2026-11-25?)"),  # full-width brackets in Chinese
    ],
)
def test_the_guides_no_longer_say_what_the_tool_does_not_do(lang: str, stale: str) -> None:
    assert stale not in GUIDES[lang]


def test_the_readme_opens_with_the_two_commands_then_a_chinese_section() -> None:
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    # CI and people copy the first two command lines: right after the title, as they were
    assert lines[1:6] == [
        "",
        "```sh",
        "python3.11 -m venv .venv && . .venv/bin/activate && pip install -e . && "
        "ledger report --quarter --today 2026-11-25",
        "python3.11 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && "
        "python -m pytest",
        "```",
    ]
    text = "\n".join(lines)
    chinese, _, english = text.partition("\n## English\n")
    assert english, "no English section"
    first = chinese.split("\n## ", 1)[1]
    assert first.startswith("中文说明")
    assert len(re.findall(r"[\u4e00-\u9fff]", first)) > 200
    assert "(docs/zh/guide.md)" in first and "(#english)" in first
