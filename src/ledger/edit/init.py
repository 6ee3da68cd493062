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


# Where CI gets the tool: an office replaces it with its own copy of this repository (a tag pins
# the version), or with a path when the tool's code is kept in the ledger's repository.
TOOL_SOURCE = "git+https://git.example.org/zzb/ledger.git@v0.1.0"

_GITHUB = f"""\
# 台账检查 (check the ledger on every push and pull request): see docs/zh/ci.md
name: ledger

on:
  push:
  pull_request:

env:
  # 本工具的安装来源，请改为本单位的仓库地址 (where to install the tool from: change it)
  LEDGER_TOOL: "{TOOL_SOURCE}"

jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Install ledger
        run: pip install "$LEDGER_TOOL"
      - name: Check the ledger
        run: ledger validate --format github
      - name: List every problem
        if: failure()
        run: ledger validate
"""

_GITLAB = f"""\
# 台账检查 (check the ledger on every push; problems shown in merge requests): see docs/zh/ci.md
ledger:
  image: python:3.11
  stage: test
  variables:
    # 本工具的安装来源，请改为本单位的仓库地址 (where to install the tool from: change it)
    LEDGER_TOOL: "{TOOL_SOURCE}"
  script:
    - pip install "$LEDGER_TOOL"
    # every problem as text in the job's log
    - ledger validate || true
    # the Code Quality report; its exit code (1 on errors) fails the pipeline
    - ledger validate --format gitlab > gl-code-quality.json
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality.json
"""

CI_FILES = {
    "github": (".github/workflows/ledger.yml", _GITHUB),
    "gitlab": (".gitlab-ci.yml", _GITLAB),
}
"""``ledger init --ci KIND``: the file it adds, relative to the ledger folder, and its text."""


SCHEMA_FOLDER = ".ledger/schema"  # a dot-folder: not a ledger file, never validated


def editor_files() -> dict[str, str]:
    """What an editor needs to check the files while the clerk types: the JSON Schemas of the
    book and of a unit (``ledger schema``), and VS Code's settings that map the files to them
    (the YAML extension; the modelines ``modelines()`` gives do the same in any editor that
    speaks the YAML language server)."""
    import json

    from ledger.editor_schema import json_schema

    files = {
        f"{SCHEMA_FOLDER}/{name}.json": json.dumps(json_schema(name), ensure_ascii=False, indent=2)
        + "\n"
        for name in ("projects", "unit")
    }
    settings = {
        "yaml.schemas": {
            f"./{SCHEMA_FOLDER}/unit.json": f"{UNITS}/*.yaml",
            f"./{SCHEMA_FOLDER}/projects.json": PROJECTS,
        },
        "files.encoding": "utf8",
        "files.eol": "\n",
    }
    files[".vscode/settings.json"] = json.dumps(settings, ensure_ascii=False, indent=2) + "\n"
    return files


def modelines() -> dict[str, str]:
    """The first line of the book and of a unit file: the schema, relative to the file."""
    return {
        PROJECTS: f"# yaml-language-server: $schema=../{SCHEMA_FOLDER}/projects.json\n",
        "unit": f"# yaml-language-server: $schema=../../{SCHEMA_FOLDER}/unit.json\n",
    }


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


def init(folder: Path, title: str, year: int, ci: str | None = None) -> list[str]:
    """Write a new ledger into ``folder`` (created if needed); the files written, relative.
    ``ci`` (a key of ``CI_FILES``) adds the CI job that validates the ledger on every push.
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
    lines = modelines()
    files[PROJECTS] = lines[PROJECTS] + files[PROJECTS]
    files[f"{UNITS}/{EXAMPLE_UNIT}.yaml"] = lines["unit"] + files[f"{UNITS}/{EXAMPLE_UNIT}.yaml"]
    files.update(editor_files())
    if ci is not None:
        rel, text = CI_FILES[ci]
        files[rel] = text
    folders = {folder, *((folder / rel).parent for rel in files)}
    for place in list(folders):
        folders.update(p for p in place.parents if folder in p.parents)
    made = sorted((p for p in folders if not p.exists()), key=lambda p: len(p.parts))
    try:
        for rel, text in files.items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
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
