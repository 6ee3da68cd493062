"""A ledger read from bytes in memory reads as the same files read from disk: the same models,
the same problems at the same places."""

from __future__ import annotations

from pathlib import Path

from ledger.load.ledger import load
from ledger.load.memory import load_files
from tests.conftest import REPO


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in [root / "ledger.toml", *(root / "data").rglob("*.yaml")]
    }


def test_the_sample_reads_as_from_disk() -> None:
    on_disk = load(REPO, cache=False)
    in_memory = load_files(REPO, _files(REPO))
    assert in_memory.ledger() == on_disk.ledger()
    assert in_memory.problems == on_disk.problems == []
    assert in_memory.files_read == on_disk.files_read


def test_problems_and_positions_as_from_disk(make_ledger: object) -> None:
    assert callable(make_ledger)
    root = make_ledger(
        units={
            "a": "id: a\nname: 甲\nclaims:\n  - project: K1\n    leader: [x]\n",
            "b": b"id: b\nname: \xd2\xd2\n",
        }
    )
    (root / "data/units/c.yml").write_bytes(b"id: c\n")
    on_disk = load(root, cache=False)
    in_memory = load_files(root, _files(root) | {"data/units/c.yml": b"id: c\n"})
    assert in_memory.resolve(in_memory.problems) == on_disk.resolve(on_disk.problems)
    assert {p.code for p in in_memory.problems} >= {"F003", "F007"}


def test_what_is_not_a_regular_file(make_ledger: object) -> None:
    assert callable(make_ledger)
    root = make_ledger()
    files = _files(root)
    files["data/units/d.yaml/inner.yaml"] = b"id: d\n"  # a folder named like a unit file
    loaded = load_files(root, files, {"data/units/b.yaml": "link", "ledger.toml": "link"})
    found = {(p.path, p.code) for p in loaded.problems}
    assert found == {
        ("ledger.toml", "F008"),
        ("data/units/b.yaml", "F008"),
        ("data/units/d.yaml", "F008"),
    }
    assert loaded.config is None
    assert [u.stem for u in loaded.units if u.unit is not None] == ["city"]


def test_missing_files(tmp_path: Path) -> None:
    loaded = load_files(tmp_path, {"ledger.toml": b'[ledger]\ntitle = "t"\nyear = 2026\n'})
    assert [(p.path, p.code) for p in loaded.problems] == [
        ("data/projects.yaml", "F001"),
        ("data/units", "F006"),
    ]
