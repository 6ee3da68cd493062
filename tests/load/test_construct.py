"""load/construct.py: the one place pydantic's private attributes are set, held to what
pydantic's own validation makes, on the pydantic releases it was written for."""

from __future__ import annotations

from datetime import date

import pydantic

from ledger.load.construct import PYDANTIC, construct, share_sets, shared_set
from ledger.model import Claim, ClaimMilestone, Progress


def test_pydantic_is_a_release_these_functions_were_written_for() -> None:
    version = tuple(int(n) for n in pydantic.VERSION.split(".")[:2])
    low, high = PYDANTIC
    assert low <= version < high, (
        f"pydantic {pydantic.VERSION} is outside {low}..{high}: ledger.load.construct sets "
        "pydantic's private attributes (__dict__, __pydantic_fields_set__, __pydantic_extra__, "
        "__pydantic_private__); check them against this release, then widen PYDANTIC"
    )


def test_a_constructed_model_is_the_validated_one() -> None:
    data = {"id": "survey", "done": date(2026, 3, 20)}
    validated = ClaimMilestone.model_validate(data)
    values = {name: getattr(validated, name) for name in ClaimMilestone.model_fields}
    names = shared_set(ClaimMilestone, frozenset(validated.model_fields_set))
    built = construct(ClaimMilestone, values, names)
    assert built == validated
    assert built.model_fields_set == validated.model_fields_set
    assert built.model_dump() == validated.model_dump()
    assert built.model_copy() == validated
    assert repr(built) == repr(validated)


def test_models_with_the_same_fields_written_share_one_set() -> None:
    entry = {
        "quarter": "2026Q1",
        "status": "on_track",
        "percent": 10,
        "summary": "进展",
        "reported": date(2026, 4, 2),
    }
    claim = {
        "project": "K1",
        "leader": "王某",
        "measures": ["排查"],
        "deadline": date(2026, 11, 30),
        "progress": [entry, {**entry, "quarter": "2026Q2"}],
    }
    a = share_sets(Claim.model_validate(claim))
    b = share_sets(Claim.model_validate(claim))
    assert a.model_fields_set is b.model_fields_set
    first, second = a.progress
    assert first.model_fields_set is second.model_fields_set
    assert first == Progress.model_validate(entry)
    assert a == Claim.model_validate(claim)
