"""The checks across values and files (contract section 6): references R*, dates D*, progress P*
and the warnings W*, each with its place and message, and how ``--strict`` treats the warnings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ledger.validate import validate
from tests.conftest import BOOK, SAMPLE_DAY, LedgerMaker
from tests.support import BOOK_PATH, UNIT_A, A, Cli, at, found


def unit(name: str, parent: str | None = None) -> str:
    return f"id: {name}\nname: {name.upper()}\n" + (f"parent: {parent}\n" if parent else "")


def with_milestones(*lines: str) -> str:
    """UNIT_A with a ``milestones:`` list at line 8; ``lines`` follow from line 9."""
    return UNIT_A + "    milestones:\n" + "".join(f"      {line}\n" for line in lines)


def with_progress(*entries: tuple[str, str, object, str]) -> str:
    """UNIT_A with ``progress:`` at line 8; entry i (from 0) has its quarter on line 9 + 5i, status
    10 + 5i, percent 11 + 5i and reported 13 + 5i."""
    text = UNIT_A + "    progress:\n"
    for quarter, status, percent, reported in entries:
        text += (
            f"      - quarter: {quarter}\n        status: {status}\n        percent: {percent}\n"
            f"        summary: 进展\n        reported: {reported}\n"
        )
    return text


def test_the_helpers_build_a_clean_ledger(make_ledger: LedgerMaker) -> None:
    text = with_progress(("2026Q1", "on_track", 10, "2026-04-02"))
    assert found(make_ledger(units={"a": text})) == []


# -- references -----------------------------------------------------------------------------------


def test_unit_id_differs_from_file_name(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(units={"jining": "id: jinning\nname: 集宁区\n"}))
    assert at(problems) == [("data/units/jining.yaml", "R001", 1, 5)]
    assert problems[0].message("en") == (
        "the unit id `jinning` differs from the file name `jining.yaml`"
    )


@pytest.mark.parametrize(
    ("project", "hint"), [("K11", ": did you mean `K1`?"), ("ZZZ", "")], ids=["close", "far"]
)
def test_unknown_project_in_a_claim(make_ledger: LedgerMaker, project: str, hint: str) -> None:
    problems = found(make_ledger(units={"a": UNIT_A.replace("K1", project)}))
    assert at(problems) == [(A, "R002", 4, 14)]
    assert problems[0].message("en") == f"unknown project `{project}`{hint}"


def test_unknown_lead_unit(make_ledger: LedgerMaker) -> None:
    book = BOOK.replace("lead_units: [city]", "lead_units: [city, ctiy]", 1)
    problems = found(make_ledger(book=book))
    assert at(problems) == [(BOOK_PATH, "R003", 6, 24)]
    assert problems[0].message("en") == "unknown unit `ctiy`: did you mean `city`?"


def test_unknown_parent(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(units={"a": unit("a", "ctiy")}))
    assert at(problems) == [(A, "R004", 3, 9)]
    assert problems[0].message("en") == "unknown parent unit `ctiy`: did you mean `city`?"


def test_a_known_parent_is_fine(make_ledger: LedgerMaker) -> None:
    assert found(make_ledger(units={"a": unit("a", "city")})) == []


def test_a_parent_cycle_of_two(make_ledger: LedgerMaker) -> None:
    units = {"a": unit("a", "b"), "b": unit("b", "a"), "c": unit("c", "a")}
    problems = found(make_ledger(units=units))
    # once per cycle, on the parent line of its first unit by id
    assert at(problems) == [(A, "R005", 3, 9)]
    assert problems[0].message("en") == "the parents form a cycle: a → b → a"


def test_a_parent_cycle_of_three_and_a_unit_pointing_into_it(make_ledger: LedgerMaker) -> None:
    # "a" sorts first and is walked first: it leads into the cycle but is not part of it.
    units = {
        "a": unit("a", "c"),
        "b": unit("b", "c"),
        "c": unit("c", "d"),
        "d": unit("d", "b"),
        "e": unit("e", "city"),
    }
    problems = found(make_ledger(units=units))
    assert at(problems) == [("data/units/b.yaml", "R005", 3, 9)]
    assert problems[0].message("en") == "the parents form a cycle: b → c → d → b"


def test_a_unit_that_is_its_own_parent(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(units={"a": unit("a", "a")}))
    assert at(problems) == [(A, "R005", 3, 9)]
    assert problems[0].message("en") == "the parents form a cycle: a → a"


def test_duplicate_project_id(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(book=BOOK.replace("id: B1", "id: K1")))
    assert at(problems) == [(BOOK_PATH, "R006", 15, 9)]
    assert problems[0].message("en") == "project id `K1` is used twice (first on line 3)"


def test_duplicate_milestone_id_in_a_project(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(book=BOOK.replace("id: accept", "id: survey")))
    assert at(problems) == [(BOOK_PATH, "R007", 12, 13)]
    assert problems[0].message("en") == (
        "milestone id `survey` is used twice here (first on line 9)"
    )


def test_duplicate_milestone_id_in_a_claim(make_ledger: LedgerMaker) -> None:
    text = with_milestones(
        "- {id: mine, title: 自定一, due: 2026-05-01}",
        "- {id: survey, done: 2026-03-20}",
        "- {id: mine, title: 自定二, due: 2026-06-01}",
    )
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "R007", 11, 14)]
    assert problems[0].args == {"id": "mine", "first": 9}


def test_a_project_milestone_recorded_twice_in_a_claim(make_ledger: LedgerMaker) -> None:
    text = with_milestones("- {id: survey, done: 2026-03-20}", "- {id: survey, done: 2026-03-25}")
    assert at(found(make_ledger(units={"a": text}))) == [(A, "R007", 10, 14)]


def test_one_unit_claiming_a_project_twice(make_ledger: LedgerMaker) -> None:
    text = (
        UNIT_A
        + "  - project: K1\n    leader: 李某\n    measures: [复查]\n    deadline: 2026-10-31\n"
    )
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "R008", 8, 14)]
    assert problems[0].message("en") == (
        "project `K1` is claimed twice by this unit (first on line 4)"
    )


def test_two_units_claiming_one_project_is_fine(make_ledger: LedgerMaker) -> None:
    units = {"a": UNIT_A, "b": UNIT_A.replace("id: a", "id: b")}
    assert found(make_ledger(units=units)) == []


@pytest.mark.parametrize(
    ("lines", "missing"),
    [
        (["- id: rectify"], ["title", "due"]),
        (["- id: rectify", "  title: 整顿转化"], ["due"]),
        (["- id: rectify", "  due: 2026-09-30"], ["title"]),
    ],
    ids=["both", "due", "title"],
)
def test_own_milestone_without_title_or_due(
    make_ledger: LedgerMaker, lines: list[str], missing: list[str]
) -> None:
    problems = found(make_ledger(units={"a": with_milestones(*lines)}))
    assert at(problems) == [(A, "R009", 9, 13)] * len(missing)
    assert [p.args["key"] for p in problems] == missing
    assert problems[0].message("en") == (
        f"milestone `rectify` is not one of project K1's milestones (survey, accept), "
        f"so it is the unit's own and needs `{missing[0]}`"
    )


def test_a_project_milestone_needs_no_title_or_due_in_a_claim(make_ledger: LedgerMaker) -> None:
    text = with_milestones("- id: survey", "  done: 2026-03-20", "- id: accept")
    assert found(make_ledger(units={"a": text})) == []


def test_claim_milestone_due_later_than_the_books(make_ledger: LedgerMaker) -> None:
    text = with_milestones("- id: survey", "  due: 2026-04-30", "- id: accept", "  due: 2026-11-01")
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "R010", 10, 14)]
    assert problems[0].message("en") == (
        "`due: 2026-04-30` moves project milestone `survey` later than the book's 2026-03-31: "
        "a claim may only set an earlier date"
    )


def test_claim_milestone_due_on_the_books_date_is_fine(make_ledger: LedgerMaker) -> None:
    text = with_milestones("- id: survey", "  due: 2026-03-31")
    assert found(make_ledger(units={"a": text})) == []


def test_a_project_with_a_schema_error_is_still_known_to_claims(make_ledger: LedgerMaker) -> None:
    book = BOOK.replace(
        "    goal: 年底前全部整顿转化\n", "    goal: 年底前全部整顿转化\n    gaol: 重复\n"
    )
    problems = found(make_ledger(book=book, units={"a": UNIT_A}))
    assert at(problems) == [(BOOK_PATH, "S001", 8, 5)]


# -- dates ----------------------------------------------------------------------------------------


def test_deadline_and_claimed_outside_the_year(make_ledger: LedgerMaker) -> None:
    text = UNIT_A.replace("2026-11-30", "2027-01-31") + "    claimed: 2025-12-20\n"
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "D001", 7, 15), (A, "D001", 8, 14)]
    assert problems[0].message("en") == "2027-01-31 lies outside the ledger year 2026"


def test_due_outside_the_year_in_book_and_claim(make_ledger: LedgerMaker) -> None:
    book = BOOK.replace("due: 2026-03-31", "due: 2025-12-31")
    text = with_milestones("- {id: own, title: 自定, due: 2025-11-30}")
    problems = found(make_ledger(book=book, units={"a": text}))
    assert at(problems) == [(BOOK_PATH, "D001", 11, 14), (A, "D001", 9, 35)]
    assert problems[1].message("en") == "2025-11-30 lies outside the ledger year 2026"


def test_done_and_reported_in_the_following_year_are_accepted(make_ledger: LedgerMaker) -> None:
    text = with_progress(("2026Q4", "done", 100, "2027-01-05"))
    text = text.replace(
        "    progress:",
        "    milestones:\n      - id: accept\n        done: 2027-01-10\n    progress:",
    )
    assert found(make_ledger(units={"a": text}), today=date(2027, 1, 20)) == []


def test_done_and_reported_two_years_later_are_outside_the_year(make_ledger: LedgerMaker) -> None:
    text = with_progress(("2026Q4", "done", 100, "2028-01-05"))
    text = text.replace(
        "    progress:",
        "    milestones:\n      - id: accept\n        done: 2028-01-10\n    progress:",
    )
    problems = found(make_ledger(units={"a": text}), today=date(2028, 2, 1))
    assert at(problems) == [(A, "D001", 10, 15), (A, "D001", 16, 19)]
    assert [p.message("en") for p in problems] == [
        "2028-01-10 lies outside the ledger year 2026",
        "2028-01-05 lies outside the ledger year 2026",
    ]


def test_done_before_the_year(make_ledger: LedgerMaker) -> None:
    text = with_milestones("- id: survey", "  done: 2025-12-30")
    assert at(found(make_ledger(units={"a": text}))) == [(A, "D001", 10, 15)]


def test_done_after_today(make_ledger: LedgerMaker) -> None:
    text = with_milestones("- id: survey", "  done: 2026-11-26")
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "D002", 10, 15)]
    assert problems[0].message("en") == "done on 2026-11-26, which is after today (2026-11-25)"
    assert problems[0].after_today


def test_done_on_today_is_fine(make_ledger: LedgerMaker) -> None:
    text = with_milestones("- id: survey", "  done: 2026-11-25")
    assert found(make_ledger(units={"a": text})) == []


def test_reported_after_today(make_ledger: LedgerMaker) -> None:
    text = with_progress(("2026Q3", "on_track", 50, "2026-11-26"))
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "D003", 13, 19)]
    assert problems[0].message("en") == (
        "reported on 2026-11-26, which is after today (2026-11-25)"
    )
    assert problems[0].after_today


def test_a_quarter_after_todays_quarter(make_ledger: LedgerMaker) -> None:
    text = with_progress(
        ("2026Q1", "on_track", 10, "2026-04-02"), ("2026Q3", "on_track", 30, "2026-07-01")
    )
    problems = found(make_ledger(units={"a": text}), today=date(2026, 5, 15))
    # Q3 has not begun on 15 May, so its report is dated after today too.
    assert at(problems) == [(A, "D004", 14, 18), (A, "D003", 18, 19)]
    assert problems[0].message("en") == "quarter 2026Q3 has not begun yet (today is 2026-05-15)"
    assert problems[0].after_today


def test_todays_quarter_is_fine(make_ledger: LedgerMaker) -> None:
    text = with_progress(("2026Q2", "on_track", 10, "2026-05-10"))
    assert found(make_ledger(units={"a": text}), today=date(2026, 5, 15)) == []


def test_a_quarter_of_another_year(make_ledger: LedgerMaker) -> None:
    text = with_progress(
        ("2025Q4", "on_track", 10, "2026-01-05"), ("2027Q1", "on_track", 20, "2026-04-05")
    )
    problems = found(make_ledger(units={"a": text}), today=date(2027, 6, 1))
    assert at(problems) == [(A, "D006", 9, 18), (A, "D006", 14, 18), (A, "D005", 18, 19)]
    assert problems[0].message("en") == "quarter 2025Q4 is not in the ledger year 2026"


def test_reported_before_the_quarter_began(make_ledger: LedgerMaker) -> None:
    text = with_progress(("2026Q3", "on_track", 50, "2026-06-30"))
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "D005", 13, 19)]
    assert problems[0].message("en") == (
        "reported on 2026-06-30, before quarter 2026Q3 began (2026-07-01)"
    )


def test_reported_on_the_first_day_of_the_quarter_is_fine(make_ledger: LedgerMaker) -> None:
    text = with_progress(("2026Q3", "on_track", 50, "2026-07-01"))
    assert found(make_ledger(units={"a": text})) == []


def test_sample_before_the_reports_were_made(sample: Path) -> None:
    problems = validate(sample, date(2026, 10, 15)).problems
    late = [p for p in problems if p.code in ("D002", "D003", "D004")]
    assert late and all(p.after_today and p.line is not None for p in late)


# -- progress -------------------------------------------------------------------------------------


def test_a_quarter_reported_twice(make_ledger: LedgerMaker) -> None:
    text = with_progress(
        ("2026Q1", "on_track", 10, "2026-04-02"), ("2026Q1", "on_track", 20, "2026-04-05")
    )
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "P001", 14, 18)]
    assert problems[0].message("en") == "quarter 2026Q1 is reported twice (first on line 9)"


def test_quarters_out_of_order(make_ledger: LedgerMaker) -> None:
    text = with_progress(
        ("2026Q2", "on_track", 10, "2026-07-02"), ("2026Q1", "on_track", 20, "2026-04-05")
    )
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "P002", 14, 18)]
    assert problems[0].message("en") == (
        "quarter 2026Q1 comes after 2026Q2: keep the entries in quarter order"
    )


def test_percent_falling(make_ledger: LedgerMaker) -> None:
    text = with_progress(
        ("2026Q1", "on_track", 30, "2026-04-02"),
        ("2026Q2", "behind", 20, "2026-07-02"),
        ("2026Q3", "on_track", 20, "2026-10-02"),
    )
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "P003", 16, 18)]
    assert problems[0].message("en") == "percent falls from 30 (2026Q1) to 20"


def test_percent_falling_over_a_missing_quarter(make_ledger: LedgerMaker) -> None:
    text = with_progress(
        ("2026Q1", "on_track", 30, "2026-04-02"), ("2026Q3", "on_track", 25.5, "2026-10-02")
    )
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "P003", 16, 18)]
    assert problems[0].message("en") == "percent falls from 30 (2026Q1) to 25.5"


def test_done_with_percent_below_100(make_ledger: LedgerMaker) -> None:
    text = with_progress(("2026Q1", "done", 90, "2026-04-02"))
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "P004", 11, 18)]
    assert problems[0].message("en") == "status is done but percent is 90, not 100"


@pytest.mark.parametrize(
    ("status", "en", "zh"), [("on_track", "on_track", "正常推进"), ("滞后", "behind", "滞后")]
)
def test_percent_100_without_done(make_ledger: LedgerMaker, status: str, en: str, zh: str) -> None:
    text = with_progress(("2026Q1", status, 100, "2026-04-02"))
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "P005", 10, 17)]
    assert problems[0].message("en") == f"percent is 100 but status is {en}, not done"
    assert problems[0].message("zh") == f"完成百分比为 100，但状态是{zh}，不是已完成"


# -- warnings and --strict ------------------------------------------------------------------------


def test_project_nobody_claimed(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(units={"a": UNIT_A}), ignore=())
    assert at(problems) == [(BOOK_PATH, "W001", 15, 9)]
    assert problems[0].level == "warning"
    assert problems[0].message("en") == "project B1 (两委班子学历提升) is claimed by no unit"


def test_own_milestone_due_after_the_deadline(make_ledger: LedgerMaker) -> None:
    text = with_milestones("- id: own", "  title: 自定", "  due: 2026-12-15")
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "W002", 11, 14)]
    assert problems[0].level == "warning"
    assert problems[0].message("en") == (
        "milestone `own` is due 2026-12-15, after the claim's deadline 2026-11-30"
    )


def test_warnings_exit_0_and_strict_makes_them_errors(make_ledger: LedgerMaker, cli: Cli) -> None:
    text = with_milestones("- id: own", "  title: 自定", "  due: 2026-12-15")
    root = make_ledger(units={"a": text})
    args = ("validate", "-C", root, "--today", SAMPLE_DAY, "--lang", "en")
    code, output = cli(*args)
    assert code == 0
    assert output.splitlines() == [
        "data/projects.yaml:15:9: warning[W001]: "
        "project B1 (两委班子学历提升) is claimed by no unit",
        "data/units/a.yaml:11:14: warning[W002]: milestone `own` is due 2026-12-15, "
        "after the claim's deadline 2026-11-30",
        "4 files checked: 0 error(s), 2 warning(s)",
    ]
    code, output = cli(*args, "--strict")
    assert code == 1
    assert "data/units/a.yaml:11:14: error[W002]: milestone `own`" in output
    assert output.splitlines()[-1] == "4 files checked: 2 error(s), 0 warning(s)"


def test_check_is_an_alias_of_validate(make_ledger: LedgerMaker, cli: Cli) -> None:
    root = make_ledger(units={"a": UNIT_A.replace("K1", "K9")})
    code, output = cli("check", "-C", root, "--today", SAMPLE_DAY, "--lang", "en")
    assert code == 1
    assert "data/units/a.yaml:4:14: error[R002]: unknown project `K9`" in output


def test_deadline_before_claimed(make_ledger: LedgerMaker) -> None:
    text = UNIT_A.replace("2026-11-30", "2026-04-30") + "    claimed: 2026-05-20\n"
    problems = found(make_ledger(units={"a": text}))
    assert at(problems) == [(A, "D007", 7, 15)]
    assert problems[0].message("en") == (
        "the deadline 2026-04-30 is before the day the project was claimed (2026-05-20)"
    )


def test_every_named_check_raises_only_the_codes_it_is_tagged_with(sample: Path) -> None:
    """Where a code is raised is read off the registry (rules.common.CHECKS), not searched for."""
    from ledger.codes import CODES
    from ledger.load import load
    from ledger.rules.common import CHECKS

    tagged = {code for c in CHECKS for code in c.codes}
    assert set(tagged) <= set(CODES)
    assert {"D001", "D002", "D003", "D004", "D005", "D006", "D007"} <= tagged
    assert {"P001", "P002", "P003", "P004", "P005", "R007", "R009", "R010", "W002"} <= tagged
    examples = Path(__file__).parent / "examples" / "bad"
    for root in [sample, *sorted(p for p in examples.iterdir() if p.is_dir())]:
        loaded = load(root, cache=False)
        if loaded.config is None:
            continue
        for c in CHECKS:
            assert {p.code for p in c.run(loaded, date(2026, 11, 25))} <= set(c.codes), c.name
