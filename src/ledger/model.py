"""Pydantic models of the files of a ledger, and the ``Ledger`` that holds them.

The models check the shape of each file (contract sections 2-4, 10): keys, types, id patterns,
date form, enumerations, ranges. Checks that need more than one value or more than one file live in
``ledger.rules``. Errors raised here carry a ``PydanticCustomError`` type equal to a problem code,
so ``ledger.rules.schema`` can turn each into a problem without guessing.

Values the YAML loader reads as dates arrive as ``datetime.date``; anything else that looks like a
date (``2026/3/31``, ``2026-13-01``) arrives as text, so that the error can say what is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

# -- scalar types ---------------------------------------------------------------------------------

PROJECT_ID = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$"
MILESTONE_ID = r"^[a-z0-9][a-z0-9_-]{0,31}$"
UNIT_ID = r"^[a-z0-9][a-z0-9_-]{0,63}$"
VISIT_ID = UNIT_ID  # contract section 10: a visit's id is written as a unit's
FINDING_ID = MILESTONE_ID  # and a finding's as a milestone's
# Patterns are matched whole (``fullmatch``): Python's ``$`` also matches before a final newline,
# so ``"2026Q1\n"`` would pass a ``match``. The ``^…$`` spelling stays for the JSON schema.
QUARTER = re.compile(r"([0-9]{4})Q([1-4])")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # YYYY-MM-DD, the contract's dates

_ID_RULES = {
    # the pattern; its words are the i18n tables' id.rule.<kind>
    "project": (PROJECT_ID,),
    "milestone": (MILESTONE_ID,),
    "unit": (UNIT_ID,),
    "visit": (VISIT_ID,),
    "finding": (FINDING_ID,),
}


def _not_string(value: object) -> PydanticCustomError:
    """A scalar YAML read as something else: the clerk must quote it."""
    return PydanticCustomError("not_string", "not a string", {"input_type": type(value).__name__})


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise _not_string(value)
    if not value.strip():
        raise PydanticCustomError("S009", "must not be empty")
    return value


def _id(kind: str) -> Any:
    pattern = re.compile(_ID_RULES[kind][0])

    def check(value: object) -> str:
        if not isinstance(value, str):
            raise _not_string(value)
        if not pattern.fullmatch(value):
            raise PydanticCustomError(
                "S007",
                "bad id",
                {
                    "value": value,
                    "what": {"words": f"id.what.{kind}"},
                    "rule": {"words": f"id.rule.{kind}"},
                },
            )
        return value

    return check


_DATE_FORMS = [
    re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
]


def iso_hint(raw: str) -> str | None:
    """The ISO form of a date written another way, if it can be read."""
    text = unicodedata.normalize("NFKC", raw).strip()
    for form in _DATE_FORMS:
        m = form.fullmatch(text)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                return None
    return None


def parse_date(value: object) -> date:
    if type(value) is date:
        return value
    if isinstance(value, str):
        if ISO_DATE.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                raise PydanticCustomError("S006", "impossible date", {"raw": value}) from None
        raise PydanticCustomError("S005", "not an ISO date", {"raw": value})
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise PydanticCustomError("S005", "not an ISO date", {"raw": str(value)})
    raise PydanticCustomError("wrong_type", "wrong type", {"expected": "date"})


def _percent(value: object) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("wrong_type", "wrong type", {"expected": "number"})
    if not 0 <= value <= 100:
        raise PydanticCustomError("S010", "out of range", {"value": value, "low": 0, "high": 100})
    return value


def _quarter(value: object) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("S011", "bad quarter", {"value": str(value)})
    if not QUARTER.fullmatch(value):
        raise PydanticCustomError("S011", "bad quarter", {"value": value})
    return value


def _choice(mapping: dict[str, str]) -> Any:
    choices = ", ".join(mapping)

    def check(value: object) -> str:
        if isinstance(value, str) and value in mapping:
            return mapping[value]
        raise PydanticCustomError("S008", "not a choice", {"value": value, "choices": choices})

    return check


def _schema(**schema: Any) -> WithJsonSchema:
    return WithJsonSchema(schema)


Text = Annotated[str, PlainValidator(_text), _schema(type="string", minLength=1)]
ProjectId = Annotated[
    str, PlainValidator(_id("project")), _schema(type="string", pattern=PROJECT_ID)
]
MilestoneId = Annotated[
    str, PlainValidator(_id("milestone")), _schema(type="string", pattern=MILESTONE_ID)
]
UnitId = Annotated[str, PlainValidator(_id("unit")), _schema(type="string", pattern=UNIT_ID)]
VisitId = Annotated[str, PlainValidator(_id("visit")), _schema(type="string", pattern=VISIT_ID)]
FindingId = Annotated[
    str, PlainValidator(_id("finding")), _schema(type="string", pattern=FINDING_ID)
]
IsoDate = Annotated[date, PlainValidator(parse_date), _schema(type="string", format="date")]
Percent = Annotated[
    int | float, PlainValidator(_percent), _schema(type="number", minimum=0, maximum=100)
]
Quarter = Annotated[
    str, PlainValidator(_quarter), _schema(type="string", pattern=f"^{QUARTER.pattern}$")
]

CATEGORIES = {
    "key": "key",
    "basic": "basic",
    "innovation": "innovation",
    "重点": "key",
    "基础": "basic",
    "创新": "innovation",
}
STATUSES = {
    "on_track": "on_track",
    "at_risk": "at_risk",
    "behind": "behind",
    "done": "done",
    "正常推进": "on_track",
    "存在风险": "at_risk",
    "滞后": "behind",
    "已完成": "done",
}
Category = Literal["key", "basic", "innovation"]
Status = Literal["on_track", "at_risk", "behind", "done"]
CategoryField = Annotated[
    Category, PlainValidator(_choice(CATEGORIES)), _schema(type="string", enum=list(CATEGORIES))
]
StatusField = Annotated[
    Status, PlainValidator(_choice(STATUSES)), _schema(type="string", enum=list(STATUSES))
]

# A key written without a value (``claims:``) reads as null: for optional lists that means empty.


def _none_is_empty(value: object) -> object:
    return [] if value is None else value


_Empty = BeforeValidator(_none_is_empty)


def _no_items() -> Any:
    """An empty list by default: made by ``list`` for each model (pydantic deep-copies a
    ``[]`` default, a sixth of a cold read's validation), still ``[]`` in the JSON schema."""
    return Field(default_factory=list, json_schema_extra={"default": []})


class _Model(BaseModel):
    # x- keys are removed by the loader before validation; any other unknown key is an error.
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        defer_build=True,
        json_schema_extra={"patternProperties": {"^x-": {}}},
    )


