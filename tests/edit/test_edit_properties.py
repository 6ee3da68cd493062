"""Properties of the clerk's edits (contract section 7; docs: design/editing.md).

Any sequence of valid edits (``claim``, ``progress`` for a new quarter, ``progress --replace``,
``done``) on a copy of the sample ledger keeps the ledger valid, keeps every comment, every file
it did not edit and every line it did not touch byte for byte, keeps a file's byte-order mark and
line endings, and writes exactly the values asked for. And ``scalar`` writes any text so that YAML
reads it back as the same text.

The edits go through the core (``ledger.edit.ops.apply``), not the CLI, for speed. Each example
copies the sample ledger into its own temporary folder: Hypothesis runs many examples per test, and
a function-scoped fixture would be shared between them.
"""

from __future__ import annotations

import difflib
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from ledger.edit.ops import Edit, EditError, add_claim, apply, mark_done, record_progress
from ledger.edit.yamltext import scalar
from ledger.load import UNITS, Loaded
from ledger.load.yamlparse import parse
from ledger.model import STATUSES, Ledger
from ledger.validate import validate
from ledger.visible import CONTROL
from tests.conftest import LedgerMaker, copy_sample

TODAY = date(2026, 11, 25)
YEAR_START = date(2026, 1, 1)
YEAR_END = date(2026, 12, 31)
BOM = b"\xef\xbb\xbf"

EDITS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Characters YAML cannot hold raw in a stream, or reads as line breaks and folds inside quotes, and
# the tab that pure-Python PyYAML refuses in a plain scalar: ``scalar`` must escape them all.
AWKWARD = "\t\x00\x1b\x7f\x80\x85\x9f\u2028\u2029\ufffe\uffff"

# Pieces of text that YAML treats specially, and the Chinese a clerk types.
PIECES = [
    ": ", " #", "#", ":", "'", '"', "yes", "no", "on", "0012", "-", "- ", "--- ", "...",
    "*", "&", "!", "!!str", "{", "}", "[", "]", ",", "?", "? ", "|", ">", "%", "@", "`", "~",
    "null", "12:30", "2026-03-31", "0x1F", "1e3", ".inf", "<<", "<<: ", "=======", "\\",
    " ", "  ", "\n", "\t", "\r", *AWKWARD, "x", "K1", "王某某", "（区委副书记）", "：", "，",
    "“最强支部”", "\u3000", "\ufeff", "😀", "é",
]  # fmt: skip
ANY_CHAR = st.characters(exclude_categories=["Cs"])  # all but lone surrogates
TEXT = st.one_of(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join),
    st.text(ANY_CHAR, min_size=1, max_size=16),
).filter(
    # a text field must not be blank (S009) nor hold a control character (S013)
    lambda s: s.strip() != "" and not CONTROL.search(s)
)
TEXTS = st.lists(TEXT, max_size=2)

ACTIVE = {c: [w for w, v in STATUSES.items() if v == c] for c in ("on_track", "at_risk", "behind")}
DONE_WORDS = [w for w, v in STATUSES.items() if v == "done"]


def quarter_start(q: int) -> date:
    return date(2026, 3 * q - 2, 1)


# -- the ledger on disk -------------------------------------------------------------------------


