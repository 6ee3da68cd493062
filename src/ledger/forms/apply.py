"""Filled forms as edits of the ledger: every row of every form checked against the ledger, the
changes built in memory (several in one file applied one after another), the ledger validated
once with all of them, and nothing written unless nothing is wrong (contract section 9).

A problem is named at the cell that holds it, ``FILE:SHEET!CELL``: the reading problems, the
problems of a row against the ledger (a claim that does not exist, a different entry on file),
and the validation problems the new entries bring (a falling percent, a date outside the year),
traced from their line in the unit file back to the row and the column that wrote it. A row of
the findings sheet records its finding's ``rectified`` and ``evidence`` in the visit's file, in
the same all-or-nothing write; its problems against the ledger are named at its ``rectified``
cell (contract section 10), those of reading a cell at that cell.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from yaml.nodes import Node

from ledger import typed
from ledger.asof.findings import all_findings
from ledger.asof.status import Milestone, claim_milestones
from ledger.edit.ops import Edit, EditError, apply_all, mark_done, record_progress
from ledger.edit.refusal import check
from ledger.edit.visits import rectify
from ledger.edit.yamltext import YamlText
from ledger.forms.layout import FINDINGS, MILESTONES, PROGRESS
from ledger.forms.placing import place
from ledger.forms.read import Filled, FormProblem, Row, carried, carried_items, read
from ledger.i18n import words
from ledger.load import INSPECTIONS, UNITS, Loaded
from ledger.load.yamlparse import parse
from ledger.model import STATUSES, Claim, Ledger, Progress
from ledger.problems import Problem


@dataclass(frozen=True)
class Step:
    """What one row of a form does: a message key of ``ledger.i18n`` and its arguments."""

    file: str
    rel: str
    row: Row
    what: str
    args: dict[str, object]
    changed: bool
    project: str
    quarter: str | None = None  # a progress row
    milestone: str | None = None  # a milestone row
    finding: str | None = None  # a findings row (``project`` is then the visit's id)
    remarks: tuple[tuple[str, dict[str, object]], ...] = ()  # a late report, done late…


@dataclass
class Outcome:
    edits: list[Edit]  # one per unit file, with all its changes
    steps: list[Step]  # per row, in the order of the files and rows

    @property
    def changed(self) -> list[Edit]:
        return [e for e in self.edits if e.changed]

    @property
    def notes(self) -> list[Problem]:
        """Errors already elsewhere in the ledger: they did not block the import."""
        return next((list(e.notes) for e in self.changed if e.notes), [])


class Refused(Exception):
    """The forms were not imported: every problem found, at its cell where it has one."""

    def __init__(self, problems: list[FormProblem | Problem]) -> None:
        super().__init__("refused")
        self.problems = problems


def run(
    root: Path,
    today: date,
    files: list[tuple[Path, str]],
    *,
    replace: bool = False,
    dry_run: bool = False,
    quarter: str | None = None,
    cache: bool = True,
) -> Outcome:
    """Import the forms ``files`` (each a path and the name problems give it). Raises
    ``Refused``, or ``EditError`` for a ledger that cannot be edited at all."""
    problems: list[FormProblem | Problem] = []
    filled: list[Filled] = []
    for path, name in files:
        form, found = read(path, name)
        problems += found
        if form is not None:
            filled.append(form)
    plan: list[_Planner] = []

    def build(loaded: Loaded) -> list[Edit]:
        planner = _Planner(loaded, today, replace, quarter)
        plan.append(planner)
        for form in filled:
            planner.form(form)
        edits = list(planner.edits.values())
        everything = problems + planner.problems
        if everything:
            if any(e.changed for e in edits):
                everything += planner.locate(check(loaded, today, edits)[0])
            raise Refused(everything)
        return edits

    try:
        edits = apply_all(root, today, build, dry_run=dry_run, cache=cache)
    except EditError as exc:
        if exc.key not in ("invalid_result", "file_had_errors") or not plan:
            raise
        raise Refused(plan[-1].locate(exc.problems + exc.before)) from None
    return Outcome(edits, plan[-1].steps)


class _Planner:
    def __init__(self, loaded: Loaded, today: date, replace: bool, quarter: str | None) -> None:
        if loaded.config is None:
            raise EditError("settings_broken", problems=_errors(loaded.problems))
        if loaded.book is None:
            raise EditError("ledger_broken", problems=_errors(loaded.problems))
        self.loaded = loaded
        self.today = today
        self.replace = replace
        self.quarter = quarter
        self.ledger: Ledger = loaded.ledger()
        # the findings a form may name: those of the visits dated on or before T
        self.findings = {
            (p.visit.id, p.finding.id): p
            for p in all_findings(self.ledger)
            if p.visit.date <= today
        }
        self.edits: dict[str, Edit] = {}
        self.steps: list[Step] = []
        self.problems: list[FormProblem | Problem] = []
        self.seen: dict[tuple[str, ...], tuple[tuple[Any, ...], str]] = {}
        # rows checked with stand-ins for cells that could not be read or are empty: (file,
        # sheet, row) -> those cells' keys (the problems the stand-ins decide are left out)
        self.unknown: dict[tuple[str, str, int], set[str]] = {}

    # -- a form ---------------------------------------------------------------------------------

    def form(self, form: Filled) -> None:
        ledger, ident, name = self.ledger, form.identity, form.file
        before = len(self.problems)
        if ident.title != ledger.config.ledger.title:
            self._file(name, "X004", form=ident.title, ledger=ledger.config.ledger.title)
        elif ident.year != str(ledger.year):
            self._file(name, "X005", form=ident.year, year=ledger.year)
        elif ident.unit not in ledger.units:
            self._file(name, "X007", unit=ident.unit)
        if len(self.problems) > before:
            return
        try:  # the property as the command line reads a quarter: Q4, ４, 2026年第四季度…
            label = typed.quarter(ident.quarter, ledger.year).label
        except typed.Untyped as exc:
            code = "S011" if exc.key == "bad_quarter" else "X005"
            self._file(name, code, value=ident.quarter, form=ident.quarter, year=ledger.year)
            return
        form.identity = ident = dataclasses.replace(ident, quarter=label)
        if self.quarter is not None and label != self.quarter:
            self._file(name, "X006", form=label, quarter=self.quarter)
            return
        for row in form.progress:  # an unreadable cell's row too: its other cells are checked
            self._progress(form, row)
        for row in form.milestones:
            if not row.unreadable:
                self._milestone(form, row)
        for row in form.findings:
            if not row.unreadable:
                self._finding(form, row)

    def _claim(self, form: Filled, row: Row, third: str) -> Claim | None:
        """The claim a row's keys name, or None with the problem recorded."""
        unit_id = form.identity.unit
        missing = [k for k in ("unit", "project", third) if not row.values.get(k)]
        if any(not _blank(row.raw.get(k)) for k in missing):
            return None  # a key cell that could not be read: its problem is recorded
        if missing:
            self._cell(form, row, missing[0], "X016", **_header(missing[0]))
            return None
        if row.values["unit"] != unit_id:
            self._cell(form, row, "unit", "X012", value=row.values["unit"], unit=unit_id)
            return None
        project = row.values["project"]
        unit = self.ledger.units[unit_id]
        claim = next((c for c in unit.claims if c.project == project), None)
        if claim is None:
            known = ", ".join(c.project for c in unit.claims) or "-"
            self._cell(form, row, "project", "X013", value=project, unit=unit_id, known=known)
            return None
        return claim

    # -- a progress row -------------------------------------------------------------------------

    def _progress(self, form: Filled, row: Row) -> None:
        claim = self._claim(form, row, "quarter")
        if claim is None:
            return
        v = dict(row.values)
        wanted = form.identity.quarter
        try:
            v["quarter"] = typed.quarter(v["quarter"], self.ledger.year).label
        except typed.Untyped as exc:
            if exc.key == "bad_quarter":
                self._cell(form, row, "quarter", "S011", value=v["quarter"])
            else:
                self._cell(form, row, "quarter", "X014", value=v["quarter"], quarter=wanted)
            return
        if v["quarter"] != wanted:
            self._cell(form, row, "quarter", "X014", value=v["quarter"], quarter=wanted)
            return
        entry = next((e for e in claim.progress if e.quarter == v["quarter"]), None)
        if entry is not None:  # a cell that reads as the form wrote the entry's text is that text
            if v.get("summary") == carried(entry.summary):
                v["summary"] = entry.summary
            for key, items in (("problems", entry.problems), ("next_steps", entry.next_steps)):
                if v.get(key) == carried_items(items):
                    v[key] = list(items)
        unread = {k for k in _DECIDED_BY if v.get(k) is None and not _blank(row.raw.get(k))}
        missing = [
            k
            for k in ("status", "percent", "summary")
            if v.get(k) in (None, "") and k not in unread
        ]
        for key in missing:
            self._cell(form, row, key, "X020", **_header(key))
        unit_id, quarter = form.identity.unit, v["quarter"]
        unknown = unread | set(missing)
        if unknown:
            self._partly(form, row, v, claim, entry, unknown)
            return
        status = STATUSES[v["status"]]
        new = (status, v["percent"], v["summary"], v["problems"], v["next_steps"])
        reported = v.get("reported")
        if reported is None:  # the day of import, unless the same entry is on file already
            same = entry is not None and _entry_values(entry)[:5] == new
            reported = entry.reported if same and entry is not None else self.today
        values = (*new, reported)
        if not self._first(form, row, ("progress", unit_id, claim.project, quarter), values):
            return
        rel = f"{UNITS}/{unit_id}.yaml"
        args: dict[str, object] = {"project": claim.project, "quarter": quarter, "path": rel}
        if entry is not None and _entry_values(entry) == values:
            self._step(form, row, rel, "unchanged_progress", args, False, claim.project, quarter)
            return
        if entry is not None and not self.replace:
            keys = ("status", "percent", "summary", "problems", "next_steps", "reported")
            differs = next(
                k for k, a, b in zip(keys, _entry_values(entry), values, strict=True) if a != b
            )
            self._cell(
                form, row, differs, "X021", quarter=quarter, reported=entry.reported.isoformat()
            )
            return
        self._edit(
            form,
            row,
            rel,
            lambda base: record_progress(
                self.loaded,
                unit_id,
                claim.project,
                quarter,
                v["status"],
                v["percent"],
                v["summary"],
                reported,
                v["problems"] or None,
                v["next_steps"] or None,
                replace=entry is not None,
                base=base,
            ),
            claim.project,
            quarter=quarter,
        )

    def _partly(
        self,
        form: Filled,
        row: Row,
        v: dict[str, Any],
        claim: Claim,
        entry: Progress | None,
        unknown: set[str],
    ) -> None:
        """A progress row with cells that could not be read or are empty (their problems are
        recorded): the cells that could be read are still checked against the ledger's rules,
        with stand-ins for the others, so that the unit hears of every problem at once. Nothing
        is written, since a problem is recorded."""
        keys = ("status", "percent", "summary", "problems", "next_steps", "reported")
        if entry is not None and not self.replace:
            on_file = dict(zip(keys, _entry_values(entry), strict=True))
            differs = [
                k
                for k in keys
                if k not in unknown and k in v and _plain(k, v[k]) != on_file[k]
                if k != "reported" or v[k] is not None
            ]
            if differs:
                self._cell(
                    form,
                    row,
                    differs[0],
                    "X021",
                    quarter=v["quarter"],
                    reported=entry.reported.isoformat(),
                )
            return
        earlier = [e.percent for e in claim.progress if e.quarter < v["quarter"]]
        stand = dict(v)
        if "percent" in unknown:
            done = "status" not in unknown and STATUSES[v["status"]] == "done"
            stand["percent"] = 100 if done else max(earlier, default=0)
        if "status" in unknown:
            stand["status"] = "done" if stand["percent"] == 100 else "on_track"
        if "summary" in unknown:
            stand["summary"] = "-"
        if stand.get("reported") is None:
            stand["reported"] = self.today
        self.unknown[(form.file, row.sheet, row.number)] = unknown
        unit_id = form.identity.unit
        self._edit(
            form,
            row,
            f"{UNITS}/{unit_id}.yaml",
            lambda base: record_progress(
                self.loaded,
                unit_id,
                claim.project,
                stand["quarter"],
                stand["status"],
                stand["percent"],
                stand["summary"],
                stand["reported"],
                stand["problems"] or None,
                stand["next_steps"] or None,
                replace=entry is not None,
                base=base,
            ),
            claim.project,
            quarter=stand["quarter"],
        )

    # -- a milestone row ------------------------------------------------------------------------

    def _milestone(self, form: Filled, row: Row) -> None:
        claim = self._claim(form, row, "milestone")
        if claim is None:
            return
        v = row.values
        unit_id = form.identity.unit
        project = self.ledger.projects.get(claim.project)
        found: dict[str, Milestone] = {
            m.id: m for m in claim_milestones(claim, project, self.ledger.year)
        }
        milestone = found.get(v["milestone"])
        if milestone is None:
            # ids alone mean little to the unit's clerk on the phone: each with its title
            listed = [words("known.milestone", id=m.id, title=m.title) for m in found.values()]
            known: object = listed or "-"
            self._cell(
                form,
                row,
                "milestone",
                "X015",
                value=v["milestone"],
                project=claim.project,
                known=known,
            )
            return
        done, evidence = v.get("done"), v.get("evidence")
        if evidence is not None and evidence == carried(milestone.evidence):
            evidence = milestone.evidence  # as the form wrote it: the ledger's own text
        if done is None:
            if evidence is not None and evidence == milestone.evidence:
                return  # the evidence on file, untouched: nothing reported on this row
            self._cell(form, row, "done", "X024")
            return
        key = ("milestone", unit_id, claim.project, milestone.id)
        if not self._first(form, row, key, (done, evidence)):
            return
        rel = f"{UNITS}/{unit_id}.yaml"
        args: dict[str, object] = {
            "project": claim.project,
            "milestone": milestone.id,
            "date": done.isoformat(),
            "path": rel,
        }
        if milestone.done == done and evidence in (None, milestone.evidence):
            self._step(
                form, row, rel, "unchanged_done", args, False, claim.project, milestone=milestone.id
            )
            return
        if milestone.done is not None and milestone.done != done and not self.replace:
            self._cell(
                form, row, "done", "X022", milestone=milestone.id, old=milestone.done.isoformat()
            )
            return
        self._edit(
            form,
            row,
            rel,
            lambda base: mark_done(
                self.loaded,
                unit_id,
                claim.project,
                milestone.id,
                done,
                evidence,
                replace=self.replace,
                base=base,
            ),
            claim.project,
            milestone=milestone.id,
        )

    # -- a findings row -------------------------------------------------------------------------

    def _finding(self, form: Filled, row: Row) -> None:
        """A finding's rectification: the finding the row's keys name, of the form's unit and of
        a visit dated on or before T; recorded unless it is as on file."""
        v = row.values
        missing = [k for k in ("inspection", "finding") if not v.get(k)]
        if any(not _blank(row.raw.get(k)) for k in missing):
            return  # a key cell that could not be read: its problem is recorded
        if missing:
            self._cell(form, row, missing[0], "X016", **_header(missing[0]))
            return
        unit_id, inspection, finding_id = form.identity.unit, v["inspection"], v["finding"]
        pair = self.findings.get((inspection, finding_id))
        if pair is None:
            known = [f"{i}/{f}" for (i, f), p in self.findings.items() if p.finding.unit == unit_id]
            args = {
                "inspection": inspection,
                "finding": finding_id,
                "known": ", ".join(known) or "-",
            }
            self._cell(form, row, "rectified", "X029", **args)
            return
        visit, finding = pair
        if finding.unit != unit_id:
            owner = {"owner": finding.unit, "unit": unit_id}
            self._cell(
                form, row, "rectified", "X030", inspection=inspection, finding=finding_id, **owner
            )
            return
        rectified, evidence = v.get("rectified"), v.get("evidence")
        if evidence is not None and evidence == carried(finding.evidence):
            evidence = finding.evidence  # as the form wrote it: the ledger's own text
        if rectified is None:
            if evidence is None or evidence == finding.evidence:
                return  # the evidence on file, untouched: nothing reported on this row
            self._cell(form, row, "rectified", "X032")
            return
        if not self._first(form, row, ("finding", visit.id, finding.id), (rectified, evidence)):
            return
        rel = f"{INSPECTIONS}/{visit.id}.yaml"
        args = {"finding": finding.id, "date": rectified.isoformat(), "path": rel}
        if finding.rectified == rectified and evidence in (None, finding.evidence):
            what = "unchanged_rectified"
            self._step(form, row, rel, what, args, False, visit.id, finding=finding.id)
            return
        if finding.rectified is not None and finding.rectified != rectified and not self.replace:
            old = finding.rectified.isoformat()
            self._cell(
                form, row, "rectified", "X031", inspection=visit.id, finding=finding.id, old=old
            )
            return
        self._edit(
            form,
            row,
            rel,
            lambda base: rectify(
                self.loaded, visit.id, finding.id, rectified, evidence, self.replace, base
            ),
            visit.id,
            finding=finding.id,
        )

    # -- shared ---------------------------------------------------------------------------------

    def _first(self, form: Filled, row: Row, key: tuple[str, ...], values: tuple[Any, ...]) -> bool:
        """True the first time a claim's quarter (or milestone) is met; a second, different
        report of it, in this form or another, is a problem; an equal one is skipped."""
        where = f"{form.file}:{row.sheet}!{row.number}:{row.number}"
        if key not in self.seen:
            self.seen[key] = (values, where)
            return True
        if self.seen[key][0] != values:
            first = next(k for k in ("status", "done", "rectified", "project") if k in row.cells)
            self._cell(form, row, first, "X023", first=self.seen[key][1])
        return False

    def _edit(
        self,
        form: Filled,
        row: Row,
        rel: str,
        make: Callable[[Edit | None], Edit],
        project: str,
        quarter: str | None = None,
        milestone: str | None = None,
        finding: str | None = None,
    ) -> None:
        base = self.edits.get(rel)
        try:
            edit = make(base)
        except EditError as exc:
            reason = {"reason": words(exc.key, **exc.args_)}
            column = "rectified" if row.sheet == FINDINGS else "project"
            self._cell(form, row, column, "X025", **reason)
            return
        before = base.new_text if base is not None else edit.old.text
        self.edits[rel] = edit
        changed = edit.new_text != before
        what = edit.what if changed else _UNCHANGED[row.sheet]
        self._step(
            form, row, rel, what, dict(edit.args), changed, project, quarter, milestone, finding
        )
        if changed and edit.remarks:
            last = self.steps[-1]
            self.steps[-1] = dataclasses.replace(last, remarks=tuple(edit.remarks))

    def _step(
        self,
        form: Filled,
        row: Row,
        rel: str,
        what: str,
        args: dict[str, object],
        changed: bool,
        project: str,
        quarter: str | None = None,
        milestone: str | None = None,
        finding: str | None = None,
    ) -> None:
        self.steps.append(
            Step(form.file, rel, row, what, args, changed, project, quarter, milestone, finding)
        )

    def _cell(self, form: Filled, row: Row, column: str, code: str, **args: object) -> None:
        self.problems.append(FormProblem(form.file, code, dict(args), row.sheet, row.cell(column)))

    def _file(self, name: str, code: str, **args: object) -> None:
        self.problems.append(FormProblem(name, code, dict(args)))

    # -- validation problems back to their cells ------------------------------------------------

    def locate(self, problems: list[Problem]) -> list[FormProblem | Problem]:
        """Each problem inside an entry a row wrote, at that row's cell of the key it names;
        inside a claim a row changed, at that row; else as it is (a ledger problem)."""
        spans = [(step, *self._spans(step)) for step in self.steps if step.changed]
        texts = {rel: edit.new_text for rel, edit in self.edits.items()}
        out: list[FormProblem | Problem] = []
        for p in problems:
            placed = place(p, spans, texts.get(p.path, ""))
            if placed is None:
                out.append(p)
                continue
            step, problem = placed
            unknown = self.unknown.get((step.file, step.row.sheet, step.row.number), set())
            decided = set().union(*(_DECIDED_BY[k] for k in unknown))
            cells = {step.row.cell(k) for k in unknown}
            if problem.code not in decided and problem.cell not in cells:
                out.append(problem)
        return out

    def _spans(self, step: Step) -> tuple[Node | None, Node | None]:
        edit = self.edits.get(step.rel)
        if edit is None:
            return None, None
        data = parse(edit.new_text, step.rel).data
        if not isinstance(data, dict):
            return None, None
        text = YamlText(edit.new_text)
        if step.finding is not None:  # the finding's mapping in its visit file
            j = _index(data.get("findings"), "id", step.finding)
            return None, text.get(("findings", j)) if j is not None else None
        claims = data.get("claims") or []
        i = _index(claims, "project", step.project)
        if i is None:
            return None, None
        list_key, key = ("progress", "quarter") if step.quarter else ("milestones", "id")
        j = _index(claims[i].get(list_key), key, step.quarter or step.milestone)
        entry = text.get(("claims", i, list_key, j)) if j is not None else None
        return text.get(("claims", i)), entry


