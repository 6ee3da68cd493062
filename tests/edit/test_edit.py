"""The clerk's edits: what they write, what they keep byte for byte, and what they refuse."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from ledger.load import load
from ledger.validate import validate
from tests.conftest import SAMPLE_DAY, LedgerMaker

Cli = Callable[..., tuple[int, str]]
T = date(2026, 11, 25)


def edit(cli: Cli, root: Path, *args: str) -> tuple[int, str]:
    return cli(*args, "-C", root, "--today", SAMPLE_DAY, "--lang", "en")


def only_added(old: str, new: str) -> list[str]:
    """The lines the edit added; fails if it removed or changed any old line."""
    added = []
    for line in difflib.ndiff(old.splitlines(keepends=True), new.splitlines(keepends=True)):
        assert not line.startswith("- "), f"an old line was changed: {line!r}"
        if line.startswith("+ "):
            added.append(line[2:])
    return added


UNIT = """\
# 甲单位的台账
id: a
name: 甲单位   # 行尾注释
x-contact: "0474-1234567"
claims:
  # 第一项认领
  - project: K1
    leader: '张三'
    measures: [一, "二"]
    deadline: 2026-12-31
    milestones:
      - {id: survey, due: 2026-03-15}
    progress:
      - quarter: 2026Q1
        status: 正常推进
        percent: 20
        summary: 这是一行很长很长的进展情况说明，超过八十个字符也不应被折行：开展了排查摸底、\
建立了台账、召开了专题会议、制定了整改方案并逐项推进落实。
        reported: 2026-04-08

      # 第三季度
      - quarter: 2026Q3
        status: 正常推进
        percent: 60
        summary: 推进中
        reported: 2026-10-08
