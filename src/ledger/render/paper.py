"""What every printable HTML page shares, the one-page reports (``ledger.render.html``) and the
site (``ledger.site``): the fonts, the flag colours, the A4 sheet with its margin boxes (the title
and the as-of line at the top, "第 N 页 / 共 M 页" at the foot) and text made safe for HTML with
its dates and phone numbers kept on one line."""

from __future__ import annotations

import re
from html import escape

from ledger.i18n import t

FONTS = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", SimSun, sans-serif'
)
FLAG_COLOURS = {"red": "#d9534f", "yellow": "#f0ad4e", "green": "#5cb85c"}


def page_rule(title: str, stamp: str, lang: str, size: str = "") -> str:
    """The ``@page`` rule of a printed page: A4 (``size``: "landscape", "portrait" or nothing),
    the title top left, ``stamp`` (the as-of line) top right, the page number at the foot, so a
    loose page can be put back in its place. Safe inside a ``<style>`` element whatever the
    title holds."""
    boxes = {"top-left": css_string(title), "bottom-center": page_number(lang)}
    if stamp:
        boxes["top-right"] = css_string(stamp)
    rules = "".join(
        f"\n  @{name} {{ content: {content}; font-family: {FONTS}; font-size: 8pt; color: #333; }}"
        for name, content in boxes.items()
    )
    sheet = f"A4 {size}" if size else "A4"
    return f"@page {{ size: {sheet}; margin: 12mm;{rules}\n}}"


def page_number(lang: str) -> str:
    """The words of "第 N 页 / 共 M 页" as CSS content, N and M the printer's page counters."""
    words = t("print.page", lang, page="{page}", pages="{pages}")
    out = []
    for n, part in enumerate(re.split(r"\{(page|pages)\}", words)):
        if n % 2:
            out.append(f"counter({part})")
        elif part:
            out.append(css_string(part))
    return " ".join(out)


def css_string(text: str) -> str:
    """``text`` as a CSS string: quotes and backslashes escaped, and whatever could end the
    ``<style>`` element or the line (``<``, ``>``, ``&``, control characters) as a code point."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch in "<>&" or not ch.isprintable():
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def text(value: str, nowrap: bool = False) -> str:
    """Escaped text, its line breaks as ``<br>``; unless the whole of it is kept on one line
    (``nowrap``), each hyphenated figure kept on one."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(escape(line) if nowrap else unbroken(escape(line)) for line in lines)


# a date (2026-12-31), a phone number (0474-8312345): figures joined by hyphens, which a browser
# would break after any hyphen
FIGURE = re.compile(r"(?<![\d-])\d+(?:-\d+)+(?![\d-])")

# the stylesheet's rule for the spans of ``unbroken``
NOWRAP_CSS = "span.nw { white-space: nowrap; }"


def unbroken(escaped: str) -> str:
    """Escaped text with each hyphenated figure kept on one line."""
    return FIGURE.sub(r'<span class="nw">\g<0></span>', escaped)
