"""The field reference page, made from the JSON Schema of the models and their examples."""

import functools
import re
from typing import Any

from generator.pages.escape import md_text
from generator.schema.examples import EXAMPLES, as_yaml
from generator.schema.jsonschema import json_schema
from generator.schema.model import CONTEXTS, KEY_PATTERN, POWERS, SCALES, City, Practice

_ID = "^[a-z0-9]+(-[a-z0-9]+)*$"
_WHERE = {"Practice": "practices/&lt;sector&gt;/&lt;id&gt;.yaml", "City": "practices/cities/&lt;id&gt;.yaml"}


def _type(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    for key in ("anyOf", "oneOf"):
        if key in prop:
            kinds = [_type(p) for p in prop[key] if p.get("type") != "null"]
            if kinds == ["number", "whole number"]:
                return "number"
            return " or ".join(dict.fromkeys(kinds))
    if "enum" in prop:
        return "one of: " + ", ".join(f"`{v}`" for v in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        return (
            "list of " + _type(prop.get("items", {})) + (f", at least {prop['minItems']}" if "minItems" in prop else "")
        )
    if kind == "object":
        values = next(iter(prop.get("patternProperties", {}).values()), prop.get("additionalProperties", {}))
        return "mapping from a key (lowercase letters, digits, - or _) to " + _type(values)
    if kind == "integer":
        return "year" if prop.get("minimum") == 1800 else "whole number"
    if kind == "number":
        return "number"
    if prop.get("format") == "date":
        return "date (YYYY-MM-DD)"
    if prop.get("pattern") == _ID:
        return "id (lowercase letters, digits, single hyphens)"
    if prop.get("pattern", "").startswith("^(I|II"):
        return "GPC reference number such as I.1 or II.1"
    if prop.get("pattern") == KEY_PATTERN:
        return "source key (lowercase letters and digits joined by - or _)"
    if "pattern" in prop:
        return "text matching " + md_text(prop["pattern"])
    if "maxLength" in prop:
        return f"text, at most {prop['maxLength']:,} characters"
    return str(kind or "value")


def _section(name: str, schema: dict[str, Any]) -> list[str]:
    where = f" ({_WHERE[name]})" if name in _WHERE else ""
    lines = [f"## {name}", "", md_text(schema.get("description", "")) + where, ""]
    lines += ["| Field | Required | Type | Description | Example |", "|---|---|---|---|---|"]
    required = set(schema.get("required", []))
    for field, prop in schema["properties"].items():
        example = EXAMPLES[name, field]
        link = re.search(r"\[\w+\]\(#\w+\)", _type(prop))
        shown = ("see " + link.group(0) if link else "") if example is None else md_text(as_yaml(example))
        cells = [
            f"`{field}`",
            "yes" if field in required else "no",
            _type(prop),
            md_text(prop.get("description", "")),
            shown,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, "", *(_vocabulary() if name == "Requires" else [])]


def _vocabulary() -> list[str]:
    """The terms `requires` takes, with what each means (from the schema), under its section."""
    lines: list[str] = []
    for heading, intro, terms in (
        ("City powers", "Values of `powers`: what the city itself can do.", POWERS),
        ("Context", "Values of `context`: what exists in or around the city.", CONTEXTS),
        ("Scale", "Values of `scale`: the smallest city the practice suits.", SCALES),
    ):
        lines += [f"### {heading}", "", intro, "", "| Value | Meaning |", "|---|---|"]
        lines += [f"| `{value}` | {md_text(meaning)} |" for value, meaning in terms.items()]
        lines.append("")
    return lines


def _in_order(schema: dict[str, Any], definitions: dict[str, Any], name: str) -> list[str]:
    """The model, then the models it refers to, in the order its fields name them."""
    order = [name]
    refs = [r.rsplit("/", 1)[-1] for r in _refs(schema.get("properties", {}))]
    for ref in refs:
        for sub in _in_order(definitions[ref], definitions, ref):
            if sub not in order:
                order.append(sub)
    return order


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for item in node for r in _refs(item)]
    return []


@functools.cache  # the models do not change while the process runs (mkdocs serve)
def page() -> str:
    """Markdown of docs/reference.md."""
    lines = [
        "---",
        'title: "Field reference"',
        'description: "Every field of a case study and a city profile: type, allowed values and an example."',
        "---",
        "",
        "# Field reference",
        "",
        "Every field of a case study and of a city profile, made from the same schema that checks the files "
        "(and that editors read from `schema/practice.schema.json` and `schema/city.schema.json`).",
        "",
    ]
    done: set[str] = set()
    for model in (Practice, City):
        schema = json_schema(model)
        for name in _in_order(schema, schema["definitions"], model.__name__):
            if name not in done:
                done.add(name)
                lines += _section(name, schema if name == model.__name__ else schema["definitions"][name])
    return "\n".join(lines).rstrip() + "\n"
