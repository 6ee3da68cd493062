"""edit/ops.py's ``apply``: one reading of the ledger, one validation with the new bytes, and
nothing read again after it."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

import ledger.edit.ops as ops
import ledger.edit.refusal as refusal
import ledger.load.ledger as loader
from ledger.edit.ops import EditError, apply, record_progress
from ledger.load import Loaded
from ledger.load.cache import Cache
from ledger.validate import validate
from tests.conftest import SAMPLE_DAY, LedgerMaker
from tests.support import UNIT_A, A, Cli, ledger_files

TODAY = date(2026, 11, 25)


def counted(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[Any]:
    calls: list[Any] = []
    real: Callable[..., Any] = getattr(module, name)

    def count(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, count)
    return calls


def _progress(percent: int) -> Callable[[Loaded], ops.Edit]:
    return lambda at: record_progress(at, "a", "K1", "2026Q3", "on_track", percent, "进展", TODAY)


@pytest.mark.parametrize("broken_elsewhere", [False, True])
def test_an_edit_reads_the_ledger_once_and_validates_once(
    make_ledger: LedgerMaker, monkeypatch: pytest.MonkeyPatch, broken_elsewhere: bool
) -> None:
    units: dict[str, str | bytes | None] = {"a": UNIT_A}
    if broken_elsewhere:  # an error already there: a note, from the same pass
        units["b"] = "id: b\nname: 乙\nparent: nobody\n"
    root = make_ledger(units=units)
    validate(root, TODAY)  # a filled cache
    loads = counted(monkeypatch, ops, "load")
    checks = counted(monkeypatch, refusal, "validate_loaded")
    reads = counted(monkeypatch, loader, "read_part")
    edit = apply(root, TODAY, _progress(40))
    assert edit.changed
    assert len(loads) == 1 and len(checks) == 1
    assert [rel for rel, _ in reads] == [A]  # the new bytes, once; the others from the cache
    assert [p.code for p in edit.notes] == (["R004"] if broken_elsewhere else [])
    written = (root / A).read_bytes()
    assert reads[0][1] == written  # validated as written
    cache = Cache(root)
    assert cache.read_pack()[A].key == cache.key("unit", A, written)
    reads.clear()
    again = validate(root, TODAY)
    assert reads == [] and again.checked == []  # the pack holds the file and its findings


def test_an_edit_bringing_an_error_is_refused_from_the_same_pass(
    make_ledger: LedgerMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_ledger(units={"a": UNIT_A, "b": "id: b\nname: 乙\nparent: nobody\n"})
    before = (root / A).read_bytes()
    checks = counted(monkeypatch, refusal, "validate_loaded")
    with pytest.raises(EditError) as caught:
        apply(
            root,
            TODAY,
            lambda at: record_progress(at, "a", "K1", "2027Q1", "on_track", 40, "进展", TODAY),
        )
    assert caught.value.key == "invalid_result"
    # the error already in b.yaml (R004) is an old one: only the edit's own refuse it
    assert {(p.path, p.code) for p in caught.value.problems} == {(A, "D005"), (A, "D006")}
    assert len(checks) == 1
    assert (root / A).read_bytes() == before


def test_the_operations_work_on_the_reading_they_are_given(make_ledger: LedgerMaker) -> None:
    root = make_ledger(units={"a": UNIT_A})
    reading = loader.load(root)
    (root / A).write_text("changed on disk after the reading\n", encoding="utf-8")
    edit = _progress(40)(reading)
    assert edit.old.raw == UNIT_A.encode() and edit.rel == A
    assert isinstance(edit.path, Path)


def _done(cli: Cli, root: Path) -> tuple[int, str]:
    return cli("done", "a", "K1", "survey", "-C", root, "--today", SAMPLE_DAY, "--lang", "en")


def test_an_edit_of_a_cr_only_file_is_refused(cli: Cli, make_ledger: LedgerMaker) -> None:
    root = make_ledger(units={"a": UNIT_A.replace("\n", "\r").encode()})
    before = ledger_files(root)
    code, out = _done(cli, root)
    assert code == 2 and "CR alone" in out, out
    assert ledger_files(root) == before


def test_an_edit_of_a_read_only_file_is_refused(cli: Cli, make_ledger: LedgerMaker) -> None:
    root = make_ledger(units={"a": UNIT_A})
    (root / A).chmod(0o444)
    before = ledger_files(root)
    code, out = _done(cli, root)
    assert code == 2 and "read-only" in out, out
    assert ledger_files(root) == before
    assert stat.S_IMODE((root / A).stat().st_mode) == 0o444


def test_an_edit_through_a_link_is_refused(
    cli: Cli, make_ledger: LedgerMaker, tmp_path: Path
) -> None:
    root = make_ledger()
    real = tmp_path / "real.yaml"
    real.write_text(UNIT_A, encoding="utf-8")
    (root / A).symlink_to(real)
    code, out = _done(cli, root)
    assert code == 2 and "not a regular file" in out, out
    assert real.read_text(encoding="utf-8") == UNIT_A
    assert (root / A).is_symlink()


# -- several files: all or nothing (issue 21, contract section 9) -------------------------------

UNIT_B = UNIT_A.replace("id: a", "id: b").replace("甲单位", "乙单位")


def _second_replace_fails(monkeypatch: pytest.MonkeyPatch, code: int) -> list[str]:
    """``os.replace`` onto the second unit file written fails with ``code``; the names of the
    unit files replaced, in order."""
    real = os.replace
    replaced: list[str] = []

    def replace(src: Any, dst: Any) -> None:
        name = Path(dst).name
        if Path(dst).parent.name == "units" and not name.startswith("."):
            replaced.append(name)
            if len(replaced) == 2:
                raise OSError(code, os.strerror(code))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    return replaced


def _filled_form(cli: Cli, root: Path, out: Path, unit: str) -> Path:
    code, output = cli("form", "-q", "-o", out, "-u", unit, "-C", root, "--today", SAMPLE_DAY)
    assert code == 0, output
    path = out / f"{unit}-2026Q4.xlsx"
    wb = load_workbook(path)
    ws = wb["progress"]
    col = {c.value: c.column for c in ws[1] if c.value is not None}
    for key, value in {"status": "正常推进", "percent": 50, "summary": "推进"}.items():
        ws.cell(3, col[key]).value = value
    wb.save(path)
    return path


@pytest.mark.parametrize("code", [errno.EACCES, errno.ENOSPC, errno.EPERM])
def test_an_import_whose_second_file_cannot_be_written_writes_none(
    cli: Cli,
    make_ledger: LedgerMaker,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
) -> None:
    root = make_ledger(units={"a": UNIT_A, "b": UNIT_B})
    forms = [_filled_form(cli, root, tmp_path / "out", u) for u in ("a", "b")]
    before = ledger_files(root)
    replaced = _second_replace_fails(monkeypatch, code)
    status, out = cli("import", *forms, "-C", root, "--today", SAMPLE_DAY, "--lang", "en")
    monkeypatch.undo()
    # the first file was replaced before the second failed (else the test tests nothing)
    assert len(replaced) >= 2 and replaced[0] != replaced[1], replaced
    assert ledger_files(root) == before, out  # the first file too, byte for byte
    assert status == 1, out
    second = f"data/units/{replaced[1]}"
    assert f"could not write {second} ({os.strerror(code)})" in out, out
    assert "nothing was written, every file is as it was" in out
    assert "Traceback" not in out
    assert [p.name for p in (root / "data" / "units").glob(".*")] == []  # no temporary file
    # and with the disk back, the same import writes both
    status, out = cli("import", *forms, "-C", root, "--today", SAMPLE_DAY, "--lang", "en")
    assert status == 0, out
    assert ledger_files(root)[A] != before[A]


def test_an_import_into_a_folder_it_cannot_write_writes_none(
    cli: Cli, make_ledger: LedgerMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unwritable target (a read-only folder for a clerk, an immutable file even for root:
    ``access`` says no) is found before any file is replaced."""
    root = make_ledger(units={"a": UNIT_A, "b": UNIT_B})
    forms = [_filled_form(cli, root, tmp_path / "out", u) for u in ("a", "b")]
    before = ledger_files(root)
    real = os.access
    b = root / "data" / "units" / "b.yaml"
    monkeypatch.setattr(os, "access", lambda p, m, **k: Path(p) != b and real(p, m, **k))
    status, out = cli("import", *forms, "-C", root, "--today", SAMPLE_DAY, "--lang", "en")
    monkeypatch.undo()
    assert status == 1, out
    assert "could not write data/units/b.yaml (Permission denied)" in out, out
    assert ledger_files(root) == before


