"""visible.py: text shown to a clerk never holds a raw control character."""

from __future__ import annotations

from ledger.load.yamlparse import parse
from ledger.visible import CONTROL, visible


def test_messages_never_hold_a_raw_control_character() -> None:
    problems = parse('id: "a\\e]0;pwned\\a"\nid: 1\n', "f").problems
    assert problems
    for p in problems:
        for lang in ("en", "zh"):
            assert not CONTROL.search(p.message(lang))
    assert visible("a\x1b[31mb\nc\udcff") == "a\\x1b[31mb\\x0ac\\xff"