# 文件末尾的注释
"""


@pytest.fixture
def unit_root(make_ledger: LedgerMaker) -> Path:
    root = make_ledger(units={"a": UNIT})
    assert [p.code for p in validate(root, T).problems] == ["W001"]
    return root


def read(root: Path, name: str = "a") -> str:
    return (root / "data" / "units" / f"{name}.yaml").read_bytes().decode("utf-8")


# -- progress ------------------------------------------------------------------------------------


def test_progress_goes_in_quarter_order_and_keeps_every_line(cli: Cli, unit_root: Path) -> None:
    old = read(unit_root)
    code, out = edit(
        cli, unit_root, "progress", "a", "K1", "-q", "Q2", "--status", "on_track",
        "--percent", "40", "--summary", "完成: 中期 #2", "--reported", "2026-07-05",
    )  # fmt: skip
    assert code == 0, out
    assert "recorded K1's progress for 2026Q2" in out and "git diff -- data/units/a.yaml" in out
    new = read(unit_root)
    added = only_added(old, new)
    assert added == [
        "      - quarter: 2026Q2\n",
        "        status: 正常推进\n",  # the claim's entries are in Chinese: so is the new one
        "        percent: 40\n",
        '        summary: "完成: 中期 #2"\n',
        "        reported: 2026-07-05\n",
    ]
    entries = load(unit_root).ledger().units["a"].claims[0].progress
    assert [e.quarter for e in entries] == ["2026Q1", "2026Q2", "2026Q3"]
    # inserted after Q1's last line, before Q3's blank line and comment
    assert new.index("2026Q2") < new.index("# 第三季度")


def test_progress_appends_a_later_quarter_with_lists(cli: Cli, unit_root: Path) -> None:
    old = read(unit_root)
    code, out = edit(
        cli, unit_root, "progress", "a", "K1", "-q", "2026Q4", "--status", "behind",
        "--percent", "70", "--summary", "滞后", "--problem", "人手不足", "--problem", "yes",
        "--next-step", "加强调度",
    )  # fmt: skip
    assert code == 0, out
    added = only_added(old, read(unit_root))
    assert added[0] == "      - quarter: 2026Q4\n"
    assert '          - "yes"\n' in added and "        next_steps:\n" in added
    entry = load(unit_root).ledger().units["a"].claims[0].progress[-1]
    assert (entry.status, entry.reported, entry.problems) == ("behind", T, ["人手不足", "yes"])
    assert read(unit_root).endswith("# 文件末尾的注释\n")


def test_progress_replace(cli: Cli, unit_root: Path) -> None:
    before = read(unit_root)
    code, out = edit(
        cli, unit_root, "progress", "a", "K1", "-q", "3", "--status", "done",
        "--percent", "100", "--summary", "全部完成", "--reported", "2026-10-09",
    )  # fmt: skip
    assert code == 1 and "add --replace" in out
    assert read(unit_root) == before
    code, out = edit(
        cli, unit_root, "progress", "a", "K1", "-q", "3", "--status", "done",
        "--percent", "100", "--summary", "全部完成", "--reported", "2026-10-09", "--replace",
    )  # fmt: skip
    assert code == 0 and "replaced" in out
    after = read(unit_root)
    assert "# 第三季度" in after and "推进中" not in after
    entry = load(unit_root).ledger().units["a"].claims[0].progress[-1]
    assert (entry.quarter, entry.status, entry.percent) == ("2026Q3", "done", 100)


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["-q", "4", "--status", "on_track", "--percent", "50", "--summary", "s"], 1, "P003"),
        (["-q", "4", "--status", "done", "--percent", "90", "--summary", "s"], 1, "P004"),
        (["-q", "4", "--status", "so-so", "--percent", "90", "--summary", "s"], 2, "not a status"),
        (["-q", "4", "--status", "behind", "--percent", "101", "--summary", "s"], 2, "0..100"),
        (["-q", "5", "--status", "behind", "--percent", "80", "--summary", "s"], 2, "quarter"),
        (
            [
                "-q",
                "4",
                "--status",
                "behind",
                "--percent",
                "80",
                "--summary",
                "s",
                "--reported",
                "2026/12/1",
            ],
            2,
            "2026-12-01?",
        ),
        (
            [
                "-q",
                "4",
                "--status",
                "behind",
                "--percent",
                "80",
                "--summary",
                "s",
                "--reported",
                "2026-12-01",
            ],
            1,
            "D003",
        ),
    ],
)
def test_progress_refusals_leave_the_file_byte_identical(
    cli: Cli, unit_root: Path, args: list[str], code: int, message: str
) -> None:
    before = (unit_root / "data" / "units" / "a.yaml").read_bytes()
    got, out = edit(cli, unit_root, "progress", "a", "K1", *args)
    assert got == code, out
    assert message in out
    assert (unit_root / "data" / "units" / "a.yaml").read_bytes() == before


def test_progress_for_an_unclaimed_project_or_unknown_unit(cli: Cli, unit_root: Path) -> None:
    args = ["-q", "4", "--status", "behind", "--percent", "80", "--summary", "s"]
    code, out = edit(cli, unit_root, "progress", "a", "B1", *args)
    assert code == 2 and "has not claimed project B1" in out
    code, out = edit(cli, unit_root, "progress", "nobody", "K1", *args)
    assert code == 2 and "no unit `nobody` in this ledger" in out


# -- claim ---------------------------------------------------------------------------------------


def test_claim_appends_after_the_last_claim(cli: Cli, unit_root: Path) -> None:
    old = read(unit_root)
    code, out = edit(
        cli, unit_root, "claim", "a", "B1", "--leader", "李四: 副书记", "--deadline", "2026-12-31",
        "--measure", "开展培训", "--measure", "0012", "--claimed", "2026-03-01",
    )  # fmt: skip
    assert code == 0, out
    added = only_added(old, read(unit_root))
    assert added == [
        "  - project: B1\n",
        '    leader: "李四: 副书记"\n',
        "    measures:\n",
        "      - 开展培训\n",
        '      - "0012"\n',
        "    deadline: 2026-12-31\n",
        "    claimed: 2026-03-01\n",
    ]
    new = read(unit_root)
    assert new.index("project: B1") < new.index("# 文件末尾的注释")
    claim = load(unit_root).ledger().units["a"].claims[1]
    assert (claim.leader, claim.measures) == ("李四: 副书记", ["开展培训", "0012"])


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["a", "K1"], 1, "already claimed in data/units/a.yaml (line 7)"),
        (["a", "K9"], 2, "no project `K9`"),
        (["../a", "B1"], 2, "no unit `../a` in this ledger"),
        (["A", "B1"], 2, "no unit `A` in this ledger: did you mean `a`?"),
    ],
)
def test_claim_refusals(
    cli: Cli, unit_root: Path, args: list[str], code: int, message: str
) -> None:
    before = read(unit_root)
    got, out = edit(
        cli,
        unit_root,
        "claim",
        *args,
        "--leader",
        "王五",
        "--deadline",
        "2026-12-31",
        "--measure",
        "m",
    )
    assert got == code, out
    assert message in out
    assert read(unit_root) == before
    assert sorted(p.name for p in (unit_root / "data" / "units").iterdir()) == [
        "a.yaml",
        "city.yaml",
    ]


@pytest.mark.parametrize(
    ("text", "expected_tail"),
    [
        ("id: b\nname: 乙\n", "name: 乙\nclaims:\n  - project: B1\n"),
        ("id: b\nname: 乙\nclaims: []  # 暂无\n", "claims:  # 暂无\n  - project: B1\n"),
        ("id: b\nname: 乙\nclaims:\n", "claims:\n  - project: B1\n"),
        ("id: b\nclaims: ~ # 无\nname: 乙\n", "claims: # 无\n  - project: B1\n"),
        ("id: b\nname: 乙", "name: 乙\nclaims:\n  - project: B1\n"),  # no final line break
        (
            "id: b\nname: 乙\nclaims:\n- project: K1\n  leader: 甲\n  measures:\n  - m\n"
            "  deadline: 2026-12-31\n",
            "  deadline: 2026-12-31\n- project: B1\n  leader: 王五\n  measures:\n  - m\n",
        ),
    ],
    ids=["no-claims-key", "empty-flow-list", "null", "tilde", "no-final-newline", "indentless"],
)
def test_claim_into_every_shape_of_claims(
    cli: Cli, make_ledger: LedgerMaker, text: str, expected_tail: str
) -> None:
    root = make_ledger(units={"b": text})
    code, out = edit(
        cli,
        root,
        "claim",
        "b",
        "B1",
        "--leader",
        "王五",
        "--deadline",
        "2026-12-31",
        "--measure",
        "m",
    )
    assert code == 0, out
    new = read(root, "b")
    assert expected_tail in new
    assert [c.project for c in load(root).ledger().units["b"].claims][-1] == "B1"


def test_crlf_and_bom_are_kept(cli: Cli, make_ledger: LedgerMaker) -> None:
    raw = ("\ufeff" + UNIT).replace("\n", "\r\n").encode("utf-8")
    root = make_ledger(units={"a": raw})
    code, out = edit(
        cli, root, "progress", "a", "K1", "-q", "4", "--status", "on_track",
        "--percent", "80", "--summary", "好",
    )  # fmt: skip
    assert code == 0, out
    new = (root / "data" / "units" / "a.yaml").read_bytes()
    assert new.startswith(b"\xef\xbb\xbf")
    assert new.count(b"\n") == new.count(b"\r\n")
    assert new.startswith(raw[: raw.index(b"      - quarter: 2026Q3")])
    code, out = edit(cli, root, "done", "a", "K1", "accept", "--on", "2026-11-20")
    assert code == 0, out
    newer = (root / "data" / "units" / "a.yaml").read_bytes()
    assert newer.count(b"\n") == newer.count(b"\r\n") and newer.startswith(b"\xef\xbb\xbf")


# -- done ----------------------------------------------------------------------------------------


def test_done_in_a_flow_mapping_record(cli: Cli, unit_root: Path) -> None:
    code, out = edit(cli, unit_root, "done", "a", "K1", "survey", "--on", "2026-03-14")
    assert code == 0, out
    assert "      - {id: survey, due: 2026-03-15, done: 2026-03-14}\n" in read(unit_root)


def test_done_adds_a_record_for_a_book_milestone(cli: Cli, unit_root: Path) -> None:
    old = read(unit_root)
    code, out = edit(cli, unit_root, "done", "a", "K1", "accept", "--evidence", "验收报告")
    assert code == 0, out
    added = only_added(old, read(unit_root))
    assert added == [
        "      - id: accept\n",
        f"        done: {SAMPLE_DAY}\n",
        "        evidence: 验收报告\n",
    ]


def test_done_sets_the_date_in_a_block_record_and_again_changes_nothing(
    cli: Cli, make_ledger: LedgerMaker
) -> None:
    text = UNIT.replace(
        "      - {id: survey, due: 2026-03-15}\n",
        "      - id: survey\n        due: 2026-03-15   # 提前\n        evidence: 旧\n",
    )
    root = make_ledger(units={"a": text})
    code, out = edit(cli, root, "done", "a", "K1", "survey", "--on", "2026-03-10")
    assert code == 0, out
    new = read(root)
    assert (
        "        due: 2026-03-15   # 提前\n        done: 2026-03-10\n        evidence: 旧\n" in new
    )
    code, out = edit(cli, root, "done", "a", "K1", "survey", "--on", "2026-03-10")
    assert code == 0 and "nothing changed" in out
    assert read(root) == new


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        # each known milestone with its title: ids alone mean little to a clerk
        (["nosuch"], 2, "`nosuch` for this claim; known: survey “完成排查摸底”, accept “验收”"),
        (["survey", "--on", "2026-12-01"], 1, "D002"),
        (["survey", "--on", "3/14"], 2, "--on"),
    ],
)
def test_done_refusals(cli: Cli, unit_root: Path, args: list[str], code: int, message: str) -> None:
    before = read(unit_root)
    got, out = edit(cli, unit_root, "done", "a", "K1", *args)
    assert got == code, out
    assert message in out
    assert read(unit_root) == before


def test_dry_run_shows_the_diff_and_writes_nothing(cli: Cli, unit_root: Path) -> None:
    before = read(unit_root)
    code, out = edit(cli, unit_root, "done", "a", "K1", "accept", "--dry-run")
    assert code == 0
    assert "+++ b/data/units/a.yaml" in out and "+      - id: accept" in out
    assert read(unit_root) == before


BROKEN = {"b": "id: b\nname: 乙\nparent: nowhere\n", "c": "id: c\nname： 丙\n"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_edit_next_to_unrelated_broken_files_is_written_with_a_note(
    cli: Cli, make_ledger: LedgerMaker, lang: str
) -> None:
    root = make_ledger(units={"a": UNIT, **BROKEN})
    code, out = cli("done", "a", "K1", "accept", "-C", root, "--today", SAMPLE_DAY, "--lang", lang)
    assert code == 0, out
    assert "R004" in out and "data/units/c.yaml" in out
    note = "errors already elsewhere" if lang == "en" else "台账其他文件中原有 2 个错误"
    assert note in out
    assert "id: accept" in read(root)


def test_an_edit_bringing_an_error_is_refused_with_only_that_error(
    cli: Cli, make_ledger: LedgerMaker
) -> None:
    """A progress that breaks P003 next to broken files: refused for P003 alone, byte-identical."""
    root = make_ledger(units={"a": UNIT, **BROKEN})
    before = {n: read(root, n) for n in ("a", "b", "c")}
    code, out = edit(
        cli, root, "progress", "a", "K1", "-q", "Q4", "--status", "on_track",
        "--percent", "10", "--summary", "倒退",
    )  # fmt: skip
    assert code == 1 and "P003" in out and "nothing was written" in out
    assert "R004" not in out
    assert {n: read(root, n) for n in ("a", "b", "c")} == before


def test_an_edit_to_a_file_with_an_error_is_refused(cli: Cli, make_ledger: LedgerMaker) -> None:
    """An error already in the file the edit changes refuses the edit."""
    broken = UNIT.replace("name: 甲单位", "name: 甲单位\nparent: nowhere")
    root = make_ledger(units={"a": broken})
    before = read(root)
    code, out = edit(cli, root, "done", "a", "K1", "accept")
    assert code == 1 and "R004" in out and "nothing was written" in out
    assert read(root) == before


# -- init ----------------------------------------------------------------------------------------


def test_init_makes_a_ledger_that_validates(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "新台账"
    code, out = cli("init", target, "--title", '某市"效能年"', "--year", "2027", "--lang", "en")
    assert code == 0, out
    result = validate(target, date(2027, 6, 1))
    assert [p.code for p in result.problems if p.level == "error"] == []
    ledger = result.loaded.ledger()
    assert ledger.config.ledger.title == '某市"效能年"' and ledger.year == 2027
    assert {p.category for p in ledger.book.projects} == {"key", "basic", "innovation"}
    code, out = cli("init", target, "--lang", "en")
    assert code == 1 and "already holds a ledger" in out


def test_sample_quarter_of_edits_from_the_command_line(cli: Cli, sample: Path) -> None:
    """A whole quarter's routine on the sample: every command, then validate and a report."""
    assert edit(cli, sample, "done", "huade", "B4", "survey", "--on", "2026-11-20")[0] == 0
    assert edit(
        cli, sample, "progress", "huade", "B4", "-q", "4", "--status", "behind",
        "--percent", "15", "--summary", "完成排查",
    )[0] == 0  # fmt: skip
    assert edit(
        cli, sample, "claim", "huade", "I2", "--leader", "韩志刚", "--deadline", "2026-12-31",
        "--measure", "清产核资",
    )[0] == 0  # fmt: skip
    assert edit(cli, sample, "validate")[0] == 0
    code, out = edit(cli, sample, "overdue", "--unit", "huade", "-f", "json", "--project", "B4")
    assert code == 0 and "survey" not in out and "midterm" in out


