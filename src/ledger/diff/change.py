"""One change between two versions of the ledger (contract section 11), and the kinds there are.

Every change carries every key of the contract, null where it does not apply; ``before`` and
``after`` are JSON values already (dates as ISO text, statuses in the English words).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

# Every kind, in the contract's order: the keys of the JSON ``counts``.
KINDS = (
    "settings_changed",
    "project_added",
    "project_removed",
    "project_changed",
    "unit_added",
    "unit_removed",
    "unit_changed",
    "claim_added",
    "claim_removed",
    "claim_changed",
    "deadline_extended",
    "milestone_added",
    "milestone_removed",
    "milestone_done",
    "milestone_undone",
    "milestone_changed",
    "due_extended",
    "report_added",
    "report_changed",
    "report_removed",
    "inspection_added",
    "inspection_removed",
    "inspection_changed",
    "finding_added",
    "finding_removed",
    "finding_rectified",
    "finding_closed",
    "finding_changed",
    "flag_changed",
)

# What a reviewer must see (contract section 11): a time limit moved later, or a record rewritten.
_ATTENTION_KINDS = frozenset(
    {"deadline_extended", "due_extended", "milestone_undone", "report_removed", "report_changed"}
)
_ATTENTION_FIELDS = frozenset(
    {
        ("milestone_changed", "done"),
        ("finding_changed", "due"),
        ("finding_changed", "rectified"),
        ("finding_changed", "closed"),
    }
)


def needs_attention(kind: str, field: str | None) -> bool:
    return kind in _ATTENTION_KINDS or (kind, field) in _ATTENTION_FIELDS


def as_json(value: object) -> Any:
    """A value of the models as the JSON of a change holds it."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [as_json(v) for v in value]
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    return value


@dataclass(frozen=True, slots=True)
class Change:
    kind: str
    unit: str | None = None
    project: str | None = None
    milestone: str | None = None
    quarter: str | None = None
    inspection: str | None = None
    finding: str | None = None
    field: str | None = None
    before: Any = None
    after: Any = None
    days: int | None = None
    attention: bool = False

    @classmethod
    def of(cls, kind: str, before: object = None, after: object = None, **keys: Any) -> Change:
        """A change with its values made JSON, its ``days`` when both sides are dates of a time
        limit, and its ``attention`` from the kind and field."""
        field = keys.get("field")
        days = keys.pop("days", None)
        limit = kind in ("deadline_extended", "due_extended") or field in ("due", "deadline")
        if days is None and limit and isinstance(before, date) and isinstance(after, date):
            days = (after - before).days
        return cls(
            kind,
            before=as_json(before),
            after=as_json(after),
            days=days,
            attention=needs_attention(kind, field),
            **keys,
        )

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def counts(changes: list[Change]) -> dict[str, int]:
    """How many changes of each kind, every kind named (0 for none)."""
    out = dict.fromkeys(KINDS, 0)
    for c in changes:
        out[c.kind] += 1
    return out
