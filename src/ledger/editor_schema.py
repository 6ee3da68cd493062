"""JSON Schema of the files, from the models, for editors."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ledger.model import Book, Config, Unit, Visit

SCHEMAS: dict[str, type[BaseModel]] = {
    "projects": Book,
    "unit": Unit,
    "config": Config,
    "inspection": Visit,  # v3: data/inspections/<id>.yaml
}
_TITLES = {
    "projects": "ledger: data/projects.yaml (项目书)",
    "unit": "ledger: data/units/<id>.yaml (单位)",
    "config": "ledger: ledger.toml",
    "inspection": "ledger: data/inspections/<id>.yaml (督导)",
}


def json_schema(name: str) -> dict[str, Any]:
    schema = SCHEMAS[name].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = _TITLES[name]
    return schema
