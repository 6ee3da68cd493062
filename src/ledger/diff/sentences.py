"""A change as a sentence a clerk reads, in the report language: "化德县 B4：完成时限由9月30日延至
12月31日（延期 92 天）". The names (units, projects, milestones, visits, findings) come from the
two readings, the new one first; every word from the i18n tables (``diff.*``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ledger.diff.change import Change
from ledger.i18n import TABLES, t
from ledger.load.ledger import Loaded

_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
Escape = Callable[[str], str]


def _plain(text: str) -> str:
    return text


@dataclass
class Names:
    """What the sentences call things, gathered from both readings (the new one wins)."""

    year: int | None = None
    units: dict[str, str] = field(default_factory=dict)
    projects: dict[str, str] = field(default_factory=dict)
    milestones: dict[tuple[str | None, str, str], str] = field(default_factory=dict)
    visits: dict[str, str] = field(default_factory=dict)
    findings: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def of(cls, before: Loaded, after: Loaded) -> Names:
        names = cls()
        for loaded in (before, after):  # the new reading last: its names win
            names._add(loaded)
        return names

    def _add(self, loaded: Loaded) -> None:
        if loaded.config is not None:
            self.year = loaded.config.ledger.year
        if loaded.book is not None:
            for p in loaded.book.projects:
                self.projects[p.id] = p.title
                for m in p.milestones:
                    self.milestones[(None, p.id, m.id)] = m.title
        for u in loaded.units:
            unit = u.unit
            if unit is None:
                continue
            self.units[unit.id] = unit.short
            for c in unit.claims:
                for cm in c.milestones:
                    if cm.title is not None:
                        self.milestones[(unit.id, c.project, cm.id)] = cm.title
        for v in loaded.visits:
            if v.visit is None:
                continue
            self.visits[v.visit.id] = v.visit.title
            for f in v.visit.findings:
                self.findings[(v.visit.id, f.id)] = f.problem

    def milestone(self, c: Change) -> str:
        project, mid = c.project or "", c.milestone or ""
        own = self.milestones.get((c.unit, project, mid))
        return own or self.milestones.get((None, project, mid)) or mid


class Words:
    """The sentences of one language, with an escape for text that came from the files."""

    def __init__(self, names: Names, lang: str, escape: Escape = _plain) -> None:
        self.names, self.lang, self.escape = names, lang, escape

    def __call__(self, key: str, **args: object) -> str:
        return t(key, self.lang, **args)

    def day(self, iso: str) -> str:
        d = date.fromisoformat(iso)
        month = self(f"month.{d.month}")
        if self.names.year is not None and d.year != self.names.year:
            return self("diff.day_year", year=d.year, month=month, day=d.day)
        return self("diff.day", month=month, day=d.day)

    def value(self, value: Any, name: str | None = None) -> str:
        """A value of a field as the sentence shows it."""
        if value is None or value == []:
            return self("diff.none")
        if isinstance(value, list):
            return self(
                "diff.quoted", text=self.escape(self("diff.item_sep").join(map(str, value)))
            )
        if isinstance(value, bool):
            return str(value).lower()
        if name == "percent" and isinstance(value, int | float):
            return self("diff.percent", percent=value)
        if isinstance(value, int | float):
            return str(value)
        text = str(value)
        if name in ("status", "category", "flag"):
            return self(f"{name}.{text}")
        if _ISO.fullmatch(text):
            return self.day(text)
        return self("diff.quoted", text=self.escape(text))

    def unit(self, uid: str | None) -> str:
        return self.escape(self.names.units.get(uid or "", uid or ""))

    def who(self, c: Change) -> str:
        """Whose change: the unit and project (化德县 B4), the book's project, or the visit."""
        if c.unit is not None and c.project is not None:
            return self("diff.who.claim", unit=self.unit(c.unit), project=self.escape(c.project))
        if c.unit is not None:
            return self.unit(c.unit)
        if c.project is not None:
            return self("diff.who.book", project=self.escape(c.project))
        return ""

    def field(self, name: str | None, kind: str = "") -> str:
        """A field's words; a kind may word a field its own way (a finding's ``due`` is its
        time limit, 整改时限); a setting's dotted key is shown as written."""
        if not name or "." in name:
            return self.escape(name or "")
        own = f"diff.field.{kind.split('_')[0]}.{name}"
        return self(own) if own in TABLES["zh"] else self(f"diff.field.{name}")


