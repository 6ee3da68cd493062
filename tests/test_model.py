"""model.py: the shape of a ledger's files (required keys, empty values, enumerations, ids, dates,
percents, quarters)."""

from __future__ import annotations

import pytest

from tests.conftest import BOOK, LedgerMaker
from tests.support import BOOK_PATH, UNIT_A, A, at, found


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


@pytest.mark.parametrize(
    ("value", "code"), [("-1", "S010"), ("1.5", "S003"), ('"3"', "S003"), ("yes", "S003")]
)
def test_order_must_be_a_whole_number_from_0(
    make_ledger: LedgerMaker, value: str, code: str
) -> None:
    root = make_ledger(
        units={"a": UNIT_A.replace("name: 甲单位\n", f"name: 甲单位\norder: {value}\n")}
    )
    assert [(p.code, p.line) for p in found(root)] == [(code, 3)]


def test_contact_must_be_text(make_ledger: LedgerMaker) -> None:
    root = make_ledger(
        units={"a": UNIT_A.replace("name: 甲单位\n", "name: 甲单位\ncontact: 12345\n")}
    )
    assert [(p.path, p.code, p.line) for p in found(root)] == [(A, "S004", 3)]
