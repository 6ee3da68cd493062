"""reports/common.py: what the reports share, such as the units in the official order."""

from __future__ import annotations

import re

from tests.conftest import REPO, LedgerMaker
from tests.reports.conftest import DAY
from tests.support import Cli


def test_units_in_official_order(cli: Cli) -> None:
    code, out = cli("report", "--quarter", "-C", REPO, "--today", DAY, "-f", "markdown")
    assert code == 0
    names = re.findall(r"^\| 　*([^|]+?) \|", out, flags=re.M)
    firsts = list(dict.fromkeys(n for n in names if n not in ("单位",)))
    assert firsts[:11] == [
        "集宁区", "丰镇市", "卓资县", "化德县", "商都县", "兴和县", "凉城县",
        "察右前旗", "察右中旗", "察右后旗", "后旗财政局",
    ]  # fmt: skip


def test_a_leaders_position_is_left_out_for_a_narrow_table() -> None:
    from ledger.reports.common import person

    assert person("刘建军（区委副书记）") == "刘建军"
    assert person("Liu Jianjun (deputy secretary)") == "Liu Jianjun"
    assert person("王某") == "王某"
    assert person("（空缺）") == "（空缺）"  # nothing but a position: kept as written


def test_flag_totals_in_the_readers_words_with_the_previous_figure() -> None:
    from ledger.reports.common import flag_totals

    totals = flag_totals(
        {"red": 2, "yellow": 0, "green": 5}, {"red": 4, "yellow": 1, "green": 3}, "zh"
    )
    assert [(t.label, t.value, t.flag, t.previous) for t in totals] == [
        ("红灯", 2, "red", 4),
        ("黄灯", 0, None, 1),  # no colour for a zero
        ("绿灯", 5, "green", 3),
    ]
    assert [t.previous for t in flag_totals({"red": 1, "yellow": 1, "green": 1}, None, "en")] == [
        None,
        None,
        None,
    ]


def test_tree_order_parents_first_siblings_by_order_and_a_cycle_last(
    make_ledger: LedgerMaker,
) -> None:
    from ledger.load import load
    from ledger.reports.common import tree_order

    root = make_ledger(
        units={
            "b": "id: b\nname: 乙\nparent: city\norder: 2\n",
            "a": "id: a\nname: 甲\nparent: city\n",
            "c": "id: c\nname: 丙\nparent: city\norder: 1\n",
            "c1": "id: c1\nname: 丙一\nparent: c\n",
            "x": "id: x\nname: 循环甲\nparent: y\n",
            "y": "id: y\nname: 循环乙\nparent: x\n",
        }
    )
    ledger = load(root).ledger()
    order = [(u.id, d) for u, d in tree_order(ledger, ledger.units)]
    assert order == [("city", 0), ("c", 1), ("c1", 2), ("b", 1), ("a", 1), ("x", 0), ("y", 0)]
    kept = [(u.id, d) for u, d in tree_order(ledger, ["c1", "a"])]
    assert kept == [("c1", 2), ("a", 1)]


def test_sort_by_flag_red_first_then_most_days_late() -> None:
    from ledger.asof.status import Reason
    from ledger.reports.common import flag_first

    late = [Reason("overdue", days=30), Reason("overdue", days=3), Reason("due_soon", days=99)]
    keys = [flag_first("green", []), flag_first("red", late[1:]), flag_first("red", late)]
    # a yellow reason's days (left, not late) never count
    assert sorted(keys) == [(0, -30), (0, -3), (2, 0)]
