"""Report builders: a ledger and a day T in, one plain data class out.

Each report has a builder (pure, language-neutral), a ``to_json`` that writes contract section
8's keys from the data, and a ``document`` function that lays it out as titled tables in the
report language (``ledger.reports.document``), which every other renderer reads.

``REPORTS`` is the typed registry the CLI reads: per report, its formats (known without
importing any report code, so ``ledger --help`` stays light) and, once asked for, its ``Kind``:
how to build it from what the command line asked (``Ask``), its JSON and its document. A new
report is one entry here and one module; ``ledger.render.emit`` turns a ``Built`` report into
output.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ledger.render import REPORT_FORMATS

if TYPE_CHECKING:
    from ledger.calendar import Quarter
    from ledger.model import Ledger
    from ledger.reports.document import Document
    from ledger.reports.findings import FindingsReport
    from ledger.reports.halfyear import HalfYearReport
    from ledger.reports.overdue import OverdueReport
    from ledger.reports.quarterly import QuarterlyReport
    from ledger.reports.remind import Remind
    from ledger.reports.spotcheck import SpotCheck
    from ledger.reports.yearend import YearReport

R = TypeVar("R")

# every report offers every document format and its JSON
ALL_FORMATS = REPORT_FORMATS
SORTS = ("unit", "flag")


@dataclass(frozen=True)
class Ask:
    """What the command line asked a report for, as the clerk typed it. The builders read what
    they need; a value that cannot be read raises ``ledger.typed.Untyped`` (the CLI: exit 2)."""

    today: date
    format: str = "table"
    scope: str | None = None  # a unit id: that unit and the units under it
    period: str | None = None  # --quarter/--half as typed; "" or None: the reporting one
    sort: str = "unit"
    project: str | None = None
    sample: int = 1
    seed: int | None = None
    state: str | None = None  # --state of ``findings`` as typed

    def quarter(self, ledger: Ledger) -> Quarter:
        from ledger import typed
        from ledger.calendar import reporting_quarter

        if self.period:
            return typed.quarter(self.period, ledger.year)
        due = ledger.config.reporting.report_due_days
        return reporting_quarter(ledger.year, self.today, due)

    def half(self, ledger: Ledger) -> str:
        from ledger import typed
        from ledger.calendar import reporting_half

        if self.period:
            return typed.half(self.period, ledger.year)
        return reporting_half(ledger.year, self.today, ledger.config.reporting.report_due_days)


@dataclass(frozen=True)
class Kind(Generic[R]):
    """One report: built from the ledger and an ``Ask``, written as JSON or laid out."""

    build: Callable[[Ledger, Ask], R]
    to_json: Callable[[R], object]
    document: Callable[[R, Ledger, str], Document]
    # formats the report writes itself, by name: ``(report, ledger, lang) -> str``
    own: Mapping[str, Callable[[R, Ledger, str], str]] = field(default_factory=dict)
    # a line for stderr with one of its own formats (the document formats say it in their notes)
    note: Callable[[R, str], str | None] | None = None


@dataclass(frozen=True)
class Built(Generic[R]):
    """A report built: what ``ledger.render.emit`` turns into output."""

    kind: Kind[R]
    data: R
    ledger: Ledger
    lang: str


@dataclass(frozen=True)
class Entry:
    """A report in the registry: its own formats' names, and its ``Kind`` once it is asked for
    (only then is its module imported)."""

    kind: Callable[[], Kind[Any]]
    own: tuple[str, ...] = ()

    @property
    def formats(self) -> tuple[str, ...]:
        return (*ALL_FORMATS, *self.own)

    def build(self, ledger: Ledger, ask: Ask, lang: str) -> Built[Any]:
        kind = self.kind()
        return Built(kind, kind.build(ledger, ask), ledger, lang)


def _overdue() -> Kind[OverdueReport]:
    from ledger.reports import overdue as m

    def build(ledger: Ledger, ask: Ask) -> OverdueReport:
        if ask.project is not None and ask.project not in ledger.projects:
            from ledger.hints import did_you_mean
            from ledger.typed import Untyped

            hint = did_you_mean(ask.project, ledger.projects)
            raise Untyped("unknown_project", value=ask.project, **hint)
        return m.build(ledger, ask.today, ask.scope, ask.project)

    return Kind(build, m.to_json, m.document)


def _quarterly() -> Kind[QuarterlyReport]:
    from ledger.reports import quarterly as m

    def build(ledger: Ledger, ask: Ask) -> QuarterlyReport:
        return m.build(ledger, ask.quarter(ledger), ask.today, ask.scope, sort=ask.sort)

    return Kind(build, m.to_json, m.document)


def _half() -> Kind[HalfYearReport]:
    from ledger.reports import halfyear as m

    def build(ledger: Ledger, ask: Ask) -> HalfYearReport:
        return m.build(ledger, ask.half(ledger), ask.today, ask.scope, sort=ask.sort)

    return Kind(build, m.to_json, m.document)


def _year() -> Kind[YearReport]:
    from ledger.reports import yearend as m

    def build(ledger: Ledger, ask: Ask) -> YearReport:
        if ask.sort != "unit":
            from ledger.typed import Untyped

            raise Untyped("sort_not_here", value=ask.sort)
        # every unit's arithmetic: asked for one unit, or for the workbook
        detail = ask.scope is not None or ask.format == "xlsx"
        return m.build(ledger, ask.today, ask.scope, detail)

    return Kind(build, m.to_json, m.document)


def _inspect() -> Kind[SpotCheck]:
    from ledger.reports import spotcheck as m

    def build(ledger: Ledger, ask: Ask) -> SpotCheck:
        return m.build(ledger, ask.sample, ask.today, ask.seed, ask.scope)

    return Kind(build, m.to_json, m.document)


def _remind() -> Kind[Remind]:
    from ledger.reports import remind as m

    def build(ledger: Ledger, ask: Ask) -> Remind:
        return m.build(ledger, ask.quarter(ledger), ask.today, ask.scope)

    def note(report: Remind, lang: str) -> str | None:
        # the document formats say it in their notes; JSON lists the units that owe
        return m.left_out_note(report, lang) if report.left_out else None

    return Kind(build, m.to_json, m.document, own={"text": m.text}, note=note)


def _findings() -> Kind[FindingsReport]:
    from ledger import typed
    from ledger.reports import findings as m

    def build(ledger: Ledger, ask: Ask) -> FindingsReport:
        state = None if ask.state is None else typed.finding_state(ask.state)
        return m.build(ledger, ask.today, ask.scope, state)

    return Kind(build, m.to_json, m.document)


REPORTS: dict[str, Entry] = {
    "overdue": Entry(_overdue),
    "quarterly": Entry(_quarterly),
    "half": Entry(_half),
    "year": Entry(_year),
    "inspect": Entry(_inspect),
    "remind": Entry(_remind, own=("text",)),
    "findings": Entry(_findings),
}
