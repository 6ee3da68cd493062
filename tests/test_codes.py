"""The code registry: every code documented in both languages, worded in both, and tested."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ledger.codes import CODES
from ledger.i18n import en, zh
from tests.conftest import REPO

TESTS = Path(__file__).parent


def _documented(lang: str) -> set[str]:
    text = (REPO / "docs" / lang / "codes.md").read_text(encoding="utf-8")
    return set(re.findall(r"^### ([A-Z][0-9]{3})\s*$", text, re.MULTILINE))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_code_is_documented(lang: str) -> None:
    assert _documented(lang) == set(CODES)


def test_every_code_has_a_message_in_every_table() -> None:
    """Messages live in the i18n tables (``code.<CODE>``), not in the registry; no table holds a
    message for a code that does not exist."""
    for table in (en.WORDS, zh.WORDS):
        assert all(table[f"code.{c}"] for c in CODES)
        listed = {k.removeprefix("code.") for k in table if k.startswith("code.")}
        assert listed == set(CODES)


def test_no_words_are_built_outside_the_tables() -> None:
    """One path for words: the loader, the models and the rules carry data (codes, arguments,
    ``words(key)``); no ``k_zh`` arguments and no ``*_ZH`` tables outside ``ledger/i18n``. (Chinese
    that a clerk may type, such as 正常推进 or 三季度, is input, not a message, and stays.)"""
    import ast

    for path in (REPO / "src" / "ledger").rglob("*.py"):
        if "i18n" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not node.value.endswith("_zh"), (path, node.lineno, node.value)
            if isinstance(node, ast.Name):
                assert not node.id.lower().endswith("_zh"), (path, node.lineno, node.id)


def test_every_code_is_tested() -> None:
    tests = "".join(p.read_text(encoding="utf-8") for p in TESTS.rglob("test_*.py"))
    untested = [c for c in CODES if f'"{c}"' not in tests]
    assert untested == []


def test_codes_follow_the_family_pattern() -> None:
    assert all(re.fullmatch(r"[FYSRDPWCXV][0-9]{3}", c) for c in CODES)


def test_the_two_word_tables_have_the_same_keys_and_fields() -> None:
    assert en.WORDS.keys() == zh.WORDS.keys()
    fields = re.compile(r"{(\w+)}")
    for key in en.WORDS:
        assert set(fields.findall(en.WORDS[key])) == set(fields.findall(zh.WORDS[key])), key
