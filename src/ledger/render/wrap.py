"""Line breaking for the terminal, as Chinese type is set.

A line may break between two Chinese characters and at a space, never inside a figure, a date,
an id or an English word ("2026-10-31", "3/3×50", "K2", "2026Q3"); a figure keeps its unit
("19天", "19 days"). Closing punctuation (”」）。，、：；！？) stays at the end of its line and
opening punctuation (“「（) at the start of the next (kinsoku). Only a word wider than the whole
line is cut, as a last resort.

Widths are display cells (a CJK character takes two), as the terminal draws them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from rich.cells import cell_len

CLOSING = frozenset("”’」』）》〉】〕〗〙〛｝］。，、：；！？…％)]},.;:!?%")
OPENING = frozenset("“‘「『（《〈【〔〖〘〚｛［([{")
# what follows a figure as its unit, without a space ("19天", "5天后到期")
_UNITS = frozenset("天日个项次分")
_DAYS = re.compile(r"days?\b")
# WORD JOINER: what ``glued`` puts between the characters of a name no line may break (a column's
# label in a list of them: 核验销号, never 核 / 验销号); ``wrap`` takes it out of its lines
GLUE = "\u2060"


def glued(text: str) -> str:
    """``text`` kept on one line by ``wrap`` (unless wider than the whole line)."""
    return GLUE.join(text)


@cache
def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _pieces(text: str) -> list[tuple[str, str]]:
    """(space before, piece): each wide character a piece, each run of other non-space
    characters a piece."""
    out: list[tuple[str, str]] = []
    space = ""
    run = ""
    for ch in text:
        if ch.isspace():
            if run:
                out.append((space, run))
                space, run = "", ""
            space += ch
        elif _wide(ch):
            if run:
                out.append((space, run))
                space, run = "", ""
            out.append((space, ch))
            space = ""
        else:
            run += ch
    if run:
        out.append((space, run))
    return out


def tokens(text: str) -> list[tuple[str, str]]:
    """The unbreakable words of one line of text, each with the space before it."""
    out: list[tuple[str, str]] = []
    for space, piece in _pieces(text):
        if out:
            before, last = out[-1]
            # punctuation keeps to its word even across a space; a unit only when touching
            kinsoku = piece[0] in CLOSING or last[-1] in OPENING
            unit = not space and piece[0] in _UNITS and last[-1].isdigit()
            days = space == " " and last[-1].isdigit() and _DAYS.match(piece) is not None
            glue = last.endswith(GLUE) or piece.startswith(GLUE)
            if kinsoku or unit or days or glue:
                out[-1] = (before, last + space + piece)
                continue
        out.append((space, piece))
    return out


def _cut(word: str, width: int) -> list[str]:
    """A word wider than the line, cut into pieces that fit."""
    parts = [""]
    for ch in word:
        if parts[-1] and cell_len(parts[-1] + ch) > width:
            parts.append("")
        parts[-1] += ch
    return parts


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` cells (its own line breaks kept)."""
    width = max(width, 2)
    if GLUE in text:
        return [line.replace(GLUE, "") for line in _wrap(text, width)]
    return _wrap(text, width)


def _wrap(text: str, width: int) -> list[str]:
    if "\n" not in text and cell_len(text) <= width:  # most cells: one line as it is
        return [text]
    lines: list[str] = []
    for paragraph in text.split("\n"):
        # an indent (a unit's place in the hierarchy) is kept on each of its lines
        indent = paragraph[: len(paragraph) - len(paragraph.lstrip(" "))]
        if cell_len(indent) + longest_word([paragraph]) > width:
            indent = ""
        room = width - cell_len(indent)
        start = len(lines)
        line = ""
        for space, word in tokens(paragraph):
            # a space at a line's start or end is not shown
            joined = (line + space + word) if line else word
            if cell_len(joined) <= room:
                line = joined
                continue
            if line:
                lines.append(line)
            if cell_len(word) <= room:
                line = word
                continue
            *whole, line = _cut(word, room)
            lines.extend(whole)
        lines.append(line)
        lines[start:] = [indent + x if x else x for x in lines[start:]]
    return lines


def longest_word(texts: list[str]) -> int:
    """The width of the widest word of any of ``texts``: a column narrower than it would cut
    the word."""
    longest = 0
    for text in texts:
        if cell_len(text) <= longest:  # no word of it can be wider
            continue
        for line in text.split("\n"):
            longest = max(longest, *(cell_len(w) for _, w in tokens(line)), 0)
    return longest
