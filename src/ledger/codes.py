"""The registry of problem codes.

Every problem the tool reports has a stable code from this table. Codes are never reused or
renumbered: a retired code stays here with ``retired=True``. Each code has a message in English
and in Chinese (``str.format`` templates over the problem's arguments); ``docs/en/codes.md`` and
``docs/zh/codes.md`` describe each one, and a test checks that every code is documented and tested.

Families:
  F  files: missing, unreadable, not UTF-8, merge-conflict markers, empty
  Y  YAML: syntax, tabs, duplicate keys, anchors/aliases, tags, merge keys, top level
  S  schema: unknown or missing keys, wrong types, dates, ids, enumerations, ranges
  R  references: ids that must match or exist, cycles, duplicates
  D  dates: ledger year, dated after T, reported before its quarter
  P  progress: quarter order, percent, status
  W  warnings
  C  settings (ledger.toml); an error here exits with 2
  X  quarterly forms read by ``ledger import``: the workbook, its key row, its rows
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ledger.visible import visible_args

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: Severity
    en: str
    zh: str
    # True for the errors that only say something is dated after T: reports as of T ignore them.
    after_today: bool = False
    retired: bool = False

    def message(self, lang: str, args: Mapping[str, object]) -> str:
        """The message in ``lang``; an argument ``k_zh`` stands in for ``k`` in Chinese. Text
        from the files is shown with its control characters escaped (``ledger.visible``)."""
        args = visible_args(dict(args))
        if lang == "zh":
            zh = {k[:-3]: v for k, v in args.items() if k.endswith("_zh")}
            return self.zh.format(**{**args, **zh})
        return self.en.format(**args)


_ALL = [
    # -- files --------------------------------------------------------------------------------
    Code("F001", "error", "file not found", "找不到文件"),
    Code("F002", "error", "cannot read the file: {reason}", "无法读取文件：{reason}"),
    Code(
        "F003",
        "error",
        "the file is not UTF-8{hint}",
        "文件不是 UTF-8 编码{hint}",
    ),
    Code(
        "F004",
        "error",
        "unresolved git merge-conflict marker `{marker}`: keep the right lines, delete the markers",
        "存在未解决的 git 合并冲突标记 `{marker}`：保留正确的内容并删除冲突标记",
    ),
    Code("F005", "error", "the file is empty", "文件是空的"),
    Code(
        "F006",
        "error",
        "the folder data/units/ is missing: every unit needs a file data/units/<id>.yaml",
        "缺少 data/units/ 文件夹：每个单位需要一个 data/units/<id>.yaml 文件",
    ),
    Code(
        "F007",
        "warning",
        "`{name}` is not read: unit files are named <id>.yaml",
        "未读取 `{name}`：单位文件应命名为 <id>.yaml",
    ),
    Code(
        "F008",
        "error",
        "this is {found}, not a regular {expected}: ledger files must be regular files inside "
        "the ledger, so it is not read",
        "这是{found}，不是普通{expected}：台账文件必须是台账文件夹内的普通文件，因此不读取",
    ),
    # -- YAML ---------------------------------------------------------------------------------
    Code("Y001", "error", "YAML syntax error: {problem}", "YAML 语法错误：{problem}"),
    Code(
        "Y002",
        "error",
        "a tab character is used for indentation: YAML allows only spaces",
        "使用了制表符（Tab）缩进：YAML 只允许用空格缩进",
    ),
    Code(
        "Y003",
        "error",
        "key `{key}` is written twice in this mapping (first on line {first})",
        "键 `{key}` 在同一映射中重复出现（第一次在第 {first} 行）",
    ),
    Code(
        "Y004",
        "error",
        "anchors and aliases (`&{name}`, `*{name}`) are not allowed: write the value out",
        "不允许使用锚点和别名（`&{name}`、`*{name}`）：请直接写出内容",
    ),
    Code(
        "Y005",
        "error",
        "tags such as `{tag}` are not allowed",
        "不允许使用 `{tag}` 这样的标签",
    ),
    Code(
        "Y006",
        "error",
        "merge keys (`<<`) are not allowed: write the keys out",
        "不允许使用合并键（`<<`）：请直接写出各个键",
    ),
    Code(
        "Y007",
        "error",
        "the file must hold a mapping of keys (`key: value`), not {found}",
        "文件内容应为键值映射（`键: 值`），而不是{found}",
    ),
    # -- schema -------------------------------------------------------------------------------
    Code("S001", "error", "unknown key `{key}`{hint}", "未知的键 `{key}`{hint}"),
    Code("S002", "error", "missing required key `{key}`", "缺少必填的键 `{key}`"),
    Code(
        "S003",
        "error",
        "`{key}` should be {expected}, not {found}",
        "`{key}` 应为{expected}，而不是{found}",
    ),
    Code(
        "S004",
        "error",
        '`{raw}` is read as {found}: put it in quotes, {key}: "{raw}"',
        '`{raw}` 会被读作{found}：请加引号，写成 {key}: "{raw}"',
    ),
    Code(
        "S005",
        "error",
        "`{raw}` is not a date in the form YYYY-MM-DD{hint}",
        "`{raw}` 不是 YYYY-MM-DD 格式的日期{hint}",
    ),
    Code("S006", "error", "`{raw}` is not a real date", "`{raw}` 不是一个真实存在的日期"),
    Code(
        "S007",
        "error",
        "`{value}` is not a valid {what} id: {rule}",
        "`{value}` 不是有效的{what}编号：{rule}",
    ),
    Code(
        "S008",
        "error",
        "`{value}` is not one of: {choices}",
        "`{value}` 不是以下值之一：{choices}",
    ),
    Code("S009", "error", "`{key}` must not be empty", "`{key}` 不能为空"),
    Code(
        "S010",
        "error",
        "`{key}` is {value}, outside {low}..{high}",
        "`{key}` 为 {value}，超出 {low}..{high} 的范围",
    ),
    Code(
        "S011",
        "error",
        "`{value}` is not a quarter: write it like 2026Q3",
        "`{value}` 不是季度：请写成 2026Q3 这样的形式",
    ),
    Code(
        "S012",
        "error",
        "`{key}` needs at least one entry",
        "`{key}` 至少需要一项",
    ),
    Code(
        "S013",
        "error",
        "a control character {char} in the text: delete it (often pasted in by accident)",
        "文字中有控制字符 {char}：请删除（多为复制粘贴时误带）",
    ),
    Code(
        "S014",
        "error",
        "`{raw}` is read as {value} ({why}): write the number you mean plainly, "
        "without a leading 0 or a colon",
        "`{raw}` 会被读作 {value}（{why}）：请直接写出要表达的数字，不要以 0 开头，也不要用冒号",
    ),
    # -- references ---------------------------------------------------------------------------
    Code(
        "R001",
        "error",
        "the unit id `{id}` differs from the file name `{stem}.yaml`",
        "单位编号 `{id}` 与文件名 `{stem}.yaml` 不一致",
    ),
    Code(
        "R002",
        "error",
        "unknown project `{id}`{hint}",
        "项目书中没有项目 `{id}`{hint}",
    ),
    Code("R003", "error", "unknown unit `{id}`{hint}", "没有单位 `{id}`{hint}"),
    Code(
        "R004",
        "error",
        "unknown parent unit `{id}`{hint}",
        "上级单位 `{id}` 不存在{hint}",
    ),
    Code(
        "R005",
        "error",
        "the parents form a cycle: {cycle}",
        "上级单位关系构成循环：{cycle}",
    ),
    Code(
        "R006",
        "error",
        "project id `{id}` is used twice (first on line {first})",
        "项目编号 `{id}` 重复使用（第一次在第 {first} 行）",
    ),
    Code(
        "R007",
        "error",
        "milestone id `{id}` is used twice here (first on line {first})",
        "时间节点编号 `{id}` 在此重复使用（第一次在第 {first} 行）",
    ),
    Code(
        "R008",
        "error",
        "project `{id}` is claimed twice by this unit (first on line {first})",
        "本单位重复认领项目 `{id}`（第一次在第 {first} 行）",
    ),
    Code(
        "R009",
        "error",
        "milestone `{id}` is not one of project {project}'s milestones ({known}), "
        "so it is the unit's own and needs `{key}`",
        "时间节点 `{id}` 不是项目 {project} 的时间节点（{known}），"
        "作为本单位自定节点需要填写 `{key}`",
    ),
    Code(
        "R010",
        "error",
        "`due: {due}` moves project milestone `{id}` later than the book's {book_due}: "
        "a claim may only set an earlier date",
        "`due: {due}` 把项目时间节点 `{id}` 推迟到项目书规定的 {book_due} 之后："
        "认领时只能提前，不能推迟",
    ),
    # -- dates --------------------------------------------------------------------------------
    Code(
        "D001",
        "error",
        "{date} lies outside the ledger year {year}",
        "{date} 不在台账年度 {year} 年内",
    ),
    Code(
        "D002",
        "error",
        "done on {date}, which is after today ({today})",
        "完成日期 {date} 晚于今天（{today}）",
        after_today=True,
    ),
    Code(
        "D003",
        "error",
        "reported on {date}, which is after today ({today})",
        "上报日期 {date} 晚于今天（{today}）",
        after_today=True,
    ),
    Code(
        "D004",
        "error",
        "quarter {quarter} has not begun yet (today is {today})",
        "季度 {quarter} 尚未开始（今天是 {today}）",
        after_today=True,
    ),
    Code(
        "D005",
        "error",
        "reported on {date}, before quarter {quarter} began ({start})",
        "上报日期 {date} 早于季度 {quarter} 的开始日期（{start}）",
    ),
    Code(
        "D006",
        "error",
        "quarter {quarter} is not in the ledger year {year}",
        "季度 {quarter} 不在台账年度 {year} 年内",
    ),
    Code(
        "D007",
        "error",
        "the deadline {deadline} is before the day the project was claimed ({claimed})",
        "完成时限 {deadline} 早于认领日期（{claimed}）",
    ),
    # -- progress -----------------------------------------------------------------------------
    Code(
        "P001",
        "error",
        "quarter {quarter} is reported twice (first on line {first})",
        "季度 {quarter} 重复上报（第一次在第 {first} 行）",
    ),
    Code(
        "P002",
        "error",
        "quarter {quarter} comes after {previous}: keep the entries in quarter order",
        "季度 {quarter} 写在 {previous} 之后：请按季度先后顺序排列",
    ),
    Code(
        "P003",
        "error",
        "percent falls from {previous} ({previous_quarter}) to {value}",
        "完成百分比从 {previous}（{previous_quarter}）下降到 {value}",
    ),
    Code(
        "P004",
        "error",
        "status is done but percent is {value}, not 100",
        "状态为已完成，但完成百分比是 {value}，不是 100",
    ),
    Code(
        "P005",
        "error",
        "percent is 100 but status is {status}, not done",
        "完成百分比为 100，但状态是{status}，不是已完成",
    ),
    # -- warnings -----------------------------------------------------------------------------
    Code(
        "W001",
        "warning",
        "project {id} ({title}) is claimed by no unit",
        "项目 {id}（{title}）没有单位认领",
    ),
    Code(
        "W002",
        "warning",
        "milestone `{id}` is due {due}, after the claim's deadline {deadline}",
        "时间节点 `{id}` 的日期 {due} 晚于该认领的完成时限 {deadline}",
    ),
    Code(
        "W003",
        "warning",
        "short name `{name}` is also the short name of `{other}` under the same parent",
        "简称 `{name}` 与同一上级下的单位 `{other}` 的简称相同",
    ),
    # -- settings -----------------------------------------------------------------------------
    Code("C001", "error", "TOML syntax error: {problem}", "TOML 语法错误：{problem}"),
    Code(
        "C002",
        "error",
        "the [evaluation] weights add up to {total}, not 100",
        "[evaluation] 各项权重之和为 {total}，不是 100",
    ),
    # -- forms (ledger import) -----------------------------------------------------------------
    Code(
        "X001",
        "error",
        "this workbook is not a ledger form (it lacks the properties `ledger form` "
        "writes): fill in the form you were sent",
        "这个工作簿不是台账填报表（缺少 ledger form 写入的属性）：请在下发的填报表中填写",
    ),
    Code(
        "X002",
        "error",
        "cannot read the workbook ({reason}): it may be damaged; open it and save it "
        "again as .xlsx",
        "无法读取工作簿（{reason}）：文件可能已损坏，请打开后重新另存为 .xlsx",
    ),
    Code(
        "X003",
        "error",
        "the workbook is password-protected (encrypted) or an old .xls file: remove the "
        "password and save it as .xlsx",
        "工作簿设置了打开密码（已加密）或是旧的 .xls 文件：请取消密码并另存为 .xlsx",
    ),
    Code(
        "X004",
        "error",
        "this form is of the ledger “{form}”, not of “{ledger}”",
        "这份填报表属于台账“{form}”，不是“{ledger}”",
    ),
    Code(
        "X005",
        "error",
        "this form is of the year {form}, not of the ledger year {year}",
        "这份填报表属于 {form} 年度，不是台账年度 {year} 年",
    ),
    Code(
        "X006",
        "error",
        "this form is for {form}, not for {quarter}",
        "这份填报表是 {form} 的，不是 {quarter} 的",
    ),
    Code(
        "X007",
        "error",
        "this form is of unit `{unit}`, which is not in this ledger",
        "这份填报表属于单位 `{unit}`，本台账中没有这个单位",
    ),
    Code(
        "X008",
        "error",
        "the sheet `{sheet}` is missing: do not rename or delete the form's sheets",
        "缺少工作表 `{sheet}`：请勿重命名或删除填报表的工作表",
    ),
    Code(
        "X009",
        "error",
        "the key column `{key}` is missing from row 1: it was renamed or deleted; fill "
        "in the form as it was sent",
        "第 1 行缺少键列 `{key}`：该列被改名或删除，请使用下发时的填报表填写",
    ),
    Code(
        "X010",
        "error",
        "`{key}` in row 1 is not a key of this sheet ({keys}): a key column was renamed",
        "第 1 行的 `{key}` 不是本工作表的键（{keys}）：键列被改名",
    ),
    Code(
        "X011",
        "error",
        "the key `{key}` is in row 1 twice (first in {first})",
        "第 1 行中键 `{key}` 出现了两次（第一次在 {first}）",
    ),
    Code(
        "X012",
        "error",
        "this row is of unit `{value}`, but the form is of unit `{unit}`",
        "这一行属于单位 `{value}`，但这份填报表属于单位 `{unit}`",
    ),
    Code(
        "X013",
        "error",
        "unit `{unit}` has no claim of project `{value}` (its claims: {known}): the "
        "row's key cells were changed",
        "单位 `{unit}` 没有认领项目 `{value}`（已认领：{known}）：这一行的键单元格被改动",
    ),
    Code(
        "X014",
        "error",
        "this row is for `{value}`, but the form is for {quarter}",
        "这一行是 `{value}` 的，但这份填报表是 {quarter} 的",
    ),
    Code(
        "X015",
        "error",
        "the claim of project {project} has no milestone `{value}` (known: {known})",
        "项目 {project} 的这项认领没有时间节点 `{value}`（现有：{known}）",
    ),
    Code(
        "X016",
        "error",
        "the key cell “{key}” of this row is empty: report only in the rows of the form",
        "这一行的键单元格“{key}”是空的：请只在填报表已有的行中填写",
    ),
    Code(
        "X017",
        "error",
        "`{value}` is not a status{hint}; choose one of {choices}",
        "`{value}` 不是有效状态{hint}；可选：{choices}",
    ),
    Code(
        "X018",
        "error",
        "`{value}` is not a percent from 0 to 100 (such as 65 or 65%)",
        "`{value}` 不是 0 到 100 之间的百分比（如 65 或 65%）",
    ),
    Code(
        "X019",
        "error",
        "`{value}` is not a date: write it like 2026-10-08{hint}",
        "`{value}` 不是日期：请写成 2026-10-08 这样的形式{hint}",
    ),
    Code(
        "X020",
        "error",
        "“{key}” must be filled in when this row reports",
        "这一行有填报内容，“{key}”必须填写",
    ),
    Code(
        "X021",
        "error",
        "a different {quarter} report is on file (reported {reported}): add --replace to "
        "replace it",
        "台账中已有不同的 {quarter} 进展（{reported} 上报）：如需替换，请加 --replace",
    ),
    Code(
        "X022",
        "error",
        "milestone `{milestone}` is recorded as done on {old}: add --replace to change it",
        "时间节点 `{milestone}` 已记录为 {old} 完成：如需修改，请加 --replace",
    ),
    Code(
        "X023",
        "error",
        "reported differently in {first}: keep one of the two",
        "与 {first} 的填报内容不同：请只保留一份",
    ),
    Code(
        "X024",
        "error",
        "evidence is given but no done date: fill in the day it was done",
        "填写了佐证材料但没有完成日期：请填写完成日期",
    ),
    Code(
        "X025",
        "error",
        "cannot record this row: {reason}",
        "无法记录这一行：{reason}",
    ),
]

CODES: dict[str, Code] = {c.code: c for c in _ALL}


def get(code: str) -> Code:
    """The code's record; an unknown code is a programming error."""
    return CODES[code]
