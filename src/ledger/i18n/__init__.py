"""The words of the user interface in Chinese and English.

``t(key, lang, **args)`` gives the text; ``zh.WORDS`` and ``en.WORDS`` hold the same keys with the
same ``{placeholders}`` (a test checks it), so a third language is one more table. Problem messages
are ``code.<CODE>``; arguments that need words are ``words(key, ...)`` and are worded here, never
where the problem is found.
"""

from __future__ import annotations

import re
from functools import lru_cache

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
    template = table[key]
    if lang == "en" and _counts(template):
        template = _singular(template, worded)
    return template.format(**_nest_quotes(template, worded))


# English counts: the tables write the plural ("{days} days"); a count of one takes the singular
# noun here, once, rather than a second key per phrase. Chinese has no plural: its tables stay.
_SINGULAR = {
    "days": "day",
    "changes": "change",
    "files": "file",
    "pages": "page",
    "units": "unit",
    "errors": "error",
    "characters": "character",
}
_COUNTED = re.compile(r"\{(\w+)\} (" + "|".join(_SINGULAR) + r")\b")


@lru_cache(maxsize=1024)
def _counts(template: str) -> bool:
    return _COUNTED.search(template) is not None


def _singular(template: str, args: dict[str, object]) -> str:
    def one(m: re.Match[str]) -> str:
        n = args.get(m.group(1))
        if isinstance(n, int) and not isinstance(n, bool) and abs(n) == 1:
            return "{" + m.group(1) + "} " + _SINGULAR[m.group(2)]
        return m.group()

    return _COUNTED.sub(one, template)


# A text the template quotes (“{problem}”) may hold double quotes of its own (督导问题“嘎查村“两委”
# 成员…”), which then read as closing the outer quote. Both Chinese (GB/T 15834-2011, 4.3.3) and
# English nest single quotes inside double ones, so the text's own “” become ‘’ there. Chosen over
# 「」 for the template, which mainland clerks do not use; the text elsewhere (a table cell, the
# file) keeps its quotes.
_QUOTED = re.compile(r"“\{(\w+)\}”")
_INNER = str.maketrans("“”", "‘’")


@lru_cache(maxsize=1024)
def _quoted(template: str) -> frozenset[str]:
    """The arguments ``template`` puts in double quotes: read once per template, as ``t`` runs
    for every cell of a report."""
    return frozenset(_QUOTED.findall(template))


def _nest_quotes(template: str, args: dict[str, object]) -> dict[str, object]:
    inside = _quoted(template)
    if not inside:
        return args
    return {
        k: v.translate(_INNER) if k in inside and isinstance(v, str) else v for k, v in args.items()
    }


def words(key: str, **args: object) -> dict[str, object]:
    """An argument that needs words: the key of its text and the text's own arguments. Plain
    data (a problem's arguments are cached as JSON), worded by ``t`` in the reader's language."""
    return {"words": key, **args}


def listed(items: list[str]) -> object:
    """Names or ids as an argument listed as the reader's language lists things (zh 、, en ", "),
    or "-" for none: "可选：table、markdown", "choose one of table, markdown"."""
    return [words("known.id", id=i) for i in items] or "-"


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
