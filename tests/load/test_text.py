"""load/text.py: a file's bytes to text (encoding, byte-order mark, line ends, conflict markers,
control characters) and what is not a regular file (F008)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.load.file import read_part
from ledger.load.text import line_column
from tests.conftest import SAMPLE_DAY, LedgerMaker
from tests.runs import ledger, unprivileged
from tests.support import UNIT_A, A, Cli, at, found, ledger_files


def test_merge_conflict_markers_are_named_on_each_marker_line(make_ledger: LedgerMaker) -> None:
    text = """\
    id: a
    <<<<<<< HEAD
    name: 甲单位
    =======
    name: 甲单位（新）
    >>>>>>> feature/rename
    """
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "F004", 2, 1), (A, "F004", 4, 1), (A, "F004", 6, 1)]
    assert [p.args["marker"] for p in problems] == ["<<<<<<<", "=======", ">>>>>>>"]
    assert all("merge-conflict" in p.message("en") for p in problems)
    assert "合并冲突" in problems[0].message("zh")


def test_merge_conflict_markers_of_diff3_style_include_the_base_marker(
    make_ledger: LedgerMaker,
) -> None:
    text = "id: a\n<<<<<<< ours\nname: A\n||||||| base\nname: O\n=======\nname: B\n>>>>>>> theirs\n"
    problems = found(make_ledger(units={"a": text}))
    assert [(p.code, p.line) for p in problems] == [
        ("F004", 2),
        ("F004", 4),
        ("F004", 6),
        ("F004", 8),
    ]


def test_merge_conflict_markers_in_a_crlf_file_are_each_reported(
    make_ledger: LedgerMaker,
) -> None:
    text = b"id: a\r\n<<<<<<< HEAD\r\nname: A\r\n=======\r\nname: B\r\n>>>>>>> other\r\n"
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "F004", 2, 1), (A, "F004", 4, 1), (A, "F004", 6, 1)]


def test_a_gbk_file_is_not_utf8_and_the_hint_names_gbk(make_ledger: LedgerMaker) -> None:
    text = "id: a\nname: 察哈尔右翼后旗\n".encode("gbk")
    (problem,) = found(make_ledger(units={"a": text}))
    assert (problem.path, problem.code, problem.line, problem.column) == (A, "F003", 2, 1)
    assert "UTF-8" in problem.message("en")
    assert "GBK" in problem.message("en")
    assert "GBK" in problem.message("zh")


def test_a_latin1_file_is_not_utf8_without_the_gbk_hint(make_ledger: LedgerMaker) -> None:
    # "é " is not a GB18030 sequence either, so this cannot be mistaken for GBK.
    text = "id: a\nname: A\nparent: city\n# Café Müller\n".encode("latin-1")
    (problem,) = found(make_ledger(units={"a": text}))
    assert at([problem]) == [(A, "F003", 4, 1)]
    assert problem.message("en") == "the file is not UTF-8"
    assert "GBK" not in problem.message("zh")


def test_bom_and_crlf_are_accepted(make_ledger: LedgerMaker) -> None:
    text = ("\ufeff" + UNIT_A).replace("\n", "\r\n").encode("utf-8")
    assert found(make_ledger(units={"a": text})) == []


def test_positions_in_a_crlf_file_with_a_bom_are_still_right(make_ledger: LedgerMaker) -> None:
    text = "\ufeff" + UNIT_A.replace("王某", "no") + "    claimed: 2026/2/15\n"
    problems = found(make_ledger(units={"a": text.replace("\n", "\r\n").encode("utf-8")}))
    assert at(problems) == [(A, "S004", 5, 13), (A, "S005", 8, 14)]


def test_a_bom_does_not_shift_the_columns_of_the_first_line(make_ledger: LedgerMaker) -> None:
    root = make_ledger(units={"0012": "\ufeffid: 0012\nname: A\n".encode()})
    assert at(found(root)) == [("data/units/0012.yaml", "S004", 1, 5)]


def test_sample_in_crlf_keeps_positions_of_a_later_error(sample: Path) -> None:
    unit = sample / "data" / "units" / "jining.yaml"
    text = unit.read_text(encoding="utf-8").replace("percent: 45", "percent: 15")
    unit.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    problems = found(sample)
    assert at(problems) == [("data/units/jining.yaml", "P003", 36, 18)]
    assert problems[0].message("en") == "percent falls from 20 (2026Q1) to 15"


def test_a_folder_named_like_a_unit_file_is_not_a_regular_file(make_ledger: LedgerMaker) -> None:
    root = make_ledger()
    (root / "data" / "units" / "b.yaml").mkdir()
    problems = found(root)
    assert at(problems) == [("data/units/b.yaml", "F008", None, None)]
    assert problems[0].message("en").startswith("this is a folder, not a regular file")


def test_an_unreadable_file_is_reported(make_ledger: LedgerMaker) -> None:
    root = make_ledger(units={"a": UNIT_A})
    unit = root / "data" / "units" / "a.yaml"
    unit.chmod(0)
    try:
        if os.access(unit, os.R_OK):
            pytest.skip("running as a user that can read a file with mode 000")
        assert at(found(root)) == [(A, "F002", None, None)]
    finally:
        unit.chmod(0o644)


def test_cli_gbk_message_in_chinese(make_ledger: LedgerMaker, cli: Cli) -> None:
    root = make_ledger(units={"a": "id: a\nname: 集宁区\n".encode("gbk")})
    code, output = cli("validate", "-C", root, "--today", SAMPLE_DAY, "--lang", "zh")
    assert code == 1
    assert "data/units/a.yaml:2:1: error[F003]: 文件不是 UTF-8 编码：看起来是 GBK 编码" in output


def test_a_named_pipe_in_place_of_a_unit_file_is_named_and_never_opened(
    make_ledger: LedgerMaker,
) -> None:
    root = make_ledger()
    os.mkfifo(root / "data" / "units" / "b.yaml")
    code, out = ledger("validate", "-C", root, "--today", SAMPLE_DAY, "--lang", "en", timeout=15)
    assert code == 1
    assert "data/units/b.yaml: error[F008]: this is a named pipe, not a regular file" in out


@pytest.mark.parametrize("target", ["/dev/zero", "outside"])
def test_a_link_in_place_of_a_unit_file_is_not_followed(
    make_ledger: LedgerMaker, tmp_path: Path, target: str
) -> None:
    root = make_ledger()
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: b\nname: 机密内容 SECRET\n", encoding="utf-8")
    link = root / "data" / "units" / "b.yaml"
    link.symlink_to(secret if target == "outside" else target)
    code, out = ledger("validate", "-C", root, "--today", SAMPLE_DAY, "--lang", "en", timeout=15)
    assert code == 1
    assert "data/units/b.yaml: error[F008]: this is a symbolic link" in out
    assert "SECRET" not in out


@pytest.mark.parametrize("which", ["ledger.toml", "data/projects.yaml"])
def test_a_link_in_place_of_the_settings_or_the_book_is_not_followed(
    make_ledger: LedgerMaker, tmp_path: Path, which: str
) -> None:
    root = make_ledger()
    real = tmp_path / "real"
    (root / which).rename(real)
    (root / which).symlink_to(real)
    problems = found(root)
    assert (which, "F008") in [(p.path, p.code) for p in problems]


@pytest.mark.parametrize("folder", ["data", "data/units"])
def test_a_linked_data_folder_is_not_read(
    make_ledger: LedgerMaker, tmp_path: Path, folder: str
) -> None:
    root = make_ledger()
    elsewhere = tmp_path / "elsewhere"
    (root / folder).rename(elsewhere)
    (root / folder).symlink_to(elsewhere)
    problems = found(root)
    assert (folder, "F008") in [(p.path, p.code) for p in problems]
    assert not any(p.path.startswith(f"{folder}/") for p in problems if p.code != "F008")


def test_a_device_in_place_of_a_unit_file_is_not_read(make_ledger: LedgerMaker) -> None:
    root = make_ledger()
    try:
        os.mknod(root / "data" / "units" / "b.yaml", 0o600 | 0o020000, os.makedev(1, 5))
    except (PermissionError, AttributeError):
        pytest.skip("cannot make a device node here (not root)")
    problems = found(root)
    assert at(problems) == [("data/units/b.yaml", "F008", None, None)]
    assert "a device" in problems[0].message("en")


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x00", "\x7f", "\x85", "\x9b", "\x0c"])
def test_a_raw_control_character_is_an_error_at_its_position(
    make_ledger: LedgerMaker, char: str
) -> None:
    root = make_ledger(units={"a": UNIT_A.replace("甲单位", f"甲{char}单位")})
    problems = [p for p in found(root) if p.path == A]
    assert at(problems) == [(A, "S013", 2, 8)]
    assert problems[0].args["char"] == f"U+{ord(char):04X}"


def test_unreadable_files_and_folders_for_a_clerk_are_messages(sample: Path) -> None:
    units = sample / "data" / "units"
    before = ledger_files(sample)
    (units / "ulanqab-org.yaml").chmod(0)
    try:
        code, out = unprivileged("validate", "-C", sample, "--today", SAMPLE_DAY, "--lang", "en")
        assert code == 1 and "data/units/ulanqab-org.yaml: error[F002]" in out
        code, out = unprivileged(
            "done", "ulanqab-org", "K1", "survey", "-C", sample, "--today", SAMPLE_DAY
        )
        assert code in (1, 2) and "ulanqab-org.yaml" in out
        units.chmod(0)
        for args in (
            ["validate"],
            ["overdue"],
            ["report", "--year"],
            ["done", "ulanqab-org", "K1", "survey"],
        ):
            code, out = unprivileged(*args, "-C", sample, "--today", SAMPLE_DAY, "--lang", "en")
            assert code in (1, 2), (args, out)
    finally:
        units.chmod(0o755)
        (units / "ulanqab-org.yaml").chmod(0o644)
    assert ledger_files(sample) == before


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ab\n\r\x85\u2028\u2029甲")), max_size=30), st.data())
def test_line_column_counts_lines_by_lf_alone(text: str, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(text)))
    before = text[:index]
    assert line_column(text, index) == (before.count("\n") + 1, len(before.split("\n")[-1]) + 1)


def test_the_lines_of_a_text_are_found_once_for_all_its_problems() -> None:
    """Thousands of problems in one file: each position is looked up, the text is not scanned
    again for each (2,000 problems took 18 s)."""
    from ledger.load import text as module
    from ledger.load import yamlparse

    text = "claims:\n" + "".join(f"  - project: Q{i}\n" for i in range(2000)) + 'x: "\u2028"\n'
    before = (yamlparse._exact.cache_info().misses, module._line_starts.cache_info().misses)
    part = read_part("data/units/a.yaml", text.encode())
    assert len([p for p in part.problems if p.line is not None]) >= 2000
    after = (yamlparse._exact.cache_info().misses, module._line_starts.cache_info().misses)
    assert after[0] - before[0] <= 1 and after[1] - before[1] <= 1
