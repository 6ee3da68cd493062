"""Pydantic validation errors to problems a clerk can act on.

Each pydantic error becomes one problem with a code from ``ledger.codes``, placed on the key (an
unknown key) or the value (a wrong value) it is about; a missing key is placed on the mapping
that should hold it. ``locate`` answers where a key path sits in the file and, for a scalar, how it
was written (``no``, ``0012``), so that the message can quote the clerk's own text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from annotated_types import Ge, Le
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ledger.codes import CODES
from ledger.hints import did_you_mean
from ledger.i18n import words
from ledger.model import CHILDREN, iso_hint
from ledger.problems import At, Loc, Problem

# (line, column, the scalar's text as written or None)
Locate = Callable[[Loc, At], tuple[int | None, int | None, str | None]]

# what a value should be: the i18n tables word expected.<kind>
_EXPECTED = ("text", "list", "mapping", "number", "whole_number", "date")
_TYPE_ERRORS = {
    "list_type": "list",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "dict_type": "mapping",
    "int_type": "whole_number",
    "int_parsing": "whole_number",
    "int_from_float": "whole_number",
}


def describe(value: object) -> dict[str, object]:
    """What a YAML value was read as, as words for the i18n tables (``found.<kind>``)."""
    if value is None:
        return words("found.nothing")
    if isinstance(value, bool):
        return words("found.bool", value="true" if value else "false")
    if isinstance(value, int | float):
        return words("found.number", value=value)
    if isinstance(value, date):
        return words("found.date", value=value.isoformat())
    if isinstance(value, str):
        return words("found.text")
    if isinstance(value, list):
        return words("found.list")
    if isinstance(value, dict):
        return words("found.mapping")
    return words("found.other", name=type(value).__name__)


def model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    cls: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or cls is None:
            continue
        cls = CHILDREN.get(cls, {}).get(part)
    return cls


def problems_from(
    error: ValidationError, path: str, model: type[BaseModel], locate: Locate
) -> list[Problem]:
    return [_problem(e, path, model, locate) for e in error.errors(include_url=False)]


def _bounds(model: type[BaseModel], loc: Loc) -> tuple[object, object]:
    owner = model_at(model, loc[:-1])
    low: object = "…"
    high: object = "…"
    if owner is not None and isinstance(loc[-1], str) and loc[-1] in owner.model_fields:
        for meta in owner.model_fields[loc[-1]].metadata:
            if isinstance(meta, Ge):
                low = meta.ge
            elif isinstance(meta, Le):
                high = meta.le
    return low, high


def _problem(e: ErrorDetails, path: str, model: type[BaseModel], locate: Locate) -> Problem:
    loc: Loc = tuple(e["loc"])
    kind = e["type"]
    ctx: dict[str, Any] = dict(e.get("ctx") or {})
    value = e.get("input")
    key = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")

    def at(code: str, args: dict[str, object], where: At = "value", point: Loc = loc) -> Problem:
        line, column, _ = locate(point, where)
        return Problem(path, code, args, line=line, column=column)

    if kind == "missing":
        return at("S002", {"key": key}, point=loc[:-1])
    if kind == "extra_forbidden":
        owner = model_at(model, loc[:-1])
        names = list(owner.model_fields) if owner else []
        return at("S001", {"key": key, **did_you_mean(key, names)}, where="key")
    if kind == "not_string":
        line, column, raw = locate(loc, "value")
        if raw is not None and not isinstance(value, list | dict) and value is not None:
            args = {"raw": raw, "key": key, "found": describe(value)}
            return Problem(path, "S004", args, line=line, column=column)
        return Problem(path, "S003", _type_args(key, "text", value), line=line, column=column)
    if kind == "S005":
        line, column, raw = locate(loc, "value")
        raw = raw if raw is not None else str(ctx.get("raw", value))
        iso = iso_hint(raw)
        hint = words("hint.iso", iso=iso) if iso else words("hint.none")
        args = {"raw": raw, "hint": hint}
        return Problem(path, "S005", args, line=line, column=column)
    if kind in CODES:
        return at(kind, {"key": key, **ctx})
    if kind == "wrong_type":
        return at("S003", _type_args(key, str(ctx.get("expected", "text")), value))
    if kind in _TYPE_ERRORS:
        return at("S003", _type_args(key, _TYPE_ERRORS[kind], value))
    if kind == "too_short":
        return at("S012", {"key": key})
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        low, high = _bounds(model, loc)
        return at("S010", {"key": key, "value": value, "low": low, "high": high})
    if kind == "literal_error":
        return at("S008", {"value": value, "choices": ctx.get("expected", "")})
    return at("S003", {"key": key, "expected": e["msg"], "found": describe(value)})


def _type_args(key: str, expected: str, value: object) -> dict[str, object]:
    kind = expected.replace(" ", "_")
    return {
        "key": key,
        "expected": words(f"expected.{kind}") if kind in _EXPECTED else expected,
        "found": describe(value),
    }
