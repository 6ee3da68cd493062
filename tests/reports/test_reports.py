"""reports/__init__.py: the typed registry of reports (each built from the ledger and what was
asked, written as JSON or laid out as a Document) and ``Ask``'s period, as typed or today's."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ledger.calendar import Quarter
from ledger.model import Ledger
from ledger.reports import ALL_FORMATS, REPORTS, Ask
from ledger.reports.document import Document

T = date(2026, 11, 25)


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_every_report_builds_writes_json_and_lays_out_a_document(ledger: Ledger, name: str) -> None:
    built = REPORTS[name].build(ledger, Ask(T), "en")
    assert built.ledger is ledger and built.lang == "en"
    json.dumps(built.kind.to_json(built.data), ensure_ascii=False)  # plain data
    doc = built.kind.document(built.data, ledger, "en")
    assert isinstance(doc, Document) and doc.title and doc.lang == "en"


def test_formats_are_the_document_formats_and_a_reports_own() -> None:
    assert REPORTS["remind"].formats == (*ALL_FORMATS, "text")
    assert all(REPORTS[n].formats == ALL_FORMATS for n in REPORTS if n != "remind")
    assert set(REPORTS["remind"].kind().own) == {"text"}


def test_the_period_as_typed_or_the_reporting_one(ledger: Ledger) -> None:
    assert Ask(T).quarter(ledger) == Quarter(2026, 4)
    assert Ask(date(2026, 10, 5)).quarter(ledger) == Quarter(2026, 3)  # Q3's report still due
    assert Ask(date(2026, 7, 5)).half(ledger) == "H1"
    assert Ask(T, period="Q2").quarter(ledger) == Quarter(2026, 2)
    assert Ask(T, period="").quarter(ledger) == Ask(T).quarter(ledger)
    assert Ask(T, period="上半年").half(ledger) == "H1"
    assert Ask(T).half(ledger) == "H2"
