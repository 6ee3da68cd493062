"""forms/read.py: a filled-in form read back, every refusal naming its cell and leaving every file
as it was."""

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

from tests.forms.conftest import (
    FINDINGS_UNIT,
    UNIT_FILE,
    columns,
    entry,
    files,
    fill,
    form,
    row_of,
    run_import,
    said,
)
from tests.support import Cli


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


def _failed(project: str, key: str) -> Callable[[Path], None]:
    """A cell holding the error value ``#N/A`` (a failed formula or paste), the row filled."""

    def edit(path: Path) -> None:
        _cell(project, "percent", 90)(path)

        def put(ws: Any) -> None:
            cell = ws.cell(row_of(ws, project=project), columns(ws)[key])
            cell.value = "#N/A"
            cell.data_type = "e"

        _sheet(path, put)

    return edit


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
    # an ISO week date: Python reads it, the YAML and the command line do not
    "week date": (_reported("2026-W45-3"), "X019", "progress!M3"),
    "quarter 5": (_cell("K1", "quarter", "2026Q5"), "S011", "progress!I3"),
    "quarter 0": (_cell("K1", "quarter", "2026Q0"), "S011", "progress!I3"),
    "quarter property 5": (lambda p: _props(p, quarter="2026Q5"), "S011", None),
    "quarter property 0": (lambda p: _props(p, quarter="2026Q0"), "S011", None),
    "quarter property of another year": (lambda p: _props(p, quarter="2025Q4"), "X005", None),
    "error value in a text cell": (_failed("K1", "summary"), "X026", "progress!L3"),
    "error value in a list cell": (_failed("K1", "problems"), "X026", "progress!N3"),
    "error value in the status": (_failed("K1", "status"), "X026", "progress!J3"),
    "error value in a key cell": (_failed("K1", "project"), "X026", "progress!B3"),
    "control character in a text": (_cell("K1", "summary", "推进\x85完成"), "S013", "progress!L3"),
    "control character in a list": (_cell("K1", "next_steps", "一\n二\x7f"), "S013", "progress!O3"),
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


# -- the findings sheet: each refusal at its cell, nothing written (contract section 10) ----------

RECTIFIED = {"rectified": "2026-11-20", "evidence": "园区行业党委成立文件"}


def _finding(**values: object) -> Callable[[Path], None]:
    """huade's row of 2026q3-spot's f1, filled in (``RECTIFIED``), then ``values`` typed over."""

    def edit(path: Path) -> None:
        def put(ws: Any) -> None:
            r, col = row_of(ws, inspection="2026q3-spot", finding="f1"), columns(ws)
            for key, value in {**RECTIFIED, **values}.items():
                ws.cell(r, col[key]).value = value

        _sheet(path, put, "findings")

    return edit


def _failed_finding(key: str) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        _finding()(path)

        def put(ws: Any) -> None:
            cell = ws.cell(row_of(ws, inspection="2026q3-spot"), columns(ws)[key])
            cell.value = "#N/A"
            cell.data_type = "e"

        _sheet(path, put, "findings")

    return edit


def _finding_key(old: str, new: str | None) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        def put(ws: Any) -> None:
            if new is None:
                ws.delete_cols(columns(ws)[old])
            else:
                ws.cell(1, columns(ws)[old]).value = new

        _sheet(path, put, "findings")

    return edit


def _no_findings_sheet(path: Path) -> None:
    wb = load_workbook(path)
    del wb["findings"]
    wb.save(path)


