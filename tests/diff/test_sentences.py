"""A clerk's sentence per change, in both languages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ledger.diff import diff
from ledger.diff.change import Change
from ledger.diff.sentences import Names, Words, sentence
from tests.diff.gitrepo import TODAY, V1, A, Repo


@pytest.fixture(scope="module")
def names(tmp_path_factory: pytest.TempPathFactory) -> Names:
    repo = Repo(tmp_path_factory.mktemp("repo"))
    repo.base()
    loaded = diff(repo.root, "HEAD", None, TODAY)
    return Names.of(loaded.before, loaded.after)


def say(names: Names, c: Change, lang: str = "zh") -> str:
    return sentence(c, Words(names, lang), TODAY)


def test_an_extension_as_the_clerk_says_it(names: Names) -> None:
    c = Change.of(
        "deadline_extended", date(2026, 9, 30), date(2026, 12, 31), unit="a", project="K1"
    )
    assert say(names, c) == "甲单位 K1：完成时限由9月30日延至12月31日（延期 92 天）"
    assert say(names, c, "en") == (
        "甲单位 K1: deadline extended from 30 Sep to 31 Dec (92 days later)"
    )


def test_a_date_in_another_year_says_its_year(names: Names) -> None:
    c = Change.of(
        "milestone_done", after=date(2027, 1, 8), unit="a", project="K1", milestone="accept"
    )
    assert say(names, c) == "甲单位 K1：节点“验收”已完成（2027年1月8日）"


def test_fields_set_changed_and_removed(names: Names) -> None:
    set_ = Change.of("unit_changed", None, "张三", unit="a", field="contact")
    both = Change.of(
        "report_changed", 25, 30, unit="a", project="K1", quarter="2026Q1", field="percent"
    )
    gone = Change.of(
        "milestone_changed",
        "纪要",
        None,
        unit="a",
        project="K1",
        milestone="own1",
        field="evidence",
    )
    assert say(names, set_) == "甲单位：联系人设为“张三”"
    assert say(names, both) == "甲单位 K1：改写已报的2026Q1进展，完成进度由25%改为30%"
    assert say(names, gone) == "甲单位 K1：节点“自定节点”的佐证材料删去（原为“纪要”）"
    status = Change.of(
        "report_changed",
        "on_track",
        "at_risk",
        unit="a",
        project="K1",
        quarter="2026Q1",
        field="status",
    )
    assert (
        say(names, status, "en") == "甲单位 K1: 2026Q1 report rewritten, status on track → at risk"
    )


def test_findings_and_flags(names: Names) -> None:
    found = Change.of(
        "finding_rectified",
        after=date(2026, 6, 25),
        unit="a",
        project="K1",
        inspection="v1",
        finding="f1",
    )
    flag = Change.of("flag_changed", "red", "green", unit="a", project="K1")
    assert say(names, found) == "二季度督导 甲单位 K1：问题“台账不全”整改完成（6月25日）"
    assert say(names, flag) == "甲单位 K1：截至11月25日由红灯变为绿灯"
    assert V1 and A  # the names come from the sample files of tests/diff/gitrepo.py


def test_every_kind_has_its_words_in_both_languages(names: Names) -> None:
    from ledger.diff.change import KINDS
    from ledger.i18n import TABLES

    for kind in KINDS:
        for table in TABLES.values():
            assert f"diff.{kind}" in table, kind
        for lang in ("zh", "en"):
            assert say(names, Change(kind, unit="a", project="K1"), lang)


def test_no_names_when_nothing_read(tmp_path: Path) -> None:
    from ledger.load.ledger import Loaded

    empty = Names.of(Loaded(tmp_path), Loaded(tmp_path))
    assert say(empty, Change.of("unit_added", after="乙", unit="b")) == "新增单位 乙（b）"


def test_a_findings_due_is_its_time_limit_and_added_things_are_quoted(names: Names) -> None:
    due = Change.of(
        "finding_changed",
        date(2026, 6, 30),
        date(2026, 7, 30),
        unit="a",
        project="K1",
        inspection="v1",
        finding="f1",
        field="due",
    )
    assert say(names, due) == "二季度督导 甲单位 K1：问题“台账不全”的整改时限由6月30日改为7月30日"
    assert say(names, due, "en").endswith('finding "台账不全", time limit 30 Jun → 30 Jul')
    # its problem rewritten: the wording, not 问题“…”的问题由…
    reworded = Change.of(
        "finding_changed",
        "台账不全",
        "台账“两委”不全",
        unit="a",
        project="K1",
        inspection="v1",
        finding="f1",
        field="problem",
    )
    assert say(names, reworded) == (
        "二季度督导 甲单位 K1：问题“台账不全”的表述由“台账不全”改为“台账‘两委’不全”"
    )
    assert say(names, reworded, "en").endswith('wording "台账不全" → "台账“两委”不全"')
    added = Change.of("project_added", after="新项目", project="N1")
    assert say(names, added) == "新增项目 N1“新项目”"
    claim = Change.of(
        "claim_added",
        after={"leader": "李某", "deadline": date(2026, 12, 20)},
        unit="a",
        project="B1",
    )
    assert say(names, claim) == "甲单位 B1：新认领，责任领导 李某，完成时限12月20日"
