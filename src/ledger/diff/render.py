"""A comparison as text (a sentence per change, grouped by unit), Markdown (the same for a pull or
merge request, its first line the counts) or JSON (contract section 11's shape); ``FORMATS`` is
the registry the command line picks from. Pure functions of the ``Diff`` and the language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ledger.diff import Diff
from ledger.diff.change import Change, counts
from ledger.diff.sentences import Names, Words, sentence
from ledger.render.jsonout import dumps

Group = tuple[str, str]  # ("settings" | "book" | "unit" | "inspection", id)


def group_of(c: Change) -> Group:
    """Where a change is listed: settings, the book, its unit, or its visit."""
    if c.kind == "settings_changed":
        return ("settings", "")
    if c.inspection is not None:
        return ("inspection", c.inspection)
    if c.unit is not None:
        return ("unit", c.unit)
    return ("book", "")


def grouped(changes: list[Change]) -> dict[Group, list[Change]]:
    """The changes by group, groups in the order they first come (so a flag joins its unit)."""
    out: dict[Group, list[Change]] = {}
    for c in changes:
        out.setdefault(group_of(c), []).append(c)
    return out


def heading(group: Group, w: Words) -> str:
    kind, gid = group
    if kind == "unit":
        return w("diff.group.unit", name=w.unit(gid), id=w.escape(gid))
    if kind == "inspection":
        title = w.escape(w.names.visits.get(gid, gid))
        return w("diff.group.inspection", title=title, id=w.escape(gid))
    return w(f"diff.group.{kind}")


def _where(d: Diff, w: Words) -> str:
    to = d.to_rev if d.to_rev is not None else w("diff.worktree")
    return w("diff.where", before=w.escape(d.from_rev), after=w.escape(to), as_of=d.as_of)


def text(d: Diff, lang: str) -> str:
    w = Words(Names.of(d.before, d.after), lang)
    lines = [_count_line(d, w) + w("diff.sep") + _where(d, w)]
    for group, changes in grouped(d.changes).items():
        lines += ["", heading(group, w)]
        for c in changes:
            mark = w("diff.mark") if c.attention else w("diff.no_mark")
            lines.append(f"  {mark}{sentence(c, w, d.as_of)}")
    return "\n".join(lines) + "\n"


def _count_line(d: Diff, w: Words) -> str:
    if not d.changes:
        return w("diff.none_changed")
    return w("diff.count", n=len(d.changes), attention=d.attention)


def markdown(d: Diff, lang: str) -> str:
    w = Words(Names.of(d.before, d.after), lang, _markdown_text)
    lines = [f"**{_count_line(d, w)}**", "", _where(d, w)]
    for group, changes in grouped(d.changes).items():
        lines += ["", f"#### {heading(group, w)}", ""]
        for c in changes:
            mark = w("diff.md_mark") if c.attention else ""
            lines.append(f"- {mark}{sentence(c, w, d.as_of)}")
    return "\n".join(lines) + "\n"


def _markdown_text(text: str) -> str:
    """Text from the files or the command line as Markdown shows it: the marks of the reports'
    Markdown escaped, and ``~`` too (GitHub strikes ``HEAD~1 → HEAD~2`` through)."""
    from ledger.render.markdown import _text

    return _text(text).replace("~", "\\~")


def as_json(d: Diff) -> dict[str, Any]:
    return {
        "from": d.from_rev,
        "to": d.to_rev,
        "as_of": d.as_of.isoformat(),
        "counts": counts(d.changes),
        "changes": [c.to_json() for c in d.changes],
    }


def json(d: Diff, lang: str) -> str:
    return dumps(as_json(d))


FORMATS: dict[str, Callable[[Diff, str], str]] = {
    "text": text,
    "markdown": markdown,
    "json": json,
}
