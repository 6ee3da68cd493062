"""forms/apply.py: what an import writes into the unit files, exactly the entries reported, all or
nothing."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook  # type: ignore[import-untyped]

from ledger.validate import validate
from ledger.visible import CONTROL
from tests.conftest import SAMPLE_DAY, copy_sample
from tests.forms.conftest import (
    FINDINGS_UNIT,
    UNIT,
    UNIT_FILE,
    VISIT_FILE,
    columns,
    entry,
    files,
    fill,
    form,
    record,
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


# Texts the ledger holds that a cell does not give back as they are: spaces at either end, a CR
# (a cell's line break reads as LF), items with spaces around them, a noncharacter XML cannot hold
SUMMARY = " 改建工程开工，功能布局调整未完成 "
PROBLEMS = ["  改建资金缺口约60万元 ", "第二项\t"]
NEXT_STEPS = ["协调资金\u3000", "\ufeff验收"]


def test_an_untouched_form_imports_as_unchanged_whatever_its_texts(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    record(sample, "K4", "2026Q3", SUMMARY, PROBLEMS, NEXT_STEPS)
    record(sample, "K1", "2026Q3", "集中整顿完成\r\n待旗委验收", ["资金\ufffe缺口"])
    path = form(cli, sample, tmp_path / "out", "2026Q3")
    wb = load_workbook(path)  # opened and saved as it is
    wb.save(path)
    before = files(sample)
    code, output = run_import(cli, sample, path)
    assert code == 0, output  # it was X021: "a different report is on file"
    assert "0 recorded, 3 as on file" in output
    code, output = run_import(cli, sample, path, "--replace")
    assert code == 0, output
    assert files(sample) == before  # with --replace, the spaces and the CR were dropped


def test_a_cell_left_as_it_was_keeps_the_ledger_text_when_another_changes(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    record(sample, "K4", "2026Q3", SUMMARY, PROBLEMS, NEXT_STEPS)
    path = form(cli, sample, tmp_path / "out", "2026Q3")
    fill(path, progress={"K4": {"percent": 45}})
    code, output = run_import(cli, sample, path, "--replace")
    assert code == 0, output
    now = entry(sample, "K4", "2026Q3")
    assert now.percent == 45
    assert (now.summary, now.problems, now.next_steps) == (SUMMARY, PROBLEMS, NEXT_STEPS)


# -- the round trip, for any text the ledger holds -----------------------------------------------

PIECES = [
    " ", "  ", "\u3000", "\n", "\r", "\r\n", "\t", "\u2028", "\ufeff", "\ufffe", "\u00a0",
    "推进", "改建资金缺口约60万元", "（区委副书记）", "：", "，", "“最强支部”", "、", "。",
    "=1+1", "-", "#N/A", "'", '"', "_x0041_", "&", "<b>", "😀", "é", "x",
]  # fmt: skip
TEXT = st.one_of(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join),
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=12),
    # near a cell's limit, and over it
    st.integers(32760, 32775).map(lambda n: "长" * n),
).filter(lambda s: s.strip() != "" and not CONTROL.search(s))  # S009, S013: not in a ledger


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(summary=TEXT, problems=st.lists(TEXT, max_size=3), next_steps=st.lists(TEXT, max_size=3))
def test_an_untouched_form_changes_nothing_for_any_text_the_ledger_holds(
    summary: str, problems: list[str], next_steps: list[str]
) -> None:
    """Form, open and save, import with --replace: every file as it was, every row as on file;
    or, for a text a cell cannot carry, no form at all, the refusal naming it."""
    from ledger.calendar import Quarter
    from ledger.edit.ops import EditError
    from ledger.forms.apply import run
    from ledger.forms.layout import CELL_LIMIT, held
    from ledger.forms.write import Uncarried, forms
    from ledger.load import load

    today = date.fromisoformat(SAMPLE_DAY)
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_sample(Path(tmp))
        try:
            record(root, "K4", "2026Q3", summary, problems, next_steps)
        except EditError:
            assume(False)  # a text the ledger does not hold (blank, a control character)
        ledger = load(root, cache=False).ledger()
        unit = ledger.units[UNIT]
        lists = [*problems, *next_steps]
        texts = [summary, "\n".join(problems), "\n".join(next_steps)]
        uncarried = any(len(held(text)) > CELL_LIMIT for text in texts) or any(
            "\n" in item or "\r" in item for item in lists
        )
        try:
            made = forms(ledger, Quarter(2026, 3), today, "zh", [unit])
        except Uncarried as exc:
            assert uncarried
            assert {(u.unit, u.project, u.entry) for u in exc.unfit} == {(UNIT, "K4", "2026Q3")}
            return
        assert not uncarried
        path = Path(tmp) / made[0].name
        path.write_bytes(made[0].data)
        wb = load_workbook(path)
        wb.save(path)
        before = files(root)
        outcome = run(root, today, [(path, path.name)], replace=True, cache=False)
        assert [s.changed for s in outcome.steps] == [False, False, False]
        assert files(root) == before


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(evidence=TEXT)
def test_an_untouched_findings_sheet_changes_nothing_for_any_evidence_the_ledger_holds(
    evidence: str,
) -> None:
    """The same round trip with the ledger's visits: any evidence on file of a finding not yet
    rectified comes back as that text (or the form is refused, naming the finding)."""
    from ledger.edit.yamltext import YamlText
    from ledger.forms.apply import run
    from ledger.forms.layout import CELL_LIMIT, held
    from ledger.forms.write import Uncarried, forms
    from ledger.load import load

    today = date.fromisoformat(SAMPLE_DAY)
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_sample(Path(tmp))
        visit = root / VISIT_FILE
        text = visit.read_text(encoding="utf-8")
        text = YamlText(text).set_key(("findings", 0), "evidence", evidence).apply(text)
        visit.write_text(text, encoding="utf-8")
        loaded = load(root, cache=False)
        assume(not [p for p in loaded.problems if p.level == "error"])
        ledger = loaded.ledger()
        assert ledger.visits["2026q3-spot"].findings[0].evidence == evidence
        from ledger.calendar import Quarter

        try:
            made = forms(ledger, Quarter(2026, 4), today, "zh", [ledger.units[FINDINGS_UNIT]])
        except Uncarried as exc:
            assert len(held(evidence)) > CELL_LIMIT
            assert [(u.project, u.entry, u.finding) for u in exc.unfit] == [
                ("2026q3-spot", "f1", True)
            ]
            return
        assert len(held(evidence)) <= CELL_LIMIT
        path = Path(tmp) / made[0].name
        path.write_bytes(made[0].data)
        wb = load_workbook(path)
        assert "findings" in wb.sheetnames
        wb.save(path)
        before = files(root)
        outcome = run(root, today, [(path, path.name)], replace=True, cache=False)
        assert not any(s.changed for s in outcome.steps)
        assert files(root) == before


def test_an_open_milestone_with_evidence_on_file_imports_as_unchanged(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    # evidence but no done date is a milestone the ledger holds; untouched, it was X024
    unit_file = sample / UNIT_FILE
    text = unit_file.read_text(encoding="utf-8")
    unit_file.write_text(
        text.replace("      - id: acceptance\n        due: 2026-11-30\n",
                     "      - id: acceptance\n        due: 2026-11-30\n"
                     '        evidence: " 验收方案\\r已报旗委 "\n', 1),
        encoding="utf-8",
    )  # fmt: skip
    found = validate(sample, date.fromisoformat(SAMPLE_DAY)).problems
    assert not [p for p in found if p.level == "error"]
    path = form(cli, sample, tmp_path / "out")
    before = files(sample)
    code, output = run_import(cli, sample, path, "--replace")
    assert code == 0, output
    assert files(sample) == before
    fill(path, milestones={("K1", "acceptance"): {"done": "2026-11-20"}})
    code, output = run_import(cli, sample, path)
    assert code == 0, output
    assert 'evidence: " 验收方案\\r已报旗委 "' in unit_file.read_text(encoding="utf-8")


def test_a_problem_is_placed_at_its_cell_after_a_line_break_git_does_not_count(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    """A raw U+2028 in the unit's name: PyYAML counts it as a line break, git (and the problem's
    line) does not; the falling percent is still said at the percent cell, not the one above."""
    unit = sample / "data" / "units" / "chayouhouqi.yaml"
    text = unit.read_text(encoding="utf-8")
    named = text.replace("name: 察哈尔右翼后旗", 'name: "察哈尔\u2028右翼后旗"', 1)
    unit.write_text(named, encoding="utf-8")
    path = form(cli, sample, tmp_path / "out")
    fill(path, progress={"K1": {"status": "正常推进", "percent": 1, "summary": "推进"}})
    ws = load_workbook(path)["progress"]
    cell = f"{ws.cell(1, columns(ws)['percent']).column_letter}{row_of(ws, project='K1')}"
    code, output = run_import(cli, sample, path)
    assert code == 1
    assert said(f"{path}:progress!{cell}", "P003") in output, output


# -- the findings sheet: the unit's rectification (contract section 10) ----------------------------


def _claim_reasons(root: Path, unit: str, project: str) -> tuple[str, list[str]]:
    from ledger.asof.status import statuses
    from ledger.load import load

    ledger = load(root, cache=False).ledger()
    found = statuses(ledger, date.fromisoformat(SAMPLE_DAY), [ledger.units[unit]])
    status = next(s for s in found if s.claim.project == project)
    return status.flag, [r.kind for r in status.reasons]


def _state(root: Path, inspection: str, finding: str) -> str:
    from ledger.asof.findings import findings_as_of
    from ledger.load import load

    ledger = load(root, cache=False).ledger()
    return next(
        f.state
        for f in findings_as_of(ledger, date.fromisoformat(SAMPLE_DAY))
        if (f.inspection, f.finding.id) == (inspection, finding)
    )


def test_a_unit_reports_its_rectification_in_its_workbook(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    """The "done when" step: huade's form lists 2026q3-spot's f1, overdue; the clerk fills in
    the day and the evidence; the import writes them into the visit's file (its comments and
    every old line kept), the ledger validates, the finding is rectified and the claim B4 no
    longer red for it; closing stays the inspectors' act."""
    assert _state(sample, "2026q3-spot", "f1") == "overdue"
    assert "finding_overdue" in _claim_reasons(sample, FINDINGS_UNIT, "B4")[1]
    path = form(cli, sample, tmp_path / "out", "2026Q4", FINDINGS_UNIT)
    fill(
        path,
        findings={
            ("2026q3-spot", "f1"): {
                "rectified": datetime(2026, 11, 20),
                "evidence": "行业党委成立文件",
            }
        },
    )
    before = files(sample)
    code, output = run_import(cli, sample, path)
    assert code == 0, output
    assert "recorded finding f1 as rectified on 2026-11-20" in output
    assert "rectified 20 days late, it counts as late" in output  # its time limit was 10-31
    after = files(sample)
    assert [k for k in after if after[k] != before[k]] == [VISIT_FILE]
    old, new = before[VISIT_FILE].decode(), after[VISIT_FILE].decode()
    assert all(line in new.splitlines() for line in old.splitlines())  # comments kept
    assert "    due: 2026-10-31\n    rectified: 2026-11-20\n    evidence: 行业党委成立文件\n" in new
    assert "closed" not in new.split("id: f1", 1)[1].split("id: f2", 1)[0]
    found = validate(sample, date.fromisoformat(SAMPLE_DAY)).problems
    assert [p.code for p in found if p.level == "error"] == []
    assert _state(sample, "2026q3-spot", "f1") == "rectified"
    assert "finding_overdue" not in _claim_reasons(sample, FINDINGS_UNIT, "B4")[1]
    code, output = cli(
        "remind", "-u", FINDINGS_UNIT, "--format", "json", "-C", sample, "--today", SAMPLE_DAY
    )
    assert code == 0 and '"finding": "f1"' not in output, output

    # the same form again: as on file
    code, output = run_import(cli, sample, path)
    assert code == 0, output
    assert "0 recorded, 1 as on file" in output
    assert files(sample) == after


