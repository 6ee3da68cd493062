"""`ledger validate` (and its alias `check`) on the command line: warnings exit 0, and
``--strict`` makes them errors. The rules themselves are tested in tests/rules/."""

from __future__ import annotations

from tests.conftest import SAMPLE_DAY, LedgerMaker
from tests.support import UNIT_A, Cli


def test_warnings_exit_0_and_strict_makes_them_errors(make_ledger: LedgerMaker, cli: Cli) -> None:
    text = (
        UNIT_A + "    milestones:\n      - id: own\n        title: 自定\n        due: 2026-12-15\n"
    )
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
