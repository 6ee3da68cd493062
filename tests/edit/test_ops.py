"""edit/ops.py's ``apply``: one reading of the ledger, one validation with the new bytes, and
nothing read again after it."""

from __future__ import annotations

import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import ledger.edit.ops as ops
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
    checks = counted(monkeypatch, ops, "validate_loaded")
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
    checks = counted(monkeypatch, ops, "validate_loaded")
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
