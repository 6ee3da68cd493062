"""Reading the site's pages back without a browser: the tables of a page as rows of cell texts,
and every URL a page names."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path


class Tables(HTMLParser):
    """``tables[key]``: the rows of each table (``key``: its id, else its first class, else
    its number), each a list of the texts of its ``td`` cells; rows of headers alone left
    out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self.urls: list[str] = []
        self._stack: list[str] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("href", "src"):
            if found.get(name) is not None:
                self.urls.append(str(found[name]))
        # the pages leave out the end tags HTML makes optional: a cell ends where the next
        # begins, a row where the next begins or its table part ends
        if tag in ("td", "th", "tr"):
            self._end_cell()
        if tag == "tr":
            self._end_row()
        if tag == "table":
            key = found.get("id") or (found.get("class") or "").split(" ")[0]
            key = key or str(len(self.tables))
            while key in self.tables:
                key += "+"
            self.tables[key] = []
            self._stack.append(key)
        elif tag == "tr" and self._stack:
            self._row = []
        elif tag == "td" and self._row is not None:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._end_cell()
        elif tag in ("tr", "thead", "tbody", "table"):
            self._end_cell()
            self._end_row()
            if tag == "table" and self._stack:
                self._stack.pop()

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
        self._cell = None

    def _end_row(self) -> None:
        if self._row and self._stack:
            self.tables[self._stack[-1]].append(self._row)
        self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def read(page: Path) -> Tables:
    parser = Tables()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


CLAIM = re.compile(
    r'<section class="claim flag-(\w+)">\n<h2>.*?projects/([^."]+)\.html.*?</h2>\n'
    r'<dl class="facts">\n(.*?)</dl>',
    re.S,
)


def claims(page: Path) -> dict[str, tuple[str, dict[str, str]]]:
    """A unit page's claims by project: the flag its section shows, and its facts (label ->
    text, lines joined by newlines)."""
    out = {}
    for flag, project, block in CLAIM.findall(page.read_text(encoding="utf-8")):
        facts = {
            unescape(label): unescape(re.sub(r"<[^>]+>", "", value.replace("<br>", "\n"))).strip()
            for label, value in re.findall(r"<dt>([^<]*)<dd>(.*)", block)
        }
        out[project] = (flag, facts)
    return out
