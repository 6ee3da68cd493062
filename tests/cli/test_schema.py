"""cli/schema.py: `ledger schema` prints the JSON Schema an editor uses."""

from __future__ import annotations

import json

import pytest

from tests.support import Cli


@pytest.mark.parametrize("name", ["projects", "unit", "config", "inspection"])
def test_schema_is_json_schema_for_editors(cli: Cli, name: str) -> None:
    code, out = cli("schema", name)
    schema = json.loads(out)
    assert code == 0
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert schema["patternProperties"] == {"^x-": {}}


def test_schema_of_a_unit_names_its_keys_and_rules(cli: Cli) -> None:
    schema = json.loads(cli("schema", "unit")[1])
    assert set(schema["properties"]) == {
        "id",
        "name",
        "short_name",
        "order",
        "contact",
        "parent",
        "claims",
    }
    assert schema["required"] == ["id", "name"]
    assert schema["properties"]["id"]["pattern"] == "^[a-z0-9][a-z0-9_-]{0,63}$"
    progress = schema["$defs"]["Progress"]["properties"]
    assert "正常推进" in progress["status"]["enum"] and progress["reported"]["format"] == "date"


def test_schema_unknown_name_is_exit_2(cli: Cli) -> None:
    code, out = cli("schema", "units", "--lang", "en")
    assert code == 2 and "choose projects, unit, config or inspection" in out
