"""The supervision edits (contract section 10): record a visit, add a finding, record a finding's
rectification (整改完成), close it (核验销号).

Each operation takes the ledger as ``ledger.edit.ops.apply`` read it under its lock and returns an
``Edit`` of one visit file, ``data/inspections/<id>.yaml``, exactly as the unit edits do: the
file's comments, key order and layout are kept (splices of ``ledger.edit.yamltext``, values
quoted where YAML needs it), the result must parse to the old data with the one change, and
``apply`` validates the ledger with the new bytes (``refusal.check``) and writes it atomically
(``write.write_all``), or refuses it whole. A visit file that is a link, a pipe or a folder is
never read nor replaced.

For other commands: ``rectify(loaded, inspection, finding, on, evidence)`` is the one way to
record a rectification; ``ledger rectified`` and the forms' ``findings`` sheet (``ledger
import``) both call it inside ``apply_all``'s build, passing ``base`` (an edit of the same visit
file not written yet) to chain several findings of one visit into one edit.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from yaml.nodes import SequenceNode

from ledger.edit.ops import Edit, EditError, Target, _finish, _wrote, read_target
from ledger.edit.write import Snapshot
from ledger.edit.yamltext import Splice, YamlText, scalar
from ledger.hints import did_you_mean
from ledger.i18n import listed, t, words
from ledger.load import INSPECTIONS, Loaded
from ledger.load.yamlparse import parse
from ledger.model import VISIT_ID, Ledger

VISIT_KEYS = ["id", "title", "date", "inspectors", "units", "findings"]
FINDING_KEYS = [
    "id",
    "unit",
    "project",
    "problem",
    "requirement",
    "due",
    "rectified",
    "evidence",
    "closed",
]
_VISIT_ID = re.compile(VISIT_ID)


# -- the visit file -----------------------------------------------------------------------------


def visit_path(loaded: Loaded, visit_id: str, new: bool = False) -> tuple[Path, str]:
    """The visit's file, after checking the id cannot name anything outside data/inspections/:
    an existing regular file that may be written, or with ``new`` a name nothing holds yet."""
    if not _VISIT_ID.fullmatch(visit_id):
        raise EditError("bad_visit_id", value=visit_id)
    rel = f"{INSPECTIONS}/{visit_id}.yaml"
    path = loaded.root / rel
    for folder in ("data", INSPECTIONS):  # a linked folder would lead the edit outside the ledger
        with contextlib.suppress(FileNotFoundError):
            if not stat.S_ISDIR(os.lstat(loaded.root / folder).st_mode):
                raise EditError("not_regular", path=folder)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        if new:
            return path, rel
        known = [v.stem for v in loaded.visits]
        raise EditError(
            "unknown_inspection",
            value=visit_id,
            known=listed(known),
            **did_you_mean(visit_id, known),
        ) from None
    except OSError as exc:
        raise EditError("cannot_read", path=rel, reason=exc.strerror or str(exc)) from None
    if not stat.S_ISREG(mode):  # a link, a pipe, a folder: never read, never replaced (F008)
        raise EditError("not_regular", path=rel)
    if new:
        raise EditError("inspection_exists", value=visit_id, path=rel)
    if not mode & 0o222:  # read-only (0444): its owner meant it to stay as it is
        raise EditError("read_only", path=rel)
    return path, rel


def _ledger(loaded: Loaded) -> Ledger:
    """The settings and the book, which every operation reads; else the edit is refused."""
    errors = [p for p in loaded.problems if p.level == "error"]
    if loaded.config is None:
        raise EditError("settings_broken", problems=errors)
    if loaded.book is None:
        raise EditError("ledger_broken", problems=errors)
    return Ledger(loaded.root, loaded.config, loaded.book, {})


def _target(loaded: Loaded, visit_id: str, base: Edit | None) -> Target:
    ledger = _ledger(loaded)
    path, rel = visit_path(loaded, visit_id)
    target = read_target(loaded, ledger, path, rel, base)
    findings = target.data.get("findings")
    if findings is not None and not isinstance(findings, list):
        raise EditError("file_broken", path=rel)
    return target


def _findings(target: Target) -> list[Any]:
    return list(target.data.get("findings") or [])


def _finding_index(target: Target, visit_id: str, finding_id: str) -> int:
    findings = _findings(target)
    for j, item in enumerate(findings):
        if isinstance(item, dict) and item.get("id") == finding_id:
            return j
    # ids alone mean little to a clerk: each with its unit and problem
    listed = [
        (str(f.get("id")), str(f.get("unit")), str(f.get("problem") or ""))
        for f in findings
        if isinstance(f, dict)
    ]
    known: object = [words("known.finding", id=i, unit=u, problem=p) for i, u, p in listed] or "-"
    raise EditError(
        "unknown_finding",
        value=finding_id,
        inspection=visit_id,
        known=known,
        **did_you_mean(finding_id, [i for i, _, _ in listed]),
    )


def _line(target: Target, loc: tuple[str | int, ...]) -> int:
    node = target.yaml.get(loc)
    return target.line_of(node.start_mark.index) if node is not None else 0


# -- the operations -----------------------------------------------------------------------------


def record_visit(
    loaded: Loaded,
    visit_id: str,
    units: list[str],
    on: date,
    title: str | None = None,
    inspectors: list[str] | None = None,
    seed: int | None = None,
) -> Edit:
    """A new visit file (``ledger inspect --record``): the units visited, the day, its title
    (default: the words for a spot check in the ledger's language, then the day) and inspectors;
    with ``seed``, a comment that says how the units were drawn, so the draw can be repeated."""
    ledger = _ledger(loaded)
    path, rel = visit_path(loaded, visit_id, new=True)
    language = ledger.config.ledger.language
    if title is None:
        title = t("visit.title", language, date=on.isoformat())
    data: dict[str, Any] = {"id": visit_id, "title": title, "date": on}
    if inspectors:
        data["inspectors"] = list(inspectors)
    data["units"] = list(units)
    lines = []
    if seed is not None:
        lines.append(f"# {t('visit.header', language, seed=seed, n=len(units))}")
    for key, value in data.items():
        if isinstance(value, list):
            value = "[" + ", ".join(scalar(v, flow=True) for v in value) + "]"
        else:
            value = scalar(value)
        lines.append(f"{key}: {value}")
    text = "".join(line + "\n" for line in lines)
    parsed = parse(text, rel)
    controls = [p for p in parsed.problems if p.code == "S013"]
    if controls:  # a control character typed on the command line: said at its place
        raise EditError("invalid_result", problems=controls, path=rel)
    if parsed.problems or parsed.data != data:
        raise EditError("cannot_splice", path=rel, reason="the result reads differently")
    args: dict[str, object] = {"path": rel, "inspection": visit_id, "units": listed(units)}
    return Edit(path, rel, Snapshot(path, b""), text, "did_record", args, wrote=_wrote(text, ()))


def add_finding(
    loaded: Loaded,
    visit_id: str,
    unit_id: str,
    problem: str,
    requirement: str,
    due: date,
    project: str | None = None,
    finding_id: str | None = None,
    base: Edit | None = None,
) -> Edit:
    """A finding at one of the visit's units (``ledger finding``); its id the first free of
    ``f1``, ``f2``, … unless given."""
    target = _target(loaded, visit_id, base)
    visited = [u for u in target.data.get("units") or [] if isinstance(u, str)]
    if unit_id not in visited:
        raise EditError(
            "not_visited",
            unit=unit_id,
            inspection=visit_id,
            units=listed(visited),
            path=target.rel,
        )
    if project is not None:
        _check_project(loaded, target.ledger, unit_id, project)
    findings = _findings(target)
    ids = {str(f.get("id")) for f in findings if isinstance(f, dict)}
    if finding_id is None:
        finding_id = next(f"f{n}" for n in range(1, len(ids) + 2) if f"f{n}" not in ids)
    elif finding_id in ids:
        j = next(k for k, f in enumerate(findings) if isinstance(f, dict) and f["id"] == finding_id)
        raise EditError(
            "finding_exists",
            finding=finding_id,
            inspection=visit_id,
            path=target.rel,
            line=_line(target, ("findings", j)),
        )
    item: dict[str, Any] = {"id": finding_id, "unit": unit_id}
    if project is not None:
        item["project"] = project
    item.update(problem=problem, requirement=requirement, due=due)
    expected = {**target.data, "findings": [*findings, item]}
    args: dict[str, object] = {
        "path": target.rel,
        "inspection": visit_id,
        "finding": finding_id,
        "unit": unit_id,
        "due": due.isoformat(),
    }

    def splice(y: YamlText) -> Splice:
        added = y.append_item(("findings",), item, order=VISIT_KEYS)
        if _spaced(y):  # findings set apart by blank lines (as the sample's): the new one too
            return Splice(added.start, added.end, y.newline + added.new)
        return added

    at = ("findings", len(findings))
    return _finish(target, [splice], expected, "did_finding", args, at)


def _spaced(y: YamlText) -> bool:
    """Whether every finding after the first has a blank line before it (or before the comment
    lines just above it)."""
    seq = y.get(("findings",))
    if not isinstance(seq, SequenceNode) or seq.flow_style or len(seq.value) < 2:
        return False
    lines = y.text.splitlines()
    for item in seq.value[1:]:
        row = y.text.count("\n", 0, y.line_start(item.start_mark.index)) - 1
        while row >= 0 and lines[row].lstrip().startswith("#"):
            row -= 1
        if row < 0 or lines[row].strip():
            return False
    return True


def _check_project(loaded: Loaded, ledger: Ledger, unit_id: str, project: str) -> None:
    """A finding's project must be one its unit claimed (V005, V006): said here in words that
    name the unit's file, before any text is made."""
    if project not in ledger.projects:
        raise EditError("unknown_project", value=project, **did_you_mean(project, ledger.projects))
    for f in loaded.units:
        if f.facts is not None and f.facts.id == unit_id:
            if project not in f.facts.projects and project not in f.broken:
                raise EditError("not_claimed", unit=unit_id, project=project, path=f.path)
            return


def rectify(
    loaded: Loaded,
    inspection: str,
    finding: str,
    on: date,
    evidence: str | None = None,
    replace: bool = False,
    base: Edit | None = None,
) -> Edit:
    """Record that a finding was rectified on ``on`` (整改完成), with its evidence (佐证材料).

    The public entry for ``ledger rectified`` and for ``ledger import`` of the forms'
    ``findings`` sheet: call it in the build of ``ops.apply``/``ops.apply_all`` with the reading
    it is given; ``base`` is an edit of the same visit file not written yet (several findings of
    one visit then make one edit). A finding rectified on another day already is refused
    (``rectified_exists``) unless ``replace``; the same day and evidence again change nothing
    (``Edit.changed`` is False). A rectification after the finding's due date is said as the
    remark ``rectified_late``. Validation (``apply``) refuses a day before the visit or after T.
    """
    changes: dict[str, Any] = {"rectified": on}
    if evidence is not None:
        changes["evidence"] = evidence
    edit, record = _set(loaded, inspection, finding, changes, "rectified", replace, base)
    due = record.get("due")
    if not edit.changed or not isinstance(due, date) or on <= due:
        return edit
    late = {"finding": finding, "due": due.isoformat(), "days": (on - due).days}
    return dataclasses.replace(edit, remarks=(("rectified_late", late),))


def close(
    loaded: Loaded,
    inspection: str,
    finding: str,
    on: date,
    replace: bool = False,
    base: Edit | None = None,
) -> Edit:
    """Close a rectified finding on ``on`` (核验销号): refused, nothing written, for a finding
    not rectified (``not_rectified``); validation refuses a day before its rectification."""
    return _set(loaded, inspection, finding, {"closed": on}, "closed", replace, base)[0]


def _set(
    loaded: Loaded,
    inspection: str,
    finding: str,
    changes: dict[str, Any],
    key: str,
    replace: bool,
    base: Edit | None,
) -> tuple[Edit, dict[str, Any]]:
    """Set ``changes`` in one finding; ``key`` (``rectified`` or ``closed``) is the date the
    operation records, which another day already written refuses unless ``replace``. The edit
    and the finding as it was."""
    target = _target(loaded, inspection, base)
    j = _finding_index(target, inspection, finding)
    record: dict[str, Any] = target.data["findings"][j]
    on: date = changes[key]
    args: dict[str, Any] = {
        "path": target.rel,
        "inspection": inspection,
        "finding": finding,
        "date": on.isoformat(),
    }
    loc = ("findings", j)
    if key == "closed" and record.get("rectified") is None:
        raise EditError("not_rectified", line=_line(target, loc), **args)
    if all(record.get(k) == v for k, v in changes.items()):
        return dataclasses.replace(target.unchanged(args), what=f"unchanged_{key}"), record
    old = record.get(key)
    if old is not None and old != on and not replace:
        # another day can turn an on-time rectification into a late one: say so, do not guess
        line = _line(target, (*loc, key))
        raise EditError(f"{key}_exists", old=old, line=line, **args)

    def setter(k: str, value: Any) -> Callable[[YamlText], Splice]:
        return lambda y: y.set_key(loc, k, value, FINDING_KEYS)

    findings = _findings(target)
    findings[j] = {**record, **changes}
    expected = {**target.data, "findings": findings}
    splices = [setter(k, v) for k, v in changes.items()]
    return _finish(target, splices, expected, f"did_{key}", args, loc), record


__all__ = [
    "FINDING_KEYS",
    "VISIT_KEYS",
    "add_finding",
    "close",
    "record_visit",
    "rectify",
    "visit_path",
]