# -- data/projects.yaml ----------------------------------------------------------------------------


class ProjectMilestone(_Model):
    id: MilestoneId
    title: Text
    due: IsoDate


class Project(_Model):
    id: ProjectId
    category: CategoryField
    title: Text
    problem: Text | None = None
    lead_units: Annotated[list[UnitId], Field(min_length=1)]
    goal: Text
    requirements: Annotated[list[Text], _Empty] = _no_items()
    milestones: Annotated[list[ProjectMilestone], _Empty] = _no_items()


class Book(_Model):
    title: Text
    projects: Annotated[list[Project], Field(min_length=1)]


# -- data/units/<id>.yaml --------------------------------------------------------------------------


class ClaimMilestone(_Model):
    """A project milestone's record for this claim (``done``, an earlier ``due``), or the unit's own
    milestone (then ``title`` and ``due`` are required: checked in ``ledger.rules.claims``)."""

    id: MilestoneId
    title: Text | None = None
    due: IsoDate | None = None
    done: IsoDate | None = None
    evidence: Text | None = None


class Progress(_Model):
    quarter: Quarter
    status: StatusField
    percent: Percent
    summary: Text
    reported: IsoDate
    problems: Annotated[list[Text], _Empty] = _no_items()
    next_steps: Annotated[list[Text], _Empty] = _no_items()


