"""The tests mirror ``src/ledger`` module by module (tests/README.md): every module with code of
its own has its test file, or a reason in ``EXEMPT`` below why it has nothing of its own to test."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

SRC = REPO / "src" / "ledger"
TESTS = REPO / "tests"

# Modules with nothing of their own to test, each with the reason. Keep it short: a module that
# gains behaviour gains a test file, and this test then asks for its line to go.
EXEMPT = {
    # ``python -m ledger``: two lines calling ``cli.main``, run by every real-process test
    # (tests/runs.py, tests/cli/test_cli.py)
    "__main__.py",
    # the word tables: tests/test_codes.py holds both to the same keys and {fields}, and
    # tests/i18n/test_i18n.py reads them through ``t``
    "i18n/zh.py",
    "i18n/en.py",
    # the help tables: tests/cli/test_build.py asks every command and option for its help in
    # each language, tests/cli/test_lang.py shows it
    "i18n/help_zh.py",
    "i18n/help_en.py",
    # the sentences of ledger diff, part of the word tables (held as they are); every kind's
    # sentence is read by tests/diff/test_sentences.py
    "i18n/diff_zh.py",
    "i18n/diff_en.py",
}


def mirrored(module: str) -> str:
    """The test file of ``src/ledger/<module>``: ``<pkg>/<mod>.py`` in
    ``tests/<pkg>/test_<mod>.py``, ``<mod>.py`` in ``tests/test_<mod>.py``, a package's
    ``__init__.py`` in ``tests/<pkg>/test_<pkg>.py`` (the top package's in tests/test_ledger.py)."""
    path = Path(module)
    if path.name == "__init__.py":
        package = path.parent
        name = "ledger" if package == Path() else package.name
        return (package / f"test_{name}.py").as_posix()
    return (path.parent / f"test_{path.name}").as_posix()


def has_code(file: Path) -> bool:
    """More than a docstring (an ``__init__.py`` that only describes its package has nothing to
    test)."""
    body = ast.parse(file.read_text(encoding="utf-8")).body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return bool(body)


def modules() -> list[str]:
    return sorted(
        p.relative_to(SRC).as_posix() for p in SRC.rglob("*.py") if "__pycache__" not in p.parts
    )


def test_the_convention() -> None:
    assert mirrored("render/csv.py") == "render/test_csv.py"
    assert mirrored("settings.py") == "test_settings.py"
    assert mirrored("cli/__init__.py") == "cli/test_cli.py"
    assert mirrored("__init__.py") == "test_ledger.py"


def test_every_module_has_its_test_file() -> None:
    missing = [
        f"src/ledger/{m} -> tests/{mirrored(m)}"
        for m in modules()
        if m not in EXEMPT and has_code(SRC / m) and not (TESTS / mirrored(m)).is_file()
    ]
    assert not missing, "modules without a test file of their own:\n" + "\n".join(missing)


def test_every_exemption_is_still_needed() -> None:
    stale = [m for m in EXEMPT if not (SRC / m).is_file() or (TESTS / mirrored(m)).is_file()]
    assert not stale, f"remove from EXEMPT (gone, or tested now): {stale}"
