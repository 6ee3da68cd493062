"""What the bad-input and rule tests share: a small correct unit, and the problems of a ledger
as (path, code, line, column)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ledger.problems import Problem
from ledger.validate import validate
from tests.conftest import BOOK, CITY, CONFIG

Cli = Callable[..., tuple[int, str]]
Where = tuple[str, str, int | None, int | None]

TODAY = date(2026, 11, 25)
A = "data/units/a.yaml"
BOOK_PATH = "data/projects.yaml"

# A unit that claims K1 correctly: lines 1-7, so that the lines each test adds start at 8.
UNIT_A = """\
id: a
name: 甲单位
claims:
  - project: K1
    leader: 王某
    measures: [开展排查]
    deadline: 2026-11-30
"""


def found(root: Path, today: date = TODAY, ignore: tuple[str, ...] = ("W001",)) -> list[Problem]:
    """Every problem of the ledger but the codes in ``ignore`` (by default the warning about the
    default book's projects nobody claimed), in report order. Each time, the same from the
    checks run as of ``today`` (``direct``), without the cache, and from the cache (filled, then
    read)."""
    expected = direct(root, today)
    for cache in (False, True, True):
        assert validate(root, today, cache=cache).problems == expected, f"cache={cache}"
    return [p for p in expected if p.code not in ignore]


def direct(root: Path, today: date) -> list[Problem]:
    """The problems of a ledger from every check run as of ``today`` on every file, without
    the cache (``validate`` takes the findings of each file from it where they hold:
    ``ledger.checked``)."""
    from ledger import rules
    from ledger.load import load

    loaded = load(root, cache=False)
    problems = loaded.resolve(loaded.problems + rules.run(loaded, today))
    return sorted(problems, key=Problem.sort_key)


def at(problems: list[Problem]) -> list[Where]:
    return [(p.path, p.code, p.line, p.column) for p in problems]


def ledger_files(root: Path) -> dict[str, bytes]:
    """Every file of a ledger folder and its bytes, by path; the cache (.ledger-cache/) aside,
    which is not the ledger's and which any command may refresh."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".ledger-cache" not in p.relative_to(root).parts
    }


def check(
    tmp_path: Path,
    yaml_text: str,
    expect: list[tuple[int, int, str]],
    *,
    file: str = "a",
    book: str | None = None,
    config: str | None = None,
    units: dict[str, str] | None = None,
    today: date = TODAY,
    ignore: tuple[str, ...] = ("W001",),
) -> list[Problem]:
    """The rule tests' helper, in the spirit of yamllint's ``RuleTestCase.check``: write a tiny
    ledger (the default book and config of tests/conftest.py, the ``city`` unit, any other
    ``units``, and ``yaml_text`` dedented as data/units/<file>.yaml), validate it as of ``today``
    and assert that the problems of that file are exactly ``expect`` as (line, column, code), in
    order, so that a test's expected places can be read off its text. Returns those problems (for
    their messages); ``found(tmp_path / "ledger")`` gives the rest."""
    root = tmp_path / "ledger"
    (root / "data" / "units").mkdir(parents=True, exist_ok=True)
    files = {
        "ledger.toml": CONFIG if config is None else config,
        "data/projects.yaml": BOOK if book is None else book,
        "data/units/city.yaml": CITY,
    }
    files.update({f"data/units/{name}.yaml": text for name, text in (units or {}).items()})
    path = f"data/units/{file}.yaml"
    files[path] = yaml_text.removeprefix("\n")
    for rel, text in files.items():
        (root / rel).write_text(textwrap.dedent(text), encoding="utf-8")
    mine = [p for p in found(root, today, ignore) if p.path == path]
    assert [(p.line, p.column, p.code) for p in mine] == expect
    return mine
