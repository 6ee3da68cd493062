"""settings.py: where the ledger is (``--root``, ``$LEDGER_ROOT``, the nearest folder above) and
which day ``--today`` names, or a settings problem (exit 2) named by its message key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ledger.settings import SettingsError, find_root, parse_day


@pytest.fixture
def ledgers(tmp_path: Path) -> tuple[Path, Path]:
    """Two ledgers, the second inside a folder of the first: (outer, inner)."""
    outer, inner = tmp_path / "outer", tmp_path / "outer" / "sub" / "inner"
    for root in (outer, inner):
        root.mkdir(parents=True)
        (root / "ledger.toml").write_text("[ledger]\n", encoding="utf-8")
    return outer, inner


def test_the_explicit_root_wins_over_the_environment_and_the_folder(
    ledgers: tuple[Path, Path],
) -> None:
    outer, inner = ledgers
    assert find_root(outer, str(inner), inner) == outer
    assert find_root(None, str(outer), inner) == outer
    assert find_root(None, "", inner) == inner  # an empty variable is no variable


def test_the_nearest_ledger_at_or_above_the_current_folder(ledgers: tuple[Path, Path]) -> None:
    outer, inner = ledgers
    (inner / "data" / "units").mkdir(parents=True)
    assert find_root(None, None, inner / "data" / "units") == inner
    assert find_root(None, None, outer / "sub") == outer


def _key(call: object) -> tuple[str, dict[str, object]]:
    with pytest.raises(SettingsError) as caught:
        call()  # type: ignore[operator]
    return caught.value.key, caught.value.args_


def test_a_root_that_is_no_ledger_is_a_settings_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    assert _key(lambda: find_root(missing, None, tmp_path)) == ("root_not_dir", {"root": missing})
    assert _key(lambda: find_root(None, str(tmp_path), tmp_path)) == (
        "root_no_config",
        {"root": tmp_path},
    )
    assert _key(lambda: find_root(None, None, tmp_path))[0] == "no_root"


def test_a_day_in_iso_form() -> None:
    assert parse_day("2026-11-25") == date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("2026/3/5", {"words": "hint.iso_guess", "iso": "2026-03-05"}),
        ("2026-02-30", ""),  # the ISO form, but no such day
        ("tomorrow", ""),
        ("２０２６-１１-２５", {"words": "hint.iso_guess", "iso": "2026-11-25"}),
    ],
)
def test_a_day_that_is_not_one_is_a_settings_error_with_the_iso_form_guessed(
    text: str, hint: object
) -> None:
    assert _key(lambda: parse_day(text)) == ("bad_today", {"value": text, "hint": hint})
    assert _key(lambda: parse_day(text, "bad_since"))[0] == "bad_since"
