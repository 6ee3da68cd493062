"""The words of the user interface in Chinese and English.

``t(key, lang, **args)`` gives the text; ``zh.WORDS`` and ``en.WORDS`` hold the same keys (a test
checks it). Problem messages live with their codes in ``ledger.codes``.
"""

from __future__ import annotations

from ledger.i18n import en, zh
from ledger.visible import visible_args

LANGUAGES = ("zh", "en")
_TABLES = {"zh": zh.WORDS, "en": en.WORDS}


def t(key: str, lang: str, **args: object) -> str:
    """The words for ``key`` in ``lang``; an argument ``k_zh`` stands in for ``k`` in Chinese
    (as in problem messages). Text arguments are shown with control characters escaped."""
    args = visible_args(args)
    if lang == "zh":
        args = {**args, **{k[:-3]: v for k, v in args.items() if k.endswith("_zh")}}
    return _TABLES.get(lang, zh.WORDS)[key].format(**args)
