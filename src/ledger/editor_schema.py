"""JSON Schema of the three files, from the models, for editors."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ledger.model import Book, Config, Unit

SCHEMAS: dict[str, type[BaseModel]] = {"projects": Book, "unit": Unit, "config": Config}
_TITLES = {
    "projects": "ledger: data/projects.yaml (项目书)",
    "unit": "ledger: data/units/<id>.yaml (单位)",
    "config": "ledger: ledger.toml",
}


def json_schema(name: str) -> dict[str, Any]:
    schema = SCHEMAS[name].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = _TITLES[name]
    return schema
