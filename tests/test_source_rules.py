"""What no module of ``src/ledger`` may do, read from the source (issue 20): touch a private name
of pydantic or atexit; import Click, or Typer's internals, anywhere but ``ledger/cli/usage.py``;
assign to another library's module attributes; call ``os._exit``; plant a module in
``sys.modules``. Each rule is also run on a bad example, so that it is known to catch it."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

SRC = REPO / "src" / "ledger"
CLICK_MODULE = "ledger/cli/usage.py"  # the one module that reads Typer's bundled Click
GUARDED = ("pydantic", "atexit")  # libraries whose private names no module touches


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _modules(tree: ast.AST) -> dict[str, str]:
    """Local name -> the module it names, for every ``import`` of the file."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    names[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def _dotted(node: ast.AST, modules: dict[str, str]) -> str | None:
    """``a.b.c`` as the full dotted name it reads, when ``a`` is an imported module."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name) and node.id in modules:
        return ".".join([modules[node.id], *reversed(parts)])
    return None


def _imported(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Every dotted name the file imports, with its line."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


def problems(source: str, path: str) -> list[str]:
    """What the rules find in one module's source."""
    tree = ast.parse(source)
    modules = _modules(tree)
    found: list[str] = []

    def say(line: int, what: str) -> None:
        found.append(f"{path}:{line}: {what}")

    for line, name in _imported(tree):
        parts = name.split(".")
        if parts[0] in GUARDED and any(_private(p) for p in parts[1:]):
            say(line, f"imports a private name of {parts[0]}: {name}")
        internal = parts[0] == "click" or (
            parts[0] == "typer" and any(_private(p) for p in parts[1:])
        )
        if internal and path != CLICK_MODULE:
            say(line, f"imports Click or Typer's internals ({name}): only {CLICK_MODULE} may")
        if name == "os._exit":
            say(line, "imports os._exit")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            dotted = _dotted(node, modules)
            if dotted is None:
                continue
            parts = dotted.split(".")
            if parts[0] in GUARDED and any(_private(p) for p in parts[1:]):
                say(node.lineno, f"touches a private name of {parts[0]}: {dotted}")
            if parts[0] == "typer" and path != CLICK_MODULE and any(_private(p) for p in parts):
                say(node.lineno, f"touches Typer's internals ({dotted}): only {CLICK_MODULE} may")
            if dotted == "os._exit":
                say(node.lineno, "calls os._exit")
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        for target in targets:
            where = target.value if isinstance(target, ast.Subscript) else target
            dotted = _dotted(where, modules) if isinstance(where, ast.Attribute) else None
            if dotted is None:
                continue
            if dotted == "sys.modules":
                say(target.lineno, "plants a module in sys.modules")
            elif isinstance(target, ast.Attribute) and not dotted.startswith("ledger."):
                say(target.lineno, f"assigns to another library's module attribute {dotted}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = _dotted(node.func.value, modules)
            if owner == "sys.modules" and node.func.attr in ("__setitem__", "setdefault", "update"):
                say(node.lineno, "plants a module in sys.modules")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "setattr"
            and node.args
            and isinstance(node.args[0], ast.Name | ast.Attribute)
        ):
            first = node.args[0]
            module = (
                modules.get(first.id) if isinstance(first, ast.Name) else _dotted(first, modules)
            )
            if module is not None and not module.startswith("ledger"):
                say(node.lineno, f"assigns to another library's module attribute ({module})")
    return found


def _sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_no_module_breaks_the_rules() -> None:
    found = [
        p
        for path in _sources()
        for p in problems(path.read_text(encoding="utf-8"), path.relative_to(SRC.parent).as_posix())
    ]
    assert not found, "\n".join(found)


def test_the_click_module_exists() -> None:
    assert (SRC.parent / CLICK_MODULE).is_file()


@pytest.mark.parametrize(
    ("source", "says"),
    [
        ("import atexit\natexit._run_exitfuncs()\n", "private name of atexit"),
        ("from pydantic.plugin import _loader\n", "private name of pydantic"),
        ("import pydantic._internal._model_construction\n", "private name of pydantic"),
        ("from typer._click import exceptions\n", "Typer's internals"),
        ("import click\n", "Click or Typer's internals"),
        ("import typer.core\ntyper.core._ = str\n", "module attribute typer.core._"),
        ("import typer\nx = typer.core._\n", "Typer's internals"),
        ("import os\nos._exit(0)\n", "os._exit"),
        ("from os import _exit\n", "os._exit"),
        ("import sys\nsys.modules['pydantic.plugin._loader'] = object()\n", "sys.modules"),
        ("import sys\nsys.modules.setdefault('x', sys)\n", "sys.modules"),
        ("import json\njson.dumps = repr\n", "module attribute json.dumps"),
        ("import json\nsetattr(json, 'dumps', repr)\n", "module attribute (json)"),
    ],
)
def test_each_rule_catches_its_example(source: str, says: str) -> None:
    found = problems(source, "ledger/x.py")
    assert any(says in p for p in found), found


def test_the_click_module_may_read_typers_click() -> None:
    assert problems("from typer._click import exceptions\n", CLICK_MODULE) == []
    # but not touch a private name of pydantic
    assert problems("import pydantic\npydantic._x\n", CLICK_MODULE)
