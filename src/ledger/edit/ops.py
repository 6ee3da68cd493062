"""The clerk's edits: add a claim, record a quarter's progress, mark a milestone done.

``apply`` takes the ledger's lock and reads the ledger once (``ledger.load.load``, the other
files from the cache); each operation works on that reading (the unit file's bytes as read) and
works out the splice; the result is checked three ways before anything is written: the new text
parses to exactly the data intended (the old data with the one change), the ledger with the new
bytes in place of the file's validates without errors (only that file is read again, from the
bytes that will be written: the cache's pack then holds it as written), and the file on disk is
still the one that was read. Any failure raises ``EditError`` and leaves every file as it was.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from filelock import Timeout as LockTimeout
from pydantic import ValidationError
from yaml.nodes import MappingNode, SequenceNode

from ledger.asof.status import claim_milestones, claimed_on
from ledger.calendar import Quarter
from ledger.edit.refusal import check
from ledger.edit.write import (
    ChangedMeanwhile,
    LockUnavailable,
    Snapshot,
    Write,
    WriteFailed,
    ledger_lock,
    write_all,
)
from ledger.edit.yamltext import Splice, SpliceError, YamlText
from ledger.hints import did_you_mean
from ledger.i18n import listed, words
from ledger.load import PROJECTS, UNITS, Loaded, load
from ledger.load.yamlparse import parse, position
from ledger.model import STATUSES, UNIT_ID, Claim, Ledger
from ledger.problems import Loc, Problem

CLAIM_KEYS = ["project", "leader", "measures", "deadline", "claimed", "milestones", "progress"]
MILESTONE_KEYS = ["id", "title", "due", "done", "evidence"]
_UNIT_ID = re.compile(UNIT_ID)


class EditError(Exception):
    """Why an edit was refused: ``key`` names the message in ``ledger.i18n``; ``problems`` are
    the validation problems the edit would have caused, if that was the reason."""

    def __init__(
        self,
        key: str,
        *,
        problems: list[Problem] | None = None,
        before: list[Problem] | None = None,
        edits: list[Edit] | None = None,
        **args: object,
    ) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args
        self.problems = problems or []
        # errors the file to change already had, which refuse the edit too (said apart, so the
        # clerk does not take them for the edit's own)
        self.before = before or []
        # the edits refused, for the caller to name what it gave (``at_options``)
        self.edits = edits or []


@dataclass(frozen=True)
class Edit:
    path: Path
    rel: str
    old: Snapshot
    new_text: str
    what: str  # a message key in ledger.i18n
    args: dict[str, object] = field(default_factory=dict)
    # what the clerk should know besides (a message key and its arguments): a late report, a
    # milestone done late, book milestones that do not apply to a new claim
    remarks: tuple[tuple[str, dict[str, object]], ...] = ()
    # errors already elsewhere in the ledger, shown as a note; they do not block the edit
    notes: tuple[Problem, ...] = ()
    # the keys the edit wrote and the lines of the new text that hold each (first, last): a
    # problem on those lines is in a value the caller gave (``at_options``)
    wrote: tuple[tuple[str, int, int], ...] = ()

    @property
    def changed(self) -> bool:
        return self.new_text != self.old.text

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.old.text.splitlines(keepends=True),
                self.new_text.splitlines(keepends=True),
                # a new file (a visit recorded) comes from nothing, as git shows it
                fromfile=f"a/{self.rel}" if self.old.raw else "/dev/null",
                tofile=f"b/{self.rel}",
            )
        )


# -- the shared path ----------------------------------------------------------------------------


def unit_path(root: Path, unit_id: str) -> tuple[Path, str]:
    """The unit's file, after checking the id cannot name anything outside data/units/."""
    if not _UNIT_ID.fullmatch(unit_id):
        raise EditError("bad_unit_id", value=unit_id)
    rel = f"{UNITS}/{unit_id}.yaml"
    path = root / rel
    for folder in ("data", UNITS):  # a linked folder would lead the edit outside the ledger
        with contextlib.suppress(FileNotFoundError):
            if not stat.S_ISDIR(os.lstat(root / folder).st_mode):
                raise EditError("not_regular", path=folder)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        raise EditError("no_unit_file", value=unit_id, path=rel) from None
    except OSError as exc:
        raise EditError("cannot_read", path=rel, reason=exc.strerror or str(exc)) from None
    if not stat.S_ISREG(mode):
        # a link, a pipe, a folder: never read, never replaced (F008)
        raise EditError("not_regular", path=rel)
    if not mode & 0o222:  # read-only (0444): its owner meant it to stay as it is
        raise EditError("read_only", path=rel)
    return path, rel


