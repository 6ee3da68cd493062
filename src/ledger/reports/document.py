"""The layout every text renderer reads: a title, a few lines about the report, titled tables.

A cell is a plain value (text, number, date or None). A column's ``kind`` tells renderers how to
show it: ``flag`` cells are coloured red/yellow/green, ``number`` cells are right-aligned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Cell = str | int | float | date | None
Kind = Literal["text", "number", "date", "flag"]


@dataclass(frozen=True)
class Column:
    key: str  # stable machine name (CSV keeps the label, xlsx the label too)
    label: str  # in the report language
    kind: Kind = "text"
    width: int = 12  # a sensible width in characters (a CJK character counts two)
    decimals: int | None = None  # numbers shown with this many decimals (87.0, 87.5)


@dataclass(frozen=True)
class Row:
    cells: list[Cell]
    flag: str | None = None  # red / yellow / green: colours the row's flag cells
    depth: int = 0  # indentation in the unit hierarchy


@dataclass(frozen=True)
class Table:
    name: str  # short, for an xlsx sheet (at most 31 characters)
    title: str
    columns: list[Column]
    rows: list[Row]
    empty: str = ""  # what to say when there are no rows
    # rows that repeat the first cell belong together (a unit's claims): on screen the first
    # cell is shown once per group
    grouped: bool = False


@dataclass(frozen=True)
class Bar:
    label: str
    values: dict[str, float]  # series name -> value (e.g. red/yellow/green counts)


@dataclass(frozen=True)
class Chart:
    title: str
    series: list[tuple[str, str]]  # (series name, colour)
    bars: list[Bar]
    maximum: float | None = None  # None: the largest total


@dataclass(frozen=True)
class Document:
    title: str
    meta: list[str]  # lines under the title: as of, quarter, how drawn...
    tables: list[Table]
    charts: list[Chart] = field(default_factory=list)
    lang: str = "zh"
