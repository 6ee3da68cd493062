"""Control characters: which are allowed in a ledger's text, and how a message shows the others.

A text value of a ledger may hold TAB, LF and CR; any other C0 control character, DEL or a C1
control character is an error (S013), found at its position. Whatever the tool prints of what a
user wrote (a value in a message, a command-line word echoed back) goes through ``visible``, so
that no control character ever reaches the terminal raw: ``ESC`` is shown as ``\\x1b``.
"""

from __future__ import annotations

import re

# In a ledger's text: C0 but TAB, LF, CR; DEL; C1.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# In one line of a message: those, and the line breaks too (LF, CR, U+2028, U+2029), and lone
# surrogates (command-line bytes that were not UTF-8), which no terminal can be sent.
_UNSHOWN = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape): show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character, line break and lone surrogate escaped."""
    return _UNSHOWN.sub(_escape, text) if _UNSHOWN.search(text) else text


def visible_args(args: dict[str, object]) -> dict[str, object]:
    """Message arguments with their text (and paths) made visible; other values unchanged."""
    out: dict[str, object] = {}
    for k, v in args.items():
        if isinstance(v, str):
            out[k] = visible(v)
        elif hasattr(v, "__fspath__"):
            out[k] = visible(str(v))
        else:
            out[k] = v
    return out