@dataclass
class Target:
    """What an operation works on: the ledger, the unit file's snapshot, text and data."""

    ledger: Ledger
    path: Path
    rel: str
    snapshot: Snapshot
    yaml: YamlText
    data: dict[str, Any]

    def claim_index(self, project: str) -> int:
        for i, claim in enumerate(self.data.get("claims") or []):
            if isinstance(claim, dict) and claim.get("project") == project:
                return i
        raise EditError("not_claimed", unit=self.data.get("id"), project=project, path=self.rel)

    def unchanged(self, args: dict[str, Any]) -> Edit:
        """The edit that changes nothing: what it asks for is already on file."""
        return Edit(self.path, self.rel, self.snapshot, self.yaml.text, "unchanged", args)

    def line_of(self, index: int) -> int:
        return self.yaml.text.count("\n", 0, index) + 1


def _target(loaded: Loaded, unit_id: str, project: str, base: Edit | None = None) -> Target:
    """What an operation works on, in the ledger as read by ``apply``; with ``base`` (an edit
    of the same file not written yet), the text as that edit leaves it, so that several edits
    of one file apply one after another and are written together."""
    if loaded.config is None:
        raise EditError(
            "settings_broken", problems=[p for p in loaded.problems if p.level == "error"]
        )
    if loaded.book is None:
        raise EditError(
            "ledger_broken", problems=[p for p in loaded.problems if p.level == "error"]
        )
    ledger = Ledger(loaded.root, loaded.config, loaded.book, {})  # the operations read the book
    if project not in ledger.projects:
        raise EditError("unknown_project", value=project, **did_you_mean(project, ledger.projects))
    path, rel = unit_path(loaded.root, unit_id)
    return read_target(loaded, ledger, path, rel, base)


def read_target(
    loaded: Loaded, ledger: Ledger, path: Path, rel: str, base: Edit | None = None
) -> Target:
    """The file at ``rel`` as the reading read it (or as ``base`` leaves it), parsed, ready
    for splices; any file of the ledger an edit changes (a unit's, a visit's)."""
    if base is not None and base.rel == rel:
        snapshot, text = base.old, base.new_text
    else:
        try:  # the bytes the reading read (under the lock); else the reason they could not be
            raw = loaded.sources.get(rel)
            snapshot = Snapshot(path, raw) if raw is not None else Snapshot.read(path)
        except OSError as exc:  # unreadable (a non-root user without the permission)
            raise EditError("cannot_read", path=rel, reason=exc.strerror or str(exc)) from None
        try:
            text = snapshot.text
        except UnicodeDecodeError:
            raise EditError("file_broken", path=rel) from None
    if "\r" in text.replace("\r\n", ""):  # CR alone (old Mac): an edit would mix line endings
        raise EditError("lone_cr", path=rel)
    parsed = parse(text, rel)
    if parsed.problems or not isinstance(parsed.data, dict):
        raise EditError("file_broken", problems=parsed.problems, path=rel)
    try:
        yaml_text = YamlText(text)
    except (SpliceError, yaml.YAMLError):
        raise EditError("file_broken", path=rel) from None
    return Target(ledger, path, rel, snapshot, yaml_text, parsed.data)


def _finish(
    target: Target,
    splices: list[Callable[[YamlText], Splice]],
    expected: dict[str, Any],
    what: str,
    args: dict[str, object],
    entry: Loc | None = None,
) -> Edit:
    """Apply the splices one after another and check the result is exactly ``expected``;
    ``entry`` is the key path of the mapping the edit wrote (see ``Edit.wrote``)."""
    text = target.yaml.text
    for make in splices:
        try:
            text = make(YamlText(text)).apply(text)
        except SpliceError as exc:
            raise EditError("cannot_splice", path=target.rel, reason=str(exc)) from None
    reparsed = parse(text, target.rel)
    controls = [p for p in reparsed.problems if p.code == "S013"]
    if controls:  # a control character typed on the command line: said at its place
        raise EditError("invalid_result", problems=controls, path=target.rel)
    if reparsed.problems or reparsed.data != expected:
        raise EditError("cannot_splice", path=target.rel, reason="the result reads differently")
    wrote = _wrote(text, entry) if entry is not None else ()
    return Edit(target.path, target.rel, target.snapshot, text, what, args, wrote=wrote)


