"""load/yamlparse.py: YAML text to data, safely (no tags, aliases or merge keys), with the position
of every problem and the usual culprits of a syntax error named."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.load.file import read_part
from ledger.load.yamlparse import parse
from tests.conftest import BOOK, CONFIG, LedgerMaker
from tests.support import UNIT_A, A, at, found


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


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('name: "a\\e[2J"\n', 1, 7),
        ('x: 1\nname: "\\0"\n', 2, 7),
        ("name: 'ok'\nleader: \"\\x9b\"\n", 2, 9),
        ('name: "\\x7f"\n', 1, 7),
    ],
)
def test_a_control_character_from_an_escape_is_an_error_at_its_text(
    text: str, line: int, column: int
) -> None:
    problems = parse(text, "f").problems
    assert [(p.code, p.line, p.column) for p in problems] == [("S013", line, column)]


def test_tab_line_feed_and_carriage_return_in_quotes_are_text() -> None:
    assert parse('name: "a\\tb\\nc\\rd"\n', "f").problems == []


@pytest.mark.parametrize(
    ("line", "value"),
    [("percent: 062", 50), ("percent: 0_62", 50), ("order: 1:30", 90), ("percent: 1:30.5", 90.5)],
)
def test_yaml_1_1_octal_and_base_60_numbers_are_errors(line: str, value: float) -> None:
    problems = parse(f"{line}\n", "f").problems
    assert [(p.code, p.line, p.column, p.args["value"]) for p in problems] == [
        ("S014", 1, line.index(":") + 3, value)
    ]


@pytest.mark.parametrize("line", ["percent: 62", "percent: 0", "order: 10", 'percent: "062"'])
def test_plain_numbers_are_fine(line: str) -> None:
    assert parse(f"{line}\n", "f").problems == []


# -- lines as git counts them ---------------------------------------------------------------------

# PyYAML starts a line at a lone CR, U+2028 and U+2029 (and NEL, which is found earlier, as S013);
# git and every editor the clerks use do not
_OTHER_BREAKS = ["\u2028", "\u2029", "\r"]
_GOOD_LINES = [
    "id: a  # 注",
    'name: "甲§单位"',
    "short_name: '甲§'",
    "order: 3",
    "claims:",
    '  - project: "K1"',
    "    leader: '王§某'",
    "    measures: [\"开§展\", '排§查']",
    "    deadline: 2026-11-30",
]
_BAD_LINES = [
    "name: 乙",  # a key written twice, when name is above
    "order: 012",
    "order: +0_60",
    "k: v: w",
    "k：1",
    "k:v",
    "-x",
    "\tid: b",
    "a: &x 1",
    "a: *x",
    "a: !!python/name:os.system",
    "<<: {}",
    "deadline: 2026-02-30",
    "unknown_key: 1",
    "  - project: K9",
    "---",
    "[",
]


@st.composite
def _document_with_marks(draw: st.DrawFn) -> str:
    lines = [
        draw(st.sampled_from(_BAD_LINES)) if draw(st.integers(0, 3)) == 0 else line
        for line in _GOOD_LINES
    ]
    lines += draw(st.lists(st.sampled_from([*_GOOD_LINES, *_BAD_LINES]), max_size=4))
    if draw(st.booleans()):
        lines.append('summary: "unclosed § ')  # last: the rest of the file is inside it
    text = "\n".join(lines) + draw(st.sampled_from(["", "\n"]))
    # the marks that stay, each inside quotes: a line break there is text to YAML
    return "".join(c for c in text if c != "§" or draw(st.booleans()))


@settings(max_examples=300, deadline=None)
@given(text=_document_with_marks(), brk=st.sampled_from(_OTHER_BREAKS))
def test_a_line_break_inside_quotes_moves_no_problem_to_another_line(text: str, brk: str) -> None:
    """A LS, PS or lone CR inside a quoted text gives the problems a plain letter in its place
    gives, at the same line and column (and the same `first on line`): lines are git's."""

    def problems(mark: str) -> list[tuple[str, int | None, int | None, object]]:
        part = read_part("data/units/a.yaml", text.replace("§", mark).encode())
        return [(p.code, p.line, p.column, p.args.get("first")) for p in part.problems]

    with_break = problems(brk)
    assert with_break == problems("x")
    assert all(line is None or line <= text.count("\n") + 1 for _, line, _, _ in with_break)


@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\r"])
def test_a_line_break_in_a_name_leaves_the_lines_as_git_counts_them(brk: str) -> None:
    assert [
        (p.code, p.line, p.args) for p in parse(f'name: "甲{brk}乙"\nk: 1\nk: 2\n', "f").problems
    ] == [("Y003", 3, {"key": "k", "first": 2})]
    problem = parse(f'name: "甲{brk}乙"\nk: "open\n', "f").problems[0]
    assert (problem.line, problem.column) == (2, 4)
    problem = parse(f'name: "甲{brk}乙"\n---\nk: 1\n', "f").problems[0]
    assert (problem.line, problem.column) == (2, 1)


def test_a_next_line_character_is_an_error_on_its_own_line() -> None:
    part = read_part("data/units/a.yaml", 'id: a\nname: "甲\x85乙"\n'.encode())
    assert [(p.code, p.line, p.column) for p in part.problems] == [("S013", 2, 9)]
