"""The tree of units: who stands under whom (``parent``), for ``--unit`` and the official order."""

from __future__ import annotations

from ledger.model import Ledger, Unit


def units_under(ledger: Ledger, unit_id: str) -> list[Unit]:
    """The unit and every unit below it, by id."""
    children: dict[str, list[str]] = {}
    for unit in ledger.units.values():
        if unit.parent is not None:
            children.setdefault(unit.parent, []).append(unit.id)
    keep = {unit_id}
    stack = [unit_id]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in keep:
                keep.add(child)
                stack.append(child)
    return [u for uid, u in ledger.units.items() if uid in keep]


def depth(ledger: Ledger, unit: Unit) -> int:
    """How many parents stand above the unit (0 for a top unit)."""
    n = 0
    seen = {unit.id}
    parent = unit.parent
    while parent is not None and parent in ledger.units and parent not in seen:
        seen.add(parent)
        n += 1
        parent = ledger.units[parent].parent
    return n
