"""The one place that sets pydantic's private attributes of a model (``__dict__``,
``__pydantic_fields_set__``, ``__pydantic_extra__``, ``__pydantic_private__``).

Two things the public API cannot do at the cost a warm command can pay:

- ``construct``: a model from values that were valid when they were cached, without validating
  them again. ``model_construct`` does the same, field by field with defaults and aliases, at
  several times the cost; a warm report builds every claim, milestone and progress entry.
- ``share_sets``: models with the same fields written share one set of their names
  (``model_fields_set``, about 200 bytes a model, a fifth of a unit's memory).

``tests/load/test_construct.py`` holds both to what pydantic's own ``model_validate`` makes, and
fails with a clear message on a pydantic release outside the range they were written for
(``PYDANTIC``).
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from ledger.model import CHILDREN

# the pydantic releases whose private attributes these functions set as pydantic does
PYDANTIC = ((2, 6), (3, 0))

M = TypeVar("M", bound=BaseModel)

_set_attr = object.__setattr__
_new = object.__new__
_SETS: dict[tuple[type[BaseModel], frozenset[str]], set[str]] = {}


def construct(model: type[M], values: dict[str, Any], fields_set: set[str]) -> M:
    """A ``model`` holding ``values`` (every field, already of its type), as if validated, with
    ``fields_set`` as the fields written (shared: never changed, the models are frozen)."""
    m: M = _new(model)
    _set_attr(m, "__dict__", values)
    _set_attr(m, "__pydantic_fields_set__", fields_set)
    _set_attr(m, "__pydantic_extra__", None)
    _set_attr(m, "__pydantic_private__", None)
    return m


def shared_set(model: type[BaseModel], names: frozenset[str]) -> set[str]:
    """The one set of these field names for ``model``."""
    return _SETS.setdefault((model, names), set(names))


def share_sets(model: M) -> M:
    """Let ``model`` and the models under it share one set of the fields written with every
    other model of their type with the same fields written."""
    stack: list[BaseModel] = [model]
    while stack:
        m = stack.pop()
        names = m.model_fields_set
        shared = _SETS.setdefault((type(m), frozenset(names)), names)
        if shared is not names:
            _set_attr(m, "__pydantic_fields_set__", shared)
        for key in CHILDREN.get(type(m), ()):
            stack.extend(getattr(m, key))
    return model
