"""ledger.toml: its settings, or the problems that stop every command (exit 2)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from ledger.i18n import words
from ledger.load.shape import problems_from
from ledger.load.text import read_text
from ledger.model import Config
from ledger.problems import At, Loc, Problem
from ledger.visible import CONTROL

CONFIG = "ledger.toml"
_TOO_DEEP = {"problem": words("toml.too_deep")}
_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def load_config(root: Path) -> tuple[Config | None, list[Problem]]:
    text, problems = read_text(root / CONFIG, CONFIG)
    if text is None:
        return None, problems
    return config_of(text)


def config_of(text: str) -> tuple[Config | None, list[Problem]]:
    """The settings ``ledger.toml``'s text holds (the file read from disk or from git)."""
    try:
        raw = tomllib.loads(text)
        raw = _drop_user_keys(raw)
        controls = list(_controls(raw, ()))
    except RecursionError:  # arrays or tables nested hundreds deep: tomllib recurses
        return None, [Problem(CONFIG, "C001", _TOO_DEEP, line=1, column=1)]
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = _TOML_AT.search(message)
        line: int | None
        column: int | None
        if m:
            line, column = int(m[1]), int(m[2])
        else:  # "(at end of document)"
            lines = text.splitlines() or [""]
            line, column = len(lines), len(lines[-1]) + 1
        problem = re.sub(r"\(at end of document\)", "", _TOML_AT.sub("", message)).strip()
        return None, [Problem(CONFIG, "C001", {"problem": problem}, line=line, column=column)]
    if controls:
        return None, [
            Problem(CONFIG, "S013", {"char": char}, line=line, column=column)
            for loc, char in controls
            for line, column, _ in [_locate(text, loc, "value")]
        ]
    try:
        config = Config.model_validate(raw)
    except ValidationError as exc:
        return None, problems_from(exc, CONFIG, Config, lambda loc, at: _locate(text, loc, at))
    weights = config.evaluation
    total = weights.milestones + weights.reports + weights.completion + weights.rectification
    if total != 100:
        line, column, _ = _locate(text, ("evaluation",), "key")
        return None, [Problem(CONFIG, "C002", {"total": total}, line=line, column=column)]
    return config, []


def _drop_user_keys(table: dict[str, object]) -> dict[str, object]:
    return {
        k: _drop_user_keys(v) if isinstance(v, dict) else v
        for k, v in table.items()
        if not k.startswith("x-")
    }


def _controls(value: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """The key path and name of each text holding a control character (from a TOML escape
    such as ``"\\u001b"``: raw ones are found before parsing)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _controls(v, (*loc, k))
    elif isinstance(value, list):
        for v in value:
            yield from _controls(v, loc)
    elif isinstance(value, str) and (bad := CONTROL.search(value)) is not None:
        yield loc, f"U+{ord(bad.group()):04X}"


def _locate(text: str, loc: Loc, at: At) -> tuple[int | None, int | None, str | None]:
    """Where ``[section]`` or ``key =`` is written: tomllib keeps no positions, and a settings
    file is small enough to search."""
    lines = text.splitlines()
    section, key = (str(loc[0]), str(loc[1]) if len(loc) > 1 else None) if loc else ("", None)
    header = re.compile(rf"^\s*\[\s*{re.escape(section)}\s*\]")
    start = next((i for i, line in enumerate(lines) if header.match(line)), None)
    if start is None:
        return (1, 1, None)
    if key is None:
        return (start + 1, 1, None)
    assign = re.compile(rf"^(\s*){re.escape(key)}\s*=\s*(.*?)\s*(#.*)?$")
    for i in range(start + 1, len(lines)):
        if lines[i].lstrip().startswith("["):
            break
        m = assign.match(lines[i])
        if m:
            if at == "key":
                return (i + 1, len(m[1]) + 1, None)
            return (i + 1, m.start(2) + 1, m[2])
    sub = re.compile(rf"^\s*\[\s*{re.escape(section)}\s*\.\s*{re.escape(key)}\s*\]")
    table = next((i for i, line in enumerate(lines) if sub.match(line)), None)
    return (table + 1, 1, None) if table is not None else (start + 1, 1, None)