def test_a_file_that_cannot_be_put_back_is_named_with_where_its_old_text_is(
    make_ledger: LedgerMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one case all or nothing cannot keep (the replace fails, and putting back the first
    file fails twice): the message says which file and where its old bytes are."""
    root = make_ledger(units={"a": UNIT_A, "b": UNIT_B})
    before = ledger_files(root)
    real = os.replace
    calls: list[str] = []

    def replace(src: Any, dst: Any) -> None:
        if Path(dst).parent.name == "units":
            calls.append(str(dst))
        if len(calls) >= 2:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real(src, dst)

    def both(at: Loaded) -> list[ops.Edit]:
        return [record_progress(at, u, "K1", "2026Q4", "on_track", 40, "进展", TODAY) for u in "ab"]

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(EditError) as caught:
        ops.apply_all(root, TODAY, both)
    monkeypatch.undo()
    assert caught.value.key == "write_not_put_back"
    kept = caught.value.args_["kept"]
    assert isinstance(kept, str) and kept.startswith(f"{A} (data/units/.a.yaml.")
    backup = root / kept.split("(")[1].rstrip(")")
    assert backup.read_bytes() == before[A]


def test_an_import_whose_second_file_is_immutable_writes_none(
    cli: Cli, make_ledger: LedgerMaker, tmp_path: Path
) -> None:
    """A real immutable file (``chattr +i``: even root cannot replace it), where the system
    allows setting one."""
    root = make_ledger(units={"a": UNIT_A, "b": UNIT_B})
    forms = [_filled_form(cli, root, tmp_path / "out", u) for u in ("a", "b")]
    before = ledger_files(root)
    b = root / "data" / "units" / "b.yaml"
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", b], capture_output=True).returncode:
        pytest.skip("no immutable files here")
    try:
        status, out = cli("import", *forms, "-C", root, "--today", SAMPLE_DAY, "--lang", "en")
    finally:
        subprocess.run([chattr, "-i", b], check=True)
    assert ledger_files(root) == before, out
    assert status == 1, out
    assert "could not write data/units/b.yaml" in out and "nothing was written" in out
