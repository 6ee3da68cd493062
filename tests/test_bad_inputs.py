"""Bad input, file by file: every problem has its code, its place (line and column, 1-based, on the
offending key or value) and a message a clerk can act on; never a traceback (contract 1-4, 6).

The checks across files (R*, D*, P*, W*) are in ``tests/rules/``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from ledger.load import load
from ledger.load.yamlparse import parse
from tests.conftest import BOOK, CONFIG, SAMPLE_DAY, LedgerMaker
from tests.support import BOOK_PATH, UNIT_A, A, Cli, at, found


def run(cli: Cli, root: Path, *more: str) -> tuple[int, str]:
    return cli("validate", "-C", root, "--today", SAMPLE_DAY, "--lang", "en", *more)


# -- files: encoding, conflict markers, emptiness -------------------------------------------------


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


@pytest.mark.parametrize(
    "text", ["", "\n\n", "# 集宁区\n# 待填写\n", "   \n", "---\n", "\ufeff"], ids=repr
)
def test_an_empty_or_comments_only_file_is_empty(make_ledger: LedgerMaker, text: str) -> None:
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "F005", None, None)]
    assert problems[0].message("en") == "the file is empty"


def test_an_empty_book_is_empty(make_ledger: LedgerMaker) -> None:
    assert at(found(make_ledger(book="# 项目书\n"))) == [(BOOK_PATH, "F005", None, None)]


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


# -- YAML -----------------------------------------------------------------------------------------


def test_tab_indentation(make_ledger: LedgerMaker) -> None:
    text = "id: a\nname: A\nclaims:\n\t- project: K1\n"
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "Y002", 4, 1)]
    assert "tab" in problems[0].message("en")


def test_tab_indentation_deeper_in_a_claim(make_ledger: LedgerMaker) -> None:
    text = UNIT_A.replace("    measures:", "\t  measures:")
    assert at(found(make_ledger(units={"a": text}))) == [(A, "Y002", 6, 1)]


def test_a_tab_between_key_and_value_is_fine(make_ledger: LedgerMaker) -> None:
    assert found(make_ledger(units={"a": "id:\ta\nname:\tA\n"})) == []


def test_a_key_written_twice(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(units={"a": "id: a\nname: 甲\nparent: city\nname: 乙\n"}))
    assert at(problems) == [(A, "Y003", 4, 1)]
    assert problems[0].args == {"key": "name", "first": 2}
    assert (
        problems[0].message("en") == "key `name` is written twice in this mapping (first on line 2)"
    )


def test_a_key_written_twice_in_a_claim_and_other_problems_still_reported(
    make_ledger: LedgerMaker,
) -> None:
    text = UNIT_A + "    leader: 李某\n    deadline: 2026-13-01\n"
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "Y003", 8, 5), (A, "Y003", 9, 5), (A, "S006", 9, 15)]
    assert [p.args["first"] for p in problems[:2]] == [5, 7]


def test_a_yaml_syntax_error_has_its_position(make_ledger: LedgerMaker) -> None:
    units = {
        "a": "id: a\nname: [A\nparent: city\n",
        "b": "id: b\nname: B\n  parent: city\n",
        "c": 'id: c\nname: "C\n',
    }
    problems = found(make_ledger(units=units))
    assert at(problems) == [
        (A, "Y001", 3, 7),
        ("data/units/b.yaml", "Y001", 3, 9),
        ("data/units/c.yaml", "Y001", 2, 7),  # the quote that is never closed
    ]
    assert problems[0].message("en").startswith("YAML syntax error: ")


def test_a_second_document_is_a_syntax_error(make_ledger: LedgerMaker) -> None:
    text = "id: a\nname: A\n---\nid: b\nname: B\n"
    assert at(found(make_ledger(units={"a": text}))) == [(A, "Y001", 3, 1)]


@pytest.mark.parametrize(
    ("text", "found_as"),
    [
        ("- id: a\n- name: A\n", "a list"),
        ("甲单位\n", "text"),
        ("42\n", "the number 42"),
    ],
)
def test_the_top_level_must_be_a_mapping(
    make_ledger: LedgerMaker, text: str, found_as: str
) -> None:
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "Y007", 1, 1)]
    assert found_as in problems[0].message("en")


def test_the_top_level_list_is_pointed_at_after_comments(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(units={"a": "# 甲单位\n\n- id: a\n"}))
    assert at(problems) == [(A, "Y007", 3, 1)]


def _alias_bomb(key_prefix: str) -> str:
    """The "billion laughs": 9 levels of 9 aliases each, 9**9 strings if expanded."""
    lines = [
        "id: a",
        "name: A",
        f"{key_prefix}0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]",
    ]
    for i in range(1, 10):
        lines.append(f"{key_prefix}{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("key_prefix", ["x-lol", "lol"])
def test_an_alias_bomb_is_rejected_fast_and_never_expanded(
    make_ledger: LedgerMaker, key_prefix: str
) -> None:
    root = make_ledger(units={"a": _alias_bomb(key_prefix)})
    start = time.perf_counter()
    problems = found(root)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0
    assert {p.code for p in problems} == {"Y004"}
    assert [(p.line, p.column) for p in problems] == [
        (3 + i, len(key_prefix) + 4) for i in range(10)
    ]
    assert problems[0].message("en") == (
        "anchors and aliases (`&l0`, `*l0`) are not allowed: write the value out"
    )


def test_an_alias_bomb_is_never_constructed_by_the_parser() -> None:
    start = time.perf_counter()
    parsed = parse(_alias_bomb("lol"), "x.yaml")
    assert time.perf_counter() - start < 1.0
    assert parsed.data is None
    assert parsed.problems and all(p.code == "Y004" for p in parsed.problems)


def test_a_single_anchor_and_alias_is_rejected(make_ledger: LedgerMaker) -> None:
    text = UNIT_A.replace("[开展排查]", "&m [开展排查]") + "  - project: B1\n    measures: *m\n"
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "Y004", 6, 15)]


def test_a_python_tag_is_rejected_and_never_executed(
    make_ledger: LedgerMaker, tmp_path: Path
) -> None:
    marker = tmp_path / "pwned"
    text = f'id: a\nname: !!python/object/apply:os.system ["touch {marker}"]\n'
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "Y005", 2, 7)]
    assert "!!python/object/apply:os.system" in problems[0].message("en")
    assert not marker.exists()


def test_a_python_tag_is_never_executed_by_the_parser(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    for text in (
        f'name: !!python/object/apply:os.system ["touch {marker}"]\n',
        f'!!python/object/apply:os.system ["touch {marker}"]\n',
        f'a: [!!python/object/apply:os.system ["touch {marker}"]\nb: [\n',  # a syntax error too
        f'- !!python/object/new:os.system ["touch {marker}"]\n',
    ):
        parsed = parse(text, "x.yaml")
        assert parsed.data is None
        assert parsed.problems
    assert not marker.exists()


@pytest.mark.parametrize(
    ("value", "tag"),
    [("!!str 甲单位", "!!str"), ("!local 甲单位", "!local"), ("!!binary aGk=", "!!binary")],
)
def test_every_tag_is_rejected(make_ledger: LedgerMaker, value: str, tag: str) -> None:
    problems = found(make_ledger(units={"a": f"id: a\nname: {value}\n"}))
    assert at(problems) == [(A, "Y005", 2, 7)]
    assert problems[0].args["tag"] == tag


def test_a_merge_key_is_rejected(make_ledger: LedgerMaker) -> None:
    text = "id: a\nname: A\n<<: {parent: city}\n"
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "Y006", 3, 1)]


# -- schema: unknown keys, x- keys ----------------------------------------------------------------


def test_typos_in_unit_claim_milestone_and_progress_keys_say_did_you_mean(
    make_ledger: LedgerMaker,
) -> None:
    text = """\
    id: a
    nmae: 甲单位
    claims:
      - project: K1
        leadr: 王某
        measures: [开展排查]
        deadline: 2026-11-30
        milestones:
          - id: survey
            doen: 2026-03-20
        progress:
          - quarter: 2026Q1
            status: on_track
            percent: 10
            sumary: 开展排查
            reported: 2026-04-02
    """
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [
        (A, "S002", 1, 1),  # name: on the mapping that should hold it
        (A, "S001", 2, 1),
        (A, "S002", 4, 5),  # leader
        (A, "S001", 5, 5),
        (A, "S001", 10, 9),
        (A, "S002", 12, 9),  # summary
        (A, "S001", 15, 9),
    ]
    unknown = [p for p in problems if p.code == "S001"]
    assert [p.message("en") for p in unknown] == [
        "unknown key `nmae`: did you mean `name`?",
        "unknown key `leadr`: did you mean `leader`?",
        "unknown key `doen`: did you mean `done`?",
        "unknown key `sumary`: did you mean `summary`?",
    ]
    assert unknown[0].message("zh") == "未知的键 `nmae`：是否应为 `name`？"
    missing = [p.args["key"] for p in problems if p.code == "S002"]
    assert missing == ["name", "leader", "summary"]


def test_typos_in_book_project_and_milestone_keys_say_did_you_mean(
    make_ledger: LedgerMaker,
) -> None:
    book = "titel: 测试项目书\n" + BOOK.replace("title: 测试项目书\n", "").replace(
        "    goal: 年底前全部整顿转化\n", "    goal: 年底前全部整顿转化\n    gaol: 重复\n"
    ).replace("        due: 2026-03-31\n", "        due: 2026-03-31\n        tilte: 排查\n")
    problems = found(make_ledger(book=book))
    assert at(problems) == [
        (BOOK_PATH, "S001", 1, 1),
        (BOOK_PATH, "S002", 1, 1),  # the book's title
        (BOOK_PATH, "S001", 8, 5),
        (BOOK_PATH, "S001", 13, 9),
    ]
    assert [p.message("en") for p in problems if p.code == "S001"] == [
        "unknown key `titel`: did you mean `title`?",
        "unknown key `gaol`: did you mean `goal`?",
        "unknown key `tilte`: did you mean `title`?",
    ]


def test_an_unknown_key_with_nothing_close_has_no_hint(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(units={"a": "id: a\nname: A\nphone: 12345\n"}))
    assert at(problems) == [(A, "S001", 3, 1)]
    assert problems[0].message("en") == "unknown key `phone`"


def test_typo_in_a_flow_mapping_points_at_the_key(make_ledger: LedgerMaker) -> None:
    text = (
        "id: a\nname: A\n"
        "claims: [{project: K1, leadr: x, leader: y, measures: [m], deadline: 2026-11-30}]\n"
    )
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "S001", 3, 24)]


def test_a_typo_in_the_sample_is_found_in_place(sample: Path) -> None:
    unit = sample / "data" / "units" / "jining.yaml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("    leader:", "    leaders:", 1))
    problems = found(sample)
    assert at(problems) == [
        ("data/units/jining.yaml", "S002", 8, 5),
        ("data/units/jining.yaml", "S001", 9, 5),
    ]
    assert problems[1].message("en") == "unknown key `leaders`: did you mean `leader`?"


def test_x_keys_are_ignored_everywhere(make_ledger: LedgerMaker) -> None:
    book = "x-note: 市委审定\n" + BOOK.replace(
        "    goal: 年底前全部整顿转化\n", "    goal: 年底前全部整顿转化\n    x-owner: {a: [1, 2]}\n"
    ).replace("        due: 2026-03-31\n", "        due: 2026-03-31\n        x-memo: [1, {b: c}]\n")
    unit = """\
    id: a
    name: 甲单位
    x-contact: 0474-83xxxxx
    x-nested: {deep: [1, 2, {x: no}]}
    claims:
      - project: K1
        leader: 王某
        measures: [开展排查]
        deadline: 2026-11-30
        x-budget: 12
        milestones:
          - id: survey
            done: 2026-03-20
            x-file: 纪要.pdf
        progress:
          - quarter: 2026Q1
            status: on_track
            percent: 25
            summary: 完成排查
            reported: 2026-04-08
            x-reviewed: yes
      - project: B1
        leader: 李某
        measures: [组织报考]
        deadline: 2026-12-31
    """
    config = CONFIG + "x-owner = 1\n\n[x-local]\nkey = 2\n"
    assert found(make_ledger(book=book, units={"a": unit}, config=config), ignore=()) == []


def test_an_x_key_holding_bad_values_is_ignored(make_ledger: LedgerMaker) -> None:
    text = "id: a\nname: A\nx-when: 2026/3/31\nx-who: no\nx-list: [2026-02-30, 0012]\n"
    assert found(make_ledger(units={"a": text})) == []


@pytest.mark.parametrize("key", ["1", "yes"])
def test_a_key_that_is_not_text_is_an_unknown_key_at_the_key(
    make_ledger: LedgerMaker, key: str
) -> None:
    problems = found(make_ledger(units={"a": f"id: a\nname: A\n{key}: x\n"}))
    assert at(problems) == [(A, "S001", 3, 1)]
    assert "Keys should be strings" not in problems[0].message("en")


# -- schema: required keys, empty values, enumerations, ids ---------------------------------------


def test_missing_required_keys_of_a_claim(make_ledger: LedgerMaker) -> None:
    text = "id: a\nname: A\nclaims:\n  - project: K1\n    x-note: 待补\n"
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "S002", 4, 5)] * 3
    assert [p.message("en") for p in problems] == [
        "missing required key `leader`",
        "missing required key `measures`",
        "missing required key `deadline`",
    ]


def test_missing_book_title(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(book=BOOK.replace("title: 测试项目书\n", "")))
    assert at(problems) == [(BOOK_PATH, "S002", 1, 1)]
    assert problems[0].args["key"] == "title"


def test_missing_unit_id(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(units={"a": "name: A\n"}))
    assert at(problems) == [(A, "S002", 1, 1)]
    assert problems[0].args["key"] == "id"


@pytest.mark.parametrize(
    ("text", "where", "key"),
    [
        (UNIT_A.replace("[开展排查]", "[]"), (6, 15), "measures"),
        ("title: 书\nprojects: []\n", None, "projects"),
        (None, None, "lead_units"),
    ],
    ids=["measures", "projects", "lead_units"],
)
def test_an_empty_list_where_one_entry_is_needed(
    make_ledger: LedgerMaker, text: str | None, where: tuple[int, int] | None, key: str
) -> None:
    if key == "measures":
        root, path = make_ledger(units={"a": text}), A
    elif key == "projects":
        root, path, where = make_ledger(book=text), BOOK_PATH, (2, 11)
    else:
        root = make_ledger(book=BOOK.replace("lead_units: [city]", "lead_units: []", 1))
        path, where = BOOK_PATH, (6, 17)
    problems = found(root)
    assert where is not None
    assert at(problems) == [(path, "S012", *where)]
    assert problems[0].message("en") == f"`{key}` needs at least one entry"


def test_empty_strings(make_ledger: LedgerMaker) -> None:
    text = """\
    id: a
    name: ""
    claims:
      - project: K1
        leader: "   "
        measures: ["", 开展排查]
        deadline: 2026-11-30
    """
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "S009", 2, 7), (A, "S009", 5, 13), (A, "S009", 6, 16)]
    assert problems[0].message("en") == "`name` must not be empty"


def test_an_empty_value_is_not_text(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(units={"a": UNIT_A.replace("王某", "~")}))
    assert at(problems) == [(A, "S003", 5, 13)]
    assert problems[0].message("en") == "`leader` should be text, not nothing (an empty value)"


@pytest.mark.parametrize(
    ("old", "new", "where", "value"),
    [
        ("category: key", "category: important", (4, 15), "important"),
        ("category: basic", "category: 关键", (16, 15), "关键"),
    ],
)
def test_a_bad_category(
    make_ledger: LedgerMaker, old: str, new: str, where: tuple[int, int], value: str
) -> None:
    problems = found(make_ledger(book=BOOK.replace(old, new)))
    assert at(problems) == [(BOOK_PATH, "S008", *where)]
    assert problems[0].message("en") == (
        f"`{value}` is not one of: key, basic, innovation, 重点, 基础, 创新"
    )


def test_a_bad_status(make_ledger: LedgerMaker) -> None:
    text = UNIT_A + (
        "    progress:\n      - quarter: 2026Q1\n        status: finished\n        percent: 100\n"
        "        summary: 完成\n        reported: 2026-04-02\n"
    )
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "S008", 10, 17)]
    assert "`finished` is not one of: on_track, at_risk, behind, done" in problems[0].message("en")


def test_chinese_category_and_status_words_are_accepted(make_ledger: LedgerMaker) -> None:
    book = BOOK.replace("category: key", "category: 重点").replace(
        "category: basic", "category: 创新"
    )
    book += (
        "  - id: J1\n    category: 基础\n    title: 基础\n    lead_units: [city]\n    goal: 目标\n"
    )
    entries = [
        ("2026Q1", "正常推进", 20, "2026-04-02"),
        ("2026Q2", "存在风险", 40, "2026-07-02"),
        ("2026Q3", "滞后", 50, "2026-10-02"),
        ("2026Q4", "已完成", 100, "2026-11-20"),
    ]
    text = UNIT_A + "    progress:\n"
    for quarter, status, percent, reported in entries:
        text += (
            f"      - quarter: {quarter}\n        status: {status}\n        percent: {percent}\n"
            f"        summary: 进展\n        reported: {reported}\n"
        )
    text += "  - {project: B1, leader: 李某, measures: [m], deadline: 2026-12-31}\n"
    text += "  - {project: J1, leader: 李某, measures: [m], deadline: 2026-12-31}\n"
    assert found(make_ledger(book=book, units={"a": text}), ignore=()) == []


def test_bad_ids(make_ledger: LedgerMaker) -> None:
    book = BOOK.replace("id: B1", "id: B 1").replace("id: survey", "id: Survey")
    root = make_ledger(book=book, units={"Jining": "id: Jining\nname: 集宁区\n"})
    problems = found(root)
    assert at(problems) == [
        (BOOK_PATH, "S007", 9, 13),
        (BOOK_PATH, "S007", 15, 9),
        ("data/units/Jining.yaml", "S007", 1, 5),
    ]
    messages = [p.message("en") for p in problems]
    assert messages[0].startswith("`Survey` is not a valid milestone id: ")
    assert messages[1].startswith("`B 1` is not a valid project id: ")
    assert messages[2].startswith("`Jining` is not a valid unit id: lower-case")


# -- schema: values YAML reads as something else --------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "found_as"),
    [
        ("no", "the yes/no value false"),
        ("yes", "the yes/no value true"),
        ("12:30", "the number 750"),
        ("2026-03-01", "the date 2026-03-01"),
        ("1.5", "the number 1.5"),
    ],
)
def test_a_leader_that_is_not_text_says_to_quote_it(
    make_ledger: LedgerMaker, raw: str, found_as: str
) -> None:
    problems = found(make_ledger(units={"a": UNIT_A.replace("王某", raw)}))
    assert at(problems) == [(A, "S004", 5, 13)]
    assert problems[0].message("en") == (
        f'`{raw}` is read as {found_as}: put it in quotes, leader: "{raw}"'
    )
    assert f'leader: "{raw}"' in problems[0].message("zh")


def test_a_unit_id_written_as_a_number_says_to_quote_it(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(units={"0012": "id: 0012\nname: 十二\n"}))
    assert at(problems) == [("data/units/0012.yaml", "S004", 1, 5)]
    message = problems[0].message("en")
    assert message.startswith("`0012` is read as the number")
    assert message.endswith('put it in quotes, id: "0012"')


def test_a_quoted_id_is_fine(make_ledger: LedgerMaker) -> None:
    assert found(make_ledger(units={"0012": 'id: "0012"\nname: 十二\n'})) == []


def test_a_date_where_text_is_expected_says_to_quote_it(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(units={"a": "id: a\nname: 2026-01-01\n"}))
    assert at(problems) == [(A, "S004", 2, 7)]
    assert problems[0].message("en") == (
        '`2026-01-01` is read as the date 2026-01-01: put it in quotes, name: "2026-01-01"'
    )


def test_a_value_that_only_looks_like_a_number_is_text(make_ledger: LedgerMaker) -> None:
    # `0x_` matches YAML 1.1's int pattern but int() refuses it: it is kept as the text written
    root = make_ledger(units={"a": UNIT_A.replace("王某", "0x_")})
    assert found(root) == []
    assert load(root).ledger().units["a"].claims[0].leader == "0x_"


# -- schema: dates --------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["2026-02-30", "2026-13-01", "2026-00-10"])
def test_an_impossible_date(make_ledger: LedgerMaker, raw: str) -> None:
    problems = found(make_ledger(units={"a": UNIT_A.replace("2026-11-30", raw)}))
    assert at(problems) == [(A, "S006", 7, 15)]
    assert problems[0].message("en") == f"`{raw}` is not a real date"


@pytest.mark.parametrize(
    "raw",
    [
        "2026/3/31",
        "2026年3月31日",
        "２０２６-０３-３１",
        "２０２６/３/３１",
        "2026-3-31",
        "20260331",
        "2026.03.31",
    ],
)
def test_a_date_not_in_iso_form_gives_the_iso_form(make_ledger: LedgerMaker, raw: str) -> None:
    problems = found(make_ledger(units={"a": UNIT_A.replace("2026-11-30", raw)}))
    assert at(problems) == [(A, "S005", 7, 15)]
    assert problems[0].message("en") == (
        f"`{raw}` is not a date in the form YYYY-MM-DD: write 2026-03-31"
    )
    assert "应写作 2026-03-31" in problems[0].message("zh")


def test_a_date_that_cannot_be_read_has_no_iso_hint(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(units={"a": UNIT_A.replace("2026-11-30", "年底前")}))
    assert at(problems) == [(A, "S005", 7, 15)]
    assert problems[0].message("en") == "`年底前` is not a date in the form YYYY-MM-DD"


def test_bad_dates_in_the_book_and_in_progress(make_ledger: LedgerMaker) -> None:
    book = BOOK.replace("due: 2026-03-31", "due: 2026/3/31")
    text = UNIT_A + (
        "    progress:\n      - quarter: 2026Q1\n        status: on_track\n        percent: 10\n"
        "        summary: 排查\n        reported: 2026年4月8日\n"
    )
    problems = found(make_ledger(book=book, units={"a": text}))
    assert at(problems) == [(BOOK_PATH, "S005", 11, 14), (A, "S005", 13, 19)]
    assert problems[1].message("en").endswith("write 2026-04-08")


# -- schema: numbers and quarters -----------------------------------------------------------------


def _progress(quarter: str = "2026Q1", percent: str = "10") -> str:
    return UNIT_A + (
        f"    progress:\n      - quarter: {quarter}\n        status: on_track\n"
        f"        percent: {percent}\n        summary: 排查\n        reported: 2026-10-08\n"
    )


@pytest.mark.parametrize("percent", ["-5", "101", "100.5"])
def test_percent_out_of_range(make_ledger: LedgerMaker, percent: str) -> None:
    problems = found(make_ledger(units={"a": _progress("2026Q4", percent)}))
    assert at(problems) == [(A, "S010", 11, 18)]
    assert problems[0].message("en") == f"`percent` is {percent}, outside 0..100"


@pytest.mark.parametrize(
    ("percent", "found_as"),
    [("fifty", "text"), ("50%", "text"), ('"50"', "text"), ("true", "the yes/no value true")],
)
def test_percent_that_is_not_a_number(
    make_ledger: LedgerMaker, percent: str, found_as: str
) -> None:
    problems = found(make_ledger(units={"a": _progress("2026Q4", percent)}))
    assert at(problems) == [(A, "S003", 11, 18)]
    assert problems[0].message("en") == f"`percent` should be a number, not {found_as}"


@pytest.mark.parametrize("quarter", ["2026-Q3", "Q3", "3", "2026Q5", "2026q3", "2026 Q3"])
def test_malformed_quarter(make_ledger: LedgerMaker, quarter: str) -> None:
    problems = found(make_ledger(units={"a": _progress(quarter)}))
    assert at(problems) == [(A, "S011", 9, 18)]
    assert problems[0].message("en") == f"`{quarter}` is not a quarter: write it like 2026Q3"


def test_a_quarter_in_full_width_digits_is_malformed(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(units={"a": _progress("２０２６Q4")}))
    assert at(problems) == [(A, "S011", 9, 18)]


# -- ledger.toml: every settings problem exits 2 --------------------------------------------------


def test_toml_syntax_error(make_ledger: LedgerMaker, cli: Cli) -> None:
    root = make_ledger(config='[ledger]\ntitle = "测试"\nyear = 2026\nlanguage = \n')
    problems = found(root)
    assert at(problems) == [("ledger.toml", "C001", 4, 12)]
    assert problems[0].message("en").startswith("TOML syntax error: ")
    code, output = run(cli, root)
    assert code == 2
    assert output.splitlines()[0].startswith("ledger.toml:4:12: error[C001]: TOML syntax error:")


def test_toml_syntax_error_at_the_end_has_a_line(make_ledger: LedgerMaker) -> None:
    root = make_ledger(config='[ledger]\ntitle = "测试"\nyear = [2026\n')
    (problem,) = found(root)
    assert problem.code == "C001"
    assert problem.line == 3


def test_toml_key_written_twice_is_a_syntax_error(make_ledger: LedgerMaker) -> None:
    root = make_ledger(config=CONFIG + "year = 2027\n")
    assert at(found(root)) == [("ledger.toml", "C001", 4, 12)]


def test_weights_must_add_up_to_100(make_ledger: LedgerMaker, cli: Cli) -> None:
    config = CONFIG + "\n[evaluation]\nmilestones = 50\nreports = 30\ncompletion = 30\n"
    root = make_ledger(config=config)
    problems = found(root)
    assert at(problems) == [("ledger.toml", "C002", 5, 1)]
    assert problems[0].message("en") == "the [evaluation] weights add up to 110, not 100"
    code, output = run(cli, root)
    assert code == 2
    assert "ledger.toml:5:1: error[C002]: the [evaluation] weights add up to 110" in output


def test_missing_year(make_ledger: LedgerMaker, cli: Cli) -> None:
    root = make_ledger(config='[ledger]\ntitle = "测试"\n')
    assert at(found(root)) == [("ledger.toml", "S002", 1, 1)]
    code, output = run(cli, root)
    assert code == 2
    assert "ledger.toml:1:1: error[S002]: missing required key `year`" in output.splitlines()


def test_unknown_settings_key(make_ledger: LedgerMaker, cli: Cli) -> None:
    root = make_ledger(config=CONFIG + 'languge = "en"\n\n[reportng]\nwarn_days = 7\n')
    problems = found(root)
    assert at(problems) == [("ledger.toml", "S001", 4, 1), ("ledger.toml", "S001", 6, 1)]
    assert problems[0].message("en") == "unknown key `languge`: did you mean `language`?"
    assert problems[1].message("en") == "unknown key `reportng`: did you mean `reporting`?"
    code, output = run(cli, root)
    assert code == 2
    assert "ledger.toml:4:1: error[S001]: unknown key `languge`: did you mean `language`?" in output


@pytest.mark.parametrize(
    ("extra", "code", "where", "message"),
    [
        ('language = "fr"\n', "S008", (4, 12), "`fr` is not one of"),
        ("\n[reporting]\nwarn_days = -1\n", "S010", (6, 13), "`warn_days` is -1, outside 0..366"),
        (
            "\n[evaluation]\nmilestones = 50.0\nreports = 30\ncompletion = 20\n",
            "S003",
            (6, 14),
            "`milestones` should be a whole number, not the number 50.0",
        ),
    ],
    ids=["language", "warn_days", "weight"],
)
def test_bad_settings_values(
    make_ledger: LedgerMaker,
    cli: Cli,
    extra: str,
    code: str,
    where: tuple[int, int],
    message: str,
) -> None:
    root = make_ledger(config=CONFIG + extra)
    problems = found(root)
    assert at(problems) == [("ledger.toml", code, *where)]
    assert problems[0].message("en").startswith(message)
    assert run(cli, root)[0] == 2


def test_year_written_as_text(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(config='[ledger]\ntitle = "测试"\nyear = "2026"\n'))
    assert at(problems) == [("ledger.toml", "S003", 3, 8)]


def test_unknown_settings_subtable_is_pointed_at(make_ledger: LedgerMaker) -> None:
    root = make_ledger(config=CONFIG + "\n[ledger.extra]\na = 1\n")
    assert at(found(root)) == [("ledger.toml", "S001", 5, 1)]


# -- missing files and folders; the CLI -----------------------------------------------------------


def test_missing_book(make_ledger: LedgerMaker, cli: Cli) -> None:
    root = make_ledger(book=None, units={"a": UNIT_A})
    assert at(found(root)) == [(BOOK_PATH, "F001", None, None)]
    code, output = run(cli, root)
    assert code == 1
    assert output.splitlines()[0] == "data/projects.yaml: error[F001]: file not found"


def test_missing_ledger_toml_with_root_exits_2(make_ledger: LedgerMaker, cli: Cli) -> None:
    root = make_ledger(config=None)
    code, output = run(cli, root)
    assert code == 2
    assert "holds no ledger.toml" in output
    assert "Traceback" not in output


def test_a_root_that_does_not_exist_exits_2(tmp_path: Path, cli: Cli) -> None:
    code, output = run(cli, tmp_path / "nowhere")
    assert code == 2
    assert "does not exist" in output


def test_missing_units_folder(make_ledger: LedgerMaker, cli: Cli) -> None:
    root = make_ledger()
    (root / "data" / "units" / "city.yaml").unlink()
    (root / "data" / "units").rmdir()
    problems = found(root)
    assert at(problems) == [("data/units", "F006", None, None)]
    assert "data/units/" in problems[0].message("en")
    code, output = run(cli, root)
    assert code == 1
    assert output.splitlines()[0].startswith("data/units: error[F006]: ")


def test_a_yml_file_is_not_read_and_warned_about(make_ledger: LedgerMaker, cli: Cli) -> None:
    root = make_ledger(units={"a": UNIT_A})
    (root / "data" / "units" / "b.yml").write_text("id: b\nname: 乙\nbroken: [\n")
    problems = found(root)
    assert at(problems) == [("data/units/b.yml", "F007", None, None)]
    assert problems[0].level == "warning"
    assert problems[0].message("en") == "`b.yml` is not read: unit files are named <id>.yaml"
    code, output = run(cli, root)
    assert code == 0
    assert "data/units/b.yml: warning[F007]: `b.yml` is not read" in output
    assert run(cli, root, "--strict")[0] == 1


def test_cli_prints_path_line_column_code_and_message(make_ledger: LedgerMaker, cli: Cli) -> None:
    root = make_ledger(units={"a": "id: a\nname: 甲\nparent: city\nname: 乙\n", "b": b""})
    code, output = run(cli, root)
    assert code == 1
    lines = output.splitlines()
    assert lines == [
        "data/projects.yaml:3:9: warning[W001]: "
        "project K1 (软弱涣散基层党组织整顿转化) is claimed by no unit",
        "data/projects.yaml:15:9: warning[W001]: "
        "project B1 (两委班子学历提升) is claimed by no unit",
        "data/units/a.yaml:4:1: error[Y003]: key `name` is written twice in this mapping "
        "(first on line 2)",
        "data/units/b.yaml: error[F005]: the file is empty",
        "5 files checked: 2 error(s), 2 warning(s)",
    ]


def test_cli_json_gives_line_and_column(make_ledger: LedgerMaker, cli: Cli) -> None:
    import json

    root = make_ledger(units={"a": UNIT_A.replace("王某", "no")})
    code, output = run(cli, root, "--format", "json")
    assert code == 1
    doc = json.loads(output)
    assert doc["errors"] == 1
    (problem,) = [p for p in doc["problems"] if p["severity"] == "error"]
    assert problem == {
        "path": A,
        "line": 5,
        "column": 13,
        "severity": "error",
        "code": "S004",
        "message": '`no` is read as the yes/no value false: put it in quotes, leader: "no"',
    }


def test_cli_gbk_message_in_chinese(make_ledger: LedgerMaker, cli: Cli) -> None:
    root = make_ledger(units={"a": "id: a\nname: 集宁区\n".encode("gbk")})
    code, output = cli("validate", "-C", root, "--today", SAMPLE_DAY, "--lang", "zh")
    assert code == 1
    assert "data/units/a.yaml:2:1: error[F003]: 文件不是 UTF-8 编码：看起来是 GBK 编码" in output


def test_every_problem_in_every_file_in_one_run(make_ledger: LedgerMaker, cli: Cli) -> None:
    book = BOOK.replace("category: basic", "category: 普通")
    units = {
        "a": UNIT_A.replace("2026-11-30", "2026/11/30"),
        "b": "id: b\nname: 乙\nname: 乙乙\n",
        "c": "id: c\nname: 丙\nclaims:\n\t- project: K1\n",
    }
    root = make_ledger(book=book, units=units)
    assert at(found(root)) == [
        (BOOK_PATH, "S008", 16, 15),
        (A, "S005", 7, 15),
        ("data/units/b.yaml", "Y003", 3, 1),
        ("data/units/c.yaml", "Y002", 4, 1),
    ]
    code, output = run(cli, root)
    assert code == 1
    # K1 is claimed (the claim has an error, but names K1); B1 has an error, so no W001 for it
    assert output.splitlines()[-1] == "6 files checked: 4 error(s), 0 warning(s)"


def test_a_broken_book_does_not_stop_the_unit_files_being_checked(
    make_ledger: LedgerMaker,
) -> None:
    root = make_ledger(book="title: [\n", units={"a": UNIT_A.replace("王某", "yes")})
    assert [(p.path, p.code) for p in found(root)] == [(BOOK_PATH, "Y001"), (A, "S004")]


# -- the usual culprits of a syntax error, named -------------------------------------------------

CULPRITS = [
    ("id: a\nname： 甲\n", 2, 5, "用了中文冒号“：”，请改为英文冒号“:”后加空格", "full-width colon"),
    ("id: a\nname:甲\nparent: b\n", 2, 5, "冒号“:”之后缺少空格", "missing after the colon"),
    ("id: a\nclaims:\n  -project: K1\n    leader: x\n", 3, 3, "“-”之后缺少空格", "after the “-”"),
    ('id: a\nname: "甲\nparent: b\n', 2, 7, "引号没有配对", "never closed"),
    ("id: a\nname: '甲\nparent: b\n", 2, 7, "引号没有配对", "never closed"),
    ("id: a\nclaims:\n\u3000- project: K1\n  - x: 1\n", 3, 1, "全角空格", "full-width space"),
    (
        "id: a\nclaims:\n  - project: K1\n    leader： x\n    deadline: 2026-01-01\n",
        4,
        11,
        "中文冒号",
        "full-width colon",
    ),
]


@pytest.mark.parametrize(("text", "line", "column", "zh", "en"), CULPRITS)
def test_syntax_errors_name_the_usual_culprits(
    text: str, line: int, column: int, zh: str, en: str
) -> None:
    from ledger.load.yamlparse import parse

    problems = parse(text, "data/units/a.yaml").problems
    assert [(p.code, p.line, p.column) for p in problems] == [("Y001", line, column)]
    assert zh in problems[0].message("zh") and en in problems[0].message("en")


def test_a_full_width_colon_in_a_value_is_not_blamed() -> None:
    from ledger.load.yamlparse import parse

    text = "id: a\nmeasures:\n  - 排查：逐村建立台账\nname: [1, 2\n"
    problems = parse(text, "data/units/a.yaml").problems
    assert problems[0].code == "Y001" and "中文冒号" not in problems[0].message("zh")
