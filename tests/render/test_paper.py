"""render/paper.py: the A4 sheet, CSS strings and text every printable page shares."""

from __future__ import annotations

from ledger.render.paper import css_string, page_rule, text


def test_the_sheet_carries_title_stamp_and_page_numbers() -> None:
    rule = page_rule("化德县", "统计截至 2026-11-25", "zh")
    assert rule.startswith("@page { size: A4; margin: 12mm;")
    assert '@top-left { content: "化德县";' in rule
    assert '@top-right { content: "统计截至 2026-11-25";' in rule
    assert '"第 " counter(page) " 页 / 共 " counter(pages) " 页"' in rule
    assert "size: A4 landscape;" in page_rule("t", "", "en", "landscape")
    assert "top-right" not in page_rule("t", "", "en")


def test_a_css_string_cannot_end_the_style_element() -> None:
    assert css_string('</style><script>"\\') == '"\\3c /style\\3e \\3c script\\3e \\"\\\\"'
    assert "\n" not in css_string("a\nb")


def test_text_is_escaped_with_its_figures_kept_whole() -> None:
    assert text("<b>'x'</b>") == "&lt;b&gt;&#x27;x&#x27;&lt;/b&gt;"
    assert text("电话 0474-8312345\n截至 2026-11-25") == (
        '电话 <span class="nw">0474-8312345</span><br>截至 <span class="nw">2026-11-25</span>'
    )
    assert text("2026-11-25", nowrap=True) == "2026-11-25"
