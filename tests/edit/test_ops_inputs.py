"""edit/ops.py, the hostile-input tests (files an edit must refuse). To be folded into
tests/edit/test_ops.py once house-load (which adds that file) is merged."""

from __future__ import annotations

import stat
from pathlib import Path

from tests.conftest import SAMPLE_DAY, LedgerMaker
from tests.support import UNIT_A, A, Cli, ledger_files


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
