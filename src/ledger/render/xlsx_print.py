"""How a worksheet prints on A4: the width of text in column units, its wrapped lines, the row
heights that hold them, and column widths fitted to the page with type no smaller than 8 pt.

Neither LibreOffice nor Excel makes a row taller for wrapped text when it opens a file (rows
keep the height written, or one line without one), so every row's height is written from its
wrapped lines. Widths are in Excel's column unit, the widest digit of the workbook's default
font: 5.25 pt with Calibri, 7 pt where LibreOffice has neither Calibri nor Carlito and measures
it in DejaVu Sans. Lines are counted as Excel wraps (a CJK character two units, as wide as 1.9 at
10 pt; more lines than LibreOffice needs) and pages are fitted as that LibreOffice prints (the
widest units, the smallest scale), so text is whole and at least 8 pt in both.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence

SIZE = 10.0  # pt, the body type of every sheet
LINE = 15.0  # pt a line of SIZE type takes (Noto Sans CJK's line spacing; DengXian is less)
ROOM = 4.0  # pt above and below the lines of a row
MOST = 409.0  # pt, the tallest row Excel allows
NARROW = 1.1  # units a half-width character takes at SIZE, with room for a wider font
WIDE = 2.0  # units a CJK character takes at SIZE
PADDING = 1.0  # units of a cell its borders and margins take

A4 = (595.3, 841.9)  # pt, portrait width and landscape width
MARGIN = 0.4  # inch, left and right
WORST_UNIT = 7.0  # pt a column unit may measure (LibreOffice without Calibri or Carlito)
SMALLEST = 8.0  # pt, the smallest type a printed page may carry
FLOOR = 10.0  # units a shrunk text column keeps

# characters a line may not start with, and those it may not end with: applications keep them
# with their neighbour, so they are measured together
_CLOSING = set("，。、；：？！）》」』】〕”’％,.;:?!)]}%")
_OPENING = set("（《「『【〔“‘([{")


def is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def display_width(text: str) -> int:
    """Width in half-width character cells: CJK and other wide characters count two."""
    if text.isascii():  # no wide character: the common case of ids, numbers and English
        return len(text)
    return sum(2 if is_wide(ch) else 1 for ch in text)


def units(text: str, size: float = SIZE) -> float:
    """Column units ``text`` takes on one line at ``size`` pt."""
    scale = size / SIZE
    return sum(WIDE if is_wide(ch) else NARROW for ch in text) * scale


def _pieces(line: str) -> list[str]:
    """The pieces a line may break between: each CJK character, each word with its trailing
    spaces, punctuation kept with the character it may not be parted from."""
    pieces: list[str] = []
    glue = False  # the next piece joins the last (after an opening mark)
    for ch in line:
        if pieces and (glue or ch in _CLOSING or ch == " " or not _breaks_before(pieces[-1], ch)):
            pieces[-1] += ch
        else:
            pieces.append(ch)
        glue = ch in _OPENING
    return pieces


def _breaks_before(last: str, ch: str) -> bool:
    """Whether a line may break between the piece ``last`` and ``ch``."""
    end = last[-1]
    if end == " ":
        return True
    return is_wide(ch) or is_wide(end)


def lines(text: str, width: float, size: float = SIZE) -> int:
    """How many lines ``text`` takes in a wrapping cell ``width`` units wide (its own line
    breaks kept, words never split unless longer than a line)."""
    usable = max(width - PADDING, 1.0)
    count = 0
    for paragraph in text.split("\n"):
        count += 1
        used = 0.0
        for piece in _pieces(paragraph):
            need = units(piece.rstrip(" "), size)
            if used and used + need > usable:
                count += 1
                used = 0.0
            if need > usable:  # a word longer than a line: broken where it must be
                more = math.ceil(need / usable) - 1
                count += more
                used = need - more * usable
            else:
                used += units(piece, size)
    return count


def height(count: int, size: float = SIZE) -> float:
    """Points for a row of ``count`` lines of ``size`` pt type."""
    return min(LINE * size / SIZE * max(count, 1) + ROOM, MOST)


def budget(landscape: bool) -> float:
    """The column units a page holds with SIZE type printed at SMALLEST pt or larger."""
    page = A4[1] if landscape else A4[0]
    usable = page - 2 * MARGIN * 72
    # 3% for the applications' rounding of each column to whole pixels
    return usable / (WORST_UNIT * SMALLEST / SIZE) * 0.97


def scale(units: float, landscape: bool) -> int:
    """The largest whole percent, at most 100, at which columns ``units`` wide print within the
    page's width (SIZE type prints at SIZE times it over 100): for a sheet printed at a fixed
    scale, which page breaks need (applications ignore them when fitting to the page)."""
    return min(100, math.floor(100 * budget(landscape) * SMALLEST / SIZE / units))


def longest_word(text: str, size: float = SIZE) -> float:
    """Units of the widest piece of ``text`` a line may not break inside (a word, a date)."""
    pieces = [p.rstrip(" ") for line in text.split("\n") for p in _pieces(line)]
    return max((units(p, size) for p in pieces), default=0.0)


def fit(
    widths: Sequence[float], floors: Sequence[tuple[float, float] | None]
) -> tuple[list[float], bool]:
    """Widths that print on A4 with type of at least SMALLEST pt, and whether in landscape.

    Portrait if the columns fit it, else landscape; columns still too wide for it give up room
    in proportion to what they have above their floor: a ``(hard, soft)`` pair, the soft one
    (the longest word of the column, FLOOR units or 45% of its width, whichever is most) kept
    where the page allows, else the hard one (its header's longest word); a column whose floor
    is None (not text: it never wraps) keeps its width.
    """
    widths = list(widths)
    total = sum(widths)
    if total <= budget(landscape=False):
        return widths, False
    room = budget(landscape=True)
    if total <= room:
        return widths, True
    soft = [
        w if f is None else min(w, max(FLOOR, w * 0.45, f[1]))
        for w, f in zip(widths, floors, strict=True)
    ]
    lowest = soft
    if sum(soft) > room:
        lowest = [w if f is None else min(w, f[0]) for w, f in zip(widths, floors, strict=True)]
    spare = [w - low for w, low in zip(widths, lowest, strict=True)]
    excess = min(total - room, sum(spare))
    if not excess:
        return widths, True
    share = excess / sum(spare)
    # in quarter units, rounded down but never below the floor
    return [
        max(math.floor((w - s * share) * 4) / 4, low)
        for w, s, low in zip(widths, spare, lowest, strict=True)
    ], True
