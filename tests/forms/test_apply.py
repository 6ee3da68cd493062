"""forms/apply.py: what an import writes into the unit files, exactly the entries reported, all or
nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook  # type: ignore[import-untyped]

from ledger.validate import validate
from tests.conftest import SAMPLE_DAY
from tests.forms.conftest import (
    UNIT,
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
