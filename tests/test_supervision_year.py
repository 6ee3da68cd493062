"""Issue 22's "done when", whole: a year of supervision runs from commands and forms with no hand
edit of YAML. Draw the list and record the visit, add findings, see them in `remind` and the
checklist, import the unit's rectification from its workbook, close them, and see the year-end
part move; `validate` clean after every step, and only the visit file ever changes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from openpyxl import load_workbook  # type: ignore[import-untyped]

from tests.support import Cli, ledger_files

VISIT = "data/inspections/loop.yaml"


def run(cli: Cli, root: Path, today: str, *args: str | Path) -> str:
    code, out = cli(*args, "-C", root, "--today", today, "--lang", "en")
    assert code == 0, out
    return out


def valid(cli: Cli, root: Path, today: str) -> None:
    assert ": 0 error(s)" in run(cli, root, today, "validate")


def as_json(cli: Cli, root: Path, today: str, *args: str) -> Any:
    return json.loads(run(cli, root, today, *args, "-f", "json"))


def rectification(cli: Cli, root: Path, today: str, unit: str) -> float:
    year = as_json(cli, root, today, "report", "--year")
    return float(next(u for u in year["units"] if u["id"] == unit)["parts"]["rectification"])


def test_a_year_of_supervision_from_commands_and_forms(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    untouched = {k: v for k, v in ledger_files(sample).items() if k != VISIT}

    # 1. draw the list and record it as a visit
    day = "2026-11-20"
    run(cli, sample, day, "inspect", "-n", "3", "--seed", "5", "--record", "loop")
    valid(cli, sample, day)
    drawn = yaml.safe_load((sample / VISIT).read_bytes())["units"]
    checklist = as_json(cli, sample, day, "report", "--quarter")
    unit, project = next(
        (u["id"], c["project"])
        for u in checklist["units"]
        if u["id"] in drawn
        for c in u["claims"]
        if c["status"] != "done"
    )

    # 2. two findings: one of a claim, due on the 30th; one of the unit alone, due in December
    run(cli, sample, day, "finding", "loop", unit, "--problem", "整改方案照搬模板",
        "--requirement", "逐村制定方案", "--due", "2026-11-30", "-p", project)  # fmt: skip
    run(cli, sample, day, "finding", "loop", unit, "--problem", "网格员底数不清",
        "--requirement", "重新核定", "--due", "2026-12-08")  # fmt: skip
    valid(cli, sample, day)

    # 3. seen in remind (both, the unit's alone with no project) and in the checklist's flag
    owed = as_json(cli, sample, "2026-11-25", "remind")
    items = next(u for u in owed["units"] if u["id"] == unit)["items"]
    mine = [(i["kind"], i["finding"], i["project"]) for i in items if i["inspection"] == "loop"]
    assert mine == [("finding_due_soon", "f1", project), ("finding_due_soon", "f2", None)]
    late = as_json(cli, sample, "2026-12-03", "report", "--quarter")
    claim = next(
        c for u in late["units"] if u["id"] == unit for c in u["claims"] if c["project"] == project
    )
    assert claim["flag"] == "red"
    assert {"kind": "finding_overdue", "inspection": "loop", "finding": "f1"}.items() <= next(
        r for r in claim["reasons"] if r.get("inspection") == "loop"
    ).items()
    assert late["totals"]["findings_overdue"] >= 1
    before = rectification(cli, sample, "2026-12-05", unit)

    # 4. the unit reports f1 rectified on its quarterly form; the clerk imports it
    out = tmp_path / "forms"
    run(cli, sample, "2026-11-25", "form", "--quarter", "2026Q4", "-o", out, "-u", unit)
    workbook = out / f"{unit}-2026Q4.xlsx"
    wb = load_workbook(workbook)
    ws = wb["findings"]
    keys = {c.value: c.column for c in ws[1] if c.value is not None}
    row = next(
        r
        for r in range(3, ws.max_row + 1)
        if ws.cell(r, keys["inspection"]).value == "loop"
        and ws.cell(r, keys["finding"]).value == "f1"
    )
    ws.cell(row, keys["rectified"]).value = "2026-11-24"
    ws.cell(row, keys["evidence"]).value = "一村一策方案汇编"
    wb.save(workbook)
    run(cli, sample, "2026-11-25", "import", workbook)
    valid(cli, sample, "2026-11-25")
    f1 = yaml.safe_load((sample / VISIT).read_bytes())["findings"][0]
    assert (str(f1["rectified"]), f1["evidence"]) == ("2026-11-24", "一村一策方案汇编")

    # 5. f2 rectified by command; the inspectors close both
    run(cli, sample, "2026-12-04", "rectified", "loop", "f2", "--on", "2026-12-04")
    run(cli, sample, "2026-12-05", "closed", "loop", "f1", "--on", "2026-12-05")
    run(cli, sample, "2026-12-05", "closed", "loop", "f2", "--on", "2026-12-05")
    valid(cli, sample, "2026-12-05")
    ledger = as_json(cli, sample, "2026-12-05", "findings", "--unit", unit)
    states = {f["finding"]: f["state"] for f in ledger["findings"] if f["inspection"] == "loop"}
    assert states == {"f1": "closed", "f2": "closed"}

    # 6. the year-end part moves: f1, due before T, was rectified in time
    assert rectification(cli, sample, "2026-12-05", unit) > before
    # and no other file was written, by any step
    assert {k: v for k, v in ledger_files(sample).items() if k != VISIT} == untouched
