"""The words for a flag's reasons and what a claim owes: one place, read by every report that
shows them.

One order for people, the same in every human format (table, markdown, csv, html, xlsx, the
reminder messages): the contract's order of kinds (overdue milestones, past deadline, missing
reports, overdue findings; then milestones due soon, the status, findings due soon; for what is
owed, the report coming due before the milestones due soon), and within a kind the earliest due
date first, so the most days late (or the fewest days left) come first; findings in the order of
their visits. Every reason that counts days says them. JSON
keeps the contract's order (milestone order, quarter order).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ledger.asof.owed import Owed
from ledger.asof.status import Reason
from ledger.i18n import t


def reason_text(reason: Reason, lang: str) -> str:
    """One reason as a clerk says it: 节点“完成排查摸底”逾期 86 天."""
    extra = {} if reason.status is None else {"status": t(f"status.{reason.status}", lang)}
    return _worded("reason", reason, lang, **extra)


def _worded(table: str, item: Reason | Owed, lang: str, **extra: object) -> str:
    """A reason or a thing owed in words: the key ``<table>.<kind>`` (on the day it falls due,
    the words for today) with the days, the due date and what it is about."""
    due = item.due.isoformat() if item.due is not None else ""
    args: dict[str, object] = {"days": item.days, "due": due, **extra}
    if item.milestone is not None:
        args["title"] = item.milestone.title
    if item.quarter is not None:
        args["quarter"] = item.quarter.label
    if item.finding is not None:
        args["problem"] = item.finding.finding.problem
    key = f"{table}.{item.kind}"
    if item.days == 0 and item.kind in _TODAY:
        key = _TODAY[item.kind]
    return t(key, lang, **args)


# the words for a time limit that falls on T itself
_TODAY = {"due_soon": "reason.due_today", "finding_due_soon": "reason.finding_due_today"}


# the contract's order of kinds (section 5): a reader finds like next to like
_REASON_RANK = {
    "overdue": 0,
    "past_deadline": 1,
    "missing_report": 2,
    "finding_overdue": 3,
    "due_soon": 4,
    "status": 5,
    "finding_due_soon": 6,
}
_OWED_RANK = {
    "overdue": 0,
    "past_deadline": 1,
    "missing_report": 2,
    "report_due": 3,
    "due_soon": 4,
    "finding_overdue": 5,
    "finding_due_soon": 6,
}


def people_order(r: Reason) -> tuple[int, date]:
    """The sort key for people: the kind in the contract's order, then the earliest due first
    (most days late, or fewest days left); the status, which has no date, last. Findings keep
    the one order section 10 settles for them wherever they are listed (visit date, visit id,
    file order), the order they come in: the sort is stable."""
    if r.finding is not None:
        return (_REASON_RANK[r.kind], date.min)
    return (_REASON_RANK[r.kind], r.due or date.max)


def for_people(reasons: Iterable[Reason]) -> list[Reason]:
    return sorted(reasons, key=people_order)


def owed_order(item: Owed) -> tuple[int, date]:
    """What a claim owes in the same order as its reasons (``people_order``)."""
    return (_OWED_RANK[item.kind], item.due)


def reasons_cell(reasons: Iterable[Reason], lang: str) -> str:
    """A claim's reasons in one line, in the order for people."""
    return t("reason.sep", lang).join(reason_text(r, lang) for r in for_people(reasons))


def owed_text(item: Owed, lang: str) -> str:
    """One thing a claim owes as a clerk says it (``ledger remind``, the forms' heading):
    节点“完成排查摸底”逾期 86天, 2026Q4 进展 1月10日前上报（还有 5天）."""
    return _worded("owed", item, lang)
