"""edit/yamltext.py: splices at the positions of the node tree, in the file's own layout."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from ledger.edit.yamltext import Splice, SpliceError, YamlText, scalar
from ledger.load.yamlparse import parse


@pytest.mark.parametrize(
    "value", ["no", "yes", "0012", "12:30", "2026-13-01", "", " a", "a: b", "#x", "中文", 3, 2.5]
)
def test_a_scalar_reads_back_as_the_same_value(value: object) -> None:
    """Read back by the tool's own parser (which keeps a malformed date as its text)."""
    parsed = parse(f"k: {scalar(value)}\n", "a.yaml")
    assert not parsed.problems and parsed.data["k"] == value


def test_a_date_is_written_plain() -> None:
    assert scalar(date(2026, 3, 31)) == "2026-03-31"


def test_a_line_break_yaml_knows_is_escaped() -> None:
    text = scalar("甲\u2028乙")
    assert "\u2028" not in text and yaml.safe_load(f"k: {text}")["k"] == "甲\u2028乙"


def test_set_key_replaces_only_the_value_and_keeps_the_comment() -> None:
    text = "id: a\nname: 甲  # 全称\n"
    new = YamlText(text).set_key((), "name", "乙").apply(text)
    assert new == "id: a\nname: 乙  # 全称\n"


def test_set_key_adds_a_key_where_the_order_puts_it() -> None:
    text = "id: a\nparent: city\n"
    new = YamlText(text).set_key((), "name", "甲", order=["id", "name", "parent"]).apply(text)
    assert new == "id: a\nname: 甲\nparent: city\n"


def test_append_item_keeps_the_lists_indentation_and_the_line_ending() -> None:
    text = "claims:\r\n    - project: K1\r\n      leader: 王\r\n"
    splice = YamlText(text).append_item(("claims",), {"project": "B1", "leader": "李"})
    new = splice.apply(text)
    assert new.startswith(text) and "\n" not in new.replace("\r\n", "")
    assert yaml.safe_load(new)["claims"][1] == {"project": "B1", "leader": "李"}
    assert "    - project: B1" in new


def test_append_item_fills_an_empty_list() -> None:
    text = "id: a\nclaims: []  # 待认领\n"
    new = YamlText(text).append_item(("claims",), {"project": "K1"}).apply(text)
    assert yaml.safe_load(new)["claims"] == [{"project": "K1"}]
    assert "# 待认领" in new


def test_a_flow_list_is_refused_with_a_reason() -> None:
    text = "claims: [{project: K1}]\n"
    with pytest.raises(SpliceError, match="flow list"):
        YamlText(text).append_item(("claims",), {"project": "B1"})


def test_replace_item_changes_one_entry_only() -> None:
    text = "progress:\n  - quarter: 2026Q1\n    percent: 10\n  - quarter: 2026Q2\n    percent: 20\n"
    new = YamlText(text).replace_item(("progress",), 0, {"quarter": "2026Q1", "percent": 15})
    out = new.apply(text)
    assert yaml.safe_load(out)["progress"] == [
        {"quarter": "2026Q1", "percent": 15},
        {"quarter": "2026Q2", "percent": 20},
    ]
    assert out.endswith("  - quarter: 2026Q2\n    percent: 20\n")


def test_a_splice_replaces_its_span() -> None:
    assert Splice(1, 3, "XY").apply("abcd") == "aXYd"