def test_an_edit_with_broken_settings_is_exit_2(cli: Cli, make_ledger: LedgerMaker) -> None:
    config = '[ledger]\ntitle = "t"\nyear = 2026\n[evaluation]\nmilestones = 55\n'
    root = make_ledger(units={"a": UNIT}, config=config)
    before = read(root)
    code, out = edit(cli, root, "done", "a", "K1", "accept")
    assert code == 2 and "ledger.toml has errors" in out and "C002" in out
    assert read(root) == before


def test_done_again_with_another_date_needs_replace(cli: Cli, unit_root: Path) -> None:
    assert edit(cli, unit_root, "done", "a", "K1", "accept", "--on", "2026-11-20")[0] == 0
    before = read(unit_root)
    code, out = edit(cli, unit_root, "done", "a", "K1", "accept", "--on", "2026-11-24")
    assert code == 1 and "done on 2026-11-20" in out and "--replace" in out
    assert read(unit_root) == before
    code, out = edit(cli, unit_root, "done", "a", "K1", "accept", "--on", "2026-11-24", "--replace")
    assert code == 0, out
    assert "done: 2026-11-24" in read(unit_root)


def test_done_of_a_book_milestone_due_before_the_claim_is_refused(
    cli: Cli, make_ledger: LedgerMaker
) -> None:
    text = UNIT.replace(
        "    deadline: 2026-12-31\n", "    deadline: 2026-12-31\n    claimed: 2026-05-01\n"
    )
    text = text.replace(
        "      - {id: survey, due: 2026-03-15}\n",
        "      - {id: own, title: 自定, due: 2026-09-30}\n",
    )
    root = make_ledger(units={"a": text})
    before = read(root)
    code, out = edit(cli, root, "done", "a", "K1", "survey", "--on", "2026-06-01")
    assert code == 2 and "does not apply" in out
    assert read(root) == before


