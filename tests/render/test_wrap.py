"""Issue 19: Chinese line breaking for the terminal (``ledger.render.wrap``): figures, dates, ids
and "N天" never broken, closing punctuation never at a line's start, opening never at its end."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from ledger.render.wrap import CLOSING, OPENING, glued, longest_word, tokens, wrap
from tests.conftest import REPO, SAMPLE_DAY
from tests.support import Cli

REASON = "节点“完成集中整顿，逐个制定并落实整改措施”逾期 56天；上报状态为“存在风险”"


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        # the quarterly checklist at 80 columns: "逾/期/19天" and a quote alone on a line
        ("上报状态为“存在风险”", 18, ["上报状态为“存在风", "险”"]),
        ("节点“完成年度职业体系建设评估”逾期 19天", 4, ["节点", "“完", "成年", "度职", "业体",
                                                        "系建", "设评", "估”", "逾期", "19天"]),
        # the year's arithmetic at 80 columns: "3/3×5" / "0 +"
        ("节点 3/3×50 + 上报 6/6×30", 10, ["节点", "3/3×50 +", "上报", "6/6×30"]),
        ("超过完成时限 25天，时限 2026-10-31", 14, ["超过完成时限", "25天，时限", "2026-10-31"]),
        ("milestone 56 days overdue", 12, ["milestone", "56 days", "overdue"]),
        ("5天后到期", 2, ["5", "天", "后", "到", "期"]),  # a word wider than the line is cut
        ("a\nb", 10, ["a", "b"]),
        ("    后旗农牧和科技局", 12, ["    后旗农牧", "    和科技局"]),  # the indent on each line
    ],
)  # fmt: skip
def test_wrap(text: str, width: int, lines: list[str]) -> None:
    assert wrap(text, width) == lines


def test_words_keep_figures_with_their_unit() -> None:
    assert [w for _, w in tokens("逾期 209天；2026Q2 未上报")] == ["逾", "期", "209天；", "2026Q2",
                                                                  "未", "上", "报"]  # fmt: skip
    assert longest_word([REASON]) == cell_len("56天；")
    assert longest_word(["a b", "0474-8312345"]) == 12


CJK = st.sampled_from("节点完成整顿逾期上报状态存在风险天后到期旗农牧和科技局")
ASCII = st.sampled_from("0123456789-/×.KQ")
PUNCT = st.sampled_from(sorted(CLOSING | OPENING))
TOKEN = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.integers(0, 999).map(lambda n: f"{n}天"),
    st.integers(0, 999).map(lambda n: f"{n} days"),
    st.integers(1, 99).map(lambda n: f"{n}/{n + 1}×50"),
)
PIECE = st.one_of(CJK, ASCII, PUNCT, TOKEN, st.just(" "), st.just("逾期 "))
TEXT = st.lists(PIECE, max_size=40).map("".join)
# a figure standing on its own in the text (not the tail of a longer run of digits)
FIGURE = re.compile(r"(?<![\w.\-/×])(?:\d{4}-\d{2}-\d{2}|\d+天|\d+ days\b|\d+/\d+×\d+)")


@settings(max_examples=400, deadline=None)
@given(text=TEXT, width=st.integers(2, 40))
def test_wrapped_lines_fit_and_lose_nothing(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines)
    # only spaces at the breaks go
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def _spans(text: str) -> list[tuple[int, int]]:
    """Where each word of ``tokens(text)`` is in ``text``."""
    spans, at = [], 0
    for space, word in tokens(text):
        at = text.index(space + word, at) + len(space)
        spans.append((at, at + len(word)))
        at += len(word)
    return spans


@settings(max_examples=400, deadline=None)
@given(text=TEXT)
def test_a_figure_is_one_word(text: str) -> None:
    spans = _spans(text)
    for m in FIGURE.finditer(text):
        assert any(a <= m.start() and m.end() <= b for a, b in spans), (m.group(), tokens(text))


@settings(max_examples=400, deadline=None)
@given(text=TEXT, width=st.integers(2, 40))
def test_words_and_punctuation_are_not_broken(text: str, width: int) -> None:
    lines = wrap(text, width)
    whole = [w for _, w in tokens(text)]
    if all(cell_len(w) <= width for w in whole):  # nothing had to be cut
        for w in whole:  # a figure is in one word (above), every word on one line
            assert any(w in line for line in lines), (w, lines)
        for line in lines[1:]:
            assert line.lstrip(" ")[:1] not in CLOSING, lines
        for line in lines[:-1]:
            assert line[-1:] not in OPENING, lines


def test_a_glued_name_stays_on_one_line_and_the_glue_is_not_shown() -> None:
    text = "未显示：" + "、".join(glued(x) for x in ["整改完成", "核验销号", "佐证材料"])
    lines = wrap(text, 24)  # "核验销" would end the first line if the name could break
    assert lines == ["未显示：整改完成、", "核验销号、佐证材料"]
    assert wrap(glued("Visit id"), 80) == ["Visit id"]


def test_the_findings_note_names_each_hidden_column_whole(cli: Cli) -> None:
    code, out = cli("findings", "-C", REPO, "--today", SAMPLE_DAY, env={"COLUMNS": "80"})
    assert code == 0
    note = out.split("屏幕宽度不够")[1].splitlines()
    assert any("核验销号" in line for line in note) and "\u2060" not in out
