"""edit/write.py: the edit lock, kept in the ledger, and refused with a message when it cannot be
taken; ``write_all``, several files all or nothing whatever step fails."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.edit import write
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


# -- write_all: several files, all or nothing (issue 21) ----------------------------------------

# where a failure is injected: the n-th call of one of the functions the write goes through
# (staging: mkstemp, fsync; keeping: link; replacing file k and putting back: replace)
STEPS = ["mkstemp", "fsync", "link", "replace"]


class Faults:
    """Fail the calls of ``step`` whose numbers are in ``at`` (counted from 1)."""

    def __init__(self, step: str, at: set[int]) -> None:
        self.step, self.at, self.calls = step, at, 0

    def wrap(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            if name == self.step:
                self.calls += 1
                if self.calls in self.at:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real(*args, **kwargs)

        return call

    @contextlib.contextmanager
    def injected(self) -> Iterator[None]:
        with contextlib.ExitStack() as stack:
            stack.enter_context(
                mock.patch.object(tempfile, "mkstemp", self.wrap("mkstemp", tempfile.mkstemp))
            )
            for name in ("fsync", "link", "replace"):
                stack.enter_context(mock.patch.object(os, name, self.wrap(name, getattr(os, name))))
            yield


def _state(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@settings(max_examples=150, deadline=None)
@given(
    files=st.lists(
        st.tuples(st.one_of(st.none(), st.binary(max_size=40)), st.binary(max_size=40)),
        min_size=1,
        max_size=5,
    ),
    step=st.sampled_from(STEPS),
    first=st.integers(1, 12),
    twice=st.booleans(),
)
def test_a_failure_at_any_step_leaves_every_file_as_it_was(
    files: list[tuple[bytes | None, bytes]], step: str, first: int, twice: bool
) -> None:
    """Each file is old (or absent) and new bytes; a failure at the ``first`` call of ``step``
    (and, with ``twice``, the next: a failed replace and then a failed first try to put a file
    back). Either no failure was met and every file is new, or every file is as it was; never a
    temporary file left."""
    with tempfile.TemporaryDirectory() as where:
        folder = Path(where)
        writes = []
        for i, (old, new) in enumerate(files):
            path = folder / f"d{i % 2}" / f"u{i}.yaml"
            path.parent.mkdir(exist_ok=True)
            snapshot = None
            if old is not None:
                path.write_bytes(old)
                snapshot = write.Snapshot.read(path)
            writes.append(write.Write(path, new, snapshot))
        before = _state(folder)
        faults = Faults(step, {first, first + 1} if twice else {first})
        with faults.injected():
            try:
                write.write_all(writes)
                failed = False
            except write.WriteFailed as exc:
                failed = True
                assert exc.kept == []
        after = _state(folder)
        if failed:
            assert after == before
        else:
            assert after == {w.path.relative_to(folder).as_posix(): w.data for w in writes}


@pytest.mark.parametrize("code", [errno.EACCES, errno.ENOSPC, errno.EPERM])
def test_the_second_replace_failing_puts_the_first_back(tmp_path: Path, code: int) -> None:
    paths = [tmp_path / "a.yaml", tmp_path / "b.yaml"]
    for p in paths:
        p.write_bytes(b"old " + p.name.encode())
    real = os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(dst) == paths[1]:
            raise OSError(code, os.strerror(code))
        real(src, dst)

    with mock.patch.object(os, "replace", replace), pytest.raises(write.WriteFailed) as caught:
        write.write_all([write.Write(p, b"new", write.Snapshot.read(p)) for p in paths])
    assert caught.value.path == paths[1] and caught.value.reason == os.strerror(code)
    assert [p.read_bytes() for p in paths] == [b"old a.yaml", b"old b.yaml"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]
