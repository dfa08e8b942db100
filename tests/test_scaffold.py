"""From `make new` to a validated page: the template explains every field and cannot be published unfilled."""

import re
from pathlib import Path

from pydantic import BaseModel

from generator import pipeline
from generator.schema.examples import EXAMPLES
from generator.schema.model import City, Practice
from generator.tools.scaffold import SCHEMA_LINE, practice_template

from .test_cli import run


def _models(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[type[BaseModel]]:
    seen.add(model)
    for field in model.model_fields.values():
        for sub in re.findall(r"generator\.schema\.model\.(\w+)", repr(field.annotation)):
            cls = getattr(__import__("generator.schema.model", fromlist=[sub]), sub)
            if isinstance(cls, type) and issubclass(cls, BaseModel) and cls not in seen:
                _models(cls, seen)
    return seen


MODELS = _models(Practice, set()) | _models(City, set())


def test_every_field_has_exactly_one_example() -> None:
    fields = {(m.__name__, name) for m in MODELS for name in m.model_fields}
    assert fields == set(EXAMPLES)


def test_template_names_every_field_of_a_case_study() -> None:
    text = practice_template("exampleton", "A title")
    assert text.startswith(SCHEMA_LINE + "\n")
    for model in _models(Practice, set()):
        for name in model.model_fields:
            assert re.search(rf"^\s*(# )?\s*(- )?{name}:", text, re.M), (model.__name__, name)


def test_new_writes_a_template_that_lists_what_to_fill_in(project: Path) -> None:
    status, out, err = run("new", "--root", str(project), "--sector", "energy", "--city", "exampleton",
                           "--title", "Heat pumps for schools")  # fmt: skip
    assert (status, err) == (0, "")
    assert out.startswith("wrote practices/energy/exampleton-heat-pumps-for-schools.yaml\n")
    result = pipeline.validate(project)
    messages = sorted(p.text() for p in result.problems)
    assert all("replace the TODO placeholder" in m for m in messages)
    assert {m.split(": ")[1] for m in messages} == {
        "status", "started", "summary", "description", "lever.owner", "lever.city_power", "instruments.0",
        "sources.report.title", "sources.report.url", "last_verified", "transferability.preconditions.0",
    }  # fmt: skip


def test_new_refuses_to_overwrite(project: Path) -> None:
    args = ("new", "--root", str(project), "--sector", "waste", "--city", "sampleville", "--title", "Compost")
    assert run(*args)[0] == 0
    path = project / "practices/waste/sampleville-compost.yaml"
    path.write_text(path.read_text() + "# my edits\n")
    status, _, err = run(*args)
    assert status == 1
    rel = "practices/waste/sampleville-compost.yaml"
    assert err == f"{rel}: already exists; it was not changed. Edit it, or choose another title\n"
    assert path.read_text().endswith("# my edits\n")


def test_new_refuses_an_unknown_city_or_sector(project: Path) -> None:
    assert run("new", "--root", str(project), "--sector", "energy", "--city", "atlantis", "--title", "x")[2] == (
        "--city: no city 'atlantis'; known cities: exampleton, sampleville\n"
    )
    assert run("new", "--root", str(project), "--sector", "parks", "--city", "exampleton", "--title", "x")[0] == 2


def test_a_filled_in_template_validates_and_becomes_a_page(project: Path) -> None:
    run("new", "--root", str(project), "--sector", "energy", "--city", "exampleton", "--title", "Heat pumps")
    path = project / "practices/energy/exampleton-heat-pumps.yaml"
    filled = {
        "status: TODO": "status: implementing",
        "started: TODO": "started: 2023",
        "summary: TODO": 'summary: "Schools swap gas boilers for heat pumps."',
        "description: TODO": 'description: "The city replaces boilers as they reach the end of their life."',
        "owner: TODO": "owner: city",
        "city_power: TODO": "city_power: own-operate",
        "instruments: [TODO]": "instruments: [public-investment]",
        "preconditions: [TODO]": 'preconditions: ["School buildings the city owns."]',
        "title: TODO": 'title: "School heating plan"',
        "url: TODO": "url: https://example.org/schools",
        "last_verified: TODO": "last_verified: 2026-01-15",
    }
    text = path.read_text()
    for old, new in filled.items():
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text)
    assert [p.text() for p in pipeline.validate(project).problems] == []
    _, written = pipeline.generate(project, project / "docs")
    assert written is not None and "practices/energy/exampleton-heat-pumps.md" in written.written
