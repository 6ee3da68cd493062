"""cli/site.py: ``ledger site`` writes the pages, agrees with ``ledger report --quarter --format
json`` figure for figure, refuses a ledger with errors (exit 1) and every folder it may not
replace (exit 2, nothing touched)."""

from __future__ import annotations

import json
import os
import re
from html import unescape
from pathlib import Path

import pytest

from ledger.i18n import t
from ledger.model import Ledger
from tests.conftest import BOOK, SAMPLE_DAY, LedgerMaker
from tests.site.conftest import run_cli
from tests.site.reading import claims, read
from tests.support import UNIT_A, Cli, ledger_files

WORDS = {"flag": {"red": "红灯", "yellow": "黄灯", "green": "绿灯"}}


def _report(root: Path, day: str = SAMPLE_DAY, *extra: str) -> dict[str, object]:
    code, out = run_cli("report", "--quarter", "-C", root, "--today", day, "-f", "json", *extra)
    assert code == 0, out
    data: dict[str, object] = json.loads(out)
    return data


def _ledger(root: Path) -> Ledger:
    from ledger.load import load

    return load(root, cache=False).ledger()


@pytest.mark.parametrize("day", [SAMPLE_DAY, "2026-07-05", "2027-01-08"])
def test_every_figure_agrees_with_the_quarterly_json(sample: Path, day: str) -> None:
    out = sample.parent / "site"
    code, output = run_cli("site", "-C", sample, "--today", day, "--output", out)
    assert code == 0, output
    report = _report(sample, day)
    totals = report["totals"]
    assert isinstance(totals, dict)
    units = report["units"]
    assert isinstance(units, list)
    ledger = _ledger(sample)

    index = read(out / "index.html")
    page = (out / "index.html").read_text(encoding="utf-8")
    figures = {
        unescape(label).strip(): unescape(value)
        for label, value in re.findall(
            r'<span class="total[^"]*">([^<]*)<b>([^<]*)</b></span>', page.split("</header>")[1]
        )
    }
    quarter = report["quarter"]
    assert figures["认领项目"] == str(totals["claims"])
    for flag, word in WORDS["flag"].items():
        assert figures[word].split(" → ")[-1] == str(totals[flag])
    assert figures["有红灯的单位"] == f"{totals['units_red']} / {totals['units']}"
    assert figures[f"{quarter} 未上报"] == str(totals["reports_missing"])
    assert figures["逾期节点"] == str(totals["milestones_overdue"])
    assert figures[t("total.findings_overdue", "zh")] == str(totals["findings_overdue"])
    # the chart's last point is T: the same flags as the checklist
    last = index.tables["points"][-1]
    assert last[0].startswith(day)
    assert last[1:4] == [str(totals["red"]), str(totals["yellow"]), str(totals["green"])]

    # every unit's counts on the index, every claim on its unit's page and its project's page
    by_name = {row[0]: row[1:] for row in index.tables["units"]}
    claims_of_project: dict[str, dict[str, list[str]]] = {}
    for unit in units:
        counts = [sum(c["flag"] == f for c in unit["claims"]) for f in ("red", "yellow", "green")]
        assert by_name[ledger.units[unit["id"]].short] == [str(n) for n in counts], unit["id"]
        shown = claims(out / "units" / f"{unit['id']}.html")
        assert list(shown) == [c["project"] for c in unit["claims"]]
        for claim in unit["claims"]:
            flag, facts = shown[claim["project"]]
            assert _figure(facts["进度(%)"]) == claim["percent"]
            assert flag == claim["flag"]
            assert facts["责任领导"] == claim["leader"]
            claims_of_project.setdefault(claim["project"], {})[unit["name"]] = [
                claim["leader"],
                "-" if claim["percent"] is None else _number(claim["percent"]),
                t(f"status.{claim['status']}", "zh") if claim["status"] else "-",
                WORDS["flag"][claim["flag"]],
            ]
    for pid in ledger.projects:
        rows = read(out / "projects" / f"{pid}.html").tables.get("claimants", [])
        assert {r[0]: r[1:] for r in rows} == claims_of_project.get(pid, {}), pid
    # the units with no claims and none under them have no page; all the others do
    pages = {p.stem for p in (out / "units").glob("*.html")}
    assert {u["id"] for u in units} <= pages


def _figure(text: str) -> int | float | None:
    if text == "-":
        return None
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value


def _number(value: object) -> str:
    return str(value)


