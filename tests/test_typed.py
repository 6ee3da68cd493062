"""What a clerk may type (contract section 7): every accepted spelling, and the bad ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ledger import typed
from ledger.calendar import Quarter
from ledger.load import load
from tests.conftest import REPO, SAMPLE_DAY, LedgerMaker
from tests.support import UNIT_A, A, Cli

QUARTERS = [
    "2026Q3",
    "Q3",
    "q3",
    "3",
    "三季度",
    "第三季度",
    "2026年第三季度",
    "2026年三季度",
    "２０２６Ｑ３",
    " Q3 ",
    "第3季度",
]


@pytest.mark.parametrize("text", QUARTERS)
def test_quarter_spellings(text: str) -> None:
    assert typed.quarter(text, 2026) == Quarter(2026, 3)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("第五季度", "bad_quarter"),
        ("Q5", "bad_quarter"),
        ("5", "bad_quarter"),
        ("季度", "bad_quarter"),
        ("", "bad_quarter"),
        ("2025Q3", "quarter_other_year"),
        ("2027年第一季度", "quarter_other_year"),
    ],
)
def test_bad_quarters(text: str, key: str) -> None:
    with pytest.raises(typed.Untyped) as info:
        typed.quarter(text, 2026)
    assert info.value.key == key


@pytest.mark.parametrize(
    ("text", "half"),
    [
        ("H1", "H1"),
        ("h2", "H2"),
        ("2026H1", "H1"),
        ("上半年", "H1"),
        ("下半年", "H2"),
        ("2026年上半年", "H1"),
        ("2026年下半年", "H2"),
    ],
)
def test_half_spellings(text: str, half: str) -> None:
    assert typed.half(text, 2026) == half


@pytest.mark.parametrize(("text", "key"), [("H3", "bad_half"), ("2025H1", "half_other_year")])
def test_bad_halves(text: str, key: str) -> None:
    with pytest.raises(typed.Untyped) as info:
        typed.half(text, 2026)
    assert info.value.key == key


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("on_track", "on_track"),
        ("正常推进", "on_track"),
        ("On Track", "on_track"),
        ("on-track", "on_track"),
        ("at_risk", "at_risk"),
        ("存在风险", "at_risk"),
        ("behind", "behind"),
        ("滞后", "behind"),
        ("done", "done"),
        ("已完成", "done"),
        ("DONE", "done"),
    ],
)
def test_status_spellings(text: str, status: str) -> None:
    assert typed.status(text) == status


def test_bad_status_has_a_suggestion() -> None:
    with pytest.raises(typed.Untyped) as info:
        typed.status("正常推")
    assert info.value.key == "bad_status" and "正常推进" in str(info.value.args_)


@pytest.mark.parametrize(
    ("text", "value"),
    [("65", 65), ("65%", 65), ("６５％", 65), ("65.5%", 65.5), ("65.5", 65.5), ("100", 100)],
)
def test_percent_spellings(text: str, value: float) -> None:
    assert typed.percent(text) == value


@pytest.mark.parametrize(
    ("text", "key"),
    [("百分之六十", "bad_percent_text"), ("sixty", "bad_percent_text"), ("101", "bad_percent")],
)
def test_bad_percents(text: str, key: str) -> None:
    with pytest.raises(typed.Untyped) as info:
        typed.percent(text)
    assert info.value.key == key


@pytest.mark.parametrize("text", ["chayouhouqi", "察哈尔右翼后旗", "察右后旗"])
def test_unit_by_id_name_or_short_name(text: str) -> None:
    units = load(REPO).ledger().units
    assert typed.unit(text, units) == "chayouhouqi"


def test_unknown_unit_near_miss() -> None:
    units = load(REPO).ledger().units
    with pytest.raises(typed.Untyped) as info:
        typed.unit("卓资", units)
    assert info.value.key == "unknown_unit" and "卓资县" in str(info.value.args_)


def test_a_name_two_units_share(make_ledger: Callable[..., Path], cli: Cli) -> None:
    root = make_ledger(
        units={"a": "id: a\nname: 组织部\n", "b": "id: b\nname: 办公室\nshort_name: 组织部\n"}
    )
    code, out = cli("overdue", "-C", root, "--today", SAMPLE_DAY, "--unit", "组织部")
    assert code == 2 and "a, b" in out


def test_the_clerks_progress_without_an_id(sample: Path, cli: Cli) -> None:
    """The issue's "done when": progress by short name, 四季度 and 65%."""
    code, out = cli(
        "progress", "察右后旗", "K4", "--quarter", "四季度", "--status", "存在风险",
        "--percent", "65.5%", "--summary", "改建完成", "-C", sample, "--today", "2026-11-25",
    )  # fmt: skip
    assert code == 0, out
    text = (sample / "data" / "units" / "chayouhouqi.yaml").read_text(encoding="utf-8")
    assert "quarter: 2026Q4" in text and "percent: 65.5" in text and "status: at_risk" in text


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--quarter", "第五季度", "不是季度"),
        ("--quarter", "2025Q4", "2026 年"),
        ("--percent", "百分之六十", "不是百分比"),
        ("--status", "正常", "不是有效状态"),
    ],
)
def test_bad_progress_arguments_exit_2_and_write_nothing(
    sample: Path, cli: Cli, option: str, value: str, words: str
) -> None:
    path = sample / "data" / "units" / "zhuozi.yaml"
    before = path.read_bytes()
    args = {"--quarter": "Q4", "--status": "on_track", "--percent": "65", option: value}
    flat = [x for kv in args.items() for x in kv]
    code, out = cli(
        "progress", "卓资县", "I1", *flat, "--summary", "s", "-C", sample, "--today", SAMPLE_DAY
    )
    assert code == 2 and words in out
    assert path.read_bytes() == before


@pytest.mark.parametrize("percent", ["50.5", "50.5%", "５０.５"])
def test_percent_with_decimals_is_accepted(
    cli: Cli, make_ledger: LedgerMaker, percent: str
) -> None:
    root = make_ledger(units={"a": UNIT_A})
    code, out = cli(
        "progress", "a", "K1", "-q", "4", "--status", "on_track", "--percent", percent,
        "--summary", "s", "-C", root, "--today", "2026-12-20", "--lang", "en",
    )  # fmt: skip
    assert code == 0, out
    assert "percent: 50.5" in (root / A).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("overdue", "overdue"),
        ("逾期", "overdue"),
        ("逾期未整改", "overdue"),
        ("due soon", "due_soon"),
        ("Due-Soon", "due_soon"),
        ("即将到期", "due_soon"),
        ("未到期", "open"),
        ("已整改", "rectified"),
        ("整改完成", "rectified"),
        ("已销号", "closed"),
        (" closed ", "closed"),
    ],
)
def test_finding_state_spellings(text: str, state: str) -> None:
    assert typed.finding_state(text) == state


def test_bad_finding_state_lists_the_choices() -> None:
    with pytest.raises(typed.Untyped) as caught:
        typed.finding_state("late")
    assert caught.value.key == "bad_finding_state"
    assert "已销号" in str(caught.value.args_["choices"])
