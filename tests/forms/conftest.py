"""What the tests of forms/ share: a unit of the sample, its form written and filled in as a clerk
would, an import run, and how an import names a problem."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped]

from ledger.load import load
from tests.conftest import SAMPLE_DAY
from tests.support import Cli, ledger_files

UNIT = "chayouhouqi"


UNIT_FILE = f"data/units/{UNIT}.yaml"
# a unit of the sample with a finding not rectified as of SAMPLE_DAY: 2026q3-spot's f1, overdue
FINDINGS_UNIT = "huade"
VISIT_FILE = "data/inspections/2026q3-spot.yaml"


def form(
    cli: Cli, root: Path, out: Path, quarter: str = "2026Q4", unit: str = UNIT, *args: str
) -> Path:
    code, output = cli(
        "form",
        "--quarter",
        quarter,
        "-o",
        out,
        "-u",
        unit,
        "-C",
        root,
        "--today",
        SAMPLE_DAY,
        *args,
    )
    assert code == 0, output
    return out / f"{unit}-{quarter}.xlsx"


def run_import(cli: Cli, root: Path, *args: str | Path, lang: str = "en") -> tuple[int, str]:
    return cli("import", *args, "-C", root, "--today", SAMPLE_DAY, "--lang", lang)


def said(where: str, code: str) -> str:
    """How an import names a problem: ``FILE:SHEET!CELL: error[CODE]: ``."""
    return f"{where}: error[{code}]: "


def files(root: Path) -> dict[str, bytes]:
    return ledger_files(root)


def columns(ws: Any) -> dict[str, int]:
    return {c.value: c.column for c in ws[1] if c.value is not None}


def row_of(ws: Any, **keys: str) -> int:
    col = columns(ws)
    for r in range(3, ws.max_row + 1):
        if all(ws.cell(r, col[k]).value == v for k, v in keys.items()):
            return r
    raise AssertionError(keys)


def fill(
    path: Path,
    progress: dict[str, dict[str, Any]] | None = None,
    milestones: dict[tuple[str, str], dict[str, Any]] | None = None,
    findings: dict[tuple[str, str], dict[str, Any]] | None = None,
) -> None:
    """Type into the form by its keys, as a clerk would."""
    wb = load_workbook(path)
    for project, values in (progress or {}).items():
        ws = wb["progress"]
        r, col = row_of(ws, project=project), columns(ws)
        for key, value in values.items():
            ws.cell(r, col[key]).value = value
    for (project, milestone), values in (milestones or {}).items():
        ws = wb["milestones"]
        r, col = row_of(ws, project=project, milestone=milestone), columns(ws)
        for key, value in values.items():
            ws.cell(r, col[key]).value = value
    for (inspection, finding), values in (findings or {}).items():
        ws = wb["findings"]
        r, col = row_of(ws, inspection=inspection, finding=finding), columns(ws)
        for key, value in values.items():
            ws.cell(r, col[key]).value = value
    wb.save(path)


def entry(root: Path, project: str, quarter: str) -> Any:
    unit = load(root).ledger().units[UNIT]
    claim = next(c for c in unit.claims if c.project == project)
    return next((e for e in claim.progress if e.quarter == quarter), None)


def record(
    root: Path,
    project: str,
    quarter: str,
    summary: str,
    problems: list[str] | None = None,
    next_steps: list[str] | None = None,
) -> None:
    """Put these texts into the unit's entry on file for ``quarter`` (its status, percent and
    date kept), through the edits' own write path."""
    from ledger.edit.ops import apply, record_progress

    was = entry(root, project, quarter)
    apply(
        root,
        date.fromisoformat(SAMPLE_DAY),
        lambda loaded: record_progress(
            loaded,
            UNIT,
            project,
            quarter,
            was.status,
            was.percent,
            summary,
            was.reported,
            problems,
            next_steps,
            replace=True,
        ),
        cache=False,
    )
