"""``ledger init``: a new ledger that validates: settings, a book template with one project of
each category, and one example unit, each commented for the clerk who fills them in."""

from __future__ import annotations

from pathlib import Path

import tomli_w

from ledger.edit.ops import EditError
from ledger.edit.write import atomic_write
from ledger.edit.yamltext import scalar
from ledger.load import CONFIG, PROJECTS, UNITS

EXAMPLE_UNIT = "example-unit"


def _config(title: str, year: int) -> str:
    ledger = tomli_w.dumps({"title": title, "year": year, "language": "zh"})
    return f"""\
# 台账设置 (settings of this ledger): see docs/zh/format.md
[ledger]
{ledger.rstrip()}

[reporting]
report_due_days = 10   # 季度结束后多少天内上报进展
warn_days = 14         # 时间节点到期前多少天提示“即将到期”

[evaluation]           # 年终评价权重，三项之和为 100
milestones = 50
reports = 30
completion = 20
"""


def _book(title: str, year: int) -> str:
    return f"""\
# 项目书 (the project book): one entry per project; categories key/basic/innovation (重点/基础/创新)
title: {scalar(title + "项目书")}
projects:
  - id: K1
    category: key
    title: 重点项目（请修改）
    problem: 要解决的突出问题
    lead_units: [{EXAMPLE_UNIT}]
    goal: 工作目标
    requirements:
      - 工作要求
    milestones:
      - id: plan
        title: 制定实施方案
        due: {year}-03-31
      - id: accept
        title: 完成验收
        due: {year}-11-30
  - id: B1
    category: basic
    title: 基础项目（请修改）
    lead_units: [{EXAMPLE_UNIT}]
    goal: 工作目标
  - id: I1
    category: innovation
    title: 创新项目（请修改）
    lead_units: [{EXAMPLE_UNIT}]
    goal: 工作目标
"""


def _unit(year: int) -> str:
    return f"""\
# 单位文件 (one unit): the file name is the unit id; see docs/zh/guide.md
id: {EXAMPLE_UNIT}
name: 示例单位
claims:
  - project: K1
    leader: 责任领导姓名
    measures:
      - 推进措施
    deadline: {year}-12-31
"""


def init(folder: Path, title: str, year: int) -> list[str]:
    """Write a new ledger into ``folder`` (created if needed); the files written, relative."""
    if (folder / CONFIG).exists() or (folder / "data").exists():
        raise EditError("init_exists", path=folder)
    files = {
        CONFIG: _config(title, year),
        PROJECTS: _book(title, year),
        f"{UNITS}/{EXAMPLE_UNIT}.yaml": _unit(year),
    }
    (folder / UNITS).mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        atomic_write(folder / rel, text.encode("utf-8"))
    return list(files)
