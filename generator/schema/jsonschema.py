"""The models as JSON Schema (draft-07 keywords, which editors' YAML support reads fully)."""

import functools
import json
from typing import Any

from pydantic import BaseModel

from generator.schema.model import City, CityTranslation, Practice, PracticeTranslation

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
FILES: dict[str, type[BaseModel]] = {
    "schema/practice.schema.json": Practice,
    "schema/city.schema.json": City,
    "schema/practice-translation.schema.json": PracticeTranslation,
    "schema/city-translation.schema.json": CityTranslation,
}
# pydantic writes a constraint it cannot express natively (on an annotated type) under its own name
_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def _draft07(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                value = value.replace("#/$defs/", "#/definitions/")
            out[_BOUNDS.get(key, key) if not isinstance(value, dict | list) else key] = _draft07(value)
        if "patternProperties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = False  # keys must match the pattern, as the models check
        return out
    if isinstance(node, list):
        return [_draft07(item) for item in node]
    return node


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    definitions = schema.pop("$defs", {})
    body = _draft07({**schema, "definitions": definitions})
    return {"$schema": DRAFT_07, **body}


@functools.cache  # the models do not change while the process runs (mkdocs serve)
def files() -> dict[str, str]:
    """Every schema file, by path relative to the project root."""
    return {path: json.dumps(json_schema(model), indent=2, ensure_ascii=False) + "\n" for path, model in FILES.items()}
