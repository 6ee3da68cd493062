"""Where a problem the ledger finds in an imported form's edits sits in the form: the row whose
entry (or claim) spans the problem's line in the new text, and the cell of that row for the key
the problem names (``FILE:SHEET!CELL``); a problem of a row as a whole at the row's own cell (a
finding's at its ``rectified`` cell, contract section 10)."""

from __future__ import annotations

from typing import Protocol, TypeVar

from yaml.nodes import MappingNode, Node

from ledger.forms.layout import FINDINGS, MILESTONES, PROGRESS
from ledger.forms.read import FormProblem, Row
from ledger.load.yamlparse import position
from ledger.problems import Problem


class RowStep(Protocol):
    """What placing needs of an import's step (``forms.apply.Step``): the form, the file the
    row wrote and the row."""

    @property
    def file(self) -> str: ...

    @property
    def rel(self) -> str: ...

    @property
    def row(self) -> Row: ...


S = TypeVar("S", bound=RowStep)


def _lines(node: Node, text: str) -> range:
    """The lines a node spans, counted by LF as git counts them (as problems are): PyYAML's
    own count also breaks at U+2028, U+2029, U+0085 and a lone CR."""
    start, _ = position(text, node.start_mark)
    line, column = position(text, node.end_mark)
    end = line if column > 1 else line - 1
    return range(start, max(end, start) + 1)


def place(
    p: Problem, spans: list[tuple[S, Node | None, Node | None]], text: str
) -> tuple[S, FormProblem] | None:
    """Where a validation problem of an edited file sits in the forms: the row whose entry (or
    claim) spans its line, at the cell of the key it names; None when no row wrote it."""
    if p.line is None:
        return None
    for step, _, entry in spans:
        if step.rel == p.path and entry is not None and p.line in _lines(entry, text):
            key = _key_at(entry, p.line, text)
            return step, _at(step, p, key)
    for step, claim, _ in spans:
        if step.rel == p.path and claim is not None and p.line in _lines(claim, text):
            return step, _at(step, p, "percent" if p.code == "P003" else None)
    return None


def _key_at(entry: Node, line: int, text: str) -> str | None:
    if not isinstance(entry, MappingNode):
        return None
    for k, v in entry.value:
        if position(text, k.start_mark)[0] <= line <= max(_lines(v, text)):
            return str(k.value)
    return None


_KEY_CELL = {"id": "milestone", "quarter": "quarter"}


# the cell of a row where a problem of the row as a whole is named
_ROW_CELL = {PROGRESS: "status", MILESTONES: "done", FINDINGS: "rectified"}


def _at(step: RowStep, p: Problem, key: str | None) -> FormProblem:
    row = step.row
    column = _KEY_CELL.get(key, key) if key is not None else None
    if column is None or column not in row.cells or row.sheet == FINDINGS:
        column = _ROW_CELL[row.sheet]  # a finding's problems at its rectified cell (section 10)
    return FormProblem(step.file, p.code, dict(p.args), row.sheet, row.cell(column), p.level)
