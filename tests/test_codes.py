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


def test_every_code_has_both_messages_with_the_same_fields() -> None:
    fields = re.compile(r"{(\w+)}")
    for code in CODES.values():
        assert code.en and code.zh, code.code
        assert set(fields.findall(code.en)) == set(fields.findall(code.zh)), code.code


def test_every_code_is_tested() -> None:
    tests = "".join(p.read_text(encoding="utf-8") for p in TESTS.glob("test_*.py"))
    untested = [c for c in CODES if f'"{c}"' not in tests]
    assert untested == []


def test_codes_follow_the_family_pattern() -> None:
    assert all(re.fullmatch(r"[FYSRDPWCX][0-9]{3}", c) for c in CODES)


def test_the_two_word_tables_have_the_same_keys_and_fields() -> None:
    assert en.WORDS.keys() == zh.WORDS.keys()
    fields = re.compile(r"{(\w+)}")
    for key in en.WORDS:
        assert set(fields.findall(en.WORDS[key])) == set(fields.findall(zh.WORDS[key])), key
