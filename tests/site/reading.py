"""Reading the site's pages back without a browser: the tables of a page as rows of cell texts,
and every URL a page names."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


class Tables(HTMLParser):
    """``tables[key]``: the rows of each table (``key``: its id, else its first class, else
    its number), each a list of the texts of its ``td`` cells and row headers (``th
    scope="row"``); rows of column headers left out."""

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
        if tag == "table":
            key = found.get("id") or (found.get("class") or "").split(" ")[0]
            key = key or str(len(self.tables))
            while key in self.tables:
                key += "+"
            self.tables[key] = []
            self._stack.append(key)
        elif tag == "tr" and self._stack:
            self._row = []
        elif self._row is not None and (tag == "td" or found.get("scope") == "row"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._stack:
            self._stack.pop()
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None and self._stack:
            if self._row:
                self.tables[self._stack[-1]].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def read(page: Path) -> Tables:
    parser = Tables()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser
