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


# The templates' comments are for the clerk who fills the files in, in the ledger's language,
# and point only to what every clerk has at hand: the tool's own help and schemas (the
# project's docs/ are not in a new ledger's folder).


def _config(title: str, year: int, lang: str) -> str:
    head = tomli_w.dumps({"title": title, "year": year}).rstrip()
    if lang == "en":
        return f"""\
# Settings of this ledger: see `ledger --help`; run `ledger validate` after a change
[ledger]
{head}
language = "en"        # the language of reports: en or zh

[reporting]
report_due_days = 10   # a quarter's progress report is due this many days after the quarter ends
warn_days = 14         # an open milestone due within this many days is "due soon"

[evaluation]           # year-end weights, whole numbers that add up to 100
milestones = 50        # milestones done on time
reports = 30           # quarterly reports on time
completion = 20        # claims completed by their deadline
"""
    return f"""\
# 台账设置：各项用法见 ledger --help；修改后运行 ledger validate 检查
[ledger]
{head}
language = "zh"        # 报表语言：zh（中文）或 en（英文）

[reporting]
report_due_days = 10   # 季度结束后多少天内上报进展
warn_days = 14         # 时间节点到期前多少天提示“即将到期”

[evaluation]           # 年终评价权重，均为整数，三项之和为 100
milestones = 50        # 时间节点按时完成
reports = 30           # 季度进展按时上报
completion = 20        # 认领项目按期完成
"""


def _book(title: str, year: int, lang: str) -> str:
    if lang == "en":
        return f"""\
# The project book: one entry per project; category is key, basic or innovation.
# Every key and how to write it: `ledger schema projects` (the editor reads
# .ledger/schema/projects.json); run `ledger validate` after a change.
title: {scalar(title + " project book")}
projects:
  - id: K1
    category: key
    title: A key project (change this)
    problem: The problem it answers
    lead_units: [{EXAMPLE_UNIT}]
    goal: The goal
    requirements:
      - A requirement
    milestones:
      - id: plan
        title: Implementation plan made
        due: {year}-03-31
      - id: accept
        title: Accepted
        due: {year}-11-30
  - id: B1
    category: basic
    title: A basic project (change this)
    lead_units: [{EXAMPLE_UNIT}]
    goal: The goal
  - id: I1
    category: innovation
    title: An innovation project (change this)
    lead_units: [{EXAMPLE_UNIT}]
    goal: The goal
"""
    return f"""\
# 项目书：每个项目一条；类别 category 填 重点、基础 或 创新。
# 各键的含义和写法：运行 ledger schema projects（编辑器读取 .ledger/schema/projects.json）；
# 修改后运行 ledger validate 检查。
title: {scalar(title + "项目书")}
projects:
  - id: K1
    category: 重点
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
    category: 基础
    title: 基础项目（请修改）
    lead_units: [{EXAMPLE_UNIT}]
    goal: 工作目标
  - id: I1
    category: 创新
    title: 创新项目（请修改）
    lead_units: [{EXAMPLE_UNIT}]
    goal: 工作目标
"""


def _unit(year: int, lang: str) -> str:
    if lang == "en":
        return f"""\
# One unit: the file name without .yaml is the unit's id.
# A claim without `claimed` counts from 1 January of the ledger year ({year}-01-01):
# reports as of an earlier day do not show it yet. Every key: `ledger schema unit`.
id: {EXAMPLE_UNIT}
name: Example unit
claims:
  - project: K1
    leader: Name of the responsible leader
    measures:
      - A measure
    deadline: {year}-12-31
"""
    return f"""\
# 单位文件：一个单位一个文件，文件名（不含 .yaml）就是单位编号 id。
# 认领日期 claimed 不写时按台账年度的 1 月 1 日（{year}-01-01）计算，
# 在此之前的报表中还没有这项认领。
# 各键的含义和写法：运行 ledger schema unit。
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

_GITHUB = {
    "zh": f"""\
# 台账检查：每次推送和拉取请求时运行 ledger validate，拉取请求另列台账变化（ledger diff）
name: ledger

on:
  push:
  pull_request:

env:
  # 本工具的安装来源，请改为本单位的仓库地址
  LEDGER_TOOL: "{TOOL_SOURCE}"

jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          # 取回全部历史：拉取请求的基准版本也要在本地
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: 安装 ledger
        run: pip install "$LEDGER_TOOL"
      - name: 检查台账
        run: ledger validate --format github
      - name: 列出全部问题
        if: failure()
        run: ledger validate
      # 拉取请求：把台账的变化（延期、改写已报数据等）写入作业摘要，供审核人查看
      - name: 台账变化
        if: ${{{{ !cancelled() && github.event_name == 'pull_request' }}}}
        env:
          BASE: ${{{{ github.event.pull_request.base.sha }}}}
        run: ledger diff "$BASE" HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"
""",
    "en": f"""\
# Check the ledger on every push and pull request; for a pull request, what changed (ledger diff)
name: ledger

on:
  push:
  pull_request:

env:
  # where to install the tool from: change it to your office's repository
  LEDGER_TOOL: "{TOOL_SOURCE}"

jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          # the whole history: a pull request's base must be at hand too
          fetch-depth: 0
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
      # a pull request: what changed in the ledger (extensions, rewritten records) in its summary
      - name: What changed in the ledger
        if: ${{{{ !cancelled() && github.event_name == 'pull_request' }}}}
        env:
          BASE: ${{{{ github.event.pull_request.base.sha }}}}
        run: ledger diff "$BASE" HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"
""",
}

_GITLAB = {
    "zh": f"""\
# 台账检查：每次推送时运行 ledger validate，问题显示在合并请求中（用法见 ledger validate --help）
ledger:
  image: python:3.11
  stage: test
  variables:
    # 本工具的安装来源，请改为本单位的仓库地址
    LEDGER_TOOL: "{TOOL_SOURCE}"
  script:
    - pip install "$LEDGER_TOOL"
    # 以文字列出全部问题，写入作业日志
    - ledger validate || true
    # 代码质量报告；有错误时退出码为 1，流水线失败
    - ledger validate --format gitlab > gl-code-quality.json
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality.json

# 合并请求：台账的变化（延期、改写已报数据等），保存为合并请求页面上可以打开的文件
ledger-diff:
  image: python:3.11
  stage: test
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  variables:
    LEDGER_TOOL: "{TOOL_SOURCE}"
    # 取回全部历史：合并请求的基准版本也要在本地
    GIT_DEPTH: 0
  script:
    - pip install "$LEDGER_TOOL"
    - ledger diff "$CI_MERGE_REQUEST_DIFF_BASE_SHA" HEAD --format markdown > ledger-diff.md
    - cat ledger-diff.md
  artifacts:
    when: always
    expose_as: ledger diff
    paths:
      - ledger-diff.md
""",
    "en": f"""\
# Check the ledger on every push; problems shown in merge requests (see ledger validate --help)
ledger:
  image: python:3.11
  stage: test
  variables:
    # where to install the tool from: change it to your office's repository
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

# merge requests: what changed in the ledger (extensions, rewritten records...), kept as a file
# the merge request's page links to
ledger-diff:
  image: python:3.11
  stage: test
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  variables:
    LEDGER_TOOL: "{TOOL_SOURCE}"
    # the whole history: the merge request's base must be at hand too
    GIT_DEPTH: 0
  script:
    - pip install "$LEDGER_TOOL"
    - ledger diff "$CI_MERGE_REQUEST_DIFF_BASE_SHA" HEAD --format markdown > ledger-diff.md
    - cat ledger-diff.md
  artifacts:
    when: always
    expose_as: ledger diff
    paths:
      - ledger-diff.md
""",
}

FORMS_FOLDER = "forms"
"""The conventional folder for ``ledger form -o``, which a new ledger's .gitignore ignores."""

_GITIGNORE = {
    "zh": f"""\
# 不纳入 git 的文件
# ledger 的缓存（自动生成）
/.ledger-cache/
# 下发给各单位的填报表（ledger form -o {FORMS_FOLDER}/），收回后用 ledger import 导入
/{FORMS_FOLDER}/
""",
    "en": f"""\
# Files git leaves out
# ledger's cache (made automatically)
/.ledger-cache/
# the forms sent to the units (ledger form -o {FORMS_FOLDER}/), read back with ledger import
/{FORMS_FOLDER}/
""",
}


CI_FILES = {
    "github": (".github/workflows/ledger.yml", _GITHUB),
    "gitlab": (".gitlab-ci.yml", _GITLAB),
}
"""``ledger init --ci KIND``: the file it adds, relative to the ledger folder, and its text in
each language."""


SCHEMA_FOLDER = ".ledger/schema"  # a dot-folder: not a ledger file, never validated


def editor_files() -> dict[str, str]:
    """What an editor needs to check the files while the clerk types: the JSON Schemas of the
    book, of a unit and of a visit (``ledger schema``), and VS Code's settings that map the files
    to them (the YAML extension; the modelines ``modelines()`` gives do the same in any editor that
    speaks the YAML language server)."""
    import json

    from ledger.editor_schema import json_schema

    files = {
        f"{SCHEMA_FOLDER}/{name}.json": json.dumps(json_schema(name), ensure_ascii=False, indent=2)
        + "\n"
        for name in ("projects", "unit", "inspection")
    }
    settings = {
        "yaml.schemas": {
            f"./{SCHEMA_FOLDER}/unit.json": f"{UNITS}/*.yaml",
            f"./{SCHEMA_FOLDER}/projects.json": PROJECTS,
            f"./{SCHEMA_FOLDER}/inspection.json": "data/inspections/*.yaml",
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


def init(folder: Path, title: str, year: int, ci: str | None = None, lang: str = "zh") -> list[str]:
    """Write a new ledger into ``folder`` (created if needed); the files written, relative.
    ``ci`` (a key of ``CI_FILES``) adds the CI job that validates the ledger on every push;
    ``lang`` is the ledger's language and that of the templates' comments.
    The ledger written is validated before success is reported; if it does not validate, what
    was written is removed again and ``init_invalid`` raised."""
    check_arguments(folder, title, year)
    if (folder / CONFIG).exists() or (folder / "data").exists():
        raise EditError("init_exists", path=folder)
    lang = lang if lang in ("zh", "en") else "zh"
    files = {
        CONFIG: _config(title, year, lang),
        PROJECTS: _book(title, year, lang),
        f"{UNITS}/{EXAMPLE_UNIT}.yaml": _unit(year, lang),
    }
    if not (folder / ".gitignore").exists():  # a folder already in use keeps its own
        files[".gitignore"] = _GITIGNORE[lang]
    lines = modelines()
    files[PROJECTS] = lines[PROJECTS] + files[PROJECTS]
    files[f"{UNITS}/{EXAMPLE_UNIT}.yaml"] = lines["unit"] + files[f"{UNITS}/{EXAMPLE_UNIT}.yaml"]
    files.update(editor_files())
    if ci is not None:
        rel, texts = CI_FILES[ci]
        files[rel] = texts[lang]
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
