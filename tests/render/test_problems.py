"""render/problems.py: problems as text lines and JSON, as `ledger validate` prints them."""

from __future__ import annotations

from tests.conftest import LedgerMaker
from tests.runs import run_validate
from tests.support import UNIT_A, A, Cli


def test_cli_prints_path_line_column_code_and_message(make_ledger: LedgerMaker, cli: Cli) -> None:
    root = make_ledger(units={"a": "id: a\nname: 甲\nparent: city\nname: 乙\n", "b": b""})
    code, output = run_validate(cli, root)
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
    code, output = run_validate(cli, root, "--format", "json")
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