FINDING_REFUSALS: dict[str, tuple[Callable[[Path], None], str, str | None]] = {
    # name: (what is done to huade's Q4 form, the code, the cell named)
    "findings sheet deleted": (_no_findings_sheet, "X008", None),
    "key deleted": (_finding_key("evidence", None), "X009", "findings!A1"),
    "key renamed": (_finding_key("rectified", "整改完成"), "X010", "findings!I1"),
    "finding id blank": (_finding(finding=None), "X016", "findings!C3"),
    "date in another format": (_finding(rectified="2026/11/20"), "X019", "findings!I3"),
    "week date": (_finding(rectified="2026-W47-3"), "X019", "findings!I3"),
    "Chinese date": (_finding(rectified="11月20日"), "X019", "findings!I3"),
    "error value in the date": (_failed_finding("rectified"), "X026", "findings!I3"),
    "error value in the evidence": (_failed_finding("evidence"), "X026", "findings!J3"),
    "control character in the evidence": (_finding(evidence="整改\x85照片"), "S013", "findings!J3"),
    "finding that does not exist": (_finding(finding="f9"), "X029", "findings!I3"),
    "visit that does not exist": (_finding(inspection="2026q9-spot"), "X029", "findings!I3"),
    # 2026q4-spot's f1 is shangdu's
    "finding of another unit": (_finding(inspection="2026q4-spot"), "X030", "findings!I3"),
    "evidence without a date": (_finding(rectified=None), "X032", "findings!I3"),
    "rectified before the visit": (_finding(rectified="2026-08-01"), "V007", "findings!I3"),
    "rectified after T": (_finding(rectified=datetime(2026, 12, 1)), "V011", "findings!I3"),
}


@pytest.mark.parametrize("name", list(FINDING_REFUSALS))
def test_each_refusal_of_the_findings_sheet_names_its_cell_and_writes_nothing(
    cli: Cli, sample: Path, tmp_path: Path, name: str
) -> None:
    spoil, code, cell = FINDING_REFUSALS[name]
    path = form(cli, sample, tmp_path / "out", "2026Q4", FINDINGS_UNIT)
    # a good progress row in the same workbook: all or nothing
    fill(path, progress={"B4": {"status": "正常推进", "percent": 95, "summary": "推进"}})
    spoil(path)
    before = files(sample)
    exit_code, output = run_import(cli, sample, path)
    assert exit_code == 1, output
    where = f"{path}:{cell}" if cell else f"{path}"
    assert f"{where}: error[{code}]: " in output, output
    assert "nothing was written" in output
    assert files(sample) == before


def test_an_error_value_in_a_key_cell_is_one_problem(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    path = form(cli, sample, tmp_path / "out")
    _failed("K1", "project")(path)
    code, output = run_import(cli, sample, path)
    assert code == 1
    problems = [line for line in output.splitlines() if "error[" in line]
    assert problems == [said(f"{path}:progress!B3", "X026") + _X026_NA], output


_X026_NA = (
    "the cell holds the error value #N/A (a formula or a paste that failed): type the value itself"
)


def test_a_control_character_is_one_problem_at_its_own_cell(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    # it was X025 "the ledger with this change has these errors", none listed, at the project
    path = form(cli, sample, tmp_path / "out")
    _cell("K1", "summary", "推进\x85完成")(path)
    code, output = run_import(cli, sample, path)
    assert code == 1
    problems = [line for line in output.splitlines() if "error[" in line]
    assert problems == [said(f"{path}:progress!L3", "S013") + _S013_U0085], output


_S013_U0085 = "a control character U+0085 in the text: delete it (often pasted in by accident)"


QUARTERS = ["Q4", "2026q4", "4", "２０２６Ｑ４", "2026年第四季度", "四季度"]


@pytest.mark.parametrize("quarter", QUARTERS)
def test_the_quarter_of_the_form_and_its_rows_read_as_the_command_line_reads_them(
    cli: Cli, sample: Path, tmp_path: Path, quarter: str
) -> None:
    path = form(cli, sample, tmp_path / "out")
    _props(path, quarter=quarter)
    _cell("K1", "quarter", quarter)(path)
    code, output = run_import(cli, sample, path)
    assert code == 0, output
    assert entry(sample, "K1", "2026Q4").percent == 90


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
