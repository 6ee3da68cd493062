"""Report builders: a ledger and a day T in, one plain data class out.

Each report has a builder (pure, language-neutral), a ``to_json`` that writes contract section
8's keys from the data, and a ``document`` function that lays it out as titled tables in the
report language (``ledger.reports.document``), which every other renderer reads.

``REPORTS`` is the registry the CLI reads: a report's module and the formats it offers.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

ALL_FORMATS = ("table", "markdown", "html", "csv", "json", "xlsx")


@dataclass(frozen=True)
class Report:
    module: str  # with build(...), to_json(report) and document(report, ledger, lang)
    formats: tuple[str, ...] = ALL_FORMATS
    # formats the module renders itself: ``module.<format>(report, ledger, lang) -> str``
    own: tuple[str, ...] = ()

    def load(self) -> ModuleType:
        return importlib.import_module(self.module)


REPORTS: dict[str, Report] = {
    "overdue": Report("ledger.reports.overdue"),
    "quarterly": Report("ledger.reports.quarterly"),
    "half": Report("ledger.reports.halfyear"),
    "year": Report("ledger.reports.yearend"),
    "inspect": Report("ledger.reports.spotcheck"),
    "remind": Report("ledger.reports.remind", (*ALL_FORMATS, "text"), own=("text",)),
}
