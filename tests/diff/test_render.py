"""The three formats: text grouped by unit, Markdown with the counts first, JSON in the contract's
shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ledger.diff import Diff, diff
from ledger.diff.change import KINDS
from ledger.diff.render import FORMATS, as_json, group_of
from tests.diff.gitrepo import TODAY, V1, A, Repo
from tests.diff.test_change import KEYS


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> Diff:
    repo = Repo(tmp_path_factory.mktemp("repo"))
    repo.base()
    repo.edit(A, "deadline: 2026-09-30", "deadline: 2026-12-31")
    repo.edit(A, "percent: 25", "percent: 30")
    repo.edit(
        V1,
        "    due: 2026-06-30\n  - id: f2",
        "    due: 2026-06-30\n    rectified: 2026-06-25\n  - id: f2",
    )
    repo.edit("data/projects.yaml", "goal: 学历提升", "goal: 学历*全部*达标 <b>")
    repo.commit()
    return diff(repo.root, "HEAD~1", "HEAD", TODAY)


def test_json_in_the_contracts_shape(changed: Diff) -> None:
    doc = json.loads(FORMATS["json"](changed, "zh"))
    assert list(doc) == ["from", "to", "as_of", "counts", "changes"]
    assert (doc["from"], doc["to"], doc["as_of"]) == ("HEAD~1", "HEAD", "2026-11-25")
    assert list(doc["counts"]) == list(KINDS)
    assert sum(doc["counts"].values()) == len(doc["changes"]) == 4
    for c in doc["changes"]:
        assert list(c) == KEYS
    extended = next(c for c in doc["changes"] if c["kind"] == "deadline_extended")
    assert extended == {
        "kind": "deadline_extended",
        "unit": "a",
        "project": "K1",
        "milestone": None,
        "quarter": None,
        "inspection": None,
        "finding": None,
        "field": None,
        "before": "2026-09-30",
        "after": "2026-12-31",
        "days": 92,
        "attention": True,
    }
    percent = next(c for c in doc["changes"] if c["kind"] == "report_changed")
    assert (percent["before"], percent["after"]) == (25, 30)  # numbers stay numbers
    assert as_json(changed) == doc


def test_json_to_is_null_for_the_files_on_disk(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    repo.base()
    assert json.loads(FORMATS["json"](diff(repo.root, "HEAD", None, TODAY), "en"))["to"] is None


def test_text_a_sentence_per_change_grouped(changed: Diff) -> None:
    out = FORMATS["text"](changed, "zh")
    assert out.splitlines() == [
        "台账变化 4 处，其中需关注 2 处　（HEAD~1 → HEAD，截至 2026-11-25）",
        "",
        "项目书",
        "  项目书 B1：工作目标由“学历提升”改为“学历*全部*达标 <b>”",
        "",
        "甲单位（a）",
        "  【需关注】甲单位 K1：完成时限由9月30日延至12月31日（延期 92 天）",
        "  【需关注】甲单位 K1：改写已报的2026Q1进展，完成进度由25%改为30%",
        "",
        "督导：二季度督导（v1）",
        "  二季度督导 甲单位 K1：问题“台账不全”整改完成（6月25日）",
    ]


def test_markdown_counts_first_and_text_escaped(changed: Diff) -> None:
    out = FORMATS["markdown"](changed, "en")
    lines = out.splitlines()
    assert lines[0] == "**4 changes to the ledger, 2 needing attention**"
    assert (
        "- ⚠️ **Attention**: 甲单位 K1: deadline extended from 30 Sep to 31 Dec (92 days later)"
        in lines
    )
    assert "学历\\*全部\\*达标 &lt;b&gt;" in out
    assert "#### 甲单位 (a)" in lines
    assert lines[2] == "(HEAD\\~1 → HEAD, as of 2026-11-25)"  # no strike-through on GitHub


def test_nothing_changed_in_every_format(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    repo.base()
    same = diff(repo.root, "HEAD", None, TODAY)
    assert FORMATS["text"](same, "zh").startswith(
        "台账没有变化　（HEAD → 工作区，截至 2026-11-25）"
    )
    assert FORMATS["markdown"](same, "en").splitlines()[0] == "**No change to the ledger**"
    assert json.loads(FORMATS["json"](same, "zh"))["changes"] == []


def test_groups() -> None:
    from ledger.diff.change import Change

    assert group_of(Change("settings_changed", field="x")) == ("settings", "")
    assert group_of(Change("milestone_added", project="K1")) == ("book", "")
    assert group_of(Change("finding_added", unit="a", inspection="v1")) == ("inspection", "v1")
    assert group_of(Change("flag_changed", unit="a", project="K1")) == ("unit", "a")