def to_crlf_with_bom(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    path.write_bytes(BOM + text.replace("\n", "\r\n").encode("utf-8"))


def all_files(root: Path) -> dict[str, bytes]:
    """The ledger's files (the cache aside: an edit adds the entry of the file it writes)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and p.relative_to(root).parts[0] != ".ledger-cache"
    }


def text_of(raw: bytes) -> str:
    return raw.decode("utf-8").removeprefix("\ufeff")


def valid_ledger(root: Path) -> Ledger:
    result = validate(root, TODAY)
    errors = [p for p in result.problems if p.level == "error"]
    assert not errors, errors
    return result.loaded.ledger()


# -- the edits ----------------------------------------------------------------------------------


@dataclass
class Step:
    """One drawn edit: what it is, how to make it, and the unit it should leave behind."""

    kind: str  # "claim" | "progress" | "replace" | "done"
    unit: str
    build: Callable[[Loaded], Edit]
    expect: Callable[[dict[str, Any]], dict[str, Any]]  # old unit (model_dump) -> new unit
    replaced: tuple[str, str] | None = None  # (project, quarter) of a replaced entry


def draw_claim(data: st.DataObject, root: Path, ledger: Ledger) -> Step:
    projects = [p.id for p in ledger.book.projects]
    open_units = [
        u for u, unit in ledger.units.items() if {c.project for c in unit.claims} != set(projects)
    ]
    unit_id = data.draw(st.sampled_from(open_units), label="unit")
    taken = {c.project for c in ledger.units[unit_id].claims}
    project = data.draw(st.sampled_from([p for p in projects if p not in taken]), label="project")
    leader = data.draw(TEXT, label="leader")
    measures = data.draw(st.lists(TEXT, min_size=1, max_size=3), label="measures")
    deadline = data.draw(st.dates(YEAR_START, YEAR_END), label="deadline")
    claimed = data.draw(st.none() | st.dates(YEAR_START, deadline), label="claimed")  # D007

    def expect(unit: dict[str, Any]) -> dict[str, Any]:
        claim = {
            "project": project,
            "leader": leader,
            "measures": measures,
            "deadline": deadline,
            "claimed": claimed,
            "milestones": [],
            "progress": [],
        }
        return {**unit, "claims": [*unit["claims"], claim]}

    return Step(
        "claim",
        unit_id,
        lambda at: add_claim(at, unit_id, project, leader, deadline, measures, claimed),
        expect,
    )


def entry_choices(
    data: st.DataObject, low: float, high: float, quarter: int
) -> tuple[str, str, int, date]:
    """A status word, its meaning, a percent in [low, high] and a reported day: valid together."""
    percent = data.draw(st.integers(int(-(-low // 1)), int(high // 1)), label="percent")
    if percent == 100:
        word = data.draw(st.sampled_from(DONE_WORDS), label="status")
    else:
        meaning = data.draw(st.sampled_from(sorted(ACTIVE)), label="meaning")
        word = data.draw(st.sampled_from(ACTIVE[meaning]), label="status")
    reported = data.draw(st.dates(quarter_start(quarter), TODAY), label="reported")
    return word, STATUSES[word], percent, reported


def draw_progress(data: st.DataObject, root: Path, ledger: Ledger, replace: bool) -> Step:
    """A report for a quarter the claim has none for (``replace`` False), or a new report for a
    quarter it has (``replace`` True), with a percent between its neighbours'."""
    choices = []
    for unit_id, unit in ledger.units.items():
        for claim in unit.claims:
            have = {int(e.quarter[-1]) for e in claim.progress}
            for q in sorted(have) if replace else sorted({1, 2, 3, 4} - have):
                choices.append((unit_id, claim.project, q))
    unit_id, project, q = data.draw(st.sampled_from(choices), label="claim and quarter")
    claim = next(c for c in ledger.units[unit_id].claims if c.project == project)
    before = [e.percent for e in claim.progress if int(e.quarter[-1]) < q]
    after = [e.percent for e in claim.progress if int(e.quarter[-1]) > q]
    word, meaning, percent, reported = entry_choices(
        data, before[-1] if before else 0, after[0] if after else 100, q
    )
    summary = data.draw(TEXT, label="summary")
    problems = data.draw(TEXTS, label="problems")
    next_steps = data.draw(TEXTS, label="next_steps")
    quarter = f"2026Q{q}"

    def expect(unit: dict[str, Any]) -> dict[str, Any]:
        entry = {
            "quarter": quarter,
            "status": meaning,
            "percent": percent,
            "summary": summary,
            "reported": reported,
            "problems": problems,
            "next_steps": next_steps,
        }
        claims = []
        for c in unit["claims"]:
            if c["project"] == project:
                kept = [e for e in c["progress"] if e["quarter"] != quarter]
                c = {**c, "progress": sorted([*kept, entry], key=lambda e: e["quarter"])}
            claims.append(c)
        return {**unit, "claims": claims}

    def build(at: Loaded) -> Edit:
        return record_progress(
            at,
            unit_id,
            project,
            quarter,
            word,
            percent,
            summary,
            reported,
            problems,
            next_steps,
            replace=replace,
        )

    kind = "replace" if replace else "progress"
    return Step(kind, unit_id, build, expect, (project, quarter) if replace else None)


def draw_done(data: st.DataObject, root: Path, ledger: Ledger) -> Step:
    """Mark done a milestone of a claim (the project's or the unit's own) not yet marked done;
    a book milestone due before the claim was made does not apply to it and is refused."""
    from ledger.asof.status import claim_milestones

    books = {p.id: [m.id for m in p.milestones] for p in ledger.book.projects}
    choices = []
    for unit_id, unit in ledger.units.items():
        for claim in unit.claims:
            records = {m.id: m for m in claim.milestones}
            own = [m for m in records if m not in books[claim.project]]
            in_book = ledger.projects[claim.project]
            applies = {m.id for m in claim_milestones(claim, in_book, ledger.year)}
            for m in [*books[claim.project], *own]:
                if m in applies and (m not in records or records[m].done is None):
                    choices.append((unit_id, claim.project, m))
    unit_id, project, milestone = data.draw(st.sampled_from(choices), label="milestone")
    claim = next(c for c in ledger.units[unit_id].claims if c.project == project)
    record = next((m for m in claim.milestones if m.id == milestone), None)
    on = data.draw(st.dates(YEAR_START, TODAY), label="on")
    # a new evidence for a record that has one would change a line, not add one
    has_evidence = record is not None and record.evidence is not None
    evidence = None if has_evidence else data.draw(st.none() | TEXT, label="evidence")

    def expect(unit: dict[str, Any]) -> dict[str, Any]:
        changes: dict[str, Any] = {"done": on}
        if evidence is not None:
            changes["evidence"] = evidence
        claims = []
        for c in unit["claims"]:
            if c["project"] == project:
                ms = c["milestones"]
                if any(m["id"] == milestone for m in ms):
                    ms = [{**m, **changes} if m["id"] == milestone else m for m in ms]
                else:
                    new = {"id": milestone, "title": None, "due": None, "evidence": None}
                    ms = [*ms, {**new, **changes}]
                c = {**c, "milestones": ms}
            claims.append(c)
        return {**unit, "claims": claims}

    return Step(
        "done",
        unit_id,
        lambda at: mark_done(at, unit_id, project, milestone, on, evidence),
        expect,
    )


def draw_step(data: st.DataObject, root: Path, ledger: Ledger) -> Step:
    kind = data.draw(st.sampled_from(["claim", "progress", "replace", "done"]), label="kind")
    if kind == "claim":
        return draw_claim(data, root, ledger)
    if kind in ("progress", "replace"):
        return draw_progress(data, root, ledger, replace=kind == "replace")
    return draw_done(data, root, ledger)


# -- what every edit must keep ------------------------------------------------------------------


def entry_lines(text: str, project: str, quarter: str) -> tuple[int, int]:
    """The lines [first, last] of a progress entry, found from the parser's positions and the
    indentation alone (not from the code under test): from its ``- quarter`` line to the last line
    indented deeper than its dash that is not blank and not a comment."""
    tree = yaml.compose(text, Loader=yaml.CSafeLoader)
    assert tree is not None
    claims = next(v for k, v in tree.value if k.value == "claims")
    claim = next(c for c in claims.value if any(v.value == project for _, v in c.value))
    progress = next(v for k, v in claim.value if k.value == "progress")
    entry = next(e for e in progress.value if any(v.value == quarter for _, v in e.value))
    lines = text.splitlines()
    first = entry.start_mark.line
    dash = lines[first].index("-")
    last = first
    for i in range(first + 1, len(lines)):
        body = lines[i].strip()
        if not body or body.startswith("#"):
            continue
        if len(lines[i]) - len(lines[i].lstrip(" ")) <= dash:
            break
        last = i
    return first, last


def check_kept(step: Step, old: str, new: str) -> None:
    """Every line the edit did not touch is still there, in order, with its line ending."""
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    diff = "".join(difflib.unified_diff(old_lines, new_lines))
    comments = [line for line in old_lines if line.lstrip().startswith("#")]
    assert comments == [line for line in new_lines if line.lstrip().startswith("#")], diff
    if step.replaced is None:
        matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        tags = {tag for tag, *_ in matcher.get_opcodes()}
        assert tags <= {"equal", "insert"}, f"{step.kind} did more than add lines:\n{diff}"
    else:
        first, last = entry_lines(old, *step.replaced)
        head, tail = old_lines[:first], old_lines[last + 1 :]
        assert new_lines[: len(head)] == head, diff
        assert new_lines[len(new_lines) - len(tail) :] == tail, diff
        assert len(new_lines) >= len(head) + len(tail), diff


def run_edits(data: st.DataObject, steps: int, crlf_bom: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_sample(Path(tmp))
        if crlf_bom:
            for path in (root / UNITS).glob("*.yaml"):
                to_crlf_with_bom(path)
        ledger = valid_ledger(root)
        for _ in range(steps):
            step = draw_step(data, root, ledger)
            event(step.kind)
            rel = f"{UNITS}/{step.unit}.yaml"
            before = all_files(root)
            edit = apply(root, TODAY, step.build)
            after = all_files(root)
            assert edit.rel == rel and edit.changed
            assert {k for k in after if before.get(k) != after[k]} == {rel}
            assert set(after) == set(before), "a file was added or removed (a temporary file?)"
            old_raw, new_raw = before[rel], after[rel]
            assert new_raw.startswith(BOM) == old_raw.startswith(BOM)
            if b"\r\n" in old_raw:
                assert new_raw.count(b"\n") == new_raw.count(b"\r\n"), "mixed line endings"
            else:
                assert b"\r" not in new_raw
            check_kept(step, text_of(old_raw), text_of(new_raw))
            new_ledger = valid_ledger(root)
            assert new_ledger.units[step.unit].model_dump() == step.expect(
                ledger.units[step.unit].model_dump()
            )
            others = {u: x for u, x in new_ledger.units.items() if u != step.unit}
            assert others == {u: x for u, x in ledger.units.items() if u != step.unit}
            ledger = new_ledger


@EDITS
@given(data=st.data(), steps=st.integers(1, 4))
def test_random_valid_edits_keep_the_ledger_valid_and_untouched_lines(
    data: st.DataObject, steps: int
) -> None:
    run_edits(data, steps, crlf_bom=False)


@EDITS
@given(data=st.data(), steps=st.integers(1, 4))
def test_random_valid_edits_keep_bom_and_crlf(data: st.DataObject, steps: int) -> None:
    run_edits(data, steps, crlf_bom=True)


def test_every_kind_of_edit_on_a_unit_without_claims() -> None:
    """A fixed run through every path: the first claim of a file without ``claims``, progress
    into an empty claim, before its first entry and after its last, a replace, done."""
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_sample(Path(tmp))
        u = "ulanqab-org"
        path = root / UNITS / f"{u}.yaml"
        old = path.read_text(encoding="utf-8")

        def progress(q: str, status: str, pc: int, summary: str, replace: bool = False) -> Step:
            def build(at: Loaded) -> Edit:
                return record_progress(at, u, "K1", q, status, pc, summary, TODAY, replace=replace)

            return Step("progress", u, build, lambda unit: unit)

        apply(root, TODAY, lambda at: add_claim(at, u, "K1", "- 王: 某 #1", YEAR_END, ["yes"]))
        apply(root, TODAY, progress("2026Q3", "正常推进", 50, "0012").build)
        apply(root, TODAY, progress("2026Q1", "behind", 10, "&a").build)
        apply(root, TODAY, progress("2026Q4", "done", 100, "*a").build)
        apply(root, TODAY, progress("2026Q3", "at_risk", 60, "!x", replace=True).build)
        apply(root, TODAY, lambda at: mark_done(at, u, "K1", "survey", date(2026, 3, 30), "[a]"))
        new = path.read_text(encoding="utf-8")
        assert new.startswith(old)
        claim = valid_ledger(root).units[u].claims[0]
        assert claim.leader == "- 王: 某 #1" and claim.measures == ["yes"]
        assert [(e.quarter, e.status, e.percent, e.summary) for e in claim.progress] == [
            ("2026Q1", "behind", 10, "&a"),
            ("2026Q3", "at_risk", 60, "!x"),
            ("2026Q4", "done", 100, "*a"),
        ]
        # a file with no status yet is written in English words, whatever the clerk typed
        assert "status: on_track" not in new and "正常推进" not in new
        assert "status: done" in new and "status: at_risk" in new and "status: behind" in new
        assert [(m.id, m.done, m.evidence) for m in claim.milestones] == [
            ("survey", date(2026, 3, 30), "[a]")
        ]


# -- scalar -------------------------------------------------------------------------------------

SCALARS = settings(max_examples=500, deadline=None)
REGRESSIONS = ["a\x85b", "\x85", "a \u2028 b", "a \u2029 b", "\x7f", "a\x80b", "\x9f", "\ufffe"]


@SCALARS
@given(st.text(ANY_CHAR))
@example("a\tb")
@example("x\uffff")
def test_scalar_round_trips_any_text_through_safe_load(text: str) -> None:
    s = scalar(text)
    assert yaml.safe_load("k: " + s) == {"k": text}
    assert "\n" not in s and "\r" not in s  # one line


@pytest.mark.parametrize("text", REGRESSIONS)
def test_scalar_escapes_line_breaks_and_characters_yaml_cannot_hold(text: str) -> None:
    s = scalar(text)
    assert s.startswith('"') and text not in s
    assert yaml.safe_load(f"k: {s}") == {"k": text}


@SCALARS
@given(st.text(ANY_CHAR))
def test_scalar_reads_back_as_the_same_text_in_every_place_an_edit_writes_it(text: str) -> None:
    """With the project's own reader too: as a value, a list item (indented or not), a value in
    a list of mappings, and a value in a flow mapping (``{id: survey}``)."""
    s, f = scalar(text), scalar(text, flow=True)
    for doc, want in [
        (f"k: {s}", {"k": text}),
        (f"k:\n  - {s}", {"k": [text]}),
        (f"k:\n- {s}", {"k": [text]}),
        (f"k:\n  - a: 1\n    b: {s}", {"k": [{"a": 1, "b": text}]}),
        (f"k:\n  - {{a: 1, b: {f}}}", {"k": [{"a": 1, "b": text}]}),
    ]:
        assert yaml.load(doc, Loader=yaml.CSafeLoader) == want, doc
        parsed = parse(doc, "x.yaml")
        assert parsed.data == want, doc
        # a control character reads back, and is a problem of the ledger (S013)
        assert [p.code for p in parsed.problems] == (["S013"] if CONTROL.search(text) else [])


@SCALARS
@given(st.integers() | st.floats(allow_nan=False, allow_infinity=False))
@example(1e-05)  # YAML 1.1 reads `1e-05` as text: it must be written `1.0e-05`
@example(5e-324)
@example(1.2345678901234568e-10)
@example(1e16)
def test_scalar_of_a_number_reads_back_as_the_same_number(value: float) -> None:
    assert yaml.safe_load("k: " + scalar(value)) == {"k": value}


def test_claim_with_yaml_line_breaks_in_the_leader() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_sample(Path(tmp))
        leader = "王某\u2028某\u2029\t"
        apply(root, TODAY, lambda at: add_claim(at, "ulanqab-org", "K1", leader, YEAR_END, ["m"]))
        assert valid_ledger(root).units["ulanqab-org"].claims[0].leader == leader


@pytest.mark.parametrize("leader", ["王某\x85某", "王某\x7f", "\x1b[2J王某", "王\x00"])
def test_claim_with_a_control_character_is_refused_at_its_place(leader: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_sample(Path(tmp))
        before = (root / "data/units/ulanqab-org.yaml").read_bytes()
        with pytest.raises(EditError) as refused:
            apply(
                root, TODAY, lambda at: add_claim(at, "ulanqab-org", "K1", leader, YEAR_END, ["m"])
            )
        assert [p.code for p in refused.value.problems] == ["S013"]
        assert refused.value.problems[0].line is not None
        assert (root / "data/units/ulanqab-org.yaml").read_bytes() == before


FLOW_UNIT = """\
id: u
name: 单位
claims:
  - project: K1
    leader: 王某
    measures: [措施]
    deadline: 2026-12-31
    milestones:
      - {id: survey, due: 2026-03-01}
"""


@pytest.mark.parametrize("evidence", ["纪要", "纪要, 通报", "a]", "纪要}", "{x}", "a #b"])
def test_done_in_a_flow_mapping_record(make_ledger: LedgerMaker, evidence: str) -> None:
    """A milestone record written ``{id: survey, due: ...}`` (a form the docs show) gets
    ``done`` and ``evidence`` inside its braces, quoted where a comma or bracket would end it."""
    root = make_ledger(units={"u": FLOW_UNIT})
    on = date(2026, 2, 27)
    apply(root, TODAY, lambda at: mark_done(at, "u", "K1", "survey", on, evidence))
    (m,) = valid_ledger(root).units["u"].claims[0].milestones
    assert (m.due, m.done, m.evidence) == (date(2026, 3, 1), on, evidence)
