"""A new case study: a commented template with every field explained, made from the schema.

Required fields hold TODO placeholders (which validation refuses until they are replaced);
optional fields are commented out with an example, so nothing made up can be published by
leaving it in.
"""

import re
import textwrap
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.schema.examples import EXAMPLES, TODO, as_yaml
from generator.schema.fields import choices
from generator.schema.ids import ID_PATTERN
from generator.schema.model import Practice

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/practice.schema.json"


def _model_in(annotation: Any) -> tuple[str, type[BaseModel]] | None:
    """('model' | 'list' | 'dict', Model) when the field holds models."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    origin = typing.get_origin(annotation)
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found:
            return ("list" if origin is list else "dict" if origin is dict else found[0]), found[1]
    return None


def _comments(field: FieldInfo, indent: str, required: bool) -> list[str]:
    text = (field.description or "").strip()
    allowed = choices(field.annotation)
    if allowed:
        text += " One of: " + " | ".join(allowed) + "."
    facts = (field.annotation is not None and _model_in(field.annotation) is not None) or name_is_fact(field)
    text += (
        " Required."
        if required
        else (
            " Optional: uncomment it only if a source states it." if facts else " Optional: uncomment it if it helps."
        )
    )
    return [indent + "# " + line for line in textwrap.wrap(text, 96 - len(indent), break_on_hyphens=False)]


def name_is_fact(field: FieldInfo) -> bool:
    """Fields that state facts (dates, figures, who did what) need a source; keywords and links do not."""
    return (field.description or "").split(" ")[0] not in ("Keywords", "Ids")


def _example(model: type[BaseModel]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        value = EXAMPLES[model.__name__, name]
        inner = _model_in(field.annotation)
        if value is None and inner:
            kind, sub = inner
            value = (
                [_example(sub)] if kind == "list" else {"report": _example(sub)} if kind == "dict" else _example(sub)
            )
        out[name] = value
    return out


def _lines(name: str, value: Any, indent: str) -> list[str]:
    """YAML lines for one key and an example value (mappings and lists of mappings in block style)."""
    if isinstance(value, dict):
        lines = [f"{indent}{name}:"]
        for key, sub in value.items():
            lines += _lines(key, sub, indent + "  ")
        return lines
    if isinstance(value, list) and value and isinstance(value[0], dict):
        lines = [f"{indent}{name}:"]
        for item in value:
            body = [line for key, sub in item.items() for line in _lines(key, sub, indent + "    ")]
            body[0] = indent + "  - " + body[0].lstrip()
            lines += body
        return lines
    return [f"{indent}{name}: {as_yaml(value)}"]


def _emit(model: type[BaseModel], given: dict[str, Any], indent: str = "") -> list[str]:
    lines: list[str] = []
    for name, field in model.model_fields.items():
        required = field.is_required()
        lines += _comments(field, indent, required)
        inner = _model_in(field.annotation)
        if not required:
            example = _example(inner[1]) if inner and inner[0] == "model" else _example(model)[name]
            lines += [indent + "# " + line[len(indent) :] for line in _lines(name, example, indent)]
        elif inner and inner[0] == "model":
            lines += [f"{indent}{name}:", *_emit(inner[1], {}, indent + "  ")]
        elif inner and inner[0] == "dict":
            lines += [f"{indent}{name}:", f"{indent}  # a short key of your choice; figures name it in their `source`"]
            lines += [f"{indent}  report:", *_emit(inner[1], {}, indent + "    ")]
        else:
            is_list = typing.get_origin(field.annotation) is list
            value = given.get(name, [TODO] if is_list else TODO)
            lines.append(f"{indent}{name}: {as_yaml(value)}")
        if not indent:
            lines.append("")
    return lines


def slug(text: str) -> str:
    out = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].strip("-")
    return out if re.fullmatch(ID_PATTERN, out) else "case-study"


def practice_template(city: str, title: str) -> str:
    """The text of a new case-study file for `city`, titled `title`."""
    header = [
        SCHEMA_LINE,
        "# A new case study. Replace every TODO; uncomment an optional field only if a source states it.",
        "# Every figure needs a source that states exactly that figure, unit and year. Check with: make validate",
        "",
    ]
    return "\n".join(header + _emit(Practice, {"title": title, "city": city})).rstrip() + "\n"
