"""edit/write.py: the edit lock, kept in the ledger, and refused with a message when it cannot be
taken."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLE_DAY, LedgerMaker
from tests.runs import ledger, unprivileged
from tests.support import UNIT_A, ledger_files


def test_a_read_only_ledger_folder_refuses_the_edit_lock_with_a_message(sample: Path) -> None:
    before = ledger_files(sample)
    for folder in (sample, sample / "data", sample / "data" / "units"):
        folder.chmod(0o555)
    try:
        code, out = unprivileged(
            "done", "ulanqab-org", "K1", "survey", "-C", sample, "--today", SAMPLE_DAY,
            "--lang", "en",
        )  # fmt: skip
    finally:
        for folder in (sample, sample / "data", sample / "data" / "units"):
            folder.chmod(0o755)
    assert code == 2 and "cannot take the edit lock .ledger-cache/lock" in out, out
    assert ledger_files(sample) == before


@pytest.mark.parametrize("kind", ["folder", "other user's file"])
def test_a_lock_that_is_a_folder_or_not_ours_is_a_message(sample: Path, kind: str) -> None:
    cache = sample / ".ledger-cache"
    cache.mkdir()
    lock = cache / "lock"
    if kind == "folder":
        lock.mkdir()
    else:
        lock.write_text("")
        lock.chmod(0o444)  # another user's 0644 file, as far as a clerk without root can tell
    before = ledger_files(sample)
    code, out = unprivileged(
        "done", "ulanqab-org", "K1", "survey", "-C", sample, "--today", SAMPLE_DAY, "--lang", "en"
    )
    assert code == 2 and "edit lock" in out, out
    assert ledger_files(sample) == before


def test_the_edit_lock_is_kept_in_the_ledger(make_ledger: LedgerMaker) -> None:
    root = make_ledger(units={"a": UNIT_A})
    code, out = ledger("done", "a", "K1", "survey", "-C", root, "--today", SAMPLE_DAY)
    assert code == 0, out
    assert (root / ".ledger-cache" / "lock").is_file()
    assert (root / ".ledger-cache" / ".gitignore").read_text(encoding="utf-8") == "*\n"
