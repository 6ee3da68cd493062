"""Properties: the YAML reader never raises, and validating any unit file never raises and places
every problem inside the file with a known code (contract section 6: never a traceback)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.codes import CODES
from ledger.load.yamlparse import parse
from ledger.validate import validate
from tests.conftest import LedgerMaker

FAST = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Pieces of YAML that reach the parser's corners: keys, indentation, tabs, flow collections,
# quotes, anchors, aliases, tags, merge keys, documents, directives, odd line breaks and numbers.
FRAGMENTS = st.sampled_from(
    [
        "id", "name", "claims", "progress", "x-note", "K1", "已完成",
        ":", ": ", "-", "- ", "? ", ",", "#", "|", ">", "%", "@", "`",
        "\n", "  ", "    ", "\t", "\r\n", "\r", "\x85", "\u2028", "\ufeff", "\x00",
        "'", '"', "\\", "[", "]", "{", "}",
        "&a", "*a", "&b ", "*b", "!", "!!str ", "!!python/object/apply:os.system ", "!x ",
        "!<tag:yaml.org,2002:str> ", "<<", "<<: ",
        "---\n", "...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n",
        "0012", "no", "12:30", "2026-02-30", "2026-03-31", "0x_", "0b", ".inf", "~", "1e3",
    ]
)  # fmt: skip
YAMLISH = st.lists(FRAGMENTS, max_size=40).map("".join)


@FAST
@given(st.text())
def test_parse_never_raises_on_any_text(text: str) -> None:
    parsed = parse(text, "x.yaml")
    assert all(p.code in CODES for p in parsed.problems)


@FAST
@given(YAMLISH)
def test_parse_never_raises_on_yaml_like_text(text: str) -> None:
    parsed = parse(text, "x.yaml")
    for p in parsed.problems:
        assert p.code in CODES
        assert p.path == "x.yaml"
        if p.line is not None:
            assert p.line >= 1
            assert p.column is not None and p.column >= 1


# -- any unit file validates without raising ------------------------------------------------------

KEYS = [
    "id", "name", "parent", "claims", "project", "leader", "measures", "deadline", "claimed",
    "milestones", "progress", "quarter", "status", "percent", "summary", "reported", "done",
    "due", "title", "evidence", "problems", "next_steps", "x-note", "nmae",
]  # fmt: skip
WORDS = [
    "a", "city", "K1", "B1", "survey", "accept", "2026Q1", "2026Q4", "2025Q4", "Q3",
    "on_track", "done", "已完成", "2026-03-31", "2026-02-30", "2026/3/31", "0012", "no",
]  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-1000, max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=10),
    st.dates(),
    st.sampled_from(WORDS),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=5)), inner, max_size=5),
    ),
    max_leaves=30,
)
UNIT_FILES = st.one_of(st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=6), VALUES)


@pytest.fixture
def ledger_root(make_ledger: LedgerMaker) -> Path:
    return make_ledger()


@FAST
@given(data=UNIT_FILES, flow=st.booleans())
def test_validating_any_unit_file_never_raises(ledger_root: Path, data: object, flow: bool) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
    (ledger_root / "data" / "units" / "a.yaml").write_text(text, encoding="utf-8")
    lines = len(text.splitlines())
    for p in validate(ledger_root, date(2026, 11, 25)).problems:
        assert p.code in CODES and not CODES[p.code].retired
        p.message("en")
        p.message("zh")
        if p.path == "data/units/a.yaml" and p.line is not None:
            assert 1 <= p.line <= lines, (p, text)
            assert p.column is not None and p.column >= 1


# -- the event-built data is what PyYAML's safe loader reads ------------------------------------

_keys = st.text(min_size=1, max_size=8).filter(lambda k: not k.startswith("x-") and k != "<<")
_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, allow_infinity=False, width=32)
    | st.text(max_size=20)
    | st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
)
_documents = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(doc=st.dictionaries(_keys, _documents, max_size=5), flow=st.booleans())
def test_parse_reads_what_the_safe_loader_reads(doc: dict[str, object], flow: bool) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True, default_flow_style=flow)
    assert parse(text, "x.yaml").data == yaml.load(text, Loader=yaml.CSafeLoader)
