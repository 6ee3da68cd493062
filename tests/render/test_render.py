"""``ledger.render.emit``: the output policy of a report, decided in the library (the CLI only
writes what it gives)."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import openpyxl  # type: ignore[import-untyped]
import pytest

from ledger.calendar import Quarter
from ledger.i18n import t
from ledger.load import load
from ledger.model import Ledger
from ledger.render import EmitError, Options, emit, html, xlsx
from ledger.reports import REPORTS, Ask, quarterly
from tests.conftest import REPO

T = date(2026, 11, 25)


@pytest.fixture(scope="module")
def ledger() -> Ledger:
    return load(REPO).ledger()


def test_json_is_utf8_bytes_for_any_console(ledger: Ledger) -> None:
    built = REPORTS["overdue"].build(ledger, Ask(T, "json"), "zh")
    out = emit(built, "json", Options(terminal=True))
    assert isinstance(out.content, str) and out.content.startswith("[")
    assert not out.console and out.before == out.after == ()


def test_colour_only_for_the_terminals_table(ledger: Ledger) -> None:
    built = REPORTS["overdue"].build(ledger, Ask(T), "zh")
    coloured = emit(built, "table", Options(color=True, terminal=True))
    assert coloured.console and "\x1b[" in str(coloured.content)
    to_file = emit(built, "table", Options(color=True, to_file=True))
    assert "\x1b[" not in str(to_file.content)
    markdown = emit(built, "markdown", Options(color=True, terminal=True))
    assert not markdown.console and "\x1b[" not in str(markdown.content)


def test_a_binary_format_needs_a_file(ledger: Ledger) -> None:
    built = REPORTS["overdue"].build(ledger, Ask(T, "xlsx"), "zh")
    with pytest.raises(EmitError) as refused:
        emit(built, "xlsx", Options(terminal=True))
    assert refused.value.key == "xlsx_needs_output"
    assert isinstance(emit(built, "xlsx", Options(to_file=True)).content, bytes)


def test_a_format_the_report_does_not_offer(ledger: Ledger) -> None:
    built = REPORTS["overdue"].build(ledger, Ask(T, "text"), "en")
    with pytest.raises(EmitError) as refused:
        emit(built, "text", Options())
    assert refused.value.key == "bad_format"
    # the choices listed as each language lists things
    args = refused.value.args_
    assert t("bad_format", "en", **args).endswith("choose table, markdown, html, csv, json, xlsx")
    assert t("bad_format", "zh", **args).endswith("可选：table、markdown、html、csv、json、xlsx")


def test_notes_before_and_after(ledger: Ledger) -> None:
    half = REPORTS["half"].build(ledger, Ask(T, "csv", period="H2"), "en")
    csv = emit(half, "csv", Options())
    assert csv.before and "--table" in csv.before[0] and csv.after == ()
    remind = REPORTS["remind"].build(ledger, Ask(T, "text"), "zh")
    text = emit(remind, "text", Options(terminal=True))
    assert text.console and text.after and "未列出" in text.after[0]
    assert not emit(remind, "text", Options()).console  # piped: UTF-8 bytes


def test_quarterly_report_of_the_sample_renders_in_both_formats() -> None:
    ledger = load(REPO).ledger()
    report = quarterly.build(ledger, Quarter(2026, 4), date(2026, 11, 25))
    doc = quarterly.document(report, ledger, "zh")
    page = html.render(doc)
    assert "红灯" in page and 'class="flag-red"' in page
    assert page.count("<svg") == len([c for c in doc.charts if c.bars])
    assert '<section class="table wide">' in page  # many columns: landscape
    wb = openpyxl.load_workbook(BytesIO(xlsx.render(doc)))
    ws = wb[doc.tables[0].title]
    printed = doc.tables[0].printed()
    header = next(
        r for r in range(1, 30) if ws.cell(row=r, column=1).value == printed.columns[0].label
    )
    assert [c.value for c in ws[header]][: len(printed.columns)] == [
        c.label for c in printed.columns
    ]
    assert ws.max_row == header + len(printed.rows)
    # the heading rows: title, period, as of, due date, and the totals before the table
    heading = [ws.cell(row=r, column=1).value for r in range(1, header)]
    assert heading[0] == "2026Q4 季度工作清单"
    assert "季度：2026Q4（2026-10-01 至 2026-12-31）" in heading
    assert "统计截至 2026-11-25" in heading and "2026Q4 进展应于 2027-01-10 前上报" in heading
    values = [c.value for row in ws.iter_rows(max_row=header) for c in row]
    assert "红灯" in values and "5 → 12" in values