def _index(items: object, key: str, value: object) -> int | None:
    """The place in the list ``items`` of the first mapping whose ``key`` is ``value``."""
    found = items if isinstance(items, list) else []
    return next(
        (n for n, e in enumerate(found) if isinstance(e, dict) and e.get(key) == value), None
    )


# The input cells of a progress row, each with the codes whose verdict depends on it: a stand-in
# for a cell that could not be read decides nothing.
_DECIDED_BY: dict[str, set[str]] = {
    "status": {"P004", "P005"},
    "percent": {"P003", "P004", "P005"},
    "summary": set(),
    "reported": {"D001", "D003", "D005"},
    "problems": set(),
    "next_steps": set(),
}


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _plain(key: str, value: Any) -> Any:
    """A row's value as ``_entry_values`` gives the entry's (the status's English word)."""
    return STATUSES[value] if key == "status" else value


_UNCHANGED = {
    PROGRESS: "unchanged_progress",
    MILESTONES: "unchanged_done",
    FINDINGS: "unchanged_rectified",
}


def _entry_values(entry: Progress) -> tuple[Any, ...]:
    return (
        entry.status,
        entry.percent,
        entry.summary,
        list(entry.problems),
        list(entry.next_steps),
        entry.reported,
    )


def _header(key: str) -> dict[str, object]:
    """A column named by its header, worded in the reader's language."""
    return {"key": words(f"form.col.{key}")}


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.level == "error"]


__all__ = ["MILESTONES", "PROGRESS", "Outcome", "Refused", "Step", "run"]
