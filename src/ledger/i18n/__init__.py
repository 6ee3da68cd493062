"""The words of the user interface in Chinese and English.

``t(key, lang, **args)`` gives the text; ``zh.WORDS`` and ``en.WORDS`` hold the same keys with the
same ``{placeholders}`` (a test checks it), so a third language is one more table. Problem messages
are ``code.<CODE>``; arguments that need words are ``words(key, ...)`` and are worded here, never
where the problem is found.
"""

from __future__ import annotations

from ledger.i18n import en, zh
from ledger.visible import visible_args

LANGUAGES = ("zh", "en")
TABLES = {"zh": zh.WORDS, "en": en.WORDS}  # a third language: one more table here


def t(key: str, lang: str, /, **args: object) -> str:
    """The words for ``key`` in ``lang``. An argument that is itself words (``words(...)``, a
    mapping with the key ``"words"``), or a list of such, is worded in ``lang`` first; text arguments are shown with
    their control characters escaped (``ledger.visible``)."""
    table = TABLES.get(lang, zh.WORDS)
    worded = {k: _word(v, lang) for k, v in visible_args(args).items()}
    return table[key].format(**worded)


def words(key: str, **args: object) -> dict[str, object]:
    """An argument that needs words: the key of its text and the text's own arguments. Plain
    data (a problem's arguments are cached as JSON), worded by ``t`` in the reader's language."""
    return {"words": key, **args}


def word(value: object, lang: str) -> object:
    """An argument as it reads in ``lang``: words worded, anything else as it is."""
    return _word(value, lang)


def _word(value: object, lang: str) -> object:
    if isinstance(value, dict) and isinstance(value.get("words"), str):
        rest = {k: v for k, v in value.items() if k != "words"}
        return t(value["words"], lang, **rest)
    if isinstance(value, list) and value and all(_is_words(v) for v in value):
        # a list of words: each worded, joined as the language lists things
        return t("reason.list_sep", lang).join(str(_word(v, lang)) for v in value)
    return value


def _is_words(value: object) -> bool:
    return isinstance(value, dict) and isinstance(value.get("words"), str)
