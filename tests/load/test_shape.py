"""load/shape.py: pydantic's errors to problems a clerk can act on (unknown keys with a did-you-
mean, values YAML reads as something else, said to be quoted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger.load import load
from tests.conftest import BOOK, LedgerMaker
from tests.support import BOOK_PATH, UNIT_A, A, at, found


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


@pytest.mark.parametrize("key", ["1", "yes"])
def test_a_key_that_is_not_text_is_an_unknown_key_at_the_key(
    make_ledger: LedgerMaker, key: str
) -> None:
    problems = found(make_ledger(units={"a": f"id: a\nname: A\n{key}: x\n"}))
    assert at(problems) == [(A, "S001", 3, 1)]
    assert "Keys should be strings" not in problems[0].message("en")


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
