"""Every kind of change of contract section 11, each made in a real git repository (a ledger in a
subfolder, two commits) and compared as ``ledger diff HEAD~1 HEAD`` compares them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ledger.diff import diff
from ledger.diff.change import Change
from ledger.diff.compare import merged
from tests.diff.gitrepo import BASE, TODAY, V1, A, Repo

BOOK = "data/projects.yaml"
Edit = Callable[[Repo], None]


def _replace(rel: str, old: str, new: str) -> Edit:
    return lambda repo: repo.edit(rel, old, new)


def _both(*edits: Edit) -> Edit:
    def run(repo: Repo) -> None:
        for e in edits:
            e(repo)

    return run


NEW_PROJECT = """\
  - id: N1
    category: innovation
    title: 新项目
    lead_units: [city]
    goal: 新目标
"""
NEW_CLAIM = """\
  - project: B1
    leader: 李某
    measures: [学历提升]
    deadline: 2026-12-20
"""
Q3_DONE = """\
      - quarter: 2026Q3
        status: done
        percent: 100
        summary: 完成
        reported: 2026-09-28
"""
Q2 = """\
      - quarter: 2026Q2
        status: at_risk
        percent: 40
        summary: 推进中
        reported: 2026-07-08
"""
NEW_FINDING = """\
  - id: f3
    unit: a
    problem: 记录缺页
    requirement: 补记
    due: 2026-12-10