def _wrote(text: str, entry: Loc) -> tuple[tuple[str, int, int], ...]:
    """Each key of the mapping at ``entry`` with the lines (first, last) it takes in ``text``."""
    node = YamlText(text).get(entry)
    if not isinstance(node, MappingNode):
        return ()
    out = []
    for k, v in node.value:
        while isinstance(v, MappingNode | SequenceNode) and v.value:
            # a block collection's end is the next token: its last scalar ends it
            v = v.value[-1][1] if isinstance(v, MappingNode) else v.value[-1]
        first = position(text, k.start_mark)[0]
        last, column = position(text, v.end_mark)
        if column == 1 and last > first:  # a block scalar ends at the start of the next line
            last -= 1
        out.append((str(k.value), first, last))
    return tuple(out)


def apply(
    root: Path,
    today: date,
    build: Callable[[Loaded], Edit],
    dry_run: bool = False,
    cache: bool = True,
) -> Edit:
    """Build an edit on the ledger as read under its lock and, unless ``dry_run``, write it,
    after checking the ledger with the new text validates and the file did not change
    meanwhile. The other files come from the cache (unless ``cache`` is False), which then
    holds the written file's entry too."""
    return apply_all(root, today, lambda loaded: [build(loaded)], dry_run, cache)[0]


def apply_all(
    root: Path,
    today: date,
    build: Callable[[Loaded], list[Edit]],
    dry_run: bool = False,
    cache: bool = True,
) -> list[Edit]:
    """``apply`` for several edits at once (``ledger import``): ``build`` gives one edit per
    file, each holding all the changes to that file (see ``base`` of the operations). They are
    validated together, with the whole ledger, and written only if none is refused."""
    try:
        with ledger_lock(root):
            return _apply_locked(root, today, build, dry_run, cache)
    except LockTimeout:
        raise EditError("busy") from None
    except LockUnavailable as exc:
        raise EditError("lock_unavailable", path=exc.path, reason=exc.reason) from None


def _apply_locked(
    root: Path, today: date, build: Callable[[Loaded], list[Edit]], dry_run: bool, cache: bool
) -> list[Edit]:
    loaded = load(root, cache=cache)  # the one reading of the ledger, under the lock
    edits = build(loaded)
    changed = [e for e in edits if e.changed]
    if not changed:
        return edits
    brought, elsewhere, had = check(loaded, today, changed)
    if brought:
        new = [p for p in brought if not any(p is q for q in had)]
        if new:
            raise EditError(
                "invalid_result", problems=new, before=had, edits=changed, path=changed[0].rel
            )
        raise EditError("file_had_errors", problems=had, edits=changed, path=had[0].path)
    if elsewhere:
        notes = tuple(elsewhere)
        edits = [dataclasses.replace(e, notes=notes) if e.changed else e for e in edits]
        changed = [e for e in edits if e.changed]
    if not dry_run:
        _write(root, changed)
    return edits


def _write(root: Path, changed: list[Edit]) -> None:
    """All the files or none (contract section 9): any failure leaves every file as it was,
    and no folder made for them (a v2 ledger's first visit makes data/inspections/)."""

    def rel(path: Path | str) -> str:
        return Path(os.path.relpath(path, root)).as_posix()

    made = [p for p in dict.fromkeys(e.path.parent for e in changed) if not p.exists()]
    try:
        for i, folder in enumerate(made):
            try:
                folder.mkdir()
            except OSError as exc:
                del made[i:]
                raise EditError("write_failed", path=rel(folder), reason=_why(exc)) from None
        _write_files(changed, rel)
    except BaseException:
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _write_files(changed: list[Edit], rel: Callable[[Path | str], str]) -> None:
    try:
        write_all([Write(e.path, e.old.encode(e.new_text), e.old) for e in changed])
    except ChangedMeanwhile as exc:
        raise EditError("changed_meanwhile", path=rel(str(exc))) from None
    except WriteFailed as exc:  # disk full, permission denied, an immutable file
        at, why = rel(exc.path), exc.reason
        if exc.kept:  # even putting back failed: where the old bytes are
            kept = ", ".join(f"{rel(p)} ({rel(k) if k else '-'})" for p, k in exc.kept)
            raise EditError("write_not_put_back", path=at, reason=why, kept=kept) from None
        raise EditError("write_failed", path=at, reason=why) from None


# -- the operations -----------------------------------------------------------------------------


