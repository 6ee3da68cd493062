"""site/render.py: the pages from the templates, every text escaped, nothing from outside."""

from __future__ import annotations

import re
from datetime import date

import pytest

from ledger.load import load
from ledger.site import make
from tests.conftest import REPO

DAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return make(load(REPO, cache=False).ledger(), DAY, "zh")


def test_make_gives_every_page_the_contract_names(files: dict[str, bytes]) -> None:
    ledger = load(REPO, cache=False).ledger()
    assert {"index.html", "overdue.html", "findings.html", "site.css", "site.js"} <= set(files)
    assert {f"projects/{p}.html" for p in ledger.projects} <= set(files)
    assert "units/huade.html" in files
    # the same bytes from the same ledger and day
    assert make(ledger, DAY, "zh") == files


def test_every_page_says_its_charset_language_and_a4(files: dict[str, bytes]) -> None:
    for name, data in files.items():
        if not name.endswith(".html"):
            continue
        page = data.decode("utf-8")
        assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">'), name
        assert '<meta charset="utf-8">' in page
        # the findings' nine columns on a landscape sheet (portrait broke the units' names)
        sheet = "size: A4 landscape; " if name == "findings.html" else ""
        assert '<link rel="stylesheet" href="' in page and f"@page {{ {sheet}@top-left {{" in page
    # the sheet and its page numbers are the stylesheet's, for every page
    css = files["site.css"].decode("utf-8")
    assert "@page { size: A4;" in css and "counter(page)" in css and "统计截至 2026-11-25" in css
    # printed, a visit's title and a unit's name in the findings are not broken a character a line
    assert "table.findings td:first-child { min-width: 8.5em; }" in css
    assert "table.findings:not(.of-unit) td:nth-child(2) { white-space: nowrap; }" in css
    english = make(load(REPO, cache=False).ledger(), DAY, "en")
    assert b'<html lang="en">' in english["index.html"]
    assert "红灯".encode() not in english["index.html"]


def test_nothing_is_loaded_from_elsewhere(files: dict[str, bytes]) -> None:
    for name, data in files.items():
        text = data.decode("utf-8")
        assert not re.search(r"(?i)(https?:)?//[a-z]", text.replace("http://www.w3.org", "")), name
        assert "@import" not in text and "url(" not in text


def test_the_filter_box_is_hidden_until_the_script_shows_it(files: dict[str, bytes]) -> None:
    index = files["index.html"].decode("utf-8")
    assert '<p id="filter" class="filter" hidden>' in index
    assert "box.hidden = false" in files["site.js"].decode("utf-8")
