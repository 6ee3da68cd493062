"""Sentences made from the meanings, shared by the reports that say them (the forms' heading,
``ledger remind``): one function per kind of sentence, so every report words a thing the same."""

from __future__ import annotations

from datetime import date, timedelta

from ledger.asof import Owed
from ledger.i18n import t


def day_text(day: date, today: date, lang: str) -> str:
    """A date as a clerk reads it in a sentence: ``1月10日`` (with the year when it is not T's
    year) in Chinese, ISO in English."""
    if lang != "zh":
        return day.isoformat()
    if day.year == today.year:
        return f"{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"


def _days(n: int) -> dict[str, object]:
    return {"days": f"{n} day" if n == 1 else f"{n} days", "days_zh": str(n)}


def owed_text(item: Owed, project_title: str | None, lang: str) -> str:
    """One thing a claim owes, as a sentence: ``节点“完成排查摸底”已逾期 148 天``,
    ``2026Q4 进展请于 1月10日前上报``; with ``project_title``, prefixed by it."""
    late = item.kind in ("overdue", "past_deadline", "missing_report")
    today = item.due + timedelta(days=item.days) if late else item.due - timedelta(days=item.days)
    args: dict[str, object] = {"due": day_text(item.due, today, lang), **_days(item.days)}
    if item.milestone is not None:
        args["title"] = item.milestone.title
    if item.quarter is not None:
        args["quarter"] = item.quarter.label
    key = f"owed.{item.kind}"
    if item.kind == "due_soon" and item.days == 0:
        key = "owed.due_today"
    text = t(key, lang, **args)
    return t("owed.project", lang, project=project_title, text=text) if project_title else text
