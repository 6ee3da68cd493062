"""``ledger init``: a new ledger that validates: settings, a book template with one project of
each category, and one example unit, each commented for the clerk who fills them in."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

import tomli_w

from ledger.edit.ops import EditError
from ledger.edit.write import atomic_write
from ledger.edit.yamltext import scalar
from ledger.load import CONFIG, PROJECTS, UNITS
from ledger.visible import CONTROL

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


def check_arguments(folder: Path, title: str, year: int) -> None:
    """What ``init`` refuses before writing anything (exit 2): a year the settings do not
    allow, a blank title or one with a control character, a folder that is a file or lies
    under one."""
    if not 1900 <= year <= 9998:  # the range of ledger.toml's `year` (model.LedgerSection)
        raise EditError("init_bad_year", year=year)
    if not title.strip() or CONTROL.search(title):
        raise EditError("init_bad_title", title=title)
    for place in (folder, *folder.parents):
        if place.exists() or place.is_symlink():
            if not place.is_dir():
                raise EditError("init_not_folder", path=place)
            break


def init(folder: Path, title: str, year: int) -> list[str]:
    """Write a new ledger into ``folder`` (created if needed); the files written, relative.
    The ledger written is validated before success is reported; if it does not validate, what
    was written is removed again and ``init_invalid`` raised."""
    check_arguments(folder, title, year)
    if (folder / CONFIG).exists() or (folder / "data").exists():
        raise EditError("init_exists", path=folder)
    files = {
        CONFIG: _config(title, year),
        PROJECTS: _book(title, year),
        f"{UNITS}/{EXAMPLE_UNIT}.yaml": _unit(year),
    }
    made = [p for p in (folder, folder / "data", folder / UNITS) if not p.exists()]
    try:
        (folder / UNITS).mkdir(parents=True, exist_ok=True)
        for rel, text in files.items():
            atomic_write(folder / rel, text.encode("utf-8"))
    except OSError as exc:
        _undo(folder, files, made)
        raise EditError("init_failed", path=folder, reason=exc.strerror or str(exc)) from None
    from ledger.validate import validate

    errors = [
        p for p in validate(folder, date(year, 6, 30), cache=False).problems if p.level == "error"
    ]
    if errors:
        _undo(folder, files, made)
        raise EditError("init_invalid", problems=errors, path=folder)
    return list(files)


def _undo(folder: Path, files: dict[str, str], made: list[Path]) -> None:
    for rel in files:
        with contextlib.suppress(OSError):
            (folder / rel).unlink()
    for place in reversed(made):
        with contextlib.suppress(OSError):
            place.rmdir()
