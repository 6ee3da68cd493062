"""cli/reports.py: the report commands (the period as typed or today's, the unit scope, usage
errors, the format choices from the registries)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE_DAY
from tests.reports.conftest import DAY
from tests.support import Cli


@pytest.mark.parametrize(
    ("today", "quarter", "half"),
    [
        ("2026-07-05", "2026Q2", "H1"),
        ("2026-07-11", "2026Q3", "H2"),
        ("2027-01-08", "2026Q4", "H2"),
    ],
)
def test_bare_quarter_and_half_follow_the_reporting_quarter(
    cli: Cli, today: str, quarter: str, half: str
) -> None:
    code, out = cli("report", "--quarter", "-C", REPO, "--today", today, "-f", "json")
    assert code == 0 and json.loads(out)["quarter"] == quarter
    code, out = cli("report", "--half", "-C", REPO, "--today", today, "-f", "json")
    assert code == 0 and json.loads(out)["half"] == half
    code, out = cli("report", "--half", "-C", REPO, "--today", today, "--lang", "en")
    assert f"Half-year: 2026{half}" in out


@pytest.mark.parametrize("spelling", ["化德县", "huade"])
def test_unit_by_name(cli: Cli, spelling: str) -> None:
    code, out = cli("report", "--year", "-C", REPO, "--today", DAY, "-u", spelling, "-f", "json")
    assert code == 0 and [u["id"] for u in json.loads(out)["units"]] == ["huade"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quarter", "--sort", "colour"], "--sort: `colour` is not a way to sort"),
        (["--year", "--sort", "flag"], "--sort flag applies to"),
        (["--quarter", "--unit", "化德"], "no unit `化德` in this ledger: did you mean"),
        (["--half", "-f", "csv", "--table", "nope"], "--table: this report has no table `nope`"),
        (["--quarter", "-f", "pdf"], "--format: `pdf` is not a format"),
    ],
)
def test_bad_options_exit_2(cli: Cli, args: list[str], message: str) -> None:
    code, out = cli("report", "-C", REPO, "--today", DAY, "--lang", "en", *args)
    assert code == 2, out
    assert message in out


@pytest.mark.parametrize(
    ("command", "report"),
    [(["overdue"], "overdue"), (["report"], "quarterly"), (["inspect"], "inspect"),
     (["remind"], "remind"), (["findings"], "findings")],
)  # fmt: skip
def test_the_format_help_names_the_registry_formats(
    cli: Cli, command: list[str], report: str
) -> None:
    from ledger.render import FORMATS, JSON
    from ledger.reports import ALL_FORMATS, REPORTS

    assert set(ALL_FORMATS) == {*FORMATS, JSON}
    code, out = cli(*command, "--help", env={"COLUMNS": "300"})
    assert code == 0
    line = next(x for x in out.splitlines() if x.lstrip().startswith("-f, --format"))
    assert [f for f in re.findall(r"[a-z]+", line) if f in {*ALL_FORMATS, "text"}] == list(
        REPORTS[report].formats
    ), line


def test_report_bare_quarter_takes_todays_quarter(cli: Cli, sample: Path) -> None:
    code, out = cli(
        "report", "--quarter", "--today", "2026-11-25", "-C", sample, "--format", "json"
    )
    assert code == 0 and json.loads(out)["quarter"] == "2026Q4"
    code, out = cli(
        "report", "-C", sample, "--today", "2027-01-15", "--format", "json", "--quarter"
    )
    assert code == 0 and json.loads(out)["quarter"] == "2026Q4"


@pytest.mark.parametrize("q", ["2026Q3", "Q3", "3", "q3"])
def test_report_quarter_forms(cli: Cli, sample: Path, q: str) -> None:
    code, out = cli("report", "-C", sample, "--today", SAMPLE_DAY, "--quarter", q, "-f", "json")
    assert code == 0 and json.loads(out)["quarter"] == "2026Q3"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quarter", "2025Q3"], "not a quarter of the ledger year 2026"),
        (["--quarter", "Q5"], "is not a quarter: write 2026Q3"),
        (["--quarter", "第五季度"], "is not a quarter"),
        (["--half", "H3"], "is not a half-year"),
        (["--half", "2025年上半年"], "not a half of the ledger year 2026"),
        (["--quarter", "3", "--year"], "choose one of"),
        ([], "choose one of"),
        (["--year", "--unit", "nowhere"], "no unit `nowhere`"),
        (["--year", "--format", "xlsx"], "--output"),
    ],
)
def test_report_usage_errors_are_exit_2(
    cli: Cli, sample: Path, args: list[str], message: str
) -> None:
    code, out = cli("report", "-C", sample, "--today", SAMPLE_DAY, "--lang", "en", *args)
    assert code == 2, out
    assert message in out


def test_unknown_unit_suggests_a_close_one(cli: Cli, sample: Path) -> None:
    code, out = cli(
        "overdue", "-C", sample, "--today", SAMPLE_DAY, "--lang", "en", "--unit", "jinning"
    )
    assert code == 2 and "did you mean `jining`" in out


def test_reports_refuse_a_ledger_with_errors(cli: Cli, sample: Path) -> None:
    unit = sample / "data" / "units" / "jining.yaml"
    unit.write_text(
        unit.read_text(encoding="utf-8").replace("leader:", "leadr:", 1), encoding="utf-8"
    )
    code, out = cli("overdue", "-C", sample, "--today", SAMPLE_DAY, "--lang", "en")
    assert code == 1
    assert "error[S001]" in out and "fix them first" in out


def test_reports_work_as_of_an_earlier_day_on_todays_files(cli: Cli, sample: Path) -> None:
    # validate on 2026-08-01 complains of things done and reported later; reports ignore that
    assert cli("validate", "-C", sample, "--today", "2026-08-01")[0] == 1
    code, out = cli("report", "-C", sample, "--today", "2026-08-01", "--quarter", "-f", "json")
    assert code == 0 and json.loads(out)["as_of"] == "2026-08-01"


def test_unit_scope_keeps_the_unit_and_those_under_it(cli: Cli, sample: Path) -> None:
    code, out = cli(
        "report",
        "-C",
        sample,
        "--today",
        SAMPLE_DAY,
        "-q",
        "3",
        "-f",
        "json",
        "--unit",
        "chayouhouqi",
    )
    ids = [u["id"] for u in json.loads(out)["units"]]
    assert code == 0 and ids == ["chayouhouqi", "chayouhouqi-agri", "chayouhouqi-finance"]


def test_xlsx_written_with_output(cli: Cli, sample: Path, tmp_path: Path) -> None:
    target = tmp_path / "q.xlsx"
    code, _ = cli("report", "-C", sample, "--today", SAMPLE_DAY, "-q", "-f", "xlsx", "-o", target)
    assert code == 0 and target.read_bytes()[:2] == b"PK"


def test_half_year_csv_says_it_holds_the_first_table(cli: Cli, sample: Path) -> None:
    code, out = cli("report", "-C", sample, "--today", SAMPLE_DAY, "--half", "-f", "csv",
                    "--lang", "en")  # fmt: skip
    assert code == 0 and "CSV holds the first table (By project)" in out


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "zh",
            "截至 2026-12-05 没有认领项目：台账中 1 项认领的认领日期都在这一天之后"
            "（最早 2027-01-01",
        ),
        (
            "en",
            "No claims as of 2026-12-05: the ledger's 1 claim(s) were all claimed after that day",
        ),
    ],
)
def test_a_report_empty_because_every_claim_lies_after_t_says_why(
    cli: Cli, tmp_path: Path, lang: str, said: str
) -> None:
    root = tmp_path / "newledger"
    assert cli("init", root, "--year", "2027", "--lang", lang)[0] == 0
    for report in (["--quarter"], ["--half"], ["--year"]):
        code, out = cli("report", *report, "-C", root, "--today", "2026-12-05", "--lang", lang)
        assert code == 0, out
        assert said in out, (report, out)
    # a ledger with nothing claimed at all says only that
    code, out = cli("report", "--quarter", "-C", root, "--today", "2027-01-05", "--lang", lang)
    assert said not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--state", "late"], "`late` is not a rectification state"),
        (["--state", "closd"], "did you mean `closed`"),
        (["--unit", "化德"], "no unit `化德` in this ledger"),
        (["-f", "xlsx"], "xlsx"),
    ],
)
def test_findings_bad_options_exit_2(cli: Cli, args: list[str], message: str) -> None:
    code, out = cli("findings", "-C", REPO, "--today", DAY, "--lang", "en", *args)
    assert code == 2, out
    assert message in out and "Traceback" not in out


def test_findings_state_in_chinese_and_output_file(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "整改台账.json"
    code, text = cli(
        "findings", "-C", REPO, "--today", DAY, "-s", "已整改", "-f", "json", "-o", out
    )
    assert code == 0, text
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [f["state"] for f in doc["findings"]] == ["rectified", "rectified"]