class Claim(_Model):
    project: ProjectId
    leader: Text
    measures: Annotated[list[Text], Field(min_length=1)]
    deadline: IsoDate
    claimed: IsoDate | None = None
    milestones: Annotated[list[ClaimMilestone], _Empty] = _no_items()
    progress: Annotated[list[Progress], _Empty] = _no_items()


class Unit(_Model):
    id: UnitId
    name: Text
    short_name: Text | None = None
    order: Annotated[int, Field(strict=True, ge=0)] | None = None
    contact: Text | None = None
    parent: UnitId | None = None
    claims: Annotated[list[Claim], _Empty] = _no_items()

    @property
    def short(self) -> str:
        """The name tables use where space is short."""
        return self.short_name or self.name


# -- data/inspections/<id>.yaml (v3) --------------------------------------------------------------


class Finding(_Model):
    """What a visit found at one unit, its rectification and its closing (contract section 10)."""

    id: FindingId
    unit: UnitId
    project: ProjectId | None = None
    problem: Text
    requirement: Text
    due: IsoDate
    rectified: IsoDate | None = None
    evidence: Text | None = None
    closed: IsoDate | None = None


class Visit(_Model):
    """One supervision visit (督导): the units visited and what was found."""

    id: VisitId
    title: Text
    date: IsoDate
    inspectors: Annotated[list[Text], _Empty] = _no_items()
    units: Annotated[list[UnitId], Field(min_length=1)]
    findings: Annotated[list[Finding], _Empty] = _no_items()


# -- ledger.toml -----------------------------------------------------------------------------------


class LedgerSection(_Model):
    title: Text
    # the following year must exist too: late `done` and `reported` dates fall in it
    year: Annotated[int, Field(strict=True, ge=1900, le=9998)]
    language: Literal["zh", "en"] = "zh"


class ReportingSection(_Model):
    report_due_days: Annotated[int, Field(strict=True, ge=0, le=366)] = 10
    warn_days: Annotated[int, Field(strict=True, ge=0, le=366)] = 14


class EvaluationSection(_Model):
    milestones: Annotated[int, Field(strict=True, ge=0, le=100)] = 50
    reports: Annotated[int, Field(strict=True, ge=0, le=100)] = 30
    completion: Annotated[int, Field(strict=True, ge=0, le=100)] = 20
    # the findings rectified in time (contract section 10): 0 keeps a v2 ledger's scores
    rectification: Annotated[int, Field(strict=True, ge=0, le=100)] = 0


class Config(_Model):
    ledger: LedgerSection
    reporting: ReportingSection = ReportingSection()
    evaluation: EvaluationSection = EvaluationSection()


# Which model sits under a list or mapping key, for "did you mean" hints and error positions.
CHILDREN: dict[type[BaseModel], dict[str, type[BaseModel]]] = {
    Book: {"projects": Project},
    Project: {"milestones": ProjectMilestone},
    Unit: {"claims": Claim},
    Claim: {"milestones": ClaimMilestone, "progress": Progress},
    Visit: {"findings": Finding},
    Config: {
        "ledger": LedgerSection,
        "reporting": ReportingSection,
        "evaluation": EvaluationSection,
    },
}


@dataclass(frozen=True)
class Ledger:
    """A loaded ledger: its settings, its book, its units by id (in id order) and its visits by
    id (in id order; none without ``data/inspections/``: a v2 ledger means what it meant)."""

    root: Path
    config: Config
    book: Book
    units: dict[str, Unit]
    visits: dict[str, Visit] = field(default_factory=dict)

    @property
    def year(self) -> int:
        return self.config.ledger.year

    @cached_property
    def projects(self) -> dict[str, Project]:
        """The book's projects by id, in book order."""
        return {p.id: p for p in self.book.projects}