def add_claim(
    loaded: Loaded,
    unit_id: str,
    project: str,
    leader: str,
    deadline: date,
    measures: list[str],
    claimed: date | None = None,
) -> Edit:
    target = _target(loaded, unit_id, project)
    for i, claim in enumerate(target.data.get("claims") or []):
        if isinstance(claim, dict) and claim.get("project") == project:
            node = target.yaml.get(("claims", i))
            line = target.line_of(node.start_mark.index) if node is not None else 0
            raise EditError("already_claimed", project=project, path=target.rel, line=line)
    item: dict[str, Any] = {
        "project": project,
        "leader": leader,
        "measures": list(measures),
        "deadline": deadline,
    }
    if claimed is not None:
        item["claimed"] = claimed
    expected = dict(target.data)
    expected["claims"] = [*(target.data.get("claims") or []), item]
    args: dict[str, object] = {"project": project, "path": target.rel, "unit": unit_id}
    n = len(expected["claims"]) - 1
    edit = _finish(
        target,
        [lambda y: y.append_item(("claims",), item)],
        expected,
        "did_claim",
        args,
        ("claims", n),
    )
    since = claimed or date(target.ledger.year, 1, 1)
    gone = [m for m in target.ledger.projects[project].milestones if m.due < since]
    if not gone:
        return edit
    listed = [{"milestone": m.id, "title": m.title, "due": m.due.isoformat()} for m in gone]
    remark: tuple[str, dict[str, object]] = (
        "claim_not_applicable",
        {"claimed": since.isoformat(), "milestones": listed},
    )
    return dataclasses.replace(edit, remarks=(remark,))


def record_progress(
    loaded: Loaded,
    unit_id: str,
    project: str,
    quarter: str,
    status: str,
    percent: int | float,
    summary: str,
    reported: date,
    problems: list[str] | None = None,
    next_steps: list[str] | None = None,
    replace: bool = False,
    base: Edit | None = None,
) -> Edit:
    target = _target(loaded, unit_id, project, base)
    i = target.claim_index(project)
    claim = target.data["claims"][i]
    entries = [e for e in (claim.get("progress") or []) if isinstance(e, dict)]
    entry: dict[str, Any] = {
        "quarter": quarter,
        "status": _status_word(status, entries, target.data),
        "percent": percent,
        "summary": summary,
        "reported": reported,
    }
    if problems:
        entry["problems"] = list(problems)
    if next_steps:
        entry["next_steps"] = list(next_steps)
    existing = next((j for j, e in enumerate(entries) if e.get("quarter") == quarter), None)
    loc = ("claims", i, "progress")
    new_entries = list(entries)
    args: dict[str, Any] = {"project": project, "quarter": quarter, "path": target.rel}
    if existing is not None:
        if not replace:
            node = target.yaml.get((*loc, existing))
            line = target.line_of(node.start_mark.index) if node is not None else 0
            raise EditError("quarter_exists", line=line, **args)
        if entries[existing] == entry:
            return target.unchanged(args)
        new_entries[existing] = entry
        j = existing

        def splice(y: YamlText) -> Splice:
            return y.replace_item(loc, j, entry)

        what = "did_replace_progress"
    else:
        later = next((j for j, e in enumerate(entries) if str(e.get("quarter")) > quarter), None)
        new_entries.insert(len(entries) if later is None else later, entry)

        def splice(y: YamlText) -> Splice:
            return y.append_item(loc, entry, before=later, order=CLAIM_KEYS)

        what = "did_progress"
    expected = _with_claim(target.data, i, {**claim, "progress": new_entries})
    at = (*loc, next(k for k, e in enumerate(new_entries) if e is entry))
    edit = _finish(target, [splice], expected, what, args, at)
    due = Quarter.parse(quarter).report_due(target.ledger.config.reporting.report_due_days)
    if reported <= due:
        return edit
    late = {"quarter": quarter, "due": due.isoformat(), "days": (reported - due).days}
    return dataclasses.replace(edit, remarks=(("report_late", late),))