def test_an_untouched_findings_sheet_imports_as_no_change(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    """Evidence on file without a rectification date (the contract allows it), and a date after
    T on file: the row reads as the ledger's, with or without --replace, and changes nothing."""
    text = (sample / VISIT_FILE).read_text(encoding="utf-8")
    text = text.replace(
        "    due: 2026-10-31\n",
        '    due: 2026-10-31\n    evidence: " 园区党委筹建方案\\r已报县委 "\n',
        1,
    )
    text = text.replace(
        "    due: 2026-09-30\n", "    due: 2026-09-30\n    rectified: 2026-11-30\n", 1
    )
    (sample / VISIT_FILE).write_text(text, encoding="utf-8")
    before = files(sample)
    for unit in (FINDINGS_UNIT, "fengzhen"):
        path = form(cli, sample, tmp_path / unit, "2026Q4", unit)
        load_workbook(path).save(path)
        for args in ((), ("--replace",)):
            code, output = run_import(cli, sample, path, *args)
            assert code == 0, output
            assert "0 recorded" in output
            assert files(sample) == before


def test_a_different_rectification_on_file_needs_replace(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    # recorded after the form was made (by `ledger rectified`, say), on another day
    path = form(cli, sample, tmp_path / "out", "2026Q4", FINDINGS_UNIT)
    fill(path, findings={("2026q3-spot", "f1"): {"rectified": "2026-11-20"}})
    text = (sample / VISIT_FILE).read_text(encoding="utf-8")
    text = text.replace(
        "    due: 2026-10-31\n", "    due: 2026-10-31\n    rectified: 2026-11-18\n", 1
    )
    (sample / VISIT_FILE).write_text(text, encoding="utf-8")
    before = files(sample)
    code, output = run_import(cli, sample, path)
    assert code == 1
    assert said(f"{path}:findings!I3", "X031") in output, output
    assert "recorded as rectified on 2026-11-18: add --replace" in output
    assert files(sample) == before
    code, output = run_import(cli, sample, path, "--replace")
    assert code == 0, output
    assert "rectified: 2026-11-20" in (sample / VISIT_FILE).read_text(encoding="utf-8")


def test_a_bad_progress_row_refuses_the_rectification_too(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    path = form(cli, sample, tmp_path / "out", "2026Q4", FINDINGS_UNIT)
    fill(
        path,
        progress={"B4": {"status": "正常推进", "percent": 90, "summary": None}},  # X020
        findings={("2026q3-spot", "f1"): {"rectified": "2026-11-20", "evidence": "文件"}},
    )
    before = files(sample)
    code, output = run_import(cli, sample, path)
    assert code == 1
    assert "progress!" in output and "error[X020]" in output, output
    assert "findings!" not in output
    assert "nothing was written" in output
    assert files(sample) == before


def test_the_same_finding_reported_differently_in_two_forms(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    a = form(cli, sample, tmp_path / "a", "2026Q4", FINDINGS_UNIT)
    b = form(cli, sample, tmp_path / "b", "2026Q4", FINDINGS_UNIT)
    fill(a, findings={("2026q3-spot", "f1"): {"rectified": "2026-11-20"}})
    fill(b, findings={("2026q3-spot", "f1"): {"rectified": "2026-11-21"}})
    before = files(sample)
    code, output = run_import(cli, sample, a, b)
    assert code == 1
    assert said(f"{b}:findings!I3", "X023") in output, output
    assert files(sample) == before


def test_two_findings_of_one_visit_in_one_write(cli: Cli, sample: Path, tmp_path: Path) -> None:
    """shangdu's three rows are all of 2026q4-spot: one file, each change on the last."""
    path = form(cli, sample, tmp_path / "out", "2026Q4", "shangdu")
    fill(
        path,
        findings={
            ("2026q4-spot", "f1"): {"rectified": "2026-11-21"},
            ("2026q4-spot", "f5"): {"rectified": "2026-11-22", "evidence": "驻村指导记录"},
        },
    )
    code, output = run_import(cli, sample, path)
    assert code == 0, output
    assert "2 recorded" in output
    assert _state(sample, "2026q4-spot", "f1") == "rectified"
    assert _state(sample, "2026q4-spot", "f5") == "rectified"
    assert _state(sample, "2026q4-spot", "f4") == "open"


def test_a_visit_after_t_has_no_findings_to_rectify(cli: Cli, sample: Path, tmp_path: Path) -> None:
    """As of an earlier T, 2026q4-spot (2026-11-10) has not happened: its rows name nothing."""
    path = form(cli, sample, tmp_path / "out", "2026Q4", "shangdu")
    fill(path, findings={("2026q4-spot", "f1"): {"rectified": "2026-11-04"}})
    before = files(sample)
    code, output = cli("import", path, "-C", sample, "--today", "2026-11-05", "--lang", "en")
    assert code == 1
    assert said(f"{path}:findings!I3", "X029") in output, output
    assert files(sample) == before


def test_a_form_made_before_the_visit_has_an_empty_findings_sheet_and_imports(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, output = cli(
        "form",
        "-q",
        "2026Q3",
        "-o",
        out,
        "-u",
        FINDINGS_UNIT,
        "-C",
        sample,
        "--today",
        "2026-08-01",
    )
    assert code == 0, output
    path = out / f"{FINDINGS_UNIT}-2026Q3.xlsx"
    assert load_workbook(path).sheetnames == ["progress", "milestones", "findings"]
    before = files(sample)
    code, output = run_import(cli, sample, path)  # read back after 2026q3-spot (2026-08-18)
    assert code == 0, output
    assert files(sample) == before