"""

CASES: list[tuple[str, Edit, Change]] = [
    (
        "settings_changed",
        _replace("ledger.toml", "year = 2026\n", "year = 2026\n[reporting]\nwarn_days = 7\n"),
        Change("settings_changed", field="reporting.warn_days", before=14, after=7),
    ),
    (
        "project_added",
        _replace(BOOK, "  - id: B1\n", NEW_PROJECT + "  - id: B1\n"),
        Change("project_added", project="N1", after="新项目"),
    ),
    (
        "project_removed",
        lambda r: r.write(BOOK, r.read(BOOK).split("  - id: B1\n")[0]),
        Change("project_removed", project="B1", before="两委班子学历提升"),
    ),
    (
        "project_changed",
        _replace(BOOK, "goal: 学历提升", "goal: 学历全部达标"),
        Change(
            "project_changed", project="B1", field="goal", before="学历提升", after="学历全部达标"
        ),
    ),
    (
        "book milestone_added",
        _replace(
            BOOK,
            "    milestones:\n",
            "    milestones:\n      - id: plan\n        title: 制定方案\n        due: 2026-02-28\n",
        ),
        Change(
            "milestone_added",
            project="K1",
            milestone="plan",
            after={"title": "制定方案", "due": "2026-02-28"},
        ),
    ),
    (
        "book milestone_removed",
        _replace(BOOK, "      - id: accept\n        title: 验收\n        due: 2026-11-30\n", ""),
        Change(
            "milestone_removed",
            project="K1",
            milestone="accept",
            before={"title": "验收", "due": "2026-11-30"},
        ),
    ),
    (
        "book due_extended",
        _replace(BOOK, "due: 2026-11-30", "due: 2026-12-15"),
        Change(
            "due_extended",
            project="K1",
            milestone="accept",
            before="2026-11-30",
            after="2026-12-15",
            days=15,
            attention=True,
        ),
    ),
    (
        "book due earlier",
        _replace(BOOK, "due: 2026-11-30", "due: 2026-11-20"),
        Change(
            "milestone_changed",
            project="K1",
            milestone="accept",
            field="due",
            before="2026-11-30",
            after="2026-11-20",
            days=-10,
        ),
    ),
    (
        "book milestone title",
        _replace(BOOK, "title: 验收", "title: 检查验收"),
        Change(
            "milestone_changed",
            project="K1",
            milestone="accept",
            field="title",
            before="验收",
            after="检查验收",
        ),
    ),
    (
        "unit_added",
        lambda r: r.write("data/units/b.yaml", "id: b\nname: 乙单位\n"),
        Change("unit_added", unit="b", after="乙单位"),
    ),
    (
        "unit_removed",
        lambda r: r.remove("data/units/city.yaml"),
        Change("unit_removed", unit="city", before="市委组织部"),
    ),
    (
        "unit_changed",
        _replace(A, "name: 甲单位\n", "name: 甲单位\ncontact: 张三 0474-1234567\n"),
        Change("unit_changed", unit="a", field="contact", after="张三 0474-1234567"),
    ),
    (
        "claim_added",
        lambda r: r.write(A, r.read(A) + NEW_CLAIM),
        Change(
            "claim_added",
            unit="a",
            project="B1",
            after={"leader": "李某", "deadline": "2026-12-20"},
        ),
    ),
    (
        "claim_removed",
        lambda r: r.write(A, "id: a\nname: 甲单位\n"),
        Change(
            "claim_removed",
            unit="a",
            project="K1",
            before={"leader": "王某", "deadline": "2026-09-30"},
        ),
    ),
    (
        "claim_changed",
        _replace(A, "leader: 王某", "leader: 赵某"),
        Change(
            "claim_changed", unit="a", project="K1", field="leader", before="王某", after="赵某"
        ),
    ),
    (
        "claim_changed measures",
        _replace(A, "measures: [开展排查]", "measures: [开展排查, 建立台账]"),
        Change(
            "claim_changed",
            unit="a",
            project="K1",
            field="measures",
            before=["开展排查"],
            after=["开展排查", "建立台账"],
        ),
    ),
    (
        "deadline_extended",
        _replace(A, "deadline: 2026-09-30", "deadline: 2026-12-31"),
        Change(
            "deadline_extended",
            unit="a",
            project="K1",
            before="2026-09-30",
            after="2026-12-31",
            days=92,
            attention=True,
        ),
    ),
    (
        "deadline earlier",
        _replace(A, "deadline: 2026-09-30", "deadline: 2026-09-20"),
        Change(
            "claim_changed",
            unit="a",
            project="K1",
            field="deadline",
            before="2026-09-30",
            after="2026-09-20",
            days=-10,
        ),
    ),
    (
        "own milestone_added",
        _replace(
            A,
            "    progress:\n",
            "      - id: own2\n        title: 第二节点\n        due: 2026-08-31\n    progress:\n",
        ),
        Change(
            "milestone_added",
            unit="a",
            project="K1",
            milestone="own2",
            after={"title": "第二节点", "due": "2026-08-31"},
        ),
    ),
    (
        "own milestone_removed",
        _replace(
            A,
            "      - id: own1\n        title: 自定节点\n        due: 2026-06-30\n"
            "        evidence: 会议纪要\n",
            "",
        ),
        Change(
            "milestone_removed",
            unit="a",
            project="K1",
            milestone="own1",
            before={"title": "自定节点", "due": "2026-06-30"},
        ),
    ),
    (
        "milestone_done on a book milestone",
        _replace(
            A, "    progress:\n", "      - id: accept\n        done: 2026-11-20\n    progress:\n"
        ),
        Change("milestone_done", unit="a", project="K1", milestone="accept", after="2026-11-20"),
    ),
    (
        "milestone_done on an own milestone",
        _replace(
            A,
            "        evidence: 会议纪要\n",
            "        evidence: 会议纪要\n        done: 2026-06-28\n",
        ),
        Change("milestone_done", unit="a", project="K1", milestone="own1", after="2026-06-28"),
    ),
    (
        "milestone_undone",
        _replace(A, "      - id: survey\n        done: 2026-03-20\n", ""),
        Change(
            "milestone_undone",
            unit="a",
            project="K1",
            milestone="survey",
            before="2026-03-20",
            attention=True,
        ),
    ),
    (
        "done date changed",
        _replace(A, "done: 2026-03-20", "done: 2026-03-25"),
        Change(
            "milestone_changed",
            unit="a",
            project="K1",
            milestone="survey",
            field="done",
            before="2026-03-20",
            after="2026-03-25",
            attention=True,
        ),
    ),
    (
        "evidence changed",
        _replace(A, "evidence: 会议纪要", "evidence: 会议纪要和照片"),
        Change(
            "milestone_changed",
            unit="a",
            project="K1",
            milestone="own1",
            field="evidence",
            before="会议纪要",
            after="会议纪要和照片",
        ),
    ),
    (
        "own due_extended",
        _replace(A, "due: 2026-06-30", "due: 2026-07-31"),
        Change(
            "due_extended",
            unit="a",
            project="K1",
            milestone="own1",
            before="2026-06-30",
            after="2026-07-31",
            days=31,
            attention=True,
        ),
    ),
    (
        "an earlier due set on a book milestone",
        _replace(A, "      - id: survey\n", "      - id: survey\n        due: 2026-03-15\n"),
        Change(
            "milestone_changed",
            unit="a",
            project="K1",
            milestone="survey",
            field="due",
            before="2026-03-31",
            after="2026-03-15",
            days=-16,
        ),
    ),
    (
        "report_added",
        lambda r: r.write(A, r.read(A) + Q2),
        Change(
            "report_added",
            unit="a",
            project="K1",
            quarter="2026Q2",
            after={"status": "at_risk", "percent": 40},
        ),
    ),
    (
        "report_changed",
        _replace(A, "percent: 25", "percent: 30"),
        Change(
            "report_changed",
            unit="a",
            project="K1",
            quarter="2026Q1",
            field="percent",
            before=25,
            after=30,
            attention=True,
        ),
    ),
    (
        "report_changed status in Chinese words",
        _replace(A, "status: on_track", "status: 存在风险"),
        Change(
            "report_changed",
            unit="a",
            project="K1",
            quarter="2026Q1",
            field="status",
            before="on_track",
            after="at_risk",
            attention=True,
        ),
    ),
    (
        "report_removed",
        lambda r: r.write(A, r.read(A).split("    progress:\n")[0]),
        Change(
            "report_removed",
            unit="a",
            project="K1",
            quarter="2026Q1",
            before={"status": "on_track", "percent": 25},
            attention=True,
        ),
    ),
    (
        "inspection_added",
        lambda r: r.write(
            "data/inspections/v2.yaml",
            "id: v2\ntitle: 三季度督导\ndate: 2026-08-18\nunits: [city]\n",
        ),
        Change(
            "inspection_added", inspection="v2", after={"title": "三季度督导", "date": "2026-08-18"}
        ),
    ),
    (
        "inspection_removed",
        lambda r: r.remove(V1),
        Change(
            "inspection_removed",
            inspection="v1",
            before={"title": "二季度督导", "date": "2026-05-20"},
        ),
    ),
    (
        "finding_added",
        lambda r: r.write(V1, r.read(V1) + NEW_FINDING),
        Change(
            "finding_added",
            unit="a",
            inspection="v1",
            finding="f3",
            after={"problem": "记录缺页", "due": "2026-12-10"},
        ),
    ),
    (
        "finding_removed",
        _replace(
            V1,
            "  - id: f2\n    unit: a\n    problem: 制度未上墙\n    requirement: 上墙公示\n"
            "    due: 2026-06-30\n    rectified: 2026-06-20\n",
            "",
        ),
        Change(
            "finding_removed",
            unit="a",
            inspection="v1",
            finding="f2",
            before={"problem": "制度未上墙", "due": "2026-06-30"},
        ),
    ),
    (
        "finding_rectified",
        _replace(
            V1,
            "    due: 2026-06-30\n  - id: f2",
            "    due: 2026-06-30\n    rectified: 2026-06-25\n  - id: f2",
        ),
        Change(
            "finding_rectified",
            unit="a",
            project="K1",
            inspection="v1",
            finding="f1",
            after="2026-06-25",
        ),
    ),
    (
        "finding_closed",
        _replace(V1, "rectified: 2026-06-20\n", "rectified: 2026-06-20\n    closed: 2026-07-10\n"),
        Change("finding_closed", unit="a", inspection="v1", finding="f2", after="2026-07-10"),
    ),
    (
        "finding_changed due",
        _replace(V1, "    due: 2026-06-30\n  - id: f2", "    due: 2026-07-30\n  - id: f2"),
        Change(
            "finding_changed",
            unit="a",
            project="K1",
            inspection="v1",
            finding="f1",
            field="due",
            before="2026-06-30",
            after="2026-07-30",
            days=30,
            attention=True,
        ),
    ),
    (
        "finding_changed rectified removed",
        _replace(V1, "    rectified: 2026-06-20\n", ""),
        Change(
            "finding_changed",
            unit="a",
            inspection="v1",
            finding="f2",
            field="rectified",
            before="2026-06-20",
            attention=True,
        ),
    ),
    (
        "finding_changed requirement",
        _replace(V1, "requirement: 补齐台账", "requirement: 补齐并归档"),
        Change(
            "finding_changed",
            unit="a",
            project="K1",
            inspection="v1",
            finding="f1",
            field="requirement",
            before="补齐台账",
            after="补齐并归档",
        ),
    ),
    (
        "inspection_changed (a visit's own field)",
        _replace(V1, "title: 二季度督导", "title: 第二季度随机督导"),
        Change(
            "inspection_changed",
            inspection="v1",
            field="title",
            before="二季度督导",
            after="第二季度随机督导",
        ),
    ),
]


def changes_of(tmp_path: Path, edit: Edit, sub: str = "office/ledger") -> list[Change]:
    repo = Repo(tmp_path, sub)
    repo.base()
    edit(repo)
    repo.commit()
    return diff(repo.root, "HEAD~1", "HEAD", TODAY).changes


@pytest.mark.parametrize(("name", "edit", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_kind_of_change(tmp_path: Path, name: str, edit: Edit, expected: Change) -> None:
    found = [c for c in changes_of(tmp_path, edit) if c.kind != "flag_changed"]
    assert found == [expected]


def test_every_kind_is_made_by_a_case() -> None:
    from ledger.diff.change import KINDS

    made = {c[2].kind for c in CASES} | {"flag_changed"}  # flag_changed: test_flag_changed
    assert made == set(KINDS)


def test_flag_changed(tmp_path: Path) -> None:
    """A claim reported done turns green: its report and its flag, the flag last."""
    found = changes_of(tmp_path, lambda r: r.write(A, r.read(A) + Q3_DONE))
    assert [c.kind for c in found] == ["report_added", "flag_changed"]
    assert found[-1] == Change("flag_changed", unit="a", project="K1", before="red", after="green")


def test_flags_use_each_sides_own_settings(tmp_path: Path) -> None:
    """Only the settings change: a milestone due within the new warn_days turns a flag yellow."""
    unit = (
        "id: a\nname: 甲单位\nclaims:\n  - project: B1\n    leader: 王某\n    measures: [x]\n"
        "    deadline: 2026-12-20\n    claimed: 2026-11-01\n    milestones:\n"
        "      - id: m\n        title: 节点\n        due: 2026-12-05\n"
    )
    repo = Repo(tmp_path)
    repo.base(
        {**BASE, A: unit, "ledger.toml": BASE["ledger.toml"] + "[reporting]\nwarn_days = 5\n"}
    )
    repo.edit("ledger.toml", "warn_days = 5", "warn_days = 14")
    repo.commit()
    found = diff(repo.root, "HEAD~1", "HEAD", TODAY).changes
    assert [(c.kind, c.before, c.after) for c in found] == [
        ("settings_changed", 5, 14),
        ("flag_changed", "green", "yellow"),
    ]


def test_layout_comments_and_user_keys_are_no_change(tmp_path: Path) -> None:
    rewritten = (
        "# 甲单位的认领\r\nid: 'a'\r\nname: \"甲单位\"\r\nx-note: 自用\r\nclaims:\r\n"
        "- {project: K1, leader: 王某, measures: [开展排查], deadline: 2026-09-30,\r\n"
        "   milestones: [{id: survey, done: 2026-03-20},\r\n"
        "     {id: own1, title: 自定节点, due: 2026-06-30, evidence: 会议纪要}],\r\n"
        "   progress: [{quarter: 2026Q1, status: 正常推进, percent: 25, summary: 完成排查,\r\n"
        "     reported: 2026-04-08}]}\r\n"
    )
    settings = (
        "year = 2026\n[reporting]\nwarn_days = 14  # the default, written out\n"
        "[evaluation]\nmilestones = 50\n"
    )

    def edit(r: Repo) -> None:
        r.write(A, rewritten.encode("utf-8"))
        r.edit("ledger.toml", "year = 2026\n", settings)

    assert changes_of(tmp_path, edit) == []


def test_claimed_written_as_its_default_is_no_change(tmp_path: Path) -> None:
    edit = _replace(A, "deadline: 2026-09-30\n", "deadline: 2026-09-30\n    claimed: 2026-01-01\n")
    assert changes_of(tmp_path, edit) == []


def test_a_book_milestone_added_is_one_row_not_one_per_claim(tmp_path: Path) -> None:
    """The claims that inherit it say nothing (``test_each_kind_of_change`` holds the row)."""
    edit = _replace(
        BOOK,
        "    milestones:\n",
        "    milestones:\n      - id: plan\n        title: 制定方案\n        due: 2026-12-28\n",
    )
    found = changes_of(tmp_path, edit)
    assert [(c.kind, c.unit) for c in found if c.kind != "flag_changed"] == [
        ("milestone_added", None)
    ]


def test_order_settings_book_units_visits_flags(tmp_path: Path) -> None:
    edit = _both(
        lambda r: r.write(A, r.read(A) + Q3_DONE),
        _replace(V1, "requirement: 补齐台账", "requirement: 补齐并归档"),
        _replace(BOOK, "goal: 学历提升", "goal: 学历达标"),
        _replace("ledger.toml", "year = 2026\n", "year = 2026\n[reporting]\nwarn_days = 7\n"),
        lambda r: r.write("data/units/b.yaml", "id: b\nname: 乙单位\n"),
    )
    found = changes_of(tmp_path, edit)
    assert [(c.kind, c.unit) for c in found] == [
        ("settings_changed", None),
        ("project_changed", None),
        ("report_added", "a"),
        ("unit_added", "b"),
        ("finding_changed", "a"),
        ("flag_changed", "a"),
    ]


def test_removed_things_stand_where_they_stood(tmp_path: Path) -> None:
    """Within a file the new file's order; a removed entry after the one it followed."""
    assert merged(["a", "b", "c", "d"], ["a", "c", "e"]) == ["a", "b", "c", "d", "e"]
    assert merged(["x", "a"], ["a"]) == ["x", "a"]
    assert merged([], ["a", "b"]) == ["a", "b"]
    edit = _both(
        lambda r: r.write(A, r.read(A).split("    progress:\n")[0]),
        lambda r: r.edit(A, "      - id: survey\n        done: 2026-03-20\n", ""),
    )
    found = [c.kind for c in changes_of(tmp_path, edit) if c.kind != "flag_changed"]
    assert found == ["milestone_undone", "report_removed"]


