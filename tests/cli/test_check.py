"""`ledger validate` (and its alias `check`) on the command line: warnings exit 0, and
``--strict`` makes them errors. The rules themselves are tested in tests/rules/."""

from __future__ import annotations

import json
from pathlib import Path

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


def test_validate_sample_text_zh(cli: Cli, sample: Path) -> None:
    code, out = cli("validate", "-C", sample, "--today", SAMPLE_DAY)
    assert code == 0
    assert "warning[W001]" in out and "没有单位认领" in out
    assert out.splitlines()[-1] == "检查了 25 个文件：0 个错误，1 个警告"


def test_check_is_validate_and_strict_fails_on_warnings(cli: Cli, sample: Path) -> None:
    assert cli("check", "--root", sample, "--today", SAMPLE_DAY)[0] == 0
    code, out = cli("check", "--root", sample, "--today", SAMPLE_DAY, "--strict")
    assert code == 1 and "error[W001]" in out


def test_validate_json_matches_the_contract(cli: Cli, sample: Path) -> None:
    code, out = cli(
        "validate", "-C", sample, "--today", SAMPLE_DAY, "--format", "json", "--lang", "en"
    )
    doc = json.loads(out)
    assert code == 0
    assert set(doc) == {"errors", "warnings", "problems"}
    assert (doc["errors"], doc["warnings"]) == (0, 1)
    (p,) = doc["problems"]
    assert set(p) == {"path", "line", "column", "severity", "code", "message"}
    assert p["path"] == "data/projects.yaml" and p["severity"] == "warning" and p["code"] == "W001"
    assert isinstance(p["line"], int) and "claimed by no unit" in p["message"]


def test_validate_github_annotations(cli: Cli, make_ledger: LedgerMaker) -> None:
    root = make_ledger(units={"a": "id: a\nname: 甲\nparent: nowhere\n"})
    code, out = cli(
        "validate", "-C", root, "--format", "github", "--lang", "en", "--today", SAMPLE_DAY
    )
    assert code == 1
    (first,) = [line for line in out.splitlines() if "R004" in line]
    assert first.startswith("::error file=data/units/a.yaml,line=3,col=9,title=ledger R004::")
    assert "unknown parent unit `nowhere`" in first


def test_github_annotations_carry_the_ledgers_folder_from_the_workspace(
    cli: Cli, make_ledger: LedgerMaker, tmp_path: Path
) -> None:
    root = make_ledger(units={"a": "id: a\nname: 甲\nparent: nowhere\n"})
    code, out = cli(
        "validate", "-C", root, "--format", "github", "--today", SAMPLE_DAY,
        env={"GITHUB_WORKSPACE": str(tmp_path)},
    )  # fmt: skip
    assert code == 1
    assert "::error file=ledger/data/units/a.yaml,line=3,col=9," in out
