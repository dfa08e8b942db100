"""The JSON Schema: made from the models, committed, current, draft-07, and in step with the validator."""

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.reading import yaml12
from generator.schema import jsonschema as schema

from .conftest import FIXTURE, REPO

DRAFT_2019_PLUS = {"$defs", "prefixItems", "unevaluatedProperties", "dependentRequired", "dependentSchemas", "$anchor"}


def _keys(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {k for value in node.values() for k in _keys(value)}
    if isinstance(node, list):
        return {k for item in node for k in _keys(item)}
    return set()


@pytest.mark.parametrize("rel", sorted(schema.FILES))
def test_committed_schema_is_current(rel: str) -> None:
    assert (REPO / rel).read_text(encoding="utf-8") == schema.files()[rel], "run: make schema"


@pytest.mark.parametrize("rel", sorted(schema.FILES))
def test_schema_uses_draft_07_keywords_only(rel: str) -> None:
    document = json.loads(schema.files()[rel])
    jsonschema.Draft7Validator.check_schema(document)
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert not _keys(document) & DRAFT_2019_PLUS
    assert not _keys(document) & {"ge", "le", "gt", "lt"}


def _validator(kind: str) -> jsonschema.Draft7Validator:
    document = json.loads(schema.files()[f"schema/{kind}.schema.json"])
    return jsonschema.Draft7Validator(document, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


FILES = sorted((REPO / "practices").rglob("*.yaml")) + sorted((FIXTURE / "practices").rglob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_valid_file_passes_the_schema_too(path: Path) -> None:
    data = yaml12.read(path.read_text(encoding="utf-8")).data
    kind = "city" if path.parent.name == "cities" else "practice"
    kind += "-translation" if path.stem.count(".") else ""  # <id>.<lang>.yaml
    assert [e.message for e in _validator(kind).iter_errors(data)] == []


def test_the_schema_catches_what_an_editor_should_underline() -> None:
    data = yaml12.read((FIXTURE / "practices/energy/exampleton-district-heating.yaml").read_text()).data
    broken = {**data, "status": "finished", "sumary": "typo", "sources": {"Bad Key": data["sources"]["utility"]}}
    messages = sorted(e.message for e in _validator("practice").iter_errors(broken))
    assert any("'finished' is not one of" in m for m in messages)
    assert any("'sumary' was unexpected" in m for m in messages)
    assert any("'Bad Key'" in m for m in messages)


def test_the_search_box_styles_are_those_of_the_installed_theme() -> None:
    from generator.tools import search_css

    assert search_css.OUT.read_text(encoding="utf-8") == search_css.current(), (
        "run: python -m generator.tools.search_css"
    )