def mark_done(
    loaded: Loaded,
    unit_id: str,
    project: str,
    milestone: str,
    on: date,
    evidence: str | None = None,
    replace: bool = False,
    base: Edit | None = None,
) -> Edit:
    target = _target(loaded, unit_id, project, base)
    i = target.claim_index(project)
    claim = target.data["claims"][i]
    records = [m for m in (claim.get("milestones") or []) if isinstance(m, dict)]
    book = target.ledger.projects[project].milestones
    book_ids = [m.id for m in book]
    own = [m.get("id") for m in records if m.get("id") not in book_ids]
    if milestone not in book_ids and milestone not in own:
        # ids alone mean little to a clerk: each with its title
        titles = [(m.id, m.title) for m in book]
        titles += [
            (str(m.get("id")), str(m.get("title") or "")) for m in records if m.get("id") in own
        ]
        known: object = [words("known.milestone", id=i, title=title) for i, title in titles] or "-"
        raise EditError("unknown_milestone", milestone=milestone, project=project, known=known)
    _check_applies(target, claim, project, milestone)
    args: dict[str, Any] = {
        "project": project,
        "milestone": milestone,
        "date": on.isoformat(),
        "path": target.rel,
    }
    j = next((k for k, m in enumerate(records) if m.get("id") == milestone), None)
    loc = ("claims", i, "milestones")
    changes: dict[str, Any] = {"done": on}
    if evidence is not None:
        changes["evidence"] = evidence
    splices: list[Callable[[YamlText], Splice]] = []
    new_records = list(records)
    if j is not None:
        record = records[j]
        if all(record.get(k) == v for k, v in changes.items()):
            return target.unchanged(args)
        old = record.get("done")
        if old is not None and old != on and not replace:
            # a later date can turn an on-time milestone into a late one: say so, do not guess
            node = target.yaml.get((*loc, j, "done"))
            line = target.line_of(node.start_mark.index) if node is not None else 0
            raise EditError("done_exists", old=old, line=line, **args)
        new_records[j] = {**record, **changes}
        at = (*loc, j)

        def setter(key: str, value: Any) -> Callable[[YamlText], Splice]:
            return lambda y: y.set_key(at, key, value, MILESTONE_KEYS)

        splices += [setter(key, value) for key, value in changes.items()]
    else:
        item = {"id": milestone, **changes}
        new_records.append(item)
        splices.append(lambda y: y.append_item(loc, item, order=CLAIM_KEYS))
    new_claim = {**claim, "milestones": new_records}
    expected = _with_claim(target.data, i, new_claim)
    k = len(records) if j is None else j
    edit = _finish(target, splices, expected, "did_done", args, (*loc, k))
    due = _due_of(new_claim, target, project, milestone)
    if due is None or on <= due:
        return edit
    late = {"milestone": milestone, "due": due.isoformat(), "days": (on - due).days}
    return dataclasses.replace(edit, remarks=(("done_late", late),))


def _due_of(claim: dict[str, Any], target: Target, project: str, milestone: str) -> date | None:
    """The due date of one of the claim's milestones (the claim's own ``due`` if it moves a book
    milestone earlier); None if the claim does not read (validation says why)."""
    try:
        model = Claim.model_validate(claim)
    except ValidationError:
        return None
    found = claim_milestones(model, target.ledger.projects[project], target.ledger.year)
    return next((m.due for m in found if m.id == milestone), None)


def _check_applies(target: Target, claim: dict[str, Any], project: str, milestone: str) -> None:
    """A book milestone due before the unit claimed the project does not apply to its claim."""
    try:
        model = Claim.model_validate(claim)
    except ValidationError:
        return  # the whole-ledger validation in ``apply`` says what is wrong with the claim
    year = target.ledger.year
    applies = {m.id for m in claim_milestones(model, target.ledger.projects[project], year)}
    if milestone not in applies:
        due = next(m.due for m in target.ledger.projects[project].milestones if m.id == milestone)
        since = claimed_on(model, year)
        raise EditError(
            "milestone_not_applicable", milestone=milestone, project=project, due=due, claimed=since
        )


def _with_claim(data: dict[str, Any], i: int, claim: dict[str, Any]) -> dict[str, Any]:
    claims = list(data["claims"])
    claims[i] = claim
    return {**data, "claims": claims}


def _status_word(status: str, entries: list[dict[str, Any]], data: dict[str, Any]) -> str:
    """The status in the words the file already uses, whatever the clerk typed or the form
    said: the claim's latest entry's, else the file's last status word, else English (a file
    read by scripts and diffed in review should not mix two vocabularies)."""
    if status not in STATUSES:
        raise EditError("bad_status", value=status, choices=listed(list(STATUSES)))
    canonical = STATUSES[status]
    used = _status_words(entries) or _status_words(
        e
        for claim in data.get("claims") or []
        if isinstance(claim, dict)
        for e in claim.get("progress") or []
    )
    chinese = bool(used) and not used[-1].isascii()
    return next(w for w, v in STATUSES.items() if v == canonical and w.isascii() != chinese)


def _status_words(entries: Iterable[object]) -> list[str]:
    return [
        e["status"]
        for e in entries
        if isinstance(e, dict) and isinstance(e.get("status"), str) and e["status"] in STATUSES
    ]


__all__ = [
    "PROJECTS",
    "Edit",
    "EditError",
    "add_claim",
    "apply",
    "apply_all",
    "check",
    "mark_done",
    "record_progress",
]
