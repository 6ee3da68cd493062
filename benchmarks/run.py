"""Time `ledger` commands against the floor: the same Python reading the same YAML.

    python benchmarks/run.py [--sizes 500,2000,8000] [--repeat 5] [--workdir DIR] [--json FILE]

For each size a ledger is generated (see generate.py) and cached in the work directory. Then the
floor and every command of LEDGER_BENCHES run as subprocesses of the same interpreter, in rounds
(the order of the commands rotates from one round to the next), each command right after a run
of the floor: a command's ratio is the median, over the rounds, of its time over the time of the
floor run just before it (paired runs: the machine's slower and faster minutes fall on both), and
it passes if that is at most its target. Cold rows run with
`--no-cache`; warm rows read the cache the untimed first run filled; the edit row makes a real
write each run (a milestone's done day, alternating between two days). The peak memory (maximum
resident set) of every command's first run is measured too. Once per run, `ledger --help` is
compared in the same way with the `--help` of a minimal two-command Typer app.
At the sizes of `--visits-at` (default 2,000 units), the cold validate and the cold quarterly
report of the same ledger with `--visits` supervision visits holding `--findings` findings run
each right after the same command on the ledger without them (issue 22: at most 1.10x).
The report (markdown) goes to stdout, progress to stderr.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

import generate

HERE = Path(__file__).resolve().parent
DEFAULT_WORKDIR = HERE / ".cache"
TODAY = "2026-11-25"
LINEAR_TOLERANCE = 1.5  # the last size step may cost at most this much more per unit than the first


@dataclass(frozen=True)
class Bench:
    """One row of the table: `python -m ledger ARGS`, with ``{root}`` standing for the ledger."""

    name: str
    args: tuple[str, ...]  # ``{root}``: the ledger; ``{edit}``: the edit's unit, project, milestone
    target: float  # the largest acceptable median, over the rounds, of command / floor
    expect_exit: int = 0
    skip_exit: tuple[int, ...] = ()  # exit codes meaning "not implemented yet": the row is skipped
    skip_note: str = ""
    repo: bool = False  # run on the ledger in a git repository of two versions (prepare_repo)
    versus: str | None = None  # the row the target compares with (default: the floor)
    # what the command writes into ``{out}`` may take at most this many MB
    output_mb: float | None = None


REPORT = ("report", "--quarter", "2026Q3", "--format", "json", "-C", "{root}", "--today", TODAY)
# Add commands here; every one is timed against the floor at every size.
LEDGER_BENCHES: tuple[Bench, ...] = (
    Bench("validate (cold)", ("validate", "--no-cache", "-C", "{root}", "--today", TODAY), 0.6),
    Bench("report (cold)", (*REPORT, "--no-cache"), 0.7),
    Bench("validate (warm)", ("validate", "-C", "{root}", "--today", TODAY), 0.25),
    Bench("report (warm)", REPORT, 0.3),
    # a real write, validated: the done day alternates between two days, so every run changes
    # the file (``{day}``), and the ledger stays valid
    Bench(
        "edit (done, warm)",
        ("done", "{edit}", "--on", "{day}", "--replace", "-C", "{root}", "--today", TODAY),
        0.3,
    ),
    # two versions in git, DIFF_FILES unit files apart, against a cold validate of one version
    Bench(
        "diff A B (cold)",
        ("diff", "A", "B", "-C", "{root}", "--today", TODAY, "-f", "json", "--no-cache"),
        2.0,
        repo=True,
        versus="validate (cold)",
    ),
)
REPORT_HTML = "report html (cold)"
LEDGER_BENCHES += (
    Bench(
        REPORT_HTML,
        ("report", "--quarter", "-f", "html", "--no-cache", "-C", "{root}", "--today", TODAY),
        1.2,
    ),
    # the leaders' site (issue 24): at most twice the cold HTML checklist, at most 15 MB
    Bench(
        "site (cold)",
        ("site", "--output", "{out}", "--no-cache", "-C", "{root}", "--today", TODAY),
        2.0,
        versus=REPORT_HTML,
        output_mb=15.0,
    ),
)
DIFF_FILES = 200
EDIT_DAYS = ("2026-10-01", "2026-10-02")
HELP_TARGET = 1.15
# the rows timed on a ledger with visits against the same ledger without (issue 22)
VISIT_BENCHES = ("validate (cold)", "report (cold)")
VISITS_TARGET = 1.10
LARGE = 10_000  # sizes above this run --repeat-large times (default 1)
# peak memory of a cold validate: at most this many KB per unit beyond the start-up
MEMORY_PER_UNIT_KB = 15
MEMORY_ROW = "validate (cold)"
# the interpreter with the modules a validate imports and the validators of its models (built
# when first used: every validate builds them, whatever the size), nothing read: the start-up
STARTUP_SCRIPT = (
    "import ledger.cli, ledger.validate, ledger.rules, ledger.render.problems\n"
    "from ledger.model import Book, Config, Unit\n"
    "for model in (Book, Config, Unit): model.model_rebuild(force=True)"
)

# The floor: the fastest the same interpreter can read the same files with the same parser.
FLOOR_SCRIPT = """\
import sys, tomllib
from pathlib import Path
import yaml
root = Path(sys.argv[1])
tomllib.loads((root / "ledger.toml").read_text(encoding="utf-8"))
load, loader = yaml.load, yaml.CSafeLoader
load((root / "data" / "projects.yaml").read_text(encoding="utf-8"), Loader=loader)
n = 2
for path in sorted((root / "data" / "units").glob("*.yaml")):
    load(path.read_text(encoding="utf-8"), Loader=loader)
    n += 1
