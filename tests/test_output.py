"""``--output``: a report is written into what the user named, never over it; never into the
ledger's own files; a failed write is an error (issue 9, class 1). Devices are nodes made in a
temporary folder (as root; skipped otherwise), never the machine's own /dev/null or /dev/stdout."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from ledger.output import OutputError, write_report
from tests.conftest import SAMPLE_DAY
from tests.runs import ledger
from tests.support import Cli, ledger_files


def report(cli: Cli, root: Path, output: Path | str, *more: str) -> tuple[int, str]:
    return cli("overdue", "-C", root, "--today", SAMPLE_DAY, "--lang", "en", "-o", output, *more)


def test_a_regular_file_is_replaced_whole_and_keeps_its_mode(cli: Cli, sample: Path) -> None:
    out = sample.parent / "report.txt"
    out.write_text("old")
    out.chmod(0o640)
    code, text = report(cli, sample, out)
    assert code == 0, text
    assert "written:" in text
    assert out.read_text(encoding="utf-8") != "old"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".")] == []


def test_a_link_is_written_through_and_stays_a_link(cli: Cli, sample: Path) -> None:
    real = sample.parent / "real.csv"
    real.write_text("old")
    link = sample.parent / "link.csv"
    link.symlink_to(real)
    code, text = report(cli, sample, link, "-f", "csv")
    assert code == 0, text
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8-sig").startswith(("单位", "Unit", "unit"))


@pytest.mark.parametrize(
    "inside",
    [
        ".git/config",
        ".git/hooks/pre-commit",
        "ledger.toml",
        "data/projects.yaml",
        "data/units/new.md",
        "data",
        ".ledger-cache/lock",
    ],
)
def test_the_ledgers_own_files_are_refused(cli: Cli, sample: Path, inside: str) -> None:
    (sample / ".git" / "hooks").mkdir(parents=True)
    (sample / ".git" / "config").write_text("[core]\n")
    before = ledger_files(sample)
    code, text = report(cli, sample, sample / inside)
    assert code == 2
    assert "is one of the ledger's own files" in text
    assert ledger_files(sample) == before


def test_a_link_into_the_ledger_is_refused(cli: Cli, sample: Path) -> None:
    link = sample.parent / "innocent.txt"
    link.symlink_to(sample / "data" / "projects.yaml")
    before = ledger_files(sample)
    code, text = report(cli, sample, link)
    assert code == 2 and "own files" in text
    assert ledger_files(sample) == before and link.is_symlink()


def test_a_folder_or_a_missing_folder_is_an_error(cli: Cli, sample: Path) -> None:
    code, text = report(cli, sample, sample.parent)
    assert code == 2 and "is a folder" in text
    code, text = report(cli, sample, sample.parent / "nowhere" / "r.txt")
    assert code == 2 and "cannot write" in text


def test_a_pipe_nobody_reads_is_an_error_at_once(sample: Path) -> None:
    pipe = sample.parent / "pipe"
    os.mkfifo(pipe)
    code, text = ledger(
        "overdue", "-C", sample, "--today", SAMPLE_DAY, "--lang", "en", "-o", pipe, timeout=15
    )
    assert code == 2
    assert "named pipe that nobody is reading" in text
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


def test_a_pipe_with_a_reader_gets_the_report(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    report = b"report\n" * 10_000
    got = bytearray()
    # the reader is there before the write; opened read-write (Linux) so that it does not see
    # an end of file before the writer comes, it reads exactly the report's length
    fd = os.open(pipe, os.O_RDWR)

    def read() -> None:
        while len(got) < len(report):
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            got.extend(chunk)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        write_report(pipe, report, tmp_path / "ledger")
        reader.join(10)
    finally:
        os.close(fd)
    assert bytes(got) == report
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


def _device(folder: Path, name: str, minor: int) -> Path:
    node = folder / name
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except (PermissionError, AttributeError):
        pytest.skip("cannot make a device node here (not root)")
    return node


def test_a_device_is_written_into_and_stays_a_device(cli: Cli, sample: Path) -> None:
    null = _device(sample.parent, "null", 3)  # a node of its own, like /dev/null
    code, text = report(cli, sample, null)
    assert code == 0, text
    assert stat.S_ISCHR(os.lstat(null).st_mode)


def test_a_full_device_is_an_error(cli: Cli, sample: Path) -> None:
    full = _device(sample.parent, "full", 7)  # like /dev/full: every write fails with ENOSPC
    code, text = report(cli, sample, full)
    assert code == 2
    assert "cannot write" in text and "space" in text.lower()
    assert stat.S_ISCHR(os.lstat(full).st_mode)


def test_write_report_raises_with_a_message_key(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as refused:
        write_report(tmp_path / "ledger" / "ledger.toml", b"x", tmp_path / "ledger")
    assert refused.value.key == "output_in_ledger"


def test_output_never_replaces_the_ledgers_own_files(cli: Cli, sample: Path) -> None:
    before = (sample / "ledger.toml").read_bytes()
    for target in (sample / "ledger.toml", sample / "data" / "units" / "x.csv"):
        code, out = cli("report", "-C", sample, "--today", SAMPLE_DAY, "--year", "-f", "csv",
                        "-o", target, "--lang", "en")  # fmt: skip
        assert code == 2 and "one of the ledger's own files" in out
    assert (sample / "ledger.toml").read_bytes() == before
    assert not (sample / "data" / "units" / "x.csv").exists()


@pytest.mark.parametrize("where", ["missing/x.xlsx", "."])
def test_output_that_cannot_be_written_is_a_message(
    cli: Cli, sample: Path, tmp_path: Path, where: str
) -> None:
    code, out = cli("report", "-C", sample, "--today", SAMPLE_DAY, "--year", "-f", "xlsx",
                    "-o", tmp_path / where, "--lang", "en")  # fmt: skip
    assert code == 2 and "cannot write" in out