def sentence(c: Change, words: Words, as_of: date) -> str:
    """The change as one sentence, without its attention mark."""
    build = _SENTENCES.get(c.kind, _changed)
    return build(c, words, as_of)


def _changed(c: Change, w: Words, as_of: date) -> str:
    """A field changed from one value to another: the common form of every ``*_changed``."""
    subject = _subject(c, w)
    before, after = w.value(c.before, c.field), w.value(c.after, c.field)
    how = "unset" if c.after in (None, []) else "set" if c.before in (None, []) else "both"
    return w(
        f"diff.{c.kind}",
        who=subject,
        field=w.field(c.field, c.kind),
        change=w(f"diff.change.{how}", before=before, after=after),
        before=before,
        after=after,
        title=_title(c, w),
        quarter=c.quarter or "",
        days=c.days if c.days is not None else "",
    )


def _subject(c: Change, w: Words) -> str:
    if c.kind.startswith("finding_") or c.kind.startswith("inspection_"):
        visit = w.escape(w.names.visits.get(c.inspection or "", c.inspection or ""))
        who = w.who(c)
        return w("diff.who.finding", visit=visit, who=who) if who else visit
    return w.who(c)


def _title(c: Change, w: Words) -> str:
    return w.escape(_raw_title(c, w))


def _raw_title(c: Change, w: Words) -> str:
    """What the change is about, by name: its milestone, its finding's problem, its project."""
    if c.milestone is not None:
        return w.names.milestone(c)
    if c.finding is not None and c.inspection is not None:
        return w.names.findings.get((c.inspection, c.finding), c.finding)
    if c.project is not None:
        return w.names.projects.get(c.project, c.project)
    return ""


def _sub(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def _summary(c: Change, w: Words, as_of: date) -> str:
    """An added or removed thing, with what it was or is (``before`` or ``after``)."""
    what = c.after if c.kind.endswith("_added") else c.before
    return w(
        f"diff.{c.kind}",
        who=_subject(c, w),
        id=w.escape(c.unit or c.project or c.inspection or ""),
        name=w.escape(what) if isinstance(what, str) else "",
        title=w.value(what if isinstance(what, str) else _sub(what, "title") or _raw_title(c, w)),
        due=w.value(_sub(what, "due")),
        date=w.value(_sub(what, "date")),
        leader=w.escape(str(_sub(what, "leader") or "")),
        deadline=w.value(_sub(what, "deadline")),
        problem=w.value(_sub(what, "problem")),
        status=w.value(_sub(what, "status"), "status"),
        percent=w.value(_sub(what, "percent"), "percent"),
        quarter=c.quarter or "",
    )


def _dated(c: Change, w: Words, as_of: date) -> str:
    """A date set (a milestone done, a finding rectified or closed) or removed (undone)."""
    return w(
        f"diff.{c.kind}",
        who=_subject(c, w),
        title=_title(c, w),
        before=w.value(c.before),
        after=w.value(c.after),
    )


def _flag(c: Change, w: Words, as_of: date) -> str:
    return w(
        "diff.flag_changed",
        who=w.who(c),
        as_of=w.day(as_of.isoformat()),
        before=w.value(c.before, "flag"),
        after=w.value(c.after, "flag"),
    )


_SENTENCES: dict[str, Callable[[Change, Words, date], str]] = {
    **{
        kind: _summary
        for kind in (
            "project_added",
            "project_removed",
            "unit_added",
            "unit_removed",
            "claim_added",
            "claim_removed",
            "milestone_added",
            "milestone_removed",
            "report_added",
            "report_removed",
            "inspection_added",
            "inspection_removed",
            "finding_added",
            "finding_removed",
        )
    },
    **{
        kind: _dated
        for kind in ("milestone_done", "milestone_undone", "finding_rectified", "finding_closed")
    },
    "flag_changed": _flag,
}
"""How each kind is worded; every other kind is a field changed (``_changed``)."""
