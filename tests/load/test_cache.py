"""The cache never changes an answer: cold equals warm for validate, every report and the edits;
changed files are seen by their content; a broken, foreign or unwritable cache is tolerated."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.edit.ops import apply, mark_done, record_progress
from ledger.load import INSPECTIONS, UNITS, Loaded, load
from ledger.load.cache import FOLDER, PACK, Cache
from ledger.validate import validate

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
import generate  # noqa: E402

Cli = Callable[..., tuple[int, str]]
DAYS = ("2026-03-15", "2026-07-20", "2026-11-25")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("gen") / "ledger"
    # with visits: their files are cached too, and the findings read from the cache
    generate.generate(40, root, seed=7, visits=4, findings=20)
    return root


def fresh(src: Path, into: Path) -> Path:
    root = into / "ledger"
    shutil.copytree(src, root, ignore=shutil.ignore_patterns(FOLDER))
    return root


def damage(root: Path) -> None:
    """A few files with problems of each kind, so that problems and partial units are cached."""
    units = sorted((root / UNITS).glob("*.yaml"))
    text = units[1].read_text(encoding="utf-8")
    units[1].write_text(text.replace("percent: ", "percent: x", 1), encoding="utf-8")
    units[2].write_text(units[2].read_text(encoding="utf-8") + "id: again\n", encoding="utf-8")
    units[3].write_bytes("名称: 单位\n".encode("gb18030"))
    units[4].write_text("- just\n- a list\n", encoding="utf-8")
    text = units[5].read_text(encoding="utf-8")
    units[5].write_text(text.replace("deadline: 2026-", "deadline: 2026/", 1), encoding="utf-8")
    units[6].write_text(text.replace("status: ", "status: {", 1), encoding="utf-8")
    (root / UNITS / "empty.yaml").write_text("# nothing\n", encoding="utf-8")


COMMANDS: list[tuple[str, ...]] = [
    ("validate", "--format", "json"),
    ("overdue", "--format", "json"),
    ("report", "--quarter", "--format", "json"),
    ("report", "--half", "--format", "json"),
    ("report", "--year", "--format", "json"),
    ("inspect", "-n", "5", "--format", "json"),
    ("findings", "--format", "json"),
]


def outputs(cli: Cli, root: Path, day: str, *extra: str) -> list[tuple[int, str]]:
    return [cli(*cmd, "-C", root, "--today", day, *extra) for cmd in COMMANDS]


@pytest.mark.parametrize("damaged", [False, True])
def test_cold_equals_warm_for_validate_and_every_report(
    generated: Path, tmp_path: Path, cli: Cli, damaged: bool
) -> None:
    root = fresh(generated, tmp_path)
    if damaged:
        damage(root)
    cold = {day: outputs(cli, root, day, "--no-cache") for day in DAYS}
    assert not (root / FOLDER).exists(), "--no-cache wrote a cache"
    for day in DAYS:
        first = outputs(cli, root, day)  # fills the cache on the first day
        warm = outputs(cli, root, day)
        assert cold[day] == first == warm
        assert all(code in (0, 1) for code, _ in warm), warm
    assert (root / FOLDER / ".gitignore").read_text(encoding="utf-8") == "*\n"
    assert sorted(p.name for p in (root / FOLDER).iterdir()) == [".gitignore", PACK]
    entries = Cache(root).read_pack()
    files = len(list((root / UNITS).iterdir())) + len(list((root / INSPECTIONS).iterdir())) + 1
    # a file whose text cannot be read (not UTF-8) is not cached: nothing was read
    assert len(entries) == files - (1 if damaged else 0)


def test_the_cache_is_used(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = fresh(generated, tmp_path)
    validate(root, date(2026, 11, 25))
    import ledger.load.ledger as loader

    def refuse(rel: str, raw: bytes) -> None:
        raise AssertionError(f"{rel} was read again")

    monkeypatch.setattr(loader, "read_part", refuse)
    assert validate(root, date(2026, 11, 25)).problems == []


def test_a_same_size_change_with_the_old_time_is_seen(generated: Path, tmp_path: Path) -> None:
    root = fresh(generated, tmp_path)
    day = date(2026, 11, 25)
    assert validate(root, day).problems == []
    path = sorted((root / UNITS).glob("*.yaml"))[3]
    stat = path.stat()
    raw = path.read_bytes()
    changed = raw.replace(b"percent: 1", b"percent: 9", 1)
    assert changed != raw and len(changed) == len(raw)
    path.write_bytes(changed)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    warm = validate(root, day)
    assert warm.problems == validate(root, day, cache=False).problems
    assert warm.problems, "the change was not seen"


def _signed(body: bytes) -> bytes:
    """A pack whose header is right for ``body``: what a careless tool could write."""
    import hashlib

    from ledger.load.cache import FORMAT

    digest = hashlib.sha256(body).hexdigest()
    return b"ledger-pack %s %s\n" % (FORMAT.encode(), digest.encode()) + body


def _lines(pack: bytes) -> list[bytes]:
    return pack.split(b"\n", 1)[1].split(b"\n")


def _field(n: int, value: bytes) -> Callable[[bytes], bytes]:
    """Field ``n`` of every line (0 path, 1 key, 2 summary, 3 findings, 4 models) replaced,
    the pack signed again."""

    def spoil(pack: bytes) -> bytes:
        lines = []
        for line in _lines(pack)[:-1]:
            fields = line.split(b"\t")
            fields[n] = value
            lines.append(b"\t".join(fields) + b"\n")
        return _signed(b"".join(lines))

    return spoil


GARBAGE: list[Callable[[bytes], bytes]] = [
    _field(2, b"{}"),
    _field(2, b'{"read":true,"problems":[],"rows":[1],"broken":[],"partial":false,"facts":null}'),
    _field(3, b"[1,2,3,4]"),
    _field(3, b'["elsewhere:2026",[],null,"[]"]'),
    _field(4, b"null"),
    _field(4, b"[[]]"),
    lambda b: b"",
    lambda b: b[: len(b) // 2],
    lambda b: b"\x00\xff garbage \n" * 3,
    lambda b: b.replace(b'"', b"'", 1),
    lambda b: b.replace(b"2026", b"2025", 1),  # the body changed under its checksum
    lambda b: b.split(b"\n", 1)[0] + b"\n[]",
    lambda b: b"ledger-pack 2 " + b.split(b" ", 2)[2],  # another format
    lambda b: b'{"read": true}',
    # signed, but not what this tool writes: the files are read again
    lambda b: _signed(
        b"".join(line.rsplit(b"\t", 1)[0] + b'\t{"read":true}\n' for line in _lines(b)[:-1])
    ),
    lambda b: _signed(b"".join(line.rsplit(b"\t", 1)[0] + b"\t[1,2\n" for line in _lines(b)[:-1])),
    lambda b: _signed(b"".join(line[:-9] + b"\n" for line in _lines(b)[:-1])),
    lambda b: _signed(b"not\ta line\n"),
    lambda b: _signed(b'"x"\tkey\n'),
    lambda b: _signed(b"".join(b"7" + line[1:] + b"\n" for line in _lines(b)[:-1])),
]


@pytest.mark.parametrize("spoil", range(len(GARBAGE)))
def test_garbage_in_every_cache_file_changes_nothing(
    generated: Path, tmp_path: Path, cli: Cli, spoil: int
) -> None:
    root = fresh(generated, tmp_path)
    damage(root)
    day = "2026-11-25"
    cold = outputs(cli, root, day, "--no-cache")
    outputs(cli, root, day)
    pack = root / FOLDER / PACK
    pack.write_bytes(GARBAGE[spoil](pack.read_bytes()))
    if spoil < 6:  # the fields spoiled one by one, the pack signed again
        assert Cache(root).read_pack(), "a pack signed again should read"
    assert outputs(cli, root, day) == cold
    assert outputs(cli, root, day) == cold  # rebuilt
    # the book, the unit files but one unreadable, the visit files
    visits = len(list((root / INSPECTIONS).iterdir()))
    assert len(Cache(root).read_pack()) == len(list((root / UNITS).iterdir())) + visits


def test_the_pack_of_another_ledger_is_used_only_where_files_agree(
    generated: Path, tmp_path: Path
) -> None:
    root = fresh(generated, tmp_path / "a")
    other = fresh(generated, tmp_path / "b")
    damage(other)
    day = date(2026, 11, 25)
    expected = validate(root, day, cache=False)
    validate(other, day)
    (root / FOLDER).mkdir()
    shutil.copy(other / FOLDER / PACK, root / FOLDER / PACK)
    for _ in range(2):
        warm = validate(root, day)
        assert warm.problems == expected.problems
        assert warm.loaded.ledger() == expected.loaded.ledger()
        assert warm.loaded.units == expected.loaded.units


def test_entries_of_the_first_format_are_removed(generated: Path, tmp_path: Path) -> None:
    root = fresh(generated, tmp_path)
    (root / FOLDER).mkdir()
    old = root / FOLDER / f"{'0' * 64}.json"
    old.write_text("ledger-cache 1 ...\n{}", encoding="utf-8")
    validate(root, date(2026, 11, 25))
    assert not old.exists() and (root / FOLDER / PACK).is_file()


def test_an_unwritable_cache_folder_is_tolerated(generated: Path, tmp_path: Path, cli: Cli) -> None:
    root = fresh(generated, tmp_path)
    damage(root)
    (root / FOLDER).write_text("not a folder\n", encoding="utf-8")
    cold = outputs(cli, root, "2026-11-25", "--no-cache")
    assert outputs(cli, root, "2026-11-25") == cold
    assert (root / FOLDER).read_text(encoding="utf-8") == "not a folder\n"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="permissions do not bind")
def test_a_read_only_ledger_works_without_a_cache(
    generated: Path, tmp_path: Path, cli: Cli
) -> None:
    root = fresh(generated, tmp_path)
    cold = outputs(cli, root, "2026-11-25", "--no-cache")
    os.chmod(root, 0o555)
    try:
        assert outputs(cli, root, "2026-11-25") == cold
        assert not (root / FOLDER).exists()
    finally:
        os.chmod(root, 0o755)


def test_concurrent_runs(generated: Path, tmp_path: Path) -> None:
    root = fresh(generated, tmp_path)
    damage(root)
    argv = [sys.executable, "-m", "ledger", "validate", "-C", str(root), "--today", "2026-11-25"]
    env = {**os.environ, "NO_COLOR": "1"}
    expected = subprocess.run([*argv, "--no-cache"], capture_output=True, env=env)
    for _ in range(2):
        procs = [subprocess.Popen(argv, stdout=subprocess.PIPE, env=env) for _ in range(2)]
        outs = [p.communicate()[0] for p in procs]
        assert [p.returncode for p in procs] == [expected.returncode] * 2
        assert outs == [expected.stdout] * 2
    assert sorted(p.name for p in (root / FOLDER).iterdir()) == [".gitignore", PACK]


@pytest.mark.parametrize("crlf", [False, True])
def test_an_edit_stores_the_entry_of_the_file_it_writes(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, crlf: bool
) -> None:
    root = fresh(generated, tmp_path)
    day = date(2026, 11, 25)
    unit, project = _a_claim(root)
    if crlf:  # the edit writes CRLF back, so the bytes written are not the text it checked
        path = root / UNITS / f"{unit}.yaml"
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    validate(root, day)
    edit = apply(
        root,
        day,
        lambda at: record_progress(
            at, unit, project, "2026Q4", "on_track", 99, "推进中", day, replace=True
        ),
    )
    assert edit.changed
    assert (b"\r\n" in edit.path.read_bytes()) is crlf
    cache = Cache(root)
    assert cache.read_pack()[edit.rel].key == cache.key("unit", edit.rel, edit.path.read_bytes())
    expected = validate(root, day, cache=False).problems
    import ledger.load.ledger as loader

    def refuse(rel: str, raw: bytes) -> None:
        raise AssertionError(f"{rel} was read again")

    monkeypatch.setattr(loader, "read_part", refuse)
    assert validate(root, day).problems == expected


def _a_claim(root: Path) -> tuple[str, str]:
    loaded = load(root, cache=False)
    file = next(f for f in loaded.units if f.unit is not None and f.unit.claims)
    assert file.unit is not None
    return file.unit.id, file.unit.claims[0].project


@st.composite
def edits(draw: st.DrawFn, ledger: list[tuple[str, str, list[str]]]) -> tuple[object, ...]:
    unit, project, milestones = draw(st.sampled_from(ledger))
    if milestones and draw(st.booleans()):  # type: ignore[arg-type]
        on = draw(st.dates(date(2026, 1, 1), date(2026, 11, 25)))
        return ("done", unit, project, draw(st.sampled_from(milestones)), on)
    quarter = draw(st.sampled_from(["2026Q1", "2026Q2", "2026Q3", "2026Q4"]))
    status = draw(st.sampled_from(["on_track", "at_risk", "behind", "done", "正常推进"]))
    percent = draw(st.integers(0, 100))
    reported = draw(st.dates(date(2026, 1, 1), date(2026, 11, 25)))
    return ("progress", unit, project, quarter, status, percent, reported)


def _run_edit(root: Path, step: tuple[object, ...], cache: bool) -> str:
    from ledger.edit.ops import EditError

    day = date(2026, 11, 25)
    kind, unit, project, *rest = step
    assert isinstance(unit, str) and isinstance(project, str)

    def build(at: Loaded) -> object:
        if kind == "done":
            milestone, on = rest
            return mark_done(at, unit, project, milestone, on, replace=True)  # type: ignore[arg-type]
        quarter, status, percent, reported = cast("tuple[str, str, int, date]", tuple(rest))
        return record_progress(
            at,
            unit,
            project,
            quarter,
            status,
            percent,
            "摘要",
            reported,
            replace=True,
        )

    try:
        edit = apply(root, day, build, cache=cache)  # type: ignore[arg-type]
    except EditError as exc:
        return f"refused {exc.key} {sorted((p.path, p.code, p.line) for p in exc.problems)}"
    return f"{edit.what} {edit.changed}"


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_edits_with_the_cache_equal_edits_without(
    generated: Path, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    base = tmp_path_factory.mktemp("edits")
    warm = fresh(generated, base / "warm")
    cold = fresh(generated, base / "cold")
    day = date(2026, 11, 25)
    validate(warm, day)  # a filled cache
    loaded = load(cold, cache=False)
    assert loaded.book is not None
    book = {p.id: [m.id for m in p.milestones] for p in loaded.book.projects}
    claims = [
        (f.unit.id, c.project, book.get(c.project, []))
        for f in loaded.units
        if f.unit is not None
        for c in f.unit.claims
    ]
    for _ in range(data.draw(st.integers(1, 3))):
        step = data.draw(edits(claims))
        assert _run_edit(warm, step, cache=True) == _run_edit(cold, step, cache=False)
        for path in sorted((cold / UNITS).iterdir()):
            assert (warm / UNITS / path.name).read_bytes() == path.read_bytes()
        for when in (day, date(2026, 7, 20)):
            a, b = validate(warm, when), validate(cold, when, cache=False)
            assert a.problems == b.problems
            assert [(p.path, p.code, p.line, p.column, p.args) for p in a.problems] == [
                (p.path, p.code, p.line, p.column, p.args) for p in b.problems
            ]
            assert a.loaded.book == b.loaded.book
            assert [(f.path, f.unit, f.claim_rows) for f in a.loaded.units] == [
                (f.path, f.unit, f.claim_rows) for f in b.loaded.units
            ]
    # the edit lock lives in the same folder (issue 9): no cache entry beside it
    assert sorted(p.name for p in (cold / FOLDER).iterdir()) == [".gitignore", "lock"]


def test_validate_json_is_the_same_with_positions_for_rule_problems(
    generated: Path, tmp_path: Path, cli: Cli
) -> None:
    """Problems the checks across files find are placed by reading the file again: the same
    lines and columns from a warm cache as from a cold read."""
    root = fresh(generated, tmp_path)
    path = sorted((root / UNITS).glob("*.yaml"))[8]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("project: ", "project: Z", 1), encoding="utf-8")  # R002
    cold = cli("validate", "--format", "json", "-C", root, "--today", "2026-11-25", "--no-cache")
    cli("validate", "-C", root, "--today", "2026-11-25")
    warm = cli("validate", "--format", "json", "-C", root, "--today", "2026-11-25")
    assert cold == warm
    problems = json.loads(cold[1])
    assert problems, cold


def test_rule_problems_are_the_same_cold_warm_and_from_a_damaged_cache(
    generated: Path, tmp_path: Path
) -> None:
    """Problems of every kind (reading, schema, the checks of one file, across files) read the
    same without the cache, filling it, from it, and from a pack spoiled after it was written."""
    root = fresh(generated, tmp_path)
    damage(root)
    for i, path in enumerate(sorted((root / UNITS).glob("*.yaml"))[8::9]):
        text = path.read_text(encoding="utf-8")
        wrong = (
            ("project: ", "project: Z"),
            ("status: on_track", "status: done"),
            ("done: 2026-", "done: 2027-"),
        )
        path.write_text(text.replace(*wrong[i % 3], 1), encoding="utf-8")  # R002, P00x, D002
    day = date(2026, 11, 25)
    serial = validate(root, day, cache=False)
    codes = {p.code for p in serial.problems}
    assert {"R002", "D002"} <= codes and any(c.startswith("P") for c in codes), codes
    for _ in range(2):
        result = validate(root, day)
        assert result.problems == serial.problems
        assert result.files == serial.files
        assert result.loaded.units == serial.loaded.units
    assert len(Cache(root).read_pack()) == serial.files - 1  # all but ledger.toml
    pack = root / FOLDER / PACK
    pack.write_bytes(pack.read_bytes()[:-40])
    assert validate(root, day).problems == serial.problems


# -- what the checks of each file found, cached with it --------------------------------------


def _all_found(root: Path, day: date) -> None:
    from tests.support import direct

    expected = direct(root, day)
    assert validate(root, day, cache=False).problems == expected
    warm = validate(root, day)  # the findings cached for another day may not hold for this one
    assert warm.problems == expected
    again = validate(root, day)
    assert again.problems == expected
    assert again.checked == [], "the checks of some file ran again"


@pytest.mark.parametrize("damaged", [False, True])
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(day=st.dates(date(2025, 6, 1), date(2027, 12, 31)))
def test_what_the_checks_of_a_file_found_holds_for_every_day(
    generated: Path, tmp_path_factory: pytest.TempPathFactory, damaged: bool, day: date
) -> None:
    root = tmp_path_factory.getbasetemp() / f"every-day-{damaged}" / "ledger"
    if not root.exists():
        fresh(generated, root.parent)
        if damaged:
            damage(root)
        validate(root, date(2026, 11, 25))  # the findings of every file, cached on one day
    _all_found(root, day)


@pytest.mark.parametrize(
    "change",
    [
        ("data/projects.yaml", "due: 2026-", "due: 2026-0", "the book"),
        ("ledger.toml", "year = 2026", "year = 2025", "the year"),
    ],
)
def test_the_findings_of_each_file_are_made_again_when_the_book_or_the_year_changes(
    generated: Path, tmp_path: Path, change: tuple[str, str, str, str]
) -> None:
    from tests.support import direct

    rel, old, new, _ = change
    root = fresh(generated, tmp_path)
    day = date(2026, 11, 25)
    validate(root, day)
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    expected = direct(root, day)
    assert expected != validate(root, day, cache=False).problems or expected  # a change
    warm = validate(root, day)
    assert warm.problems == expected
    assert len(warm.checked) == sum(1 for f in warm.loaded.units if f.facts)
    _all_found(root, day)


def test_a_warm_validate_builds_no_unit_models(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ledger.load.ledger as loader

    root = fresh(generated, tmp_path)
    damage(root)
    day = date(2026, 11, 25)
    expected = validate(root, day).problems

    def refuse(model: bytes) -> None:
        raise AssertionError("a unit's models were built")

    monkeypatch.setattr(loader, "unit_from_json", refuse)
    assert validate(root, day).problems == expected


def test_findings_are_taken_for_the_days_they_hold_for(generated: Path, tmp_path: Path) -> None:
    """Found on one day, a file's findings hold until the next date it compares with the day:
    a ledger checked on 25 November needs no check again in December; a milestone done on
    1 December, checked on 25 November (D002, done after today), is checked again from then."""
    from tests.support import direct

    root = fresh(generated, tmp_path)
    path = sorted((root / UNITS).glob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    done = "done: 2026-"
    assert done in text
    start = text.index(done) + len("done: ")
    path.write_text(text[:start] + "2026-12-01" + text[start + 10 :], encoding="utf-8")
    validate(root, date(2026, 11, 25))
    for day, again in [
        (date(2026, 11, 26), []),
        (date(2026, 11, 30), []),
        (date(2026, 12, 1), [path]),
    ]:
        result = validate(root, day)
        assert result.problems == direct(root, day)
        assert sorted(result.checked) == [p.relative_to(root).as_posix() for p in again]
    d002 = [p for p in direct(root, date(2026, 11, 30)) if p.code == "D002"]
    assert [p.args["today"] for p in d002] == [date(2026, 11, 30)]


# -- a hostile cache folder: anything in it gives the answer of --no-cache (issue 21) ------------


def _validate_in_subprocess(root: Path, *extra: str) -> subprocess.CompletedProcess[bytes]:
    """``validate`` in a process of its own, bounded in time and memory: a regression (a pack
    read from a pipe or from /dev/zero) fails the test instead of hanging the suite or the
    machine."""
    import resource

    def bounded() -> None:
        gib = 1024**3
        resource.setrlimit(resource.RLIMIT_AS, (2 * gib, 2 * gib))

    argv = [sys.executable, "-m", "ledger", "validate", "-C", str(root), "--format", "json"]
    return subprocess.run(
        [*argv, "--today", "2026-11-25", *extra],
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=60,
        preexec_fn=bounded,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
@pytest.mark.parametrize("kind", ["fifo", "zero", "folder", "link"])
def test_a_pack_that_is_not_a_regular_file_is_a_miss(
    generated: Path, tmp_path: Path, kind: str
) -> None:
    root = fresh(generated, tmp_path)
    damage(root)
    expected = _validate_in_subprocess(root, "--no-cache")
    _validate_in_subprocess(root)
    pack = root / FOLDER / PACK
    real = pack.read_bytes()
    pack.unlink()
    if kind == "fifo":
        os.mkfifo(pack)
    elif kind == "zero":
        pack.symlink_to("/dev/zero")
    elif kind == "folder":
        pack.mkdir()
    else:  # a link to a good pack is not followed either
        (tmp_path / "elsewhere").write_bytes(real)
        pack.symlink_to(tmp_path / "elsewhere")
    try:
        got = _validate_in_subprocess(root)
    except subprocess.TimeoutExpired:
        pytest.fail(f"a {kind} as the pack hangs validate")
    assert (got.returncode, got.stdout) == (expected.returncode, expected.stdout)
    assert got.stderr == expected.stderr
    if kind == "link":  # the link was replaced by a pack, the file it named left as it was
        assert not pack.is_symlink()
        assert (tmp_path / "elsewhere").read_bytes() == real


def _reseal(lines: list[bytes]) -> bytes:
    """The lines, each given the seal this tool would write for it, the pack signed again: what
    a careful forger, or a tool that copies entries about, could write."""
    from ledger.load import cache

    out = []
    for line in lines:
        rel, key, summary, checked, model = line.split(b"\t")[:5]
        fields = [rel, key, summary, checked, model]
        if hasattr(cache, "seal"):
            entry = cache.Entry(key.decode(), summary, checked, model)
            fields.append(cache.seal(json.loads(rel), entry))
        out.append(b"\t".join(fields) + b"\n")
    return _signed(b"".join(out))


def test_two_entries_swapped_under_a_good_checksum_are_misses(
    generated: Path, tmp_path: Path, cli: Cli
) -> None:
    root = fresh(generated, tmp_path)
    damage(root)
    day = "2026-11-25"
    cold = cli("validate", "-C", root, "--today", day, "--format", "json", "--no-cache")
    cli("validate", "-C", root, "--today", day, "--format", "json")
    pack = root / FOLDER / PACK
    lines = _lines(pack.read_bytes())[:-1]
    units = sorted(p.name for p in (root / UNITS).glob("*.yaml"))
    a, b = (
        next(
            i for i, line in enumerate(lines) if f"{UNITS}/{name}".encode() in line.split(b"\t")[0]
        )
        for name in (units[0], units[1])  # a clean unit and one with a problem
    )
    fa, fb = lines[a].split(b"\t"), lines[b].split(b"\t")
    fa[2:], fb[2:] = fb[2:], fa[2:]  # the bodies (and their seals) change places
    lines[a], lines[b] = b"\t".join(fa), b"\t".join(fb)
    pack.write_bytes(_signed(b"".join(line + b"\n" for line in lines)))
    assert cli("validate", "-C", root, "--today", day, "--format", "json") == cold


def test_an_entry_nested_deep_under_a_good_checksum_and_seal_is_a_miss(
    generated: Path, tmp_path: Path, cli: Cli
) -> None:
    root = fresh(generated, tmp_path)
    damage(root)
    day = "2026-11-25"
    cold = cli("validate", "-C", root, "--today", day, "--format", "json", "--no-cache")
    pack = root / FOLDER / PACK
    deep = b"[" * 100_000 + b"]" * 100_000
    for field in (2, 3, 4):
        cli("validate", "-C", root, "--today", day, "--format", "json")
        lines = _lines(pack.read_bytes())[:-1]
        spoiled = []
        for line in lines:
            fields = line.split(b"\t")
            fields[field] = deep
            spoiled.append(b"\t".join(fields))
        pack.write_bytes(_reseal(spoiled))
        assert cli("validate", "-C", root, "--today", day, "--format", "json") == cold, field
        assert cli("validate", "-C", root, "--today", day, "--format", "json") == cold  # rebuilt


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5) | st.just("2026-11-25"),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["read", "problems", "rows", "broken", "partial", "facts", "l", "d"]),
            inner,
            max_size=6,
        )
    ),
    max_leaves=12,
)


@st.composite
def _hostile(draw: st.DrawFn, real: bytes) -> list[tuple[str, bytes]]:
    """What a cache folder's files may come to hold: random bytes, or the real pack truncated,
    with bytes flipped, or lines dropped or repeated."""
    how = draw(st.sampled_from(["random", "truncated", "flipped", "lines", "json"]))
    if how == "random":
        data = draw(st.binary(max_size=2000))
        if draw(st.booleans()):
            data = real.split(b"\n", 1)[0] + b"\n" + data
    elif how == "truncated":
        data = real[: draw(st.integers(0, len(real)))]
    elif how == "flipped":
        buf = bytearray(real)
        for _ in range(draw(st.integers(1, 8))):
            i = draw(st.integers(0, len(buf) - 1))
            buf[i] ^= draw(st.integers(1, 255))
        data = bytes(buf)
    elif how == "lines":
        lines = _lines(real)[:-1]
        picked = draw(st.lists(st.sampled_from(lines), max_size=len(lines)))
        data = _signed(b"".join(line + b"\n" for line in picked))
    else:  # a body replaced by other JSON, the entry sealed and the pack signed again
        lines = _lines(real)[:-1]
        spoiled = []
        for line in lines:
            fields = line.split(b"\t")
            if draw(st.integers(0, 9)) == 0:
                fields[draw(st.integers(2, 4))] = json.dumps(draw(_JSON)).encode()
            spoiled.append(b"\t".join(fields))
        data = _reseal(spoiled)
    files = [(PACK, data)]
    if draw(st.booleans()):
        files.append((draw(st.sampled_from([".gitignore", "x.json", "a" * 64 + ".json"])), data))
    return files


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_bytes_in_the_cache_folder_give_the_no_cache_answer(
    generated: Path, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    from typer.testing import CliRunner

    from ledger.cli import app

    root = _hostile_root(generated, tmp_path_factory)
    runner = CliRunner()
    argv = ["validate", "-C", str(root), "--today", "2026-11-25", "--format", "json"]

    def run(*extra: str) -> tuple[int, str]:
        result = runner.invoke(app, [*argv, *extra], catch_exceptions=False)
        return result.exit_code, result.output

    cold, real = _HOSTILE[root]
    for name, content in data.draw(_hostile(real)):
        (root / FOLDER / name).write_bytes(content)
    assert run() == cold
    assert run() == cold


_HOSTILE: dict[Path, tuple[tuple[int, str], bytes]] = {}


def _hostile_root(generated: Path, factory: pytest.TempPathFactory) -> Path:
    """One damaged ledger for every example, with its --no-cache answer and a real pack."""
    if _HOSTILE:
        return next(iter(_HOSTILE))
    root = fresh(generated, factory.mktemp("hostile"))
    damage(root)
    from typer.testing import CliRunner

    from ledger.cli import app

    argv = ["validate", "-C", str(root), "--today", "2026-11-25", "--format", "json"]
    result = CliRunner().invoke(app, [*argv, "--no-cache"], catch_exceptions=False)
    CliRunner().invoke(app, argv, catch_exceptions=False)
    _HOSTILE[root] = ((result.exit_code, result.output), (root / FOLDER / PACK).read_bytes())
    return root


def test_the_generated_visits_validate_and_leave_the_units_alone(
    generated: Path, tmp_path: Path
) -> None:
    """The benchmark's ledger with visits (``generate.py --visits --findings``) is valid as of
    the benchmark's day, and its other files are the bytes of the same ledger without visits:
    the visit rows of ``benchmarks/run.py`` compare the visits' cost and nothing else."""
    from datetime import date

    result = validate(fresh(generated, tmp_path), date(2026, 11, 25), cache=False)
    assert [p for p in result.problems if p.level == "error"] == []
    visits = result.loaded.ledger().visits
    assert len(visits) == 4 and sum(len(v.findings) for v in visits.values()) == 20
    plain = tmp_path / "plain"
    generate.generate(40, plain, seed=7)
    assert not (plain / INSPECTIONS).exists()
    for path in sorted(plain.rglob("*.*")):
        assert (generated / path.relative_to(plain)).read_bytes() == path.read_bytes(), path
