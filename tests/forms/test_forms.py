"""Quarterly forms (contract section 9): ``ledger form`` writes them, ``ledger import`` reads them
back; every refusal leaves every file byte for byte as it was and names the cell."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]

from ledger.asof.owed import Owed
from ledger.calendar import Quarter
from ledger.forms.layout import MILESTONE_KEYS, PROGRESS_KEYS
from ledger.load import load
from ledger.reports.words import owed_text
from ledger.validate import validate
from tests.conftest import SAMPLE_DAY
from tests.support import ledger_files

Cli = Callable[..., tuple[int, str]]
UNIT = "chayouhouqi"
UNIT_FILE = f"data/units/{UNIT}.yaml"


def form(cli: Cli, root: Path, out: Path, quarter: str = "2026Q4", unit: str = UNIT) -> Path:
    code, output = cli(
        "form", "--quarter", quarter, "-o", out, "-u", unit, "-C", root, "--today", SAMPLE_DAY
    )
    assert code == 0, output
    return out / f"{UNIT}-{quarter}.xlsx"


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
    wb.save(path)


def entry(root: Path, project: str, quarter: str) -> Any:
    unit = load(root).ledger().units[UNIT]
    claim = next(c for c in unit.claims if c.project == project)
    return next((e for e in claim.progress if e.quarter == quarter), None)


# -- the form ------------------------------------------------------------------------------------


def test_the_form_has_the_sheets_keys_and_rows_of_the_contract(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    path = form(cli, sample, tmp_path / "out", "2026Q3")
    wb = load_workbook(path)
    assert wb.sheetnames == ["progress", "milestones"]
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


def test_form_refuses_an_output_inside_the_ledger(cli: Cli, sample: Path) -> None:
    code, _ = cli(
        "form", "-q", "-o", sample / "data" / "units", "-C", sample, "--today", SAMPLE_DAY
    )
    assert code == 2


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


# -- the round trip ------------------------------------------------------------------------------


def test_round_trip_records_exactly_the_reported_entries_and_twice_changes_nothing(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    path = form(cli, sample, tmp_path / "out")
    fill(
        path,
        progress={
            "K1": {
                "status": "存在风险",
                "percent": "85%",
                "summary": "完成验收准备\n召开推进会",
                "problems": "问题一\n\n 问题二 ",
                "next_steps": "下步一",
            },
            "K4": {
                "status": "on_track",
                "percent": 55.5,
                "summary": "推进",
                "reported": datetime(2026, 11, 20),
            },
        },
        milestones={("K4", "upgrade"): {"done": "2026-11-01", "evidence": "验收报告"}},
    )
    # rows reordered, blank rows between, and the K5 row moved to the bottom by hand
    wb = load_workbook(path)
    ws = wb["progress"]
    col = columns(ws)
    k5 = row_of(ws, project="K5")
    for key in ("unit", "project", "quarter"):
        ws.cell(k5, col[key]).value = None
    ws.insert_rows(3, 2)  # blank rows at the top
    bottom = ws.max_row + 3
    for key, value in {
        "unit": UNIT,
        "project": "K5",
        "quarter": "2026Q4",
        "status": "正常推进",
        "percent": 80,
        "summary": "评估准备",
        "reported": "2026-11-24",
    }.items():
        ws.cell(bottom, col[key]).value = value
    wb.save(path)
    before = files(sample)

    code, output = run_import(cli, sample, path)
    assert code == 0, output
    assert "recorded" in output
    after = files(sample)
    assert [k for k in after if after[k] != before[k]] == [UNIT_FILE]
    k1 = entry(sample, "K1", "2026Q4")
    assert (k1.status, k1.percent, k1.summary) == ("at_risk", 85, "完成验收准备\n召开推进会")
    assert (k1.problems, k1.next_steps) == (["问题一", "问题二"], ["下步一"])
    assert k1.reported == date(2026, 11, 25)  # blank: T
    k4 = entry(sample, "K4", "2026Q4")
    assert (k4.status, k4.percent, k4.reported) == ("on_track", 55.5, date(2026, 11, 20))
    assert entry(sample, "K5", "2026Q4").reported == date(2026, 11, 24)
    assert "evidence: 验收报告" in (sample / UNIT_FILE).read_text(encoding="utf-8")
    assert [
        p.code for p in validate(sample, date(2026, 11, 25)).problems if p.level == "error"
    ] == []
    # only lines added, every old line kept
    old, new = before[UNIT_FILE].decode(), after[UNIT_FILE].decode()
    assert all(line in new.splitlines() for line in old.splitlines())

    code, output = run_import(cli, sample, path)
    assert code == 0, output
    assert files(sample) == after
    assert "0 recorded, 4 as on file" in output


def test_a_percent_typed_into_a_number_cell_as_65_percent(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    # Excel and WPS store "65%" typed into a number cell as 0.65 formatted as a percent
    path = form(cli, sample, tmp_path / "out")
    fill(path, progress={"K1": {"status": "正常推进", "percent": 0.85, "summary": "推进"}})
    wb = load_workbook(path)
    ws = wb["progress"]
    ws.cell(row_of(ws, project="K1"), columns(ws)["percent"]).number_format = "0%"
    wb.save(path)
    code, output = run_import(cli, sample, path)
    assert code == 0, output
    assert entry(sample, "K1", "2026Q4").percent == 85


def test_dry_run_shows_the_diff_and_writes_nothing(cli: Cli, sample: Path, tmp_path: Path) -> None:
    path = form(cli, sample, tmp_path / "out")
    fill(path, progress={"K1": {"status": "正常推进", "percent": 90, "summary": "验收准备"}})
    before = files(sample)
    code, output = run_import(cli, sample, path, "--dry-run")
    assert code == 0, output
    assert f"+++ b/{UNIT_FILE}" in output and "+        percent: 90" in output
    assert files(sample) == before


def test_replace_replaces_a_different_entry(cli: Cli, sample: Path, tmp_path: Path) -> None:
    path = form(cli, sample, tmp_path / "out", "2026Q3")
    fill(path, progress={"K1": {"percent": 82}})
    code, output = run_import(cli, sample, path)
    assert code == 1 and said("", "X021")[2:] in output
    code, output = run_import(cli, sample, path, "--replace")
    assert code == 0, output
    assert entry(sample, "K1", "2026Q3").percent == 82


def test_an_unchanged_form_of_a_quarter_on_file_changes_nothing(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    path = form(cli, sample, tmp_path / "out", "2026Q3")
    before = files(sample)
    code, output = run_import(cli, sample, path, "--quarter", "3")
    assert code == 0, output
    assert files(sample) == before


# -- refusals ------------------------------------------------------------------------------------


def _props(path: Path, **changes: str) -> None:
    wb = load_workbook(path)
    for p in wb.custom_doc_props.props:
        key = p.name.removeprefix("ledger.")
        if key in changes:
            p.value = changes[key]
    wb.save(path)


def _not_a_form(path: Path) -> None:
    wb = Workbook()
    wb.active.append(["unit", "project"])
    wb.save(path)


def _corrupt(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:2000])


def _encrypted(path: Path) -> None:
    # an encrypted workbook is an OLE compound file holding EncryptionInfo and EncryptedPackage
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    path.write_bytes(header + "EncryptedPackage".encode("utf-16-le") + b"\0" * 1024)


def _sheet(path: Path, edit: Callable[[Any], None], sheet: str = "progress") -> None:
    wb = load_workbook(path)
    edit(wb[sheet])
    wb.save(path)


def _rename_key(ws: Any) -> None:
    ws.cell(1, columns(ws)["percent"]).value = "pct"


def _delete_key(ws: Any) -> None:
    ws.delete_cols(columns(ws)["summary"])


def _twice_key(ws: Any) -> None:
    ws.cell(1, ws.max_column + 1).value = "summary"


def _cell(project: str, key: str, value: object, sheet: str = "progress") -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        fill(path, progress={project: {"status": "正常推进", "percent": 90, "summary": "推进"}})

        def put(ws: Any) -> None:
            keys = {"project": project} if sheet == "progress" else {}
            ws.cell(row_of(ws, **keys), columns(ws)[key]).value = value

        _sheet(path, put, sheet)

    return edit


def _reported(value: object) -> Callable[[Path], None]:
    return lambda path: fill(
        path,
        progress={
            "K1": {"status": "正常推进", "percent": 90, "summary": "推进", "reported": value}
        },
    )


REFUSALS: dict[str, tuple[Callable[[Path], None], str, str | None]] = {
    # name: (what is done to a Q4 form of chayouhouqi, the code, the cell named)
    "not a form": (_not_a_form, "X001", None),
    "corrupt": (_corrupt, "X002", None),
    "encrypted": (_encrypted, "X003", None),
    "another ledger": (lambda p: _props(p, title="另一个台账"), "X004", None),
    "another year": (lambda p: _props(p, year="2025"), "X005", None),
    "another unit": (lambda p: _props(p, unit="gone"), "X007", None),
    "sheet renamed": (lambda p: _sheet(p, lambda ws: setattr(ws, "title", "进展")), "X008", None),
    "key deleted": (lambda p: _sheet(p, _delete_key), "X009", "progress!A1"),
    "key renamed": (lambda p: _sheet(p, _rename_key), "X010", "progress!K1"),
    "key twice": (lambda p: _sheet(p, _twice_key), "X011", "progress!P1"),
    "row of another unit": (_cell("K1", "unit", "jining"), "X012", "progress!A3"),
    "claim that does not exist": (_cell("K1", "project", "K2"), "X013", "progress!B3"),
    "quarter edited": (_cell("K1", "quarter", "2026Q3"), "X014", "progress!I3"),
    "bad status": (_cell("K1", "status", "很好"), "X017", "progress!J3"),
    "bad percent": (_cell("K1", "percent", "六十"), "X018", "progress!K3"),
    "bad date": (_reported("10月8日"), "X019", "progress!M3"),
    "summary missing": (_cell("K1", "summary", None), "X020", "progress!L3"),
    "percent below the previous quarter's": (_cell("K1", "percent", 50), "P003", "progress!K3"),
    "date outside the ledger year": (_reported(datetime(2025, 12, 1)), "D001", "progress!M3"),
    "reported after T": (_reported("2026-12-01"), "D003", "progress!M3"),
    "done with percent below 100": (_cell("K1", "status", "已完成"), "P004", "progress!K3"),
}


@pytest.mark.parametrize("name", list(REFUSALS))
def test_each_refusal_names_the_cell_and_leaves_every_file_as_it_was(
    cli: Cli, sample: Path, tmp_path: Path, name: str
) -> None:
    spoil, code, cell = REFUSALS[name]
    path = form(cli, sample, tmp_path / "out")
    spoil(path)
    before = files(sample)
    exit_code, output = run_import(cli, sample, path)
    assert exit_code == 1, output
    where = f"{path}:{cell}" if cell else f"{path}"
    assert f"{where}: error[{code}]: " in output, output
    assert "nothing was written" in output
    assert files(sample) == before


def test_a_refusal_in_one_form_writes_nothing_from_the_others(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    good = form(cli, sample, tmp_path / "a")
    fill(good, progress={"K1": {"status": "正常推进", "percent": 90, "summary": "推进"}})
    code, _ = cli(
        "form", "-q", "-o", tmp_path / "b", "-u", "jining", "-C", sample, "--today", SAMPLE_DAY
    )
    other = next((tmp_path / "b").iterdir())
    wb = load_workbook(other)
    ws = wb["progress"]
    ws.cell(3, columns(ws)["status"]).value = "不知道"
    wb.save(other)
    before = files(sample)
    code, output = run_import(cli, sample, good, other, lang="zh")
    assert code == 1
    assert said(f"{other}:progress!J3", "X017") + "`不知道` 不是有效状态" in output
    assert "未写入任何内容" in output
    assert files(sample) == before


def test_the_same_quarter_reported_differently_in_two_forms(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    a = form(cli, sample, tmp_path / "a")
    b = form(cli, sample, tmp_path / "b")
    fill(a, progress={"K1": {"status": "正常推进", "percent": 90, "summary": "推进"}})
    fill(b, progress={"K1": {"status": "正常推进", "percent": 95, "summary": "推进"}})
    before = files(sample)
    code, output = run_import(cli, sample, a, b)
    assert code == 1
    assert said(f"{b}:progress!J3", "X023") + f"reported differently in {a}:progress!3:3" in output
    assert files(sample) == before
    # the same report twice is one report
    fill(b, progress={"K1": {"percent": 90}})
    code, output = run_import(cli, sample, a, b)
    assert code == 0, output


def test_another_quarter_with_quarter_given(cli: Cli, sample: Path, tmp_path: Path) -> None:
    path = form(cli, sample, tmp_path / "out", "2026Q3")
    before = files(sample)
    code, output = run_import(cli, sample, path, "--quarter", "Q4")
    assert code == 1
    assert said(f"{path}", "X006") + "this form is for 2026Q3, not for 2026Q4" in output
    assert files(sample) == before


def test_milestone_rows(cli: Cli, sample: Path, tmp_path: Path) -> None:
    path = form(cli, sample, tmp_path / "out")

    def milestone(value: str) -> None:
        _sheet(
            path,
            lambda ws: setattr(ws.cell(3, columns(ws)["milestone"]), "value", value),
            "milestones",
        )

    fill(path, milestones={("K1", "acceptance"): {"evidence": "验收报告"}})
    code, output = run_import(cli, sample, path)
    assert code == 1 and said(f"{path}:milestones!H3", "X024") in output
    milestone("accept")
    fill(path, milestones={("K1", "accept"): {"done": date(2026, 11, 20)}})
    code, output = run_import(cli, sample, path)
    assert code == 1 and said(f"{path}:milestones!D3", "X015") in output
    assert "known: survey “完成软弱涣散基层党组织排查摸底”, rectify “" in output  # with titles
    milestone("acceptance")
    code, output = run_import(cli, sample, path)
    assert code == 0, output
    assert "marked milestone acceptance of K1 done on 2026-11-20" in output
    fill(path, milestones={("K1", "acceptance"): {"done": date(2026, 11, 21)}})
    before = files(sample)
    code, output = run_import(cli, sample, path)
    assert code == 1 and said(f"{path}:milestones!H3", "X022") in output
    assert files(sample) == before


def test_a_row_typed_below_without_keys(cli: Cli, sample: Path, tmp_path: Path) -> None:
    path = form(cli, sample, tmp_path / "out")

    def extra(ws: Any) -> None:
        r = ws.max_row + 1
        ws.cell(r, columns(ws)["summary"]).value = "又一项工作"

    _sheet(path, extra)
    code, output = run_import(cli, sample, path)
    assert code == 1 and said("", "X016")[2:] in output


def test_a_unit_file_the_splices_cannot_edit(
    cli: Cli, make_ledger: Callable[..., Path], tmp_path: Path
) -> None:
    unit = (
        "id: a\nname: 甲\nclaims:\n  - {project: K1, leader: 王, measures: [m], "
        "deadline: 2026-11-30}\n"
    )
    root = make_ledger(units={"a": unit})
    code, output = cli("form", "-q", "-o", tmp_path / "out", "-C", root, "--today", SAMPLE_DAY)
    assert code == 0, output
    path = tmp_path / "out" / "a-2026Q4.xlsx"
    wb = load_workbook(path)
    ws = wb["progress"]
    col = columns(ws)
    for key, value in {"status": "正常推进", "percent": 50, "summary": "推进"}.items():
        ws.cell(3, col[key]).value = value
    wb.save(path)
    before = files(root)
    code, output = cli("import", path, "-C", root, "--today", SAMPLE_DAY, "--lang", "en")
    assert code == 1
    assert said(f"{path}:progress!B3", "X025") + "cannot record this row" in output
    assert files(root) == before


# -- LibreOffice ---------------------------------------------------------------------------------


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_a_form_saved_again_by_libreoffice_imports(cli: Cli, sample: Path, tmp_path: Path) -> None:
    path = form(cli, sample, tmp_path / "out")
    fill(
        path,
        progress={
            "K1": {
                "status": "存在风险",
                "percent": 85,
                "summary": "验收准备\n推进会",
                "reported": datetime(2026, 11, 24),
                "problems": "一\n二",
            }
        },
        milestones={("K4", "upgrade"): {"done": datetime(2026, 11, 1), "evidence": "报告"}},
    )
    saved = tmp_path / "lo"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(saved),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    again = saved / path.name
    assert zipfile.is_zipfile(again) and again.read_bytes() != path.read_bytes()
    code, output = run_import(cli, sample, again)
    assert code == 0, output
    k1 = entry(sample, "K1", "2026Q4")
    assert (k1.status, k1.percent, k1.summary, k1.problems) == (
        "at_risk",
        85,
        "验收准备\n推进会",
        ["一", "二"],
    )
    assert k1.reported == date(2026, 11, 24)
    assert "evidence: 报告" in (sample / UNIT_FILE).read_text(encoding="utf-8")
    before = files(sample)
    code, _ = run_import(cli, sample, again)
    assert code == 0 and files(sample) == before


def test_errors_elsewhere_in_the_ledger_are_a_note_not_a_refusal(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    path = form(cli, sample, tmp_path / "out")
    fill(path, progress={"K1": {"status": "正常推进", "percent": 90, "summary": "推进"}})
    other = sample / "data" / "units" / "huade.yaml"
    other.write_text(
        other.read_text(encoding="utf-8").replace("deadline: 2026-", "deadline: 2026/", 1),
        encoding="utf-8",
    )
    code, output = run_import(cli, sample, path)
    assert code == 0, output
    assert "data/units/huade.yaml" in output and "error[S005]" in output
    assert "percent: 90" in (sample / UNIT_FILE).read_text(encoding="utf-8")


# -- every problem at once; the file's own status words (issue 19) --------------------------------


def test_every_problem_of_every_row_in_one_run(cli: Cli, sample: Path, tmp_path: Path) -> None:
    """A cell that cannot be read does not hide the row's other problems: the unit gets one
    call, not two. Nothing is written."""
    path = form(cli, sample, tmp_path / "out")
    fill(
        path,
        progress={
            # an unreadable date, and a percent below Q3's 80
            "K1": {"status": "正常推进", "percent": 50, "summary": "推进", "reported": "10月8日"},
            # no summary, and a percent below Q3's 40
            "K4": {"status": "滞后", "percent": 30},
            # an unreadable percent: nothing to say about percents, the rest is fine
            "K5": {"status": "已完成", "percent": "大半", "summary": "推进"},
        },
    )
    before = files(sample)
    code, output = run_import(cli, sample, path)
    assert code == 1
    rows = {
        project: row_of(load_workbook(path)["progress"], project=project)
        for project in ("K1", "K4", "K5")
    }
    assert said(f"{path}:progress!M{rows['K1']}", "X019") in output
    assert said(f"{path}:progress!K{rows['K1']}", "P003") in output
    assert said(f"{path}:progress!L{rows['K4']}", "X020") in output
    assert said(f"{path}:progress!K{rows['K4']}", "P003") in output
    assert said(f"{path}:progress!K{rows['K5']}", "X018") in output
    assert output.count("error[") == 5, output  # the stand-ins decide nothing themselves
    assert "nothing was written: 5 problem(s)" in output
    assert files(sample) == before


def test_import_writes_the_status_words_the_file_uses(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    """A claim without reports in a file written in English gets English words, whichever
    the form's cell holds."""
    code, output = cli(
        "claim", UNIT, "B1", "--leader", "王五", "--deadline", "2026-12-31", "--measure", "m",
        "--claimed", "2026-10-01", "-C", sample, "--today", SAMPLE_DAY,
    )  # fmt: skip
    assert code == 0, output
    path = form(cli, sample, tmp_path / "out")
    fill(path, progress={"B1": {"status": "滞后", "percent": 10, "summary": "起步"}})
    code, output = run_import(cli, sample, path)
    assert code == 0, output
    text = (sample / UNIT_FILE).read_text(encoding="utf-8")
    assert "滞后" not in text
    assert text.endswith("status: behind\n        percent: 10\n        summary: 起步\n"
                          "        reported: 2026-11-25\n")  # fmt: skip


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_forms_written_inside_the_ledger_where_git_would_commit_them_are_warned_of(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    subprocess.run(["git", "init", "-q", str(sample)], check=True)
    args = ("form", "-q", "-u", UNIT, "-C", sample, "--today", SAMPLE_DAY, "--lang", "en")
    code, output = cli(*args, "-o", sample / "forms")
    assert code == 0, output
    assert "is inside the ledger's folder and git does not ignore it" in output
    (sample / ".gitignore").write_text("/forms/\n")
    for out in (sample / "forms", tmp_path / "elsewhere"):
        code, output = cli(*args, "-o", out)
        assert code == 0, output
        assert "git does not ignore it" not in output