# -- edits that help (contract section 7) --------------------------------------------------------


def test_claim_writes_claimed_today_and_names_the_book_milestones_that_do_not_apply(
    cli: Cli, make_ledger: LedgerMaker
) -> None:
    root = make_ledger(units={"b": "id: b\nname: 乙\n"})
    code, out = cli(
        "claim", "乙", "K1", "--leader", "李四", "--deadline", "2026-12-31", "--measure", "排查",
        "-C", root, "--today", "2026-05-20",
    )  # fmt: skip
    assert code == 0, out
    assert "    claimed: 2026-05-20\n" in read(root, "b")
    assert "不适用于本单位：survey“完成排查摸底”（2026-03-31）" in out and "accept" not in out
    assert 'git commit -m "b：认领 K1"' in out


def test_claim_before_every_milestone_says_nothing_more(cli: Cli, make_ledger: LedgerMaker) -> None:
    root = make_ledger(units={"b": "id: b\nname: 乙\n"})
    code, out = edit(
        cli, root, "claim", "b", "K1", "--leader", "李四", "--deadline", "2026-12-31",
        "--measure", "m", "--claimed", "2026-01-01",
    )  # fmt: skip
    assert code == 0 and "do not apply" not in out
    assert 'git commit -m "b: claim K1"' in out