def test_a_unit_file_renamed_is_the_old_unit_removed_and_the_new_added(tmp_path: Path) -> None:
    def rename(r: Repo) -> None:
        text = r.read(A).replace("id: a\n", "id: a2\n")
        r.remove(A)
        r.write("data/units/a2.yaml", text)

    found = [(c.kind, c.unit) for c in changes_of(tmp_path, rename)]
    assert found == [("unit_removed", "a"), ("unit_added", "a2")]


def test_a_ledger_at_the_top_of_the_repository(tmp_path: Path) -> None:
    edit = _replace(A, "deadline: 2026-09-30", "deadline: 2026-12-31")
    assert [c.kind for c in changes_of(tmp_path, edit, sub="")] == ["deadline_extended"]


def test_flags_follow_a_change_of_the_book_alone(tmp_path: Path) -> None:
    """No unit file changes, yet the book moves a milestone into the past: the flags of the
    claims that inherit it are computed again (not only those of the units that changed)."""
    found = changes_of(tmp_path, _replace(BOOK, "due: 2026-11-30", "due: 2026-11-20"))
    flags = [(c.unit, c.before, c.after) for c in found if c.kind == "flag_changed"]
    assert found[0].kind == "milestone_changed"
    assert flags == []  # a's claim was red already (reports missing): its flag stays
    repo_edit = _both(
        _replace(BOOK, "due: 2026-11-30", "due: 2026-12-31"),
        _replace(BOOK, "due: 2026-03-31", "due: 2026-12-30"),
    )
    unit = (
        "id: a\nname: 甲单位\nclaims:\n  - project: K1\n    leader: 王某\n    measures: [x]\n"
        "    deadline: 2026-12-31\n    claimed: 2026-11-01\n"
    )
    repo = Repo(tmp_path / "second")
    repo.base({**{k: v for k, v in BASE.items() if k != V1}, A: unit})  # no findings
    repo_edit(repo)
    repo.commit()
    found = diff(repo.root, "HEAD~1", "HEAD", TODAY).changes
    assert [(c.kind, c.unit) for c in found][-1] == ("flag_changed", "a")
    assert (found[-1].before, found[-1].after) == ("yellow", "green")
