"""The command-line process keeps its latest reading of the ledger until it ends (and ends
without freeing it); a program using the library keeps nothing."""

from __future__ import annotations

import weakref

import pytest

from ledger import lifetime
from ledger.load import load
from tests.conftest import REPO


def test_the_library_keeps_no_reading() -> None:
    loaded = load(REPO, cache=False)
    gone = weakref.ref(loaded)
    del loaded
    assert gone() is None


def test_the_command_line_keeps_the_latest_reading_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lifetime, "_kept", None)
    lifetime.keep_until_exit()
    first = load(REPO, cache=False)
    kept_first = weakref.ref(first)
    del first
    assert kept_first() is not None
    second = load(REPO, cache=False)
    kept_second = weakref.ref(second)
    del second
    assert kept_first() is None  # freed when the next reading took its place
    assert kept_second() is not None