def test_progress_says_when_the_report_is_late(cli: Cli, unit_root: Path) -> None:
    code, out = edit(
        cli, unit_root, "progress", "a", "K1", "-q", "二季度", "--status", "on_track",
        "--percent", "40", "--summary", "s", "--reported", "2026-07-15",
    )  # fmt: skip
    assert code == 0, out
    assert "the 2026Q2 report was due 2026-07-10; reported 5 days late" in out
    code, out = cli(
        "progress", "a", "K1", "-q", "Q4", "--status", "正常推进", "--percent", "80",
        "--summary", "s", "-C", unit_root, "--today", SAMPLE_DAY,
    )  # fmt: skip
    assert code == 0 and "逾期上报" not in out
    assert 'git commit -m "a：K1 2026Q4 进展"' in out


def test_done_says_when_a_milestone_is_done_late(cli: Cli, unit_root: Path) -> None:
    # the claim moves survey to 15 March
    code, out = cli(
        "done", "a", "K1", "survey", "--on", "2026-03-20", "-C", unit_root, "--today", SAMPLE_DAY
    )
    assert code == 0, out
    assert "时间节点 survey 的到期日是 2026-03-15，完成晚了 5 天" in out
    code, out = edit(cli, unit_root, "done", "a", "K1", "accept", "--on", "2026-11-20")
    assert code == 0 and "late" not in out


