"""load/cache.py's fingerprint: computed from the package's own files, so that no change to the
code that decides what a file reads as (or what its checks find) can leave old entries in use."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from ledger.load import cache
from ledger.load.cache import code_hash, fingerprint

PACKAGE = Path(cache.__file__).resolve().parent.parent


def test_the_fingerprint_is_the_hash_of_the_package_s_code() -> None:
    assert fingerprint() == code_hash(PACKAGE)


def test_any_change_to_any_module_changes_it(tmp_path: Path) -> None:
    copy = tmp_path / "ledger"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = code_hash(copy)
    assert code_hash(copy) == before
    for rel in ("rules/progress.py", "load/file.py", "model.py", "checked.py"):
        path = copy / rel
        text = path.read_bytes()
        path.write_bytes(text + b"\n# changed\n")
        assert code_hash(copy) != before, rel
        path.write_bytes(text)
    assert code_hash(copy) == before
    (copy / "rules" / "new_family.py").write_text("X = 1\n", encoding="utf-8")
    assert code_hash(copy) != before, "a new module"
    (copy / "rules" / "new_family.py").unlink()
    (copy / "rules" / "claims.py").rename(copy / "rules" / "claims2.py")
    assert code_hash(copy) != before, "a module renamed"


def test_it_costs_little() -> None:
    start = time.perf_counter()
    for _ in range(5):
        code_hash(PACKAGE)
    assert (time.perf_counter() - start) / 5 < 0.05  # about 2 ms; a warm validate is 0.4 s
