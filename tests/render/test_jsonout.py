"""render/jsonout.py: JSON for scripts, one line, Chinese text as it is."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ledger.render.jsonout import dumps


def test_one_line_with_the_text_as_it_is() -> None:
    doc = {"unit": "集宁区", "items": [1, 2.5, None, True], "nested": {"a": []}}
    out = dumps(doc)
    assert out == '{"unit": "集宁区", "items": [1, 2.5, null, true], "nested": {"a": []}}\n'
    assert out.count("\n") == 1 and "\\u" not in out
    assert json.loads(out) == doc


def test_a_value_json_cannot_hold_is_refused_not_guessed() -> None:
    with pytest.raises(TypeError):
        dumps({"day": date(2026, 11, 25)})