# -- what a refusal names (issue 19) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "blamed"),
    [
        (
            ["claim", "a", "B1", "--leader", "王五", "--deadline", "2027-03-31", "--measure", "m"],
            "--deadline 2027-03-31: error[D001]: 2027-03-31 lies outside the ledger year 2026",
        ),
        (
            ["progress", "a", "K1", "-q", "Q4", "--status", "behind", "--percent", "10%",
             "--summary", "倒退"],
            "--percent 10%: error[P003]: ",
        ),
        (["done", "a", "K1", "survey", "--on", "2026-12-01"], "--on 2026-12-01: error[D002]: "),
    ],
    ids=["claim-deadline", "progress-percent", "done-on"],
)  # fmt: skip
def test_a_value_typed_on_the_command_line_is_blamed_at_its_option(
    cli: Cli, unit_root: Path, args: list[str], blamed: str
) -> None:
    """The clerk typed the value: the refusal names the option as typed, not a line of a file
    the clerk never opened."""
    before = read(unit_root)
    code, out = edit(cli, unit_root, *args)
    assert code == 1, out
    assert blamed in out
    assert "data/units/a.yaml:" not in out
    assert read(unit_root) == before


def test_an_edit_of_a_file_with_errors_says_which_were_there_before(
    cli: Cli, make_ledger: LedgerMaker
) -> None:
    """An error the file had before refuses the edit too, but is not said to come from it."""
    broken = UNIT.replace("name: 甲单位", "name: 甲单位\nparent: nowhere")
    root = make_ledger(units={"a": broken})
    before = read(root)
    code, out = edit(cli, root, "done", "a", "K1", "accept")
    assert code == 1
    assert "data/units/a.yaml already has these errors, not from this change" in out
    assert "R004" in out and "would bring" not in out
    # an edit that also brings an error of its own: both, each said for what it is
    code, out = edit(
        cli, root, "progress", "a", "K1", "-q", "Q4", "--status", "behind", "--percent", "10",
        "--summary", "倒退",
    )  # fmt: skip
    assert code == 1
    bring, _, had = out.partition("besides, errors already in the file to change")
    assert "this change would bring these errors" in bring and "P003" in bring
    assert "R004" not in bring and "R004" in had
    assert read(root) == before
    code, out = cli("done", "a", "K1", "accept", "-C", root, "--today", SAMPLE_DAY, "--lang", "zh")
    assert "加上这项修改后" not in out and "原有以下错误，不是这项修改带来的" in out


