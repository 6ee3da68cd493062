"""problems.py: the one problem record (its severity from its code unless overridden, ``--strict``,
the counts, the report order)."""

from __future__ import annotations

from ledger.problems import Problem, count, strict

WARNING = Problem("data/projects.yaml", "W001", {"project": "K1", "title": "t"}, 3, 9)
ERROR = Problem("data/units/a.yaml", "R005", {"cycle": "a → b → a"}, 3, 9)


def test_the_level_is_the_codes_unless_overridden() -> None:
    assert (WARNING.level, ERROR.level) == ("warning", "error")
    assert Problem("f", "W001", severity="error").level == "error"


def test_strict_makes_warnings_errors_and_leaves_errors_as_they_are() -> None:
    made = strict([WARNING, ERROR])
    assert [p.level for p in made] == ["error", "error"]
    assert made[1] is ERROR
    assert (made[0].path, made[0].code, made[0].line, made[0].column) == (
        "data/projects.yaml",
        "W001",
        3,
        9,
    )
    assert WARNING.level == "warning"  # the record itself is never changed


def test_count_errors_and_warnings() -> None:
    assert count([]) == (0, 0)
    assert count([WARNING, ERROR, ERROR]) == (2, 1)
    assert count(strict([WARNING, ERROR])) == (2, 0)


def test_report_order_is_path_line_column_code_with_no_place_first() -> None:
    problems = [
        Problem("b.yaml", "S001", line=1, column=1),
        Problem("a.yaml", "S004", line=2, column=5),
        Problem("a.yaml", "F005"),
        Problem("a.yaml", "S001", line=2, column=5),
        Problem("a.yaml", "S003", line=10, column=1),
    ]
    ordered = sorted(problems, key=Problem.sort_key)
    assert [(p.path, p.line, p.code) for p in ordered] == [
        ("a.yaml", None, "F005"),
        ("a.yaml", 2, "S001"),
        ("a.yaml", 2, "S004"),
        ("a.yaml", 10, "S003"),
        ("b.yaml", 1, "S001"),
    ]


def test_two_problems_are_the_same_whatever_their_arguments_and_the_message_uses_them() -> None:
    assert Problem("f", "R005", {"cycle": "x"}, 1, 1) == Problem("f", "R005", {"cycle": "y"}, 1, 1)
    assert "a → b → a" in ERROR.message("en") and "a → b → a" in ERROR.message("zh")
