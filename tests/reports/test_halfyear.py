"""reports/halfyear.py: the half-year report (its tables, rounding half up, the projects nobody
claimed)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import REPO, SAMPLE_DAY
from tests.reports.conftest import DAY
from tests.support import Cli


def test_half_year_csv_by_unit_table(cli: Cli) -> None:
    code, out = cli("report", "--half", "-C", REPO, "--today", DAY, "-f", "csv", "--table", "units")
    assert code == 0
    header = out.lstrip("\ufeff").splitlines()[0]
    assert header == "单位,红灯,黄灯,绿灯,整改逾期,未整改,原因"
    # 商都县's findings: f1 due soon, f4 open, f5 overdue (of the complete K1)
    assert "商都县,1,0,2,1,3,B6 超过完成时限 25天，时限 2026-10-31" in out


def test_half_year_rounds_half_up_and_knows_unclaimed_beyond_the_scope(
    cli: Cli, sample: Path
) -> None:
    code, out = cli("report", "-C", sample, "--today", SAMPLE_DAY, "--half", "H1", "-f", "json")
    k3 = next(p for p in json.loads(out)["projects"] if p["id"] == "K3")
    assert code == 0 and k3["average_percent"] == 61.3  # 61.25 exactly: 四舍五入
    code, out = cli("report", "-C", sample, "--today", SAMPLE_DAY, "--half", "-f", "json",
                    "--unit", "huade")  # fmt: skip
    assert [p["id"] for p in json.loads(out)["unclaimed"]] == ["I4"]


def _findings(cli: Cli, day: str, half: str = "H2") -> dict[str, tuple[int, int]]:
    code, out = cli("report", "-C", REPO, "--today", day, "--half", half, "-f", "json")
    assert code == 0, out
    return {u["id"]: (u["findings_overdue"], u["findings_open"]) for u in json.loads(out)["units"]}


def test_each_unit_counts_its_findings_overdue_and_not_rectified(cli: Cli) -> None:
    """By hand from data/inspections/ on 25 November: huade's third-quarter finding is 25 days
    overdue (its second-quarter one closed); fengzhen's 56 days; shangdu has f1 due soon, f4
    open, f5 overdue; chayouzhongqi one due soon (the other rectified); zhuozi one open;
    jining's was rectified (late) and liangcheng's closed."""
    found = _findings(cli, DAY)
    assert {k: v for k, v in found.items() if v != (0, 0)} == {
        "huade": (1, 1),
        "fengzhen": (1, 1),
        "shangdu": (1, 3),
        "chayouzhongqi": (0, 1),
        "zhuozi": (0, 1),
    }
    assert found["jining"] == found["liangcheng"] == (0, 0)
    # every visit up to T, whatever the half
    assert _findings(cli, DAY, "H1") == found


def test_a_visit_after_t_is_not_counted(cli: Cli) -> None:
    # 17 August: the third-quarter visit (18 August) has not happened; huade's second-quarter
    # finding was rectified on 25 June, jining's (due 31 July) is rectified only on 20 August
    found = _findings(cli, "2026-08-17")
    assert {k: v for k, v in found.items() if v != (0, 0)} == {"jining": (1, 1)}
    # 18 August: it has; fengzhen's finding (due 30 September) is open, not yet due soon
    assert _findings(cli, "2026-08-18")["fengzhen"] == (0, 1)


def test_the_human_formats_show_the_findings(cli: Cli) -> None:
    for lang, words in (("zh", "逾期未整改问题 **3**"), ("en", "Overdue findings **3**")):
        code, out = cli(
            *("report", "-C", REPO, "--today", DAY, "--half", "-f", "markdown", "--lang", lang)
        )
        assert code == 0 and words in out
    code, out = cli("report", "--half", "-C", REPO, "--today", DAY, "-f", "html")
    assert code == 0 and "整改逾期" in out and "未整改" in out
