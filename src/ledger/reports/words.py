"""The words for a flag's reasons: one place, read by every report that shows them.

The order for people differs from the contract's order for scripts: JSON lists a claim's
reasons in milestone order (section 8); a cell a leader reads in one glance puts the most days
late first, and for a yellow flag the soonest due first.
"""

from __future__ import annotations

from collections.abc import Iterable

from ledger.asof.owed import Owed
from ledger.asof.status import Reason
from ledger.i18n import t


def reason_text(reason: Reason, lang: str) -> str:
    """One reason as a clerk says it: 节点“完成排查摸底”逾期 86 天."""
    args: dict[str, object] = {"days": reason.days, "due": _day(reason, lang)}
    if reason.milestone is not None:
        args["title"] = reason.milestone.title
    if reason.quarter is not None:
        args["quarter"] = reason.quarter.label
    if reason.status is not None:
        args["status"] = t(f"status.{reason.status}", lang)
    key = f"reason.{reason.kind}"
    if reason.kind == "due_soon" and reason.days == 0:
        key = "reason.due_today"
    return t(key, lang, **args)


def people_order(r: Reason) -> tuple[int, int]:
    """The sort key for people: most days late first; then the soonest due; a status last."""
    if r.red:
        return (0, -(r.days or 0))
    if r.kind == "due_soon":
        return (1, r.days or 0)
    return (2, 0)


def for_people(reasons: Iterable[Reason]) -> list[Reason]:
    return sorted(reasons, key=people_order)


def reasons_cell(reasons: Iterable[Reason], lang: str) -> str:
    """A claim's reasons in one line, most days first."""
    return t("reason.sep", lang).join(reason_text(r, lang) for r in for_people(reasons))


def _day(reason: Reason, lang: str) -> str:
    if reason.due is None:
        return ""
    return reason.due.isoformat()


def owed_text(item: Owed, lang: str) -> str:
    """One thing a claim owes as a clerk says it (``ledger remind``, the forms' heading):
    节点“完成排查摸底”逾期 86天, 2026Q4 进展 1月10日前上报（还有 5天）."""
    args: dict[str, object] = {"days": item.days, "due": item.due.isoformat()}
    if item.milestone is not None:
        args["title"] = item.milestone.title
    if item.quarter is not None:
        args["quarter"] = item.quarter.label
    key = f"owed.{item.kind}"
    if item.kind == "due_soon" and item.days == 0:
        key = "reason.due_today"
    return t(key, lang, **args)
