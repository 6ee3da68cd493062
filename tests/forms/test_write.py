"""forms/write.py: the quarterly form a unit fills in (contract section 9): its sheets, keys and
rows, the same bytes twice, its heading in the words of remind."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook  # type: ignore[import-untyped]

from ledger.asof.owed import Owed
from ledger.calendar import Quarter
from ledger.forms.layout import FINDING_KEYS, MILESTONE_KEYS, PROGRESS_KEYS
from ledger.load import load
from ledger.reports.reasons import owed_text
from tests.conftest import SAMPLE_DAY
from tests.forms.conftest import (
    FINDINGS_UNIT,
    UNIT,
    VISIT_FILE,
    columns,
    files,
    form,
    record,
    row_of,
)
from tests.support import Cli


def test_the_form_has_the_sheets_keys_and_rows_of_the_contract(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    path = form(cli, sample, tmp_path / "out", "2026Q3")
    wb = load_workbook(path)
    assert wb.sheetnames == ["progress", "milestones", "findings"]
    ws = wb["progress"]
    keys = [c.value for c in ws[1]]
    assert [k for k in keys if not k.startswith("x-")] == list(PROGRESS_KEYS)
    assert ws.row_dimensions[1].hidden
    # the header, broken before its bracket where it wraps
    assert ws.cell(2, keys.index("status") + 1).value == "状态\n（下拉选择）"
    col = columns(ws)
    rows = [r for r in range(3, ws.max_row + 1) if ws.cell(r, col["unit"]).value]
    assert [ws.cell(r, col["project"]).value for r in rows] == ["K1", "K4", "K5"]
    assert {ws.cell(r, col["quarter"]).value for r in rows} == {"2026Q3"}
    # the entry on file for the quarter is filled in, in the report language
    r = row_of(ws, project="K4")
    assert ws.cell(r, col["status"]).value == "滞后"
    assert ws.cell(r, col["percent"]).value == 40
    assert ws.cell(r, col["reported"]).value == datetime(2026, 10, 10)
    assert ws.cell(r, col["problems"]).value == "改建资金缺口约60万元"
    assert "逾期 148天" in ws.cell(r, col["x-owed"]).value
    # key and read-only cells locked, input cells open, sheet protected without a password
    assert ws.protection.sheet and not ws.protection.password
    assert ws.cell(r, col["project"]).protection.locked
    assert ws.cell(r, col["x-title"]).protection.locked
    assert not ws.cell(r, col["summary"]).protection.locked
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert kinds == {"list", "decimal", "date"}
    status = next(dv for dv in ws.data_validations.dataValidation if dv.type == "list")
    assert status.formula1 == '"正常推进,存在风险,滞后,已完成"'
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.page_setup.orientation == "landscape"
    assert ws.cell(r, col["summary"]).font.name == "等线"
    # the heading under the rows: unit, contact, due date, what the unit owes
    notes = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "察哈尔右翼后旗" in notes and "刘洋 0474-4652345" in notes
    assert "节点“完成功能布局调整和服务事项清单公示”逾期 148天" in notes
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props["ledger.unit"] == UNIT and props["ledger.quarter"] == "2026Q3"
    assert props["ledger.year"] == "2026" and props["ledger.made"] == SAMPLE_DAY
    ms = wb["milestones"]
    assert [c.value for c in ms[1]] == [
        k for k in [c.value for c in ms[1]] if k.startswith("x-") or k in MILESTONE_KEYS
    ]
    assert [k for k in [c.value for c in ms[1]] if not k.startswith("x-")] == list(MILESTONE_KEYS)
    mc = columns(ms)
    listed = [
        (ms.cell(r, mc["project"]).value, ms.cell(r, mc["milestone"]).value)
        for r in range(3, ms.max_row + 1)
        if ms.cell(r, mc["unit"]).value
    ]
    assert listed == [
        ("K1", "acceptance"),
        ("K4", "upgrade"),
        ("K4", "acceptance"),
        ("K5", "acceptance"),
    ]


def test_forms_for_every_unit_with_claims_and_the_same_bytes_twice(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    code, output = cli("form", "-q", "-o", tmp_path / "a", "-C", sample, "--today", SAMPLE_DAY)
    assert code == 0, output
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    with_claims = [u.id for u in load(sample).ledger().units.values() if u.claims]
    assert names == sorted(f"{u}-2026Q4.xlsx" for u in with_claims)  # bare --quarter: R(T)
    cli("form", "-q", "-o", tmp_path / "b", "-C", sample, "--today", SAMPLE_DAY)
    assert files(tmp_path / "a") == files(tmp_path / "b")


def test_the_heading_words_what_the_unit_owes_as_remind_does(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    from ledger.asof.status import Milestone

    title = "完成功能布局调整和服务事项清单公示"
    m = Milestone("upgrade", title, date(2026, 6, 30), None, None, own=False)
    path = form(cli, sample, tmp_path / "out", "2026Q3")
    ws = load_workbook(path)["progress"]
    notes = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert owed_text(Owed("overdue", m.due, 148, m), "zh") in notes
    assert Quarter(2026, 3).label in notes


def test_a_text_a_cell_cannot_carry_is_refused_before_any_form_is_made(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    # Excel and WPS cut a cell at 32,767 characters; an item holding a line break reads back as
    # two items: either would come back different, and with --replace be written so
    record(sample, "K4", "2026Q3", "长" * 32768, ["资金缺口\n待协调"])
    out = tmp_path / "out"
    code, output = cli(
        "form", "-q", "2026Q3", "-o", out, "-u", UNIT, "-C", sample, "--today", SAMPLE_DAY,
        "--lang", "en",
    )  # fmt: skip
    assert code == 1
    assert not out.exists()
    lines = [line for line in output.splitlines() if line.startswith("ledger: ")]
    assert lines == [
        f"ledger: cannot make the forms: `problems` (“Problems (one a line)”) of unit {UNIT}, "
        "project K4, 2026Q3 has an item holding a line break: the form holds one item a line "
        "and would read it back as two; split it into items or write it on one line; change it "
        f"in data/units/{UNIT}.yaml first, then make the forms again",
        f"ledger: cannot make the forms: `summary` (“Progress this quarter”) of unit {UNIT}, "
        "project K4, 2026Q3 is 32768 characters long, more than a spreadsheet cell holds "
        f"(32,767): the form would cut it; change it in data/units/{UNIT}.yaml first, then make "
        "the forms again",
    ]


def test_a_character_no_workbook_holds_leaves_the_form_readable(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    # U+FFFE is a text the ledger holds; written raw, the workbook no longer opened
    record(sample, "K4", "2026Q3", "改建\ufffe工程")
    path = form(cli, sample, tmp_path / "out", "2026Q3")
    ws = load_workbook(path)["progress"]
    assert ws.cell(row_of(ws, project="K4"), columns(ws)["summary"]).value == "改建工程"


# -- the findings sheet (contract section 10) -----------------------------------------------------


def test_the_findings_sheet_lists_what_the_unit_has_to_rectify_as_of_t(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    """shangdu as of the sample's day: three findings of 2026q4-spot not rectified (due soon,
    open, overdue), in file order; the visit's id hidden, the reading cells locked and grey,
    the rectification open; the heading of the progress sheet points at it."""
    path = form(cli, sample, tmp_path / "out", "2026Q4", "shangdu")
    wb = load_workbook(path)
    assert wb.sheetnames == ["progress", "milestones", "findings"]
    ws = wb["findings"]
    keys = [c.value for c in ws[1]]
    assert [k for k in keys if not k.startswith("x-")] == list(FINDING_KEYS)
    assert ws.row_dimensions[1].hidden
    col = columns(ws)
    assert ws.column_dimensions["A"].hidden and keys[0] == "inspection"
    headers = {k: ws.cell(2, col[k]).value for k in col}
    assert (headers["problem"], headers["due"], headers["rectified"]) == (
        "发现问题",
        "整改时限",
        "整改完成日期",
    )
    rows = [r for r in range(3, ws.max_row + 1) if ws.cell(r, col["inspection"]).value]
    listed = [(ws.cell(r, col["inspection"]).value, ws.cell(r, col["finding"]).value) for r in rows]
    assert listed == [("2026q4-spot", "f1"), ("2026q4-spot", "f4"), ("2026q4-spot", "f5")]
    states = [ws.cell(r, col["x-state"]).value for r in rows]
    assert states == ["10 天后到期", "未到期", "逾期 5 天"]
    assert ws.cell(rows[2], col["x-state"]).fill.fgColor.rgb.endswith("FFC7CE")
    assert ws.cell(rows[0], col["due"]).value == datetime(2026, 12, 5)
    assert ws.cell(rows[0], col["x-project"]).value == "-"  # a finding of no claim
    r = rows[0]
    assert ws.protection.sheet
    for key in ("inspection", "finding", "problem", "requirement", "due", "x-visit"):
        assert ws.cell(r, col[key]).protection.locked, key
        assert ws.cell(r, col[key]).fill.fgColor.rgb.endswith(("EDEDED", "F7F7F7")), key
    assert not ws.cell(r, col["rectified"]).protection.locked
    assert not ws.cell(r, col["evidence"]).protection.locked
    # a rectification date on or after the visit, checked as the clerk types it
    dates = [dv for dv in ws.data_validations.dataValidation if dv.type == "date"]
    assert dates and dates[0].formula1 == "DATE(2026,11,10)"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.orientation == "landscape"
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props["ledger.findings"] == "3"
    notes = "\n".join(str(c.value) for row in wb["progress"].iter_rows() for c in row if c.value)
    assert "本单位有 3 项督导发现的问题尚未整改完成" in notes


def test_a_unit_with_nothing_to_rectify_gets_the_sheet_with_headers_and_a_note(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    """Every form has the findings sheet (contract section 10: a script opens it by name): for
    chayouhouqi (never visited), and for huade once its only finding left is rectified, it
    holds its keys, its headers and a note saying there is nothing to fill in; no row."""
    wb = load_workbook(form(cli, sample, tmp_path / "a"))
    assert wb.sheetnames == ["progress", "milestones", "findings"]
    text = (sample / VISIT_FILE).read_text(encoding="utf-8")
    done = text.replace(
        "    due: 2026-10-31\n", "    due: 2026-10-31\n    rectified: 2026-11-25\n", 1
    )
    (sample / VISIT_FILE).write_text(done, encoding="utf-8")
    wb = load_workbook(form(cli, sample, tmp_path / "b", "2026Q4", FINDINGS_UNIT))
    ws = wb["findings"]
    keys = [c.value for c in ws[1] if c.value is not None]
    assert "rectified" in keys and "evidence" in keys
    assert not any(ws.cell(r, 3).value for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value)
    notes = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "没有尚未整改完成的督导发现问题" in notes
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props["ledger.findings"] == "0"


def test_the_findings_sheet_in_english(cli: Cli, sample: Path, tmp_path: Path) -> None:
    path = form(cli, sample, tmp_path / "out", "2026Q4", FINDINGS_UNIT, "--lang", "en")
    ws = load_workbook(path)["findings"]
    col = columns(ws)
    assert ws.cell(2, col["due"]).value == "Time limit"
    assert ws.cell(2, col["rectified"]).value == "Rectified on"
    assert ws.cell(3, col["x-state"]).value == "25 days overdue"
    # a date in a reading cell is kept whole, its hyphens non-breaking
    assert ws.cell(3, col["x-visit"]).value == "第三季度随机督导\n2026\u201108\u201118"


def test_evidence_a_cell_cannot_carry_is_refused_before_any_form_is_made(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    text = (sample / VISIT_FILE).read_text(encoding="utf-8")
    long = "    due: 2026-10-31\n    evidence: " + "长" * 32768 + "\n"
    (sample / VISIT_FILE).write_text(text.replace("    due: 2026-10-31\n", long, 1), "utf-8")
    out = tmp_path / "out"
    code, output = cli(
        "form", "-q", "2026Q4", "-o", out, "-u", FINDINGS_UNIT, "-C", sample,
        "--today", SAMPLE_DAY, "--lang", "en",
    )  # fmt: skip
    assert code == 1 and not out.exists()
    assert (
        "ledger: cannot make the forms: `evidence` (“Evidence”) of unit huade, visit "
        "2026q3-spot, finding f1 is 32768 characters long"
    ) in output
    assert "change it in data/inspections/2026q3-spot.yaml first" in output
