"""The fast path of ``parse`` (``ledger.load.fastyaml``) against PyYAML's events: whenever the
fast path decides a file, PyYAML finds no problem in it and reads the same data, value for value
and type for type; a file it does not decide goes to PyYAML whole."""

from __future__ import annotations

import random
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.load import fastyaml
from ledger.load.yamlparse import _plain, parse, parse_events

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
import generate  # noqa: E402


def typed(value: Any) -> Any:
    """The value with every scalar's type beside it: True == 1 and 1 == 1.0 in Python."""
    if isinstance(value, dict):
        return ("map", [(k, typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", [typed(v) for v in value])
    return (type(value).__name__, value)


def check(text: str) -> bool:
    """The fast path agrees with PyYAML on ``text``; True if it decided the file."""
    fast = fastyaml.read(text, _plain)
    slow = parse_events(text, "f.yaml")
    whole = parse(text, "f.yaml")
    assert typed(whole.data) == typed(slow.data)
    assert whole.problems == slow.problems
    if fast is None:
        return False
    assert slow.problems == [], text
    assert typed(fast) == typed(slow.data), text
    return True


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    root = tmp_path_factory.mktemp("gen") / "ledger"
    generate.generate(60, root, seed=3, visits=6, findings=40)
    files = [root / "data" / "projects.yaml", *sorted((root / "data" / "units").glob("*.yaml"))]
    files += sorted((root / "data" / "inspections").glob("*.yaml"))
    return [f.read_text(encoding="utf-8") for f in files]


def test_generated_ledgers_are_read_alike_and_mostly_by_the_fast_path(
    generated: list[str],
) -> None:
    decided = [check(text) for text in generated]
    assert sum(decided) >= 0.9 * len(decided)


def test_the_sample_ledger_is_read_alike() -> None:
    for path in sorted((REPO / "data").rglob("*.yaml")):
        check(path.read_text(encoding="utf-8"))


def _damage(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    how = rng.randrange(10)
    line = lines[i]
    if how == 0:
        lines.insert(i, line)  # a line twice: a duplicate key, or an extra item
    elif how == 1:
        lines[i] = " " + line
    elif how == 2:
        lines[i] = line[1:] if line.startswith(" ") else line
    elif how == 3:
        del lines[i]
    elif how == 4:
        pos = rng.randrange(len(line) + 1)
        lines[i] = line[:pos] + rng.choice(SPICE) + line[pos:]
    elif how == 5:
        lines[i] = line.replace(": ", ":", 1)
    elif how == 6:
        lines[i] = line + rng.choice([" # 注", "  ", ":", " x: y", "\t", "\r"])
    elif how == 7:
        lines[i] = line.replace("- ", "-", 1)
    elif how == 8:
        lines[i] = line.rstrip() + " " + rng.choice(WORDS)
    else:
        lines[i : i + 1] = [line, "  " + rng.choice(WORDS)]
    return "\n".join(lines)


SPICE = [*"'\"#:-[]{}&*!|>%@`?,\\ \t~", "\u2028", "\x85", "\ufeff", "\u3000", "\x07", "\r\n"]
WORDS = [
    "no",
    "yes",
    "on",
    "~",
    "null",
    "0012",
    "0x1A",
    "1_000",
    "1:20",
    "3.5",
    ".inf",
    "-.5",
    "2026-02-30",
    "2026-4-1",
    "2026-04-01",
    "2026-04-01 10:00",
    "'q'",
    "''",
    '"dq"',
    '"a\\tb"',
    "[]",
    "{}",
    "[a, b]",
    "&a x",
    "*a",
    "!!str 5",
    "<<",
    "|",
    ">-",
    "a #b",
    "a#b",
    "正常推进",
    "x-note: 1",
    "- item",
    "? k",
]


def test_randomly_damaged_generated_files_are_read_alike(generated: list[str]) -> None:
    rng = random.Random(13)
    decided = 0
    for n in range(1500):
        text = generated[n % len(generated)]
        for _ in range(rng.randrange(1, 4)):
            text = _damage(text, rng)
        decided += check(text)
    assert decided > 100  # the damage left many files the fast path still reads


# -- random documents of the block subset and around it -------------------------------------------

_keys = st.sampled_from(["id", "name", "a", "b", "x-n", "x-备注", "yes", "1", "k_2", "on"])
_scalars = st.sampled_from(WORDS) | st.text(
    st.sampled_from(list("ab 1:#-'\"正常\u3000")), min_size=1, max_size=6
)


@st.composite
def block(draw: st.DrawFn, indent: int = 0, depth: int = 0) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if depth < 3 and draw(st.booleans()):
        for _ in range(draw(st.integers(1, 3))):
            step = draw(st.sampled_from([0, 2, 2, 4])) if depth else 2
            if draw(st.booleans()):
                lines.append(f"{pad}- {draw(_scalars)}")
            else:
                inner = draw(block(indent + 2, depth + 1))
                if inner and not inner[0].lstrip().startswith("- "):
                    lines.append(f"{pad}- {inner[0].lstrip()}")
                    lines += inner[1:]
                else:
                    lines.append(f"{pad}-")
                    lines += inner
            del step
        return lines
    for _ in range(draw(st.integers(1, 4))):
        key = draw(_keys)
        kind = draw(st.integers(0, 5))
        if kind == 0 and depth < 3:
            lines.append(f"{pad}{key}:")
            lines += draw(block(indent + draw(st.sampled_from([2, 4])), depth + 1))
        elif kind == 1 and depth < 3:
            lines.append(f"{pad}{key}:")
            lines += [f"{pad}- {draw(_scalars)}" for _ in range(draw(st.integers(1, 3)))]
        elif kind == 2:
            lines.append(f"{pad}{key}:")
        elif kind == 3:
            lines.append(f"{pad}# {draw(_scalars)}")
        else:
            comment = draw(st.sampled_from(["", " # c", "  #c", "#c"]))
            lines.append(f"{pad}{key}: {draw(_scalars)}{comment}")
    return lines


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=block(), ending=st.sampled_from(["\n", "\r\n"]), last=st.booleans())
def test_random_block_documents_are_read_alike(lines: list[str], ending: str, last: bool) -> None:
    check(ending.join(lines) + (ending if last else ""))


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ab: -#'\"\n[]{}&*!|>~01\t\r正")), max_size=40))
def test_random_text_is_read_alike(text: str) -> None:
    check(text)


def test_what_the_fast_path_reads() -> None:
    text = (
        "# head\nid: a  # the id\nname: '它''s'\nn: 0012\nok: no\nwhen: 2026-04-01\n"
        "bad: 2026-02-30\nx-note: 不要\nlist:\n- one\n- 'two'\nnested:\n  - k: 1\n    v: \"t\"\n"
        "empty:\nnone: []\nunits: [huade, 集宁区 西, 2026-05-20]  # visited\n"
    )
    assert check(text)
    assert fastyaml.read(text, _plain) == {
        "id": "a",
        "name": "它's",
        "n": 10,
        "ok": False,
        "when": date(2026, 4, 1),
        "bad": "2026-02-30",
        "list": ["one", "two"],
        "nested": [{"k": 1, "v": "t"}],
        "empty": None,
        "none": [],
        "units": ["huade", "集宁区 西", date(2026, 5, 20)],
    }
    for undecided in (
        "a: 1\na: 2\n",
        "a: &x 1\n",
        "a: [1, [2]]\n",
        "a: [1, 2,]\n",
        "a: [-1]\n",
        "a: [a: b]\n",
        "a: ['q', b]\n",
        "a: [x]#c\n",
        "a: [a,\n  b]\n",
        "a: |\n  t\n",
        "a: b\n  c\n",
        "---\na: 1\n",
    ):
        assert fastyaml.read(undecided, _plain) is None, undecided
        check(undecided)


_items = st.sampled_from([*WORDS, "huade", "张 伟", " a ", "", "-", "a,b", "1:2", "0012", "~"])


@settings(max_examples=300, deadline=None)
@given(
    items=st.lists(_items, max_size=4),
    seps=st.sampled_from([", ", ",", " , "]),
    comment=st.sampled_from(["", " # c", "#c", "  "]),
)
def test_random_flow_sequences_are_read_alike(items: list[str], seps: str, comment: str) -> None:
    check(f"units: [{seps.join(items)}]{comment}\nlist:\n  - [{seps.join(items)}]\n")


# -- numbers of every YAML 1.1 form, and plain scalars made of their characters -------------------

_digits = st.text(st.sampled_from("0123456789_"), max_size=4)
_sign = st.sampled_from(["", "", "+", "-"])


@st.composite
def yaml11_number(draw: st.DrawFn) -> str:
    """A plain scalar of one of YAML 1.1's int or float forms (or one that nearly is), signed,
    underscored and prefixed as the resolver's regexes allow."""
    form = draw(st.integers(0, 9))
    if form == 0:  # binary
        body = "0b" + draw(st.text(st.sampled_from("01_"), min_size=1, max_size=6))
    elif form == 1:  # octal, YAML 1.1's way (0 then digits) and YAML 1.2's (0o: text in 1.1)
        prefix = draw(st.sampled_from(["0", "0", "00", "0_", "0o"]))
        body = prefix + draw(st.text(st.sampled_from("012345678_"), max_size=5))
    elif form == 2:  # hexadecimal
        body = draw(st.sampled_from(["0x", "0X"])) + draw(
            st.text(st.sampled_from("0123456789abcdefABCDEF_"), min_size=1, max_size=5)
        )
    elif form == 3:  # decimal
        body = draw(st.sampled_from("0123456789")) + draw(_digits)
    elif form == 4:  # sexagesimal int or float
        parts = draw(st.lists(st.integers(0, 99).map(str), min_size=1, max_size=3))
        body = draw(st.sampled_from("123456789")) + draw(_digits) + ":" + ":".join(parts)
        if draw(st.booleans()):
            body += "." + draw(_digits)
    elif form == 5:  # float with a point, maybe an exponent
        body = draw(_digits) + "." + draw(_digits)
        if draw(st.booleans()):
            body += draw(st.sampled_from("eE")) + draw(_sign) + draw(_digits)
    elif form == 6:  # infinity and not-a-number
        body = draw(st.sampled_from([".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN", ".iNf"]))
    elif form == 7:  # the other implicit types: bool, null, timestamp
        body = draw(st.sampled_from(["yes", "No", "on", "OFF", "~", "null", "2026-04-01"]))
        body += draw(st.sampled_from(["", "", " 10:00", "T10:00:00Z", "-1"]))
    else:  # their characters at random
        chars = "0123456789+-._:eExXoObBafnNiIyYtT~"
        body = draw(st.text(st.sampled_from(chars), min_size=1, max_size=8))
    return draw(_sign) + body


_number_keys = st.sampled_from(["order", "percent", "id", "n"])


@st.composite
def number_document(draw: st.DrawFn) -> str:
    lines = []
    # each key once: a key written twice is PyYAML's to report
    for key in draw(st.lists(_number_keys, min_size=1, max_size=4, unique=True)):
        value = draw(yaml11_number())
        comment = draw(st.sampled_from(["", "", " # c"]))
        shape = draw(st.integers(0, 2))
        if shape == 0:
            lines.append(f"{key}: {value}{comment}")
        elif shape == 1:
            lines += [f"{key}:", f"  - {value}{comment}"]
        else:
            lines += [f"{key}:", f"  - {draw(_number_keys)}: {value}{comment}"]
    return "\n".join(lines) + "\n"


@settings(max_examples=600, deadline=None)
@given(number_document())
def test_numbers_of_every_yaml11_form_are_read_alike(text: str) -> None:
    """Same data and the same problems (S014 for an octal or base-60 order or percent, signed
    or not) by the fast path and by PyYAML's events."""
    check(text)


@pytest.mark.parametrize("raw", ["+060", "+0_60", "+012", "-012", "012", "+1:30", "0_7"])
def test_a_signed_octal_or_base60_order_goes_to_the_events_path(raw: str) -> None:
    text = f"id: a\norder: {raw}\n"
    assert fastyaml.read(text, _plain) is None
    assert [p.code for p in parse(text, "f.yaml").problems] == ["S014"]
    check(text)
