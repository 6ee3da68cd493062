"""The layout every text renderer reads: a title, a few lines about the report, titled tables.

A cell is a plain value (text, number, date or None). A column's ``kind`` tells renderers how to
show it: ``flag`` cells are coloured red/yellow/green, ``number`` cells are right-aligned, ``id``,
``date``, ``number`` and ``flag`` cells are never broken inside. ``compact`` columns make the layout
for a narrow screen; the others are shown when there is room (or with ``--wide``); on a screen
narrower still, compact columns of negative ``priority`` are left out too.

A document opens with its ``totals``: the counts a leader reads first, each with the figure at
the previous quarter's end where there is one ("红灯 12 → 9").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

Cell = str | int | float | date | None
Kind = Literal["text", "id", "number", "date", "flag"]
UNBROKEN: frozenset[str] = frozenset({"id", "number", "date", "flag"})


@dataclass(frozen=True)
class Column:
    key: str  # stable machine name (CSV keeps the label, xlsx the label too)
    label: str  # in the report language
    kind: Kind = "text"
    width: int = 12  # a sensible width in characters (a CJK character counts two)
    decimals: int | None = None  # numbers shown with this many decimals (87.0, 87.5)
    compact: bool = True  # shown in the narrow layout too
    flex: bool = False  # takes the room the other columns leave (the reasons)
    narrow_only: bool = False  # a short form of another column, for the narrow layout alone
    paper: bool = True  # printed on the HTML page (unit ids are for scripts and workbooks)
    # a screen too narrow for the compact layout leaves out the columns of negative priority,
    # the lowest first (a unit's score arithmetic before its rates)
    priority: int = 0
    # the same on every row of a group (a unit's contact): on screen shown once per group, as
    # the first cell is
    per_group: bool = False


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
    # of a grouped table, how many leading columns belong to the group, not the row (the unit,
    # its contact): a printed page shows them once, in a heading row over the group's rows
    heading: int = 0

    def keep(self, indices: list[int]) -> Table:
        """The same table with only the columns at ``indices``."""
        return replace(
            self,
            heading=sum(1 for i in indices if i < self.heading),
            columns=[self.columns[i] for i in indices],
            rows=[replace(row, cells=[row.cells[i] for i in indices]) for row in self.rows],
        )

    def printed(self) -> Table:
        """The columns of a page or a sheet: all but the narrow layout's short forms."""
        return self.keep([i for i, c in enumerate(self.columns) if not c.narrow_only])


@dataclass(frozen=True)
class Bar:
    label: str
    values: dict[str, float]  # series name -> value (e.g. red/yellow/green counts)


@dataclass(frozen=True)
class Chart:
    title: str
    series: list[tuple[str, str]]  # (series name, colour: #rrggbb or a flag's name, red…)
    bars: list[Bar]
    maximum: float | None = None  # None: the largest total
    decimals: int | None = None  # the bars' figures with this many decimals, as in the table


@dataclass(frozen=True)
class Total:
    label: str
    value: int | str
    flag: str | None = None  # red / yellow / green: colours the figure
    previous: int | None = None  # the figure at the previous quarter's end, if there is one


@dataclass(frozen=True)
class Document:
    title: str
    meta: list[str]  # lines under the title: as of, period, due date, how drawn...
    tables: list[Table]
    charts: list[Chart] = field(default_factory=list)
    lang: str = "zh"
    totals: list[Total] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # under the totals: what the arrows mean…
    # what every printed page repeats beside the title, so a loose page finds its place: the
    # as-of line (统计截至 2026-11-25)
    stamp: str = ""