def test_a_ledger_with_errors_is_refused_as_the_reports_refuse_it(
    make_ledger: LedgerMaker, tmp_path: Path
) -> None:
    root = make_ledger(units={"a": UNIT_A.replace("project: K1", "project: K9")})
    out = tmp_path / "site"
    code, output = run_cli("site", "-C", root, "--today", SAMPLE_DAY, "--output", out)
    assert code == 1
    assert "R002" in output
    assert not out.exists()


def test_project_ids_that_differ_only_in_case_are_refused(
    make_ledger: LedgerMaker, tmp_path: Path
) -> None:
    root = make_ledger(book=BOOK.replace("id: B1", "id: k1"), units={"a": UNIT_A})
    out = tmp_path / "site"
    code, output = run_cli("site", "-C", root, "--today", SAMPLE_DAY, "--output", out)
    assert code == 1 and "error[R011]" in output
    assert not out.exists()


def test_a_day_after_which_things_happened_still_gives_a_site(sample: Path) -> None:
    """Errors that only say something is dated after T do not stop a report as of T."""
    out = sample.parent / "site"
    code, output = run_cli("site", "-C", sample, "--today", "2026-05-01", "--output", out)
    assert code == 0, output
    assert (out / "index.html").is_file()


@pytest.mark.parametrize("where", ["file", "link", "foreign", "data", "git", "inside-data"])
def test_every_folder_it_may_not_replace_is_refused_with_nothing_touched(
    sample: Path, where: str
) -> None:
    (sample / ".git").mkdir()
    (sample / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    elsewhere = sample.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "notes.txt").write_text("mine\n")
    target = {
        "file": elsewhere / "notes.txt",
        "link": sample.parent / "link",
        "foreign": elsewhere,
        "data": sample / "data",
        "git": sample / ".git",
        "inside-data": sample / "data" / "site",
    }[where]
    if where == "link":
        os.symlink(sample.parent / "made-before", target)
        (sample.parent / "made-before").mkdir()
    before = ledger_files(sample.parent)
    code, output = run_cli("site", "-C", sample, "--today", SAMPLE_DAY, "--output", target)
    assert code == 2, output
    assert "Traceback" not in output
    assert ledger_files(sample.parent) == before
    assert not (sample.parent / "made-before" / "index.html").exists()


def test_running_again_replaces_the_site_exactly(sample: Path, cli: Cli) -> None:
    out = sample.parent / "site"
    code, _ = cli("site", "-C", sample, "--today", SAMPLE_DAY, "--output", out)
    assert code == 0 and (out / ".ledger-site").is_file()
    assert (out / "units" / "huade.html").is_file()
    (out / "units" / "gone.html").write_text("an old page\n")
    # the scope of one unit: the others' pages go
    code, output = cli(
        "site", "-C", sample, "--today", SAMPLE_DAY, "-o", out, "--unit", "huade", "--lang", "en"
    )
    assert code == 0, output
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert "units/gone.html" not in names and "units/jining.html" not in names
    assert {"units/huade.html", "index.html", ".ledger-site", "site.css", "site.js"} <= names
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "化德县" in page and "集宁区" not in page
    # project pages list only the units in the scope, and no link leads outside the site
    k3 = read(out / "projects" / "K3.html")
    assert [r[0] for r in k3.tables["claimants"]] == ["化德县"]
    for html in out.rglob("*.html"):
        for url in read(html).urls:
            if not url.startswith(("#", "mailto:", "tel:", "data:")):
                assert (html.parent / url).resolve().is_file(), (html, url)


def test_an_empty_folder_is_taken_and_a_new_one_made(sample: Path, cli: Cli) -> None:
    empty = sample.parent / "empty"
    empty.mkdir()
    assert cli("site", "-C", sample, "--today", SAMPLE_DAY, "-o", empty)[0] == 0
    deep = sample.parent / "a" / "b" / "site"
    assert cli("site", "-C", sample, "--today", SAMPLE_DAY, "-o", deep)[0] == 0
    assert (deep / "index.html").is_file()


def test_an_unknown_unit_is_a_usage_error_with_nothing_written(sample: Path, cli: Cli) -> None:
    out = sample.parent / "site"
    code, output = cli("site", "-C", sample, "--today", SAMPLE_DAY, "-o", out, "--unit", "nowhere")
    assert code == 2 and "nowhere" in output
    assert not out.exists()
    # a unit by its name, as everywhere
    code, _ = cli("site", "-C", sample, "--today", SAMPLE_DAY, "-o", out, "--unit", "化德县")
    assert code == 0 and (out / "units" / "huade.html").is_file()
