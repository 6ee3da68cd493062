"""Two readings of the ledger compared into changes (contract section 11): a pure function of the
two sides and T.

What is compared is what the files mean, never how they are written: comments, layout and ``x-``
keys are gone after reading, settings are compared with their defaults applied. One fact, one
row: a deadline moved later is ``deadline_extended`` and nothing else, a ``done`` set is
``milestone_done``. A side whose files have errors is compared as far as they could be read: a
file that could not be read on either side gives no change, and neither do the entries that failed
their own check (those are named in the note the CLI prints).

Order: settings, the book, units by id, visits by id; within a file the order of the new file,
removed things where they stood in the old; ``flag_changed`` last, by unit id and claim order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, TypeVar

from pydantic import BaseModel

from ledger.diff.change import Change
from ledger.diff.flags import FlagMap, flags
from ledger.load.ledger import Loaded
from ledger.model import Claim, Finding, Progress, Project, ProjectMilestone, Unit, Visit

K = TypeVar("K")
V = TypeVar("V")

# The fields each change of a kind names, in the order they are compared (the contract's lists).
UNIT_FIELDS = ("name", "short_name", "parent", "order", "contact")
CLAIM_FIELDS = ("leader", "measures", "claimed", "deadline")
PROJECT_FIELDS = ("category", "title", "problem", "lead_units", "goal", "requirements")
REPORT_FIELDS = ("status", "percent", "summary", "reported", "problems", "next_steps")
VISIT_FIELDS = ("title", "date", "inspectors", "units")
FINDING_FIELDS = ("problem", "requirement", "due", "project", "unit", "evidence")


@dataclass
class Side:
    """One version as read: what of it can be compared."""

    loaded: Loaded
    troubled: frozenset[str] = field(init=False)  # paths with errors

    def __post_init__(self) -> None:
        self.troubled = frozenset(p.path for p in self.loaded.problems if p.level == "error")

    @cached_property
    def units(self) -> dict[str, tuple[Unit, frozenset[str], bool]]:
        """Each unit read, by id: its model, the projects of its claims that failed, and whether
        its file has errors (then only its valid claims are compared)."""
        out: dict[str, tuple[Unit, frozenset[str], bool]] = {}
        for u in self.loaded.units:
            unit = u.unit
            if unit is not None and unit.id not in out:
                out[unit.id] = (unit, u.broken, u.path in self.troubled)
        return out

    @cached_property
    def unread_units(self) -> frozenset[str]:
        """The stems of unit files that could not be read at all."""
        return frozenset(u.stem for u in self.loaded.units if u.unit is None)

    @cached_property
    def visits(self) -> dict[str, Visit]:
        return {v.visit.id: v.visit for v in self.loaded.visits if v.visit is not None}

    @cached_property
    def unread_visits(self) -> frozenset[str]:
        return frozenset(v.stem for v in self.loaded.visits if v.visit is None)


def compare(before: Loaded, after: Loaded, today: date) -> list[Change]:
    """The changes from ``before`` to ``after``, flags as of ``today`` (each side's own)."""
    old, new = Side(before), Side(after)
    out = list(_settings(old, new))
    out += _book(old, new)
    out += _units(old, new)
    out += _visits(old, new)
    only = _changed_units(old, new)
    out += _flags(flags(before, today, only), flags(after, today, only))
    return out


def _changed_units(old: Side, new: Side) -> set[str] | None:
    """The units whose flags may differ: those whose file means something else, when the
    settings, the book and the visits are the same on both sides (None: every unit)."""
    a, b = old.loaded, new.loaded
    if a.config != b.config or a.book != b.book or old.visits != new.visits:
        return None
    x, y = old.units, new.units
    return {u for u in x.keys() | y.keys() if not _same(x.get(u), y.get(u))}


def _same(
    a: tuple[Unit, frozenset[str], bool] | None, b: tuple[Unit, frozenset[str], bool] | None
) -> bool:
    """One unit read alike on both sides (the same reading, shared, or an equal one)."""
    return a is not None and b is not None and (a[0] is b[0] or a == b)


# -- helpers -------------------------------------------------------------------------------------


def merged(old: Sequence[K], new: Sequence[K]) -> list[K]:
    """The keys of both sides in the new side's order, each key only in the old one placed after
    the key it followed there (at the start when none did)."""
    kept = set(new)
    gone = [k for k in old if k not in kept]
    if not gone:
        return list(new)
    after: dict[K | None, list[K]] = {}
    last: K | None = None
    for k in old:
        if k in kept:
            last = k
        else:
            after.setdefault(last, []).append(k)
    out = list(after.get(None, []))
    for k in new:
        out.append(k)
        out += after.get(k, [])
    return out


def _first(items: Sequence[V], key: Callable[[V], K]) -> dict[K, V]:
    out: dict[K, V] = {}
    for item in items:
        out.setdefault(key(item), item)
    return out


def _fields(
    kind: str, a: BaseModel, b: BaseModel, names: Sequence[str], **keys: Any
) -> Iterator[Change]:
    for name in names:
        x, y = getattr(a, name, None), getattr(b, name, None)
        if x != y:
            yield Change.of(kind, x, y, field=name, **keys)


def _later(x: object, y: object) -> bool:
    return isinstance(x, date) and isinstance(y, date) and y > x


# -- settings and the book -----------------------------------------------------------------------


def _flat(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in data.items():
        if isinstance(v, dict):
            out.update(_flat(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out


def _settings(old: Side, new: Side) -> Iterator[Change]:
    a, b = old.loaded.config, new.loaded.config
    if a is None or b is None:
        return
    x, y = _flat(a.model_dump()), _flat(b.model_dump())
    for key in merged(list(x), list(y)):
        if x.get(key) != y.get(key):
            yield Change.of("settings_changed", x.get(key), y.get(key), field=key)


def _book(old: Side, new: Side) -> Iterator[Change]:
    a, b = old.loaded.book, new.loaded.book
    if a is None or b is None:
        return
    broken = old.loaded.broken_projects | new.loaded.broken_projects
    x, y = _first(a.projects, _id), _first(b.projects, _id)
    for pid in merged(list(x), list(y)):
        if pid in broken:
            continue
        p, q = x.get(pid), y.get(pid)
        if p is None and q is not None:
            yield Change.of("project_added", after=q.title, project=pid)
        elif q is None and p is not None:
            yield Change.of("project_removed", p.title, project=pid)
        elif p is not None and q is not None:
            yield from _fields("project_changed", p, q, PROJECT_FIELDS, project=pid)
            yield from _book_milestones(p, q)


def _id(item: Project | ProjectMilestone | Finding) -> str:
    return item.id


def _book_milestones(p: Project, q: Project) -> Iterator[Change]:
    x, y = _first(p.milestones, _id), _first(q.milestones, _id)
    for mid in merged(list(x), list(y)):
        m, n = x.get(mid), y.get(mid)
        keys = {"project": p.id, "milestone": mid}
        if m is None and n is not None:
            yield Change.of("milestone_added", after={"title": n.title, "due": n.due}, **keys)
        elif n is None and m is not None:
            yield Change.of("milestone_removed", {"title": m.title, "due": m.due}, **keys)
        elif m is not None and n is not None:
            if m.title != n.title:
                yield Change.of("milestone_changed", m.title, n.title, field="title", **keys)
            yield from _due(m.due, n.due, keys)


def _due(x: date | None, y: date | None, keys: dict[str, Any]) -> Iterator[Change]:
    if x == y:
        return
    if _later(x, y):
        yield Change.of("due_extended", x, y, **keys)
    else:
        yield Change.of("milestone_changed", x, y, field="due", **keys)


# -- units, claims, milestones, reports ----------------------------------------------------------


def _units(old: Side, new: Side) -> Iterator[Change]:
    x, y = old.units, new.units
    unread = old.unread_units | new.unread_units
    for uid in sorted(set(x) | set(y)):
        if uid in unread:
            continue  # a side could not read this unit's file: nothing to say about it
        a, b = x.get(uid), y.get(uid)
        if _same(a, b):
            continue  # the same reading (of the same bytes), or an equal one: nothing changed
        if a is None and b is not None:
            yield Change.of("unit_added", after=b[0].name, unit=uid)
        elif b is None and a is not None:
            yield Change.of("unit_removed", a[0].name, unit=uid)
        elif a is not None and b is not None:
            yield from _unit(a, b, old, new)


def _unit(
    a: tuple[Unit, frozenset[str], bool],
    b: tuple[Unit, frozenset[str], bool],
    old: Side,
    new: Side,
) -> Iterator[Change]:
    (u, u_broken, u_troubled), (v, v_broken, v_troubled) = a, b
    if not u_troubled and not v_troubled:  # a file with errors keeps only its valid claims
        yield from _fields("unit_changed", u, v, UNIT_FIELDS, unit=u.id)
    x, y = _first(u.claims, _project), _first(v.claims, _project)
    broken = u_broken | v_broken
    for pid in merged(list(x), list(y)):
        if pid in broken:
            continue
        c, d = x.get(pid), y.get(pid)
        keys = {"unit": u.id, "project": pid}
        if c is None and d is not None:
            yield Change.of(
                "claim_added", after={"leader": d.leader, "deadline": d.deadline}, **keys
            )
        elif d is None and c is not None:
            yield Change.of("claim_removed", {"leader": c.leader, "deadline": c.deadline}, **keys)
        elif c is not None and d is not None:
            yield from _claim(c, d, old, new, keys)


def _project(claim: Claim) -> str:
    return claim.project


def _claim(c: Claim, d: Claim, old: Side, new: Side, keys: dict[str, Any]) -> Iterator[Change]:
    year_a, year_b = _year(old), _year(new)
    for name in CLAIM_FIELDS:
        x: object = getattr(c, name)
        y: object = getattr(d, name)
        if name == "claimed":  # no `claimed` is 1 January: writing it out changes nothing
            x = x or (date(year_a, 1, 1) if year_a else None)
            y = y or (date(year_b, 1, 1) if year_b else None)
        if x == y:
            continue
        if name == "deadline" and _later(x, y):
            yield Change.of("deadline_extended", x, y, **keys)
        else:
            yield Change.of("claim_changed", x, y, field=name, **keys)
    yield from _claim_milestones(c, d, _book_of(old, c.project), _book_of(new, d.project), keys)
    yield from _reports(c, d, keys)


def _year(side: Side) -> int | None:
    config = side.loaded.config
    return config.ledger.year if config is not None else None


def _book_of(side: Side, project: str) -> list[ProjectMilestone]:
    book = side.loaded.book
    if book is None:
        return []
    found = next((p for p in book.projects if p.id == project), None)
    return list(found.milestones) if found is not None else []


@dataclass(frozen=True)
class _Mile:
    """A milestone as one claim sees it: the book's (with the claim's entry for it) or its own."""

    own: bool
    title: str | None
    due: date | None
    done: date | None
    evidence: str | None
    moved: bool  # a book milestone whose due the claim's entry sets


def _miles(claim: Claim, book: list[ProjectMilestone]) -> dict[str, _Mile]:
    records = _first(claim.milestones, lambda m: m.id)
    out: dict[str, _Mile] = {}
    for pm in book:
        r = records.get(pm.id)
        if r is None:
            out.setdefault(pm.id, _Mile(False, pm.title, pm.due, None, None, False))
        else:
            due = r.due if r.due is not None else pm.due
            out.setdefault(
                pm.id, _Mile(False, pm.title, due, r.done, r.evidence, r.due is not None)
            )
    for m in claim.milestones:
        out.setdefault(m.id, _Mile(True, m.title, m.due, m.done, m.evidence, False))
    return out


def _claim_milestones(
    c: Claim,
    d: Claim,
    book_a: list[ProjectMilestone],
    book_b: list[ProjectMilestone],
    keys: dict[str, Any],
) -> Iterator[Change]:
    x, y = _miles(c, book_a), _miles(d, book_b)
    for mid in merged(list(x), list(y)):
        m, n = x.get(mid), y.get(mid)
        here = {**keys, "milestone": mid}
        if m is None and n is not None:
            if n.own:
                yield Change.of("milestone_added", after={"title": n.title, "due": n.due}, **here)
            else:  # the book's new milestone: one row for the book; here only what the claim did
                yield from _mile(_Mile(False, n.title, n.due, None, None, False), n, here)
        elif n is None and m is not None:
            if m.own:
                yield Change.of("milestone_removed", {"title": m.title, "due": m.due}, **here)
            else:
                yield from _mile(m, _Mile(False, m.title, m.due, None, None, False), here)
        elif m is not None and n is not None:
            yield from _mile(m, n, here)


def _mile(m: _Mile, n: _Mile, keys: dict[str, Any]) -> Iterator[Change]:
    if m.own and n.own and m.title != n.title:
        yield Change.of("milestone_changed", m.title, n.title, field="title", **keys)
    if m.own or n.own or m.moved or n.moved:  # a book milestone's own due is the book's row
        yield from _due(m.due, n.due, keys)
    if m.done != n.done:
        if m.done is None:
            yield Change.of("milestone_done", after=n.done, **keys)
        elif n.done is None:
            yield Change.of("milestone_undone", m.done, **keys)
        else:
            yield Change.of("milestone_changed", m.done, n.done, field="done", **keys)
    if m.evidence != n.evidence:
        yield Change.of("milestone_changed", m.evidence, n.evidence, field="evidence", **keys)


def _reports(c: Claim, d: Claim, keys: dict[str, Any]) -> Iterator[Change]:
    x, y = _first(c.progress, _quarter), _first(d.progress, _quarter)
    for q in merged(list(x), list(y)):
        e, f = x.get(q), y.get(q)
        here = {**keys, "quarter": q}
        if e is None and f is not None:
            yield Change.of("report_added", after=_brief(f), **here)
        elif f is None and e is not None:
            yield Change.of("report_removed", _brief(e), **here)
        elif e is not None and f is not None:
            yield from _fields("report_changed", e, f, REPORT_FIELDS, **here)


def _quarter(entry: Progress) -> str:
    return entry.quarter


def _brief(entry: Progress) -> dict[str, Any]:
    return {"status": entry.status, "percent": entry.percent}


# -- visits and findings -------------------------------------------------------------------------


def _visits(old: Side, new: Side) -> Iterator[Change]:
    x, y = old.visits, new.visits
    unread = old.unread_visits | new.unread_visits
    for vid in sorted(set(x) | set(y)):
        if vid in unread:
            continue
        a, b = x.get(vid), y.get(vid)
        if a is None and b is not None:
            yield Change.of(
                "inspection_added", after={"title": b.title, "date": b.date}, inspection=vid
            )
        elif b is None and a is not None:
            yield Change.of(
                "inspection_removed", {"title": a.title, "date": a.date}, inspection=vid
            )
        elif a is not None and b is not None:
            yield from _fields("inspection_changed", a, b, VISIT_FIELDS, inspection=vid)
            yield from _findings(a, b)


def _findings(a: Visit, b: Visit) -> Iterator[Change]:
    x, y = _first(a.findings, _id), _first(b.findings, _id)
    for fid in merged(list(x), list(y)):
        f, g = x.get(fid), y.get(fid)
        if f is None and g is not None:
            keys = {"inspection": b.id, "finding": fid, "unit": g.unit, "project": g.project}
            yield Change.of("finding_added", after={"problem": g.problem, "due": g.due}, **keys)
        elif g is None and f is not None:
            keys = {"inspection": a.id, "finding": fid, "unit": f.unit, "project": f.project}
            yield Change.of("finding_removed", {"problem": f.problem, "due": f.due}, **keys)
        elif f is not None and g is not None:
            keys = {"inspection": b.id, "finding": fid, "unit": g.unit, "project": g.project}
            yield from _fields("finding_changed", f, g, FINDING_FIELDS, **keys)
            yield from _set("finding_rectified", f.rectified, g.rectified, "rectified", keys)
            yield from _set("finding_closed", f.closed, g.closed, "closed", keys)


def _set(
    kind: str, x: date | None, y: date | None, name: str, keys: dict[str, Any]
) -> Iterator[Change]:
    """A date newly set is ``kind``; one removed or moved rewrites a record (attention)."""
    if x == y:
        return
    if x is None:
        yield Change.of(kind, after=y, **keys)
    else:
        yield Change.of("finding_changed", x, y, field=name, **keys)


# -- flags ---------------------------------------------------------------------------------------


def _flags(x: FlagMap, y: FlagMap) -> Iterator[Change]:
    if x is None or y is None:
        return
    for (uid, pid), flag in y.items():
        was = x.get((uid, pid))
        if was is not None and was != flag:
            yield Change.of("flag_changed", was, flag, unit=uid, project=pid)
