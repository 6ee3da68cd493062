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


def test_english_counts_one_in_the_singular_and_chinese_stays() -> None:
    assert (
        t("reason.finding_overdue", "en", problem="p", days=1)
        == "finding “p” 1 day past its time limit"
    )
    assert (
        t("reason.finding_overdue", "en", problem="p", days=2)
        == "finding “p” 2 days past its time limit"
    )
    assert t("findings.cell.due_soon", "en", days=1) == "due soon\n1 day left"
    assert t("remind.days_one", "en", days=1) == "1 day late"
    assert t("diff.strict", "en", n=1) == "attention needed for 1 change (--strict)"
    assert (
        t("site.written", "en", path="s", pages=1, index="i")
        == "Site written: s (1 page); open i in a browser"
    )
    assert t("reason.finding_overdue", "zh", problem="p", days=1) == "督导问题“p”整改逾期 1天"


def test_no_english_count_of_one_reads_as_a_plural() -> None:
    # every key whose English counts a noun: worded with a count of one, no "1 days", "1 changes"
    table = TABLES["en"]
    for key, text in table.items():
        names = [
            n for n in ("days", "n", "files", "pages", "total", "length") if "{" + n + "}" in text
        ]
        if not names:
            continue
        args = {name: 1 for name in names}
        try:
            shown = t(key, "en", **args)
        except (KeyError, IndexError):
            continue  # a key with other arguments too: the counted ones are checked where used
        for plural in ("1 days", "1 changes", "1 files", "1 pages", "1 units", "1 errors"):
            assert plural not in shown, (key, shown)


def test_a_quoted_text_with_quotes_of_its_own_nests_single_quotes() -> None:
    problem = "嘎查村“两委”成员学历提升报名动员不到位"
    assert t("reason.finding_overdue", "zh", problem=problem, days=56) == (
        "督导问题“嘎查村‘两委’成员学历提升报名动员不到位”整改逾期 56天"
    )
    shown = t(
        "remind.finding_due_soon",
        "en",
        who="",
        problem="未做到“一村一策”",
        inspection="v",
        due="30 Nov",
    )
    assert "“未做到‘一村一策’”" in shown
    # a text the template does not quote keeps its quotes
    assert t("score.finding", "zh", inspection="v", problem=problem) == "v：" + problem