print(n, "files read")
"""

MINIMAL_APP = """\
import typer

app = typer.Typer()


@app.command()
def a() -> None:
    \"\"\"First command.\"\"\"


@app.command()
def b() -> None:
    \"\"\"Second command.\"\"\"


app()
"""


# --------------------------------------------------------------------------------------------
# Running and timing


@dataclass
class Probe:
    """The untimed warm-up run of a command: its exit code, the start of its output and its
    peak memory (maximum resident set size, KB; 0 where the system does not say)."""

    exit_code: int
    stdout: str
    stderr: str
    max_rss_kb: int = 0

    def excerpt(self, lines: int = 8) -> str:
        err = self.stderr.strip().splitlines()[-lines:]
        out = self.stdout.strip().splitlines()[: max(0, lines - len(err))]
        return "\n".join("    " + line for line in [*out, *err])


def child_env(workdir: Path) -> dict[str, str]:
    """The environment of every timed process: no colour, no ledger settings from the caller,
    and bytecode cached under the work directory (as a user's installed package would have it;
    the caller's PYTHONDONTWRITEBYTECODE would make every run compile ``ledger`` afresh)."""
    env = dict(os.environ)
    for name in ("LEDGER_ROOT", "LEDGER_TODAY", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    env["NO_COLOR"] = "1"
    env["PYTHONPYCACHEPREFIX"] = str(workdir.resolve() / "pycache")
    return env


# Peak memory: the high-water mark of the process's own memory (VmHWM in /proc/self/status),
# written when it exits. Not ``ru_maxrss``: on Linux that keeps the parent's size at the fork
# (this script's, after generating a large ledger), and it counts nothing else.
MEMORY_WRAPPER = """\
import atexit, os, runpy, sys
def _peak():
    try:
        with open("/proc/self/status") as f:
            kb = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
        with open(os.environ["LEDGER_BENCH_PEAK"], "w") as out:
            out.write(str(kb))
    except (OSError, StopIteration, KeyError, ValueError):
        pass
atexit.register(_peak)
sys.argv = sys.argv[1:]
if sys.argv[0] == "-m":
    sys.argv = sys.argv[1:]
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
elif sys.argv[0] == "-c":
    code = sys.argv[1]
    sys.argv = ["-c", *sys.argv[2:]]
    exec(compile(code, "<string>", "exec"), {"__name__": "__main__"})
else:
    runpy.run_path(sys.argv[0], run_name="__main__")
"""


def probe(argv: list[str], cwd: Path, env: dict[str, str]) -> Probe:
    """Run once; with the peak memory of the process itself where /proc tells it (0 if not)."""
    with tempfile.TemporaryDirectory(prefix="ledger-probe-") as tmp:
        peak_file = Path(tmp) / "peak"
        measured = argv[0] == sys.executable and Path("/proc/self/status").exists()
        if measured:
            argv = [sys.executable, "-c", MEMORY_WRAPPER, *argv[1:]]
            env = {**env, "LEDGER_BENCH_PEAK": str(peak_file)}
        try:
            proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, timeout=1800)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return Probe(-1, "", f"{type(exc).__name__}: {exc}")
        try:
            rss = int(peak_file.read_text(encoding="utf-8")) if measured else 0
        except (OSError, ValueError):
            rss = 0
        return Probe(proc.returncode, _text(proc.stdout), _text(proc.stderr), rss)


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


@dataclass
class Timings:
    times: dict[str, list[float]]  # each command's runs, round by round
    paired: dict[str, list[float]]  # the baseline's run just before each of them

    @property
    def baseline(self) -> list[float]:
        """Every run of the baseline (the floor)."""
        return [t for runs in self.paired.values() for t in runs]


def time_paired(
    baseline: list[str], cmds: dict[str, list[str]], repeat: int, cwd: Path, env: dict[str, str]
) -> Timings:
    """Run every command ``repeat`` times, round by round, rotating the order in each round,
    each command right after a run of ``baseline``. ``{day}`` in a command stands for one of
    EDIT_DAYS, the other one in the next run."""
    names = list(cmds)
    out = Timings({name: [] for name in names}, {name: [] for name in names})

    def run(argv: list[str]) -> float:
        t0 = time.perf_counter()
        subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - t0

    for r in range(repeat):
        k = r % len(names)
        day = EDIT_DAYS[(r + 1) % 2]  # the warm-up run wrote EDIT_DAYS[0]
        for name in names[k:] + names[:k]:
            out.paired[name].append(run(baseline))
            out.times[name].append(run([a.replace("{day}", day) for a in cmds[name]]))
        progress(f"  round {r + 1}/{repeat} done")
    return out


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Results


@dataclass
class Row:
    name: str
    argv: list[str]
    target: float
    exit_code: int
    expect_exit: int
    versus: str | None = None  # the row the ratio is to (None: the floor)
    times: list[float] = field(default_factory=list)
    max_rss_kb: int = 0  # of the first (untimed) run
    median: float | None = None
    ratio: float | None = None
    best_ratio: float | None = None  # fastest run over the baseline's fastest: noise shows here
    result: str = ""
    note: str = ""
    output_mb: float | None = None  # the size of what it wrote, where it writes a folder


def judge(row: Row, paired: list[float], baseline: list[float]) -> None:
    """Fill in the median, the ratios (to ``paired``, the baseline's run before each of the
    row's; the best, to the fastest of ``baseline``) and pass/FAIL, unless the row was
    skipped."""
    if not row.times:
        return
    row.median = statistics.median(row.times)
    row.ratio = statistics.median(t / b for t, b in zip(row.times, paired, strict=True))
    row.best_ratio = min(row.times) / min(baseline)
    ok = row.exit_code == row.expect_exit and row.ratio <= row.target
    row.result = "pass" if ok else "FAIL"


def ledger_argv(
    args: Sequence[str], root: Path, edit: Sequence[str] = (), out: Path | None = None
) -> list[str]:
    argv = [sys.executable, "-m", "ledger"]
    for a in args:
        if a == "{edit}":
            argv += edit
        else:
            argv.append(a.replace("{root}", str(root)).replace("{out}", str(out or root)))
    return argv


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def first_run(argv: list[str]) -> list[str]:
    """A command's untimed first run: the edit row writes the first of its two days."""
    return [a.replace("{day}", EDIT_DAYS[0]) for a in argv]


def edit_target(root: Path) -> list[str]:
    """A unit, a project it claims (without a ``claimed`` day, so every milestone of the book
    applies) and the project's first milestone: what the edit row marks done."""
    book = yaml.load((root / "data" / "projects.yaml").read_bytes(), Loader=yaml.CSafeLoader)
    milestones = {p["id"]: [m["id"] for m in p.get("milestones") or []] for p in book["projects"]}
    for path in sorted((root / "data" / "units").glob("*.yaml")):
        unit = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        for claim in unit.get("claims") or []:
            if "claimed" not in claim and milestones.get(claim["project"]):
                return [unit["id"], claim["project"], milestones[claim["project"]][0]]
    raise RuntimeError(f"no claim to edit in {root}")


def prepare_ledger(
    workdir: Path, units: int, seed: int, visits: int = 0, findings: int = 0
) -> tuple[Path, dict[str, Any], bool]:
    """The cached ledger for ``units`` (regenerated when generate.py changes) and its stats;
    with ``visits``, the same ledger with that many visit files holding ``findings``."""
    digest = hashlib.sha256(Path(generate.__file__).read_bytes()).hexdigest()[:10]
    stem = f"ledger-{units}-s{seed}" + (f"-v{visits}-f{findings}" if visits else "")
    root = workdir / f"{stem}-{digest}"
    stats_file = workdir / f"{stem}-{digest}.json"
    if root.is_dir() and stats_file.is_file():
        return root, json.loads(stats_file.read_text(encoding="utf-8")), True
    for stale in workdir.glob(f"{stem}-*"):  # older generator versions of this size
        if stale.is_dir():
            shutil.rmtree(stale)
        else:
            stale.unlink()
    tmp = workdir / f"{stem}-{digest}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    progress(f"generating {units} units (seed {seed}) ...")
    stats = asdict(generate.generate(units, tmp, seed, visits=visits, findings=findings))
    tmp.rename(root)
    stats_file.write_text(json.dumps(stats, ensure_ascii=False, indent=2), encoding="utf-8")
    progress(f"  {stats['units']} units, {stats['claims']} claims in {stats['seconds']:.2f} s")
    return root, stats, False


def prepare_repo(root: Path) -> Path:
    """A git repository beside ``root`` holding a copy of it in a subfolder, committed twice:
    tag A, then DIFF_FILES unit files changed (a claim's leader and a comment), tag B. The
    ledger's folder in it."""
    top = root.with_name(root.name + "-git")
    ledger = top / "ledger"
    done = root.with_name(root.name + "-git.done")  # outside the repository: no untracked file
    if done.is_file():
        return ledger
    shutil.rmtree(top, ignore_errors=True)
    done.unlink(missing_ok=True)
    shutil.copytree(root, ledger, ignore=shutil.ignore_patterns(".ledger-cache"))
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
    }

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=top, env=env, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "A")
    git("tag", "A")
    units = sorted((ledger / "data" / "units").glob("*.yaml"))
    step = max(1, len(units) // DIFF_FILES)
    for path in units[::step][:DIFF_FILES]:
        text = path.read_text(encoding="utf-8")
        at = text.find("leader: ")
        if at >= 0:
            end = text.index("\n", at)
            text = text[:end] + "（调整）" + text[end:]
        path.write_text("# 本次调整\n" + text, encoding="utf-8")
    git("commit", "-q", "-am", "B")
    git("tag", "B")
    done.write_text("", encoding="utf-8")
    return ledger


# Every command runs once on a ledger of this size before anything is measured, so that the
# bytecode cache under the work directory holds every module a command imports and no first run
# pays, in time or in memory, for compiling them: an installed package and the standard library
# come with their bytecode.
PRIME_UNITS = 800


def prime_bytecode(seed: int, workdir: Path, env: dict[str, str]) -> None:
    root, _, _ = prepare_ledger(workdir, PRIME_UNITS, seed)
    edit = edit_target(root)
    progress(f"priming the bytecode cache on {PRIME_UNITS} units")
    for bench in LEDGER_BENCHES:
        where = prepare_repo(root) if bench.repo else root
        argv = ledger_argv(bench.args, where, edit, workdir / f"site-{PRIME_UNITS}")
        probe(first_run(argv), workdir, env)
    probe([sys.executable, "-m", "ledger", "--help"], workdir, env)
    probe([sys.executable, "-c", FLOOR_SCRIPT, str(root)], workdir, env)


def bench_size(
    units: int, seed: int, repeat: int, workdir: Path, notes: list[str], env: dict[str, str]
) -> dict[str, Any]:
    root, stats, cached = prepare_ledger(workdir, units, seed)
    floor_argv = [sys.executable, "-c", FLOOR_SCRIPT, str(root)]
    floor_probe = probe(floor_argv, workdir, env)
    if floor_probe.exit_code != 0:
        raise RuntimeError(f"the floor script failed on {root}:\n{floor_probe.excerpt()}")
    if floor_probe.stdout.split()[:1] != [str(stats["files"])]:
        notes.append(f"{units} units: the floor read {floor_probe.stdout.strip()!r}")

    rows: list[Row] = []
    edit = edit_target(root)
    site = workdir / f"site-{units}"
    for bench in LEDGER_BENCHES:
        where = prepare_repo(root) if bench.repo else root
        argv = ledger_argv(bench.args, where, edit, site)
        p = probe(first_run(argv), workdir, env)
        row = Row(bench.name, argv, bench.target, p.exit_code, bench.expect_exit, bench.versus)
        row.max_rss_kb = p.max_rss_kb
        rows.append(row)
        if bench.output_mb is not None and p.exit_code == 0:
            row.output_mb = folder_mb(site)
            if row.output_mb > bench.output_mb:
                notes.append(
                    f"{units} units: `ledger {bench.name}` wrote {row.output_mb:.1f} MB"
                    f" (at most {bench.output_mb:g})"
                )
        if p.exit_code in bench.skip_exit:
            row.result = "skipped"
            row.note = bench.skip_note or f"exit {p.exit_code}"
            notes.append(f"{units} units: `ledger {bench.name}` skipped ({row.note})")
        elif p.exit_code != bench.expect_exit:
            row.note = f"exit {p.exit_code}, expected {bench.expect_exit}"
            notes.append(f"{units} units: `ledger {bench.name}` exited {p.exit_code}")
            progress(
                f"WARNING: `ledger {bench.name}` exited {p.exit_code} "
                f"(expected {bench.expect_exit}):\n{p.excerpt()}"
            )

    cmds = {row.name: row.argv for row in rows if row.result != "skipped"}
    progress(f"timing {units} units: {', '.join(cmds)} x {repeat}, each after the floor")
    timed = time_paired(floor_argv, cmds, repeat, workdir, env)
    floor = statistics.median(timed.baseline)
    for row in rows:
        row.times = timed.times.get(row.name, [])
        judge(row, timed.paired.get(row.name, []), timed.baseline)
    by_name = {row.name: row for row in rows}
    for row in rows:
        other = by_name.get(row.versus or "")
        if other is not None and row.times and len(other.times) == len(row.times):
            # the same round's run of the row it is held to, not the floor's
            judge(row, other.times, other.times)
        limit = next(b.output_mb for b in LEDGER_BENCHES if b.name == row.name)
        if row.output_mb is not None:
            row.note = f"{row.output_mb:.1f} MB"
            if limit is not None and row.output_mb > limit:
                row.result = "FAIL"
    return {
        "size": units,
        "ledger": str(root),
        "cached": cached,
        "stats": stats,
        "floor": {
            "argv": floor_argv,
            "times": timed.baseline,
            "median": floor,
            "max_rss_kb": floor_probe.max_rss_kb,
        },
        "commands": [asdict(row) for row in rows],
    }


def bench_visits(
    units: int,
    seed: int,
    visits: tuple[int, int],
    repeat: int,
    workdir: Path,
    notes: list[str],
    env: dict[str, str],
) -> dict[str, Any]:
    """The rows of VISIT_BENCHES on the ledger of ``units`` with ``visits`` (visits, findings),
    each run right after the same command on the same ledger without them: a row's ratio is the
    median of those pairs, its best runs the fastest with over the fastest without."""
    plain, _, _ = prepare_ledger(workdir, units, seed)
    root, stats, _ = prepare_ledger(workdir, units, seed, *visits)
    rows: list[Row] = []
    medians: dict[str, float] = {}
    for bench in LEDGER_BENCHES:
        if bench.name not in VISIT_BENCHES:
            continue
        without, argv = ledger_argv(bench.args, plain), ledger_argv(bench.args, root)
        probe(without, workdir, env)
        p = probe(argv, workdir, env)
        row = Row(bench.name, argv, VISITS_TARGET, p.exit_code, bench.expect_exit)
        row.max_rss_kb = p.max_rss_kb
        if p.exit_code != bench.expect_exit:
            row.note = f"exit {p.exit_code}, expected {bench.expect_exit}"
            notes.append(f"{units} units with visits: `ledger {bench.name}` exited {p.exit_code}")
            progress(f"WARNING: `ledger {bench.name}` with visits exited {p.exit_code}:")
            progress(p.excerpt())
        progress(f"timing {units} units with {visits[0]} visits: {bench.name} x {repeat}")
        timed = time_paired(without, {bench.name: argv}, repeat, workdir, env)
        row.times = timed.times[bench.name]
        judge(row, timed.paired[bench.name], timed.baseline)
        medians[bench.name] = statistics.median(timed.baseline)
        rows.append(row)
    return {
        "size": units,
        "visits": visits[0],
        "findings": visits[1],
        "ledger": str(root),
        "without": str(plain),
        "stats": stats,
        "without_median": medians,
        "commands": [asdict(row) for row in rows],
    }


def visits_table(results: list[dict[str, Any]]) -> str:
    rows = []
    for r in results:
        for c in r["commands"]:
            result = c["result"] + (f" ({c['note']})" if c["note"] else "")
            rows.append(
                [
                    f"{r['size']:,}",
                    f"{r['visits']:,}",
                    f"{r['findings']:,}",
                    c["name"],
                    fmt(r["without_median"][c["name"]]),
                    fmt(c["median"]),
                    ratio(c["ratio"]),
                    ratio(c["best_ratio"]),
                    f"{c['target']:.2f}×",
                    result,
                ]
            )
    header = ["units", "visits", "findings", "command", "without (s)", "with (s)", "ratio"]
    return table([*header, "best runs", "target", "result"], rows)


def startup_memory(env: dict[str, str], workdir: Path) -> int:
    """Peak memory (KB) of the interpreter with what a validate imports, nothing read."""
    return probe([sys.executable, "-c", STARTUP_SCRIPT], workdir, env).max_rss_kb


def bench_help(repeat: int, notes: list[str], env: dict[str, str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="ledger-help-") as tmp:
        cwd = Path(tmp)
        app = cwd / "minimal_app.py"
        app.write_text(MINIMAL_APP, encoding="utf-8")
        base_argv = [sys.executable, str(app), "--help"]
        base_probe = probe(base_argv, cwd, env)
        if base_probe.exit_code != 0:
            raise RuntimeError(f"the minimal Typer app failed:\n{base_probe.excerpt()}")
        argv = [sys.executable, "-m", "ledger", "--help"]
        p = probe(argv, cwd, env)
        row = Row("--help", argv, HELP_TARGET, p.exit_code, 0)
        if p.exit_code != 0:
            row.note = f"exit {p.exit_code}"
            notes.append(f"`ledger --help` exited {p.exit_code}")
            progress(f"WARNING: `ledger --help` exited {p.exit_code}:\n{p.excerpt()}")
        progress(f"timing --help x {repeat}")
        timed = time_paired(base_argv, {"--help": argv}, repeat, cwd, env)
    base = statistics.median(timed.baseline)
    row.times = timed.times["--help"]
    judge(row, timed.paired["--help"], timed.baseline)
    return {
        "baseline": {"argv": base_argv, "times": timed.baseline, "median": base},
        "command": asdict(row),
    }


# --------------------------------------------------------------------------------------------
# Reporting


def machine_facts() -> dict[str, Any]:
    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

    cpu_model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "executable": sys.executable,
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpus_usable": usable,
        "cpu_model": cpu_model,
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "pyyaml": yaml.__version__,
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
        "typer": version("typer"),
        "ledger": version("ledger"),
    }


def fmt(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


HELP_HEADER = ("command", "minimal app (s)", "ledger (s)", "ratio", "best runs", "target", "result")


def ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def ratio_growth(sizes: list[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """Each command's ratio to the floor at every size, and the largest over the smallest size's:
    a cost that grows with the ledger no faster than the floor's stays near 1×."""
    counts = [s["stats"]["units"] for s in sizes]
    names = [c["name"] for c in sizes[0]["commands"]] if sizes else []
    header = ["command", *(f"ratio @ {n:,}" for n in counts), "last / first"]
    rows: list[list[str]] = []
    data: dict[str, Any] = {}
    for name in names:
        values = [next(c["ratio"] for c in s["commands"] if c["name"] == name) for s in sizes]
        growth = (
            values[-1] / values[0]
            if len(values) > 1 and values[0] and values[-1] is not None
            else None
        )
        rows.append([name, *(ratio(v) for v in values), ratio(growth)])
        data[name] = {"ratios": values, "growth": growth}
    return table(header, rows), data


def memory_table(sizes: list[dict[str, Any]], startup_kb: int) -> tuple[str, dict[str, Any]]:
    """Peak memory of every command's first run, in MB, and KB per unit beyond the start-up."""
    names = ["floor", *(c["name"] for c in sizes[0]["commands"])] if sizes else []
    header = ["size", *(f"{n} (MB)" for n in names), f"{MEMORY_ROW}: KB/unit beyond start-up"]
    rows: list[list[str]] = []
    data: dict[str, Any] = {"startup_kb": startup_kb, "sizes": {}}
    for s in sizes:
        units = s["stats"]["units"]
        peaks = {"floor": s["floor"]["max_rss_kb"]}
        peaks.update({c["name"]: c["max_rss_kb"] for c in s["commands"]})
        cold = peaks.get(MEMORY_ROW, 0)
        per_unit = (cold - startup_kb) / units if cold and startup_kb else None
        verdict = ""
        if per_unit is not None:
            verdict = f"{per_unit:.1f} ({'pass' if per_unit <= MEMORY_PER_UNIT_KB else 'FAIL'})"
        rows.append([f"{units:,}", *(f"{peaks[n] / 1024:.0f}" for n in names), verdict])
        data["sizes"][units] = {"peak_kb": peaks, "kb_per_unit_beyond_startup": per_unit}
    return table(header, rows), data


def linear_growth(sizes: list[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """Time per unit at each size, the marginal cost of a unit between sizes, and a verdict.

    The verdict compares the marginal cost of the last size step with that of the first, each
    divided by the floor's marginal cost over the same step (measured interleaved, so noise that
    slows the machine down cancels out): more than LINEAR_TOLERANCE is superlinear growth.
    """
    counts = [s["stats"]["units"] for s in sizes]
    series: dict[str, dict[int, float]] = {"floor": {}}
    for s in sizes:
        units = s["stats"]["units"]
        series["floor"][units] = s["floor"]["median"]
        for c in s["commands"]:
            if c["median"] is not None:
                series.setdefault(c["name"], {})[units] = c["median"]
    steps = list(pairwise(counts))
    header = ["command", *(f"ms/unit @ {n:,}" for n in counts)]
    header += [f"marginal {a:,}→{b:,}" for a, b in steps]
    header.append("growth, last step / first step")

    def marginal(points: dict[int, float]) -> dict[tuple[int, int], float]:
        return {
            (a, b): (points[b] - points[a]) / (b - a) * 1000 for a, b in pairwise(sorted(points))
        }

    floor_marginal = marginal(series["floor"])
    rows: list[list[str]] = []
    data: dict[str, Any] = {}
    for name, points in series.items():
        per_unit = {n: t / n * 1000 for n, t in points.items()}
        own = marginal(points)
        if name == "floor":
            relative = own
        else:
            relative = {k: v / floor_marginal[k] for k, v in own.items() if floor_marginal[k] > 0}
        values = list(relative.values())
        growth: float | None = None
        if len(own) < 2:
            verdict = "n/a (needs 3 sizes)"
        elif len(values) < 2 or values[0] <= 0:
            verdict = "n/a (too noisy)"
        else:
            growth = values[-1] / values[0]
            if name == "floor":
                verdict = f"reference ({growth:.2f}×)"
            elif growth <= LINEAR_TOLERANCE:
                verdict = f"linear ({growth:.2f}× after the floor's)"
            else:
                verdict = f"superlinear ({growth:.2f}× after the floor's)"
        row = [name, *(fmt(per_unit.get(n)) for n in counts)]
        row += [fmt(own.get(step)) for step in steps]
        rows.append([*row, verdict])
        data[name] = {
            "ms_per_unit": per_unit,
            "marginal_ms_per_unit": {f"{a}-{b}": v for (a, b), v in own.items()},
            "growth": growth,
            "verdict": verdict,
        }
    return table(header, rows), data


def report(
    command_line: str,
    facts: dict[str, Any],
    args: argparse.Namespace,
    sizes: list[dict[str, Any]],
    help_result: dict[str, Any] | None,
    notes: list[str],
    startup_kb: int = 0,
    visits: list[dict[str, Any]] | None = None,
) -> tuple[str, dict[str, Any]]:
    out = [
        "# ledger benchmark",
        "",
        f"Command: `{command_line}`",
        "",
        f"- Python {facts['python']} ({facts['implementation']}) at `{facts['executable']}`",
        f"- {facts['platform']}; CPUs: {facts['cpu_count']} ({facts['cpus_usable']} usable)"
        + (f", {facts['cpu_model']}" if facts["cpu_model"] else ""),
        f"- load average at start: {facts['load_average']}",
        f"- PyYAML {facts['pyyaml']} (libyaml: {facts['libyaml']}), Typer {facts['typer']}, "
        f"ledger {facts['ledger']}",
        f"- {args.repeat} timed runs per command after one warm-up, each right after a run of the "
        f"floor (ratios: medians of those pairs); "
        f"--today {TODAY}, seed {args.seed}",
        "",
        "## Commands against the floor",
        "",
    ]
    rows = []
    for s in sizes:
        st = s["stats"]
        for c in s["commands"]:
            result = c["result"] + (f" ({c['note']})" if c["note"] else "")
            rows.append(
                [
                    f"{s['size']:,}",
                    f"{st['units']:,}",
                    f"{st['claims']:,}",
                    f"{st['files']:,}",
                    c["name"],
                    fmt(s["floor"]["median"]),
                    fmt(c["median"]),
                    ratio(c["ratio"]),
                    ratio(c["best_ratio"]),
                    f"{c['target']:.2f}×" + (f" {c['versus']}" if c.get("versus") else ""),
                    result,
                ]
            )
    header = ["size", "units", "claims", "files", "command", "floor (s)", "time (s)", "ratio"]
    out.append(table([*header, "best runs", "target", "result"], rows))
    growth_table, growth = linear_growth(sizes)
    out += [
        "",
        "## Linear growth",
        "",
        "Median time divided by units, and the marginal cost of one more unit between sizes",
        "(ms per unit). Growth: the marginal cost of the last step over that of the first, each",
        "taken relative to the floor's over the same step (which cancels machine noise); at most",
        f"{LINEAR_TOLERANCE}× counts as linear.",
        "",
        growth_table,
    ]
    ratios_table, ratios = ratio_growth(sizes)
    memory, memory_data = memory_table(sizes, startup_kb)
    out += [
        "",
        "## Ratio to the floor by size",
        "",
        "A cost linear in the units keeps its ratio to the (linear) floor: last / first near 1×.",
        "",
        ratios_table,
        "",
        "## Peak memory",
        "",
        "Peak resident memory (VmHWM) of each command's first run, in MB. Start-up (the",
        f"interpreter with what a validate imports): {startup_kb / 1024:.0f} MB. Target: at most",
        f"{MEMORY_PER_UNIT_KB} KB per unit beyond the start-up for `{MEMORY_ROW}`.",
        "",
        memory,
    ]
    if visits:
        out += [
            "",
            "## Visits: the same ledger with and without (issue 22)",
            "",
            "Each run with the visits right after the same command on the ledger without them;",
            "ratio: the median of those pairs; best runs: the fastest with over the fastest",
            f"without. Target: at most {VISITS_TARGET:.2f}×.",
            "",
            visits_table(visits),
        ]
    if help_result is not None:
        c = help_result["command"]
        result = c["result"] + (f" ({c['note']})" if c["note"] else "")
        out += [
            "",
            "## Start-up: `ledger --help` against a minimal two-command Typer app",
            "",
            table(
                HELP_HEADER,
                [
                    [
                        "--help",
                        fmt(help_result["baseline"]["median"]),
                        fmt(c["median"]),
                        ratio(c["ratio"]),
                        ratio(c["best_ratio"]),
                        f"{c['target']:.2f}×",
                        result,
                    ]
                ],
            ),
        ]
    if notes:
        out += ["", "## Notes", "", *(f"- {n}" for n in notes)]
    raw = {
        "command_line": command_line,
        "machine": facts,
        "today": TODAY,
        "seed": args.seed,
        "repeat": args.repeat,
        "sizes": sizes,
        "linear_growth": growth,
        "ratio_growth": ratios,
        "memory": memory_data,
        "help": help_result,
        "visits": visits or [],
        "notes": notes,
    }
    return "\n".join(out) + "\n", raw


def failed(
    sizes: list[dict[str, Any]],
    help_result: dict[str, Any] | None,
    visits: list[dict[str, Any]] | None = None,
) -> bool:
    results = [c["result"] for s in [*sizes, *(visits or [])] for c in s["commands"]]
    if help_result is not None:
        results.append(help_result["command"]["result"])
    return any(r.startswith("FAIL") for r in results)


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of numbers: {text}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive numbers of units")
    return sorted(set(sizes))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=parse_sizes, default=[500, 2000, 8000])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per command (5)")
    parser.add_argument(
        "--repeat-large",
        type=int,
        default=1,
        help=f"timed runs at sizes above {LARGE:,} units (1)",
    )
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR, help="ledger cache")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (1)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write raw numbers here")
    parser.add_argument("--no-help", action="store_true", help="skip the --help start-up check")
    parser.add_argument("--check", action="store_true", help="exit 1 if any target is missed")
    parser.add_argument("--visits", type=int, default=200, help="visits of the visit rows (200)")
    parser.add_argument("--findings", type=int, default=2000, help="their findings (2000)")
    parser.add_argument(
        "--visits-at",
        type=parse_sizes,
        default=[2000],
        help="sizes of the visit rows (2000); --visits 0 leaves them out",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    command_line = shlex.join([sys.executable, *sys.argv])
    facts = machine_facts()
    if not facts["libyaml"]:
        progress("WARNING: PyYAML has no libyaml here; the floor cannot use CSafeLoader")
        return 2
    args.workdir.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    env = child_env(args.workdir)
    prime_bytecode(args.seed, args.workdir, env)
    sizes = [
        bench_size(
            n,
            args.seed,
            min(args.repeat, args.repeat_large) if n > LARGE else args.repeat,
            args.workdir,
            notes,
            env,
        )
        for n in args.sizes
    ]
    visits = [
        bench_visits(
            n, args.seed, (args.visits, args.findings), args.repeat, args.workdir, notes, env
        )
        for n in (args.visits_at if args.visits > 0 else [])
    ]
    startup_kb = startup_memory(env, args.workdir)
    help_result = None if args.no_help else bench_help(args.repeat, notes, env)
    text, raw = report(command_line, facts, args, sizes, help_result, notes, startup_kb, visits)
    print(text, end="")
    if args.json:
        args.json.write_text(json.dumps(raw, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 1 if args.check and failed(sizes, help_result, visits) else 0


if __name__ == "__main__":
    sys.exit(main())
