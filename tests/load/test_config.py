"""load/config.py: ledger.toml's settings, or the problems that stop every command (exit 2)."""

from __future__ import annotations

import pytest

from tests.conftest import CONFIG, LedgerMaker
from tests.runs import run_validate
from tests.support import Cli, at, found


def test_toml_syntax_error(make_ledger: LedgerMaker, cli: Cli) -> None:
    root = make_ledger(config='[ledger]\ntitle = "测试"\nyear = 2026\nlanguage = \n')
    problems = found(root)
    assert at(problems) == [("ledger.toml", "C001", 4, 12)]
    assert problems[0].message("en").startswith("TOML syntax error: ")
    code, output = run_validate(cli, root)
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
    code, output = run_validate(cli, root)
    assert code == 2
    assert "ledger.toml:5:1: error[C002]: the [evaluation] weights add up to 110" in output


@pytest.mark.parametrize(
    ("weights", "total"),
    [
        ("milestones = 50\nreports = 30\ncompletion = 20\nrectification = 10\n", 110),
        ("milestones = 40\nreports = 30\ncompletion = 20\n", 90),  # rectification 0
        ("milestones = 40\nreports = 30\ncompletion = 20\nrectification = 10\n", 100),
        ("rectification = 0\n", 100),  # the defaults
    ],
)
def test_the_four_weights_add_up_to_100(make_ledger: LedgerMaker, weights: str, total: int) -> None:
    root = make_ledger(config=CONFIG + "\n[evaluation]\n" + weights)
    problems = found(root)
    if total == 100:
        assert problems == []
    else:
        assert at(problems) == [("ledger.toml", "C002", 5, 1)]
        assert problems[0].message("en") == f"the [evaluation] weights add up to {total}, not 100"


def test_missing_year(make_ledger: LedgerMaker, cli: Cli) -> None:
    root = make_ledger(config='[ledger]\ntitle = "测试"\n')
    assert at(found(root)) == [("ledger.toml", "S002", 1, 1)]
    code, output = run_validate(cli, root)
    assert code == 2
    assert "ledger.toml:1:1: error[S002]: missing required key `year`" in output.splitlines()


def test_unknown_settings_key(make_ledger: LedgerMaker, cli: Cli) -> None:
    root = make_ledger(config=CONFIG + 'languge = "en"\n\n[reportng]\nwarn_days = 7\n')
    problems = found(root)
    assert at(problems) == [("ledger.toml", "S001", 4, 1), ("ledger.toml", "S001", 6, 1)]
    assert problems[0].message("en") == "unknown key `languge`: did you mean `language`?"
    assert problems[1].message("en") == "unknown key `reportng`: did you mean `reporting`?"
    code, output = run_validate(cli, root)
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
    assert run_validate(cli, root)[0] == 2


def test_year_written_as_text(make_ledger: LedgerMaker) -> None:
    problems = found(make_ledger(config='[ledger]\ntitle = "测试"\nyear = "2026"\n'))
    assert at(problems) == [("ledger.toml", "S003", 3, 8)]


def test_unknown_settings_subtable_is_pointed_at(make_ledger: LedgerMaker) -> None:
    root = make_ledger(config=CONFIG + "\n[ledger.extra]\na = 1\n")
    assert at(found(root)) == [("ledger.toml", "S001", 5, 1)]
