"""i18n/__init__.py: the words of the interface in the reader's language (arguments that are words
worded in that language, lists of words joined as the language lists things, text arguments with
their control characters escaped)."""

from __future__ import annotations

from ledger.i18n import LANGUAGES, TABLES, t, word, words


def test_a_key_in_each_language_with_its_arguments() -> None:
    assert t("hint.did_you_mean", "zh", name="K1") == "：是否应为 `K1`？"
    assert t("hint.did_you_mean", "en", name="K1") == ": did you mean `K1`?"


def test_an_unknown_language_reads_chinese() -> None:
    assert t("flag.red", "fr") == t("flag.red", "zh") == "红灯"


def test_an_argument_that_is_words_is_worded_in_the_readers_language() -> None:
    hint = words("hint.iso_guess", iso="2026-03-05")
    assert hint == {"words": "hint.iso_guess", "iso": "2026-03-05"}  # plain data, for the cache
    assert t("bad_today", "zh", value="2026/3/5", hint=hint).endswith("（是否应为 2026-03-05？）")
    assert t("bad_today", "en", value="2026/3/5", hint=hint).endswith(" (2026-03-05?)")


def test_a_list_of_words_is_joined_as_the_language_lists_things() -> None:
    flags = [words("flag.red"), words("flag.green")]
    assert word(flags, "zh") == "红灯、绿灯"
    assert word(flags, "en") == "red, green"
    assert word(["a", "b"], "zh") == ["a", "b"]  # a list of text stays as it is
    assert word(7, "en") == 7


def test_text_arguments_are_shown_with_control_characters_escaped() -> None:
    shown = t("hint.did_you_mean", "en", name="K1\x1b[2J")
    assert "\x1b" not in shown and "K1\\x1b[2J" in shown


def test_every_language_has_a_table() -> None:
    assert set(TABLES) == set(LANGUAGES) == {"zh", "en"}
