"""How units are named in lists.

W003  two units under the same parent share a ``short_name``, so tables cannot tell them apart
      bad:  two banners under ulanqab-org both with ``short_name: 察右旗``
      fixed: ``short_name: 察右前旗`` and ``short_name: 察右后旗``
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ledger.problems import Problem
from ledger.rules.common import View
from ledger.rules.registry import rule


@rule("across", "W003")
def short_names_unique(view: View, today: date) -> Iterator[Problem]:
    first: dict[tuple[str | None, str], str] = {}  # (parent, short name) -> the first unit's id
    for file in sorted(view.units, key=lambda f: f.path):
        unit = file.facts
        if unit is None or not unit.short_name:
            continue
        key = (unit.parent, unit.short_name)
        if key in first:
            args = {"name": unit.short_name, "other": first[key]}
            yield Problem(file.path, "W003", args, loc=("short_name",))
        else:
            first[key] = unit.id