def test_a_date_hint_in_chinese_has_full_width_brackets(cli: Cli, unit_root: Path) -> None:
    code, out = cli(
        "done", "a", "K1", "accept", "--on", "2026/11/24", "-C", unit_root, "--lang", "zh",
        "--today", SAMPLE_DAY,
    )  # fmt: skip
    assert code == 2
    assert "（是否应为 2026-11-24？）" in out and "(" not in out
    code, out = cli("validate", "-C", unit_root, "--today", "2026/11/24", "--lang", "en")
    assert code == 2 and " (2026-11-24?)" in out


ENGLISH = UNIT.replace("正常推进", "on_track")
NO_STATUS = """\
id: a
name: 甲单位
claims:
  - project: B1
    leader: 王五
    measures: [m]
    deadline: 2026-12-31
  - project: K1
    leader: 张三
    measures: [m]
    deadline: 2026-12-31
"""
NO_STATUS_HERE = (
    NO_STATUS
    + """\
    progress:
      - {quarter: 2026Q1, status: 滞后, percent: 5, summary: 慢, reported: 2026-04-08}
"""
)
NO_STATUS_HERE_EN = NO_STATUS_HERE.replace("滞后", "behind")


@pytest.mark.parametrize(
    ("text", "typed", "written"),
    [
        (UNIT, "on_track", "status: 正常推进"),  # the claim's own words
        (ENGLISH, "正常推进", "status: on_track"),  # a file in English stays English
        (NO_STATUS, "滞后", "status: behind"),  # no status yet: English
        (NO_STATUS_HERE, "on_track", "status: 正常推进"),  # another claim's words in the file
        (NO_STATUS_HERE_EN, "正常推进", "status: on_track"),
    ],
    ids=["claim-zh", "claim-en", "new", "file-zh", "file-en"],
)
def test_progress_writes_the_status_words_the_file_uses(
    cli: Cli, make_ledger: LedgerMaker, text: str, typed: str, written: str
) -> None:
    root = make_ledger(units={"a": text})
    project = "B1" if text.startswith("id: a") else "K1"
    code, out = edit(
        cli, root, "progress", "a", project, "-q", "Q4", "--status", typed, "--percent", "95",
        "--summary", "推进",
    )  # fmt: skip
    assert code == 0, out
    added = only_added(text, read(root))
    assert f"        {written}\n" in added, added
