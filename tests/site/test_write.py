"""site/write.py: the output folder, written only where it may be and then exactly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ledger.site import write
from ledger.site.write import MARKER, SiteRefused, check_folder, write_site

FILES = {"index.html": b"<p>1</p>", "units/a.html": b"<p>a</p>"}


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_new_folder_then_the_same_folder_again(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site(out, FILES, tmp_path / "ledger", "marker\n")
    assert _tree(out) == {**FILES, MARKER: b"marker\n"}
    write_site(out, {"index.html": b"<p>2</p>"}, tmp_path / "ledger", "marker\n")
    assert _tree(out) == {"index.html": b"<p>2</p>", MARKER: b"marker\n"}
    # nothing left beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.parametrize(
    ("make", "key"),
    [
        (lambda p: p.write_text("x"), "site.refused.file"),
        (lambda p: (p.mkdir(), (p / "a.txt").write_text("x")), "site.refused.foreign"),
        (lambda p: (p.mkdir(), (p / ".hidden").write_text("x")), "site.refused.foreign"),
        (lambda p: os.symlink(p.parent, p), "site.refused.link"),
    ],
)
def test_refused(tmp_path: Path, make: object, key: str) -> None:
    out = tmp_path / "out"
    make(out)  # type: ignore[operator]
    with pytest.raises(SiteRefused) as caught:
        check_folder(out, tmp_path / "ledger")
    assert caught.value.key == key


def test_inside_the_ledgers_own_files(tmp_path: Path) -> None:
    root = tmp_path / "ledger"
    (root / "data").mkdir(parents=True)
    for place in (root / "data", root / "data" / "x", root / ".git" / "site", root / "ledger.toml"):
        with pytest.raises(SiteRefused) as caught:
            check_folder(place, root)
        assert caught.value.key == "site.refused.own"


def test_a_failure_while_writing_leaves_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    write_site(out, FILES, tmp_path / "ledger", "m\n")
    before = _tree(out)

    def broken(staged: Path, files: object, marker: str) -> None:
        (staged / "half.html").write_text("half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write, "_fill", broken)
    with pytest.raises(SiteRefused) as caught:
        write_site(out, {"index.html": b"new"}, tmp_path / "ledger", "m\n")
    assert caught.value.key == "cannot_write"
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failure_of_the_swap_puts_the_old_site_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    write_site(out, FILES, tmp_path / "ledger", "m\n")
    before = _tree(out)
    real = os.rename

    def rename(src: str | Path, dst: str | Path) -> None:
        if Path(src).name.endswith(".new"):
            raise OSError(5, "I/O error")
        real(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(SiteRefused):
        write_site(out, {"index.html": b"new"}, tmp_path / "ledger", "m\n")
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
