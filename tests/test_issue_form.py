"""The case-study issue form and its converter: a submitted body -> a valid file, or what is missing.

Bodies in tests/issue_forms/ are written as GitHub renders a submitted form. Run
`pytest --update-golden` to rewrite complete.expected.yaml after an intended change.
"""

import re
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.reading import yaml12
from generator.schema import ids, model
from generator.tools import issue_form
from generator.tools.issue_form import FIELDS, NO_RESPONSE, convert, dump, proposed_id, sections

from .conftest import HERE, REPO, make_project

FORMS = HERE / "issue_forms"
FORM = yaml.safe_load((REPO / ".github/ISSUE_TEMPLATE/case-study.yml").read_text(encoding="utf-8"))
ELEMENTS = {element["id"]: element for element in FORM["body"] if element["type"] != "markdown"}


def _body(name: str) -> str:
    return (FORMS / name).read_text(encoding="utf-8")


def _render(values: dict[str, str]) -> str:
    """A body as GitHub writes it for a form filled in with `values` (by field id)."""
    return "\n\n".join(f"### {f.label}\n\n{values.get(f.id) or NO_RESPONSE}" for f in FIELDS) + "\n"


def _with(**changes: str) -> str:
    """The complete body with some fields changed."""
    return _render({**sections(_body("complete.md")), **changes})


def test_complete_body_gives_the_expected_file(update_golden: bool) -> None:
    result = convert(_body("complete.md"))
    assert result.problems == []
    assert (result.sector, result.id) == ("transportation", "exampleton-low-emission-bus-fleet")
    assert result.yaml_text is not None
    expected = FORMS / "complete.expected.yaml"
    if update_golden:
        expected.write_text(result.yaml_text, encoding="utf-8")
    assert result.yaml_text == expected.read_text(encoding="utf-8")
    assert result.yaml_text.startswith(issue_form.SCHEMA_LINE + "\n# Converted from a GitHub issue form")


def test_complete_body_passes_the_project_validator(tmp_path: Path) -> None:
    result = convert(_body("complete.md"))
    assert result.yaml_text is not None and result.sector and result.id
    root = make_project(tmp_path)
    (root / "practices" / result.sector / f"{result.id}.yaml").write_text(result.yaml_text, encoding="utf-8")
    outcome = pipeline.validate(root)
    assert [p.text() for p in outcome.problems] == []
    practice = outcome.corpus.practices[result.id].data
    assert [(i.value, i.year) for i in practice.impacts] == [(-33, 2022), (240, 2022), (12500.5, 2023)]
    assert practice.sources["annual_report"].title == "Annual report 2022 | Exampleton Buses"


def test_crlf_line_endings_give_the_same_file() -> None:
    body = _body("complete.md")
    assert "\r" not in body
    assert convert(body.replace("\n", "\r\n")) == convert(body)


def test_broken_body_lists_every_problem_by_its_label() -> None:
    impact_format = "write: metric | value | unit | year | type | confidence | source key | note | quote"
    source_format = "key | title | url | publisher | date | language"
    result = convert(_body("broken.md"))
    assert (result.sector, result.id, result.yaml_text) == (None, None, None)
    assert result.problems == [
        "City: required; write the city's id, the name of its file in practices/cities/",
        "Sector: 'parks' is not a sector; choose transportation, energy or waste",
        "Started: write a year such as 2006 or a date such as 2006-01-03 (got 'spring 2019')",
        "Summary: required; write what was done and what it achieved, in plain text",
        "City power: required; choose what power the city used",
        "Instruments: required; choose at least one",
        "Impacts, line 1: the value '12,000' is not a number; "
        "write only the number, such as 22, -0.5 or 1517 (no units, spaces or thousands separators)",
        f'Impacts, line 2: expected 9 parts separated by "|", got 5; {impact_format}',
        "Impacts, line 3: the year 'twenty-twenty' is not a year; write four digits, such as 2019",
        "Impacts, line 3: the type is empty",
        f'Impacts, line 4: expected 9 parts separated by "|", got 7; {impact_format}',
        "Impacts, line 4: end the line with the source's words that state the figure, copied word for word"
        " (the note before it may be empty: write | | )",
        f'Sources, line 1: expected 3 to 6 parts separated by "|", got 2; write: {source_format}',
        f"Sources, line 2: write the key and the title before the address: {source_format}",
        "Sources, line 3: the date 'last year' is not a date; write a year such as 2019 or a date such as 2019-06-01",
        "Sources, line 4: the key 'report' is used twice; give each source its own key",
        "Preconditions: required; write what a city needs to copy it, one per line",
        "Last verified: write the date you checked the sources, as YYYY-MM-DD (got '15/01/2026')",
        "Truth rules: required; tick the box to confirm that every figure is from its source",
    ]


def test_an_empty_body_lists_every_required_field() -> None:
    result = convert("")
    required = [f.label for f in FIELDS if f.required]
    assert [p.split(":")[0] for p in result.problems] == required
    assert all(": required; " in p for p in result.problems)


def test_hostile_text_reads_back_exactly_as_submitted() -> None:
    result = convert(_body("hostile.md"))
    assert result.problems == []
    assert (result.sector, result.id) == ("waste", "sampleville-script-alert-title-script-title-not-a-list")
    assert result.yaml_text is not None
    data = yaml12.read(result.yaml_text).data
    assert data == {
        "title": "- <script>alert('title')</script> & {{ title }}: not a list",
        "city": "sampleville",
        "status": "proposed",
        "started": 2024,
        "ended": "2025-06-30",
        "summary": "# Not a heading: {{ not_jinja }} &amp; <iframe src=x> 'single' \"double\" `code` key: value"
        " # not a comment",
        # spaces at line ends are dropped, so that the description stays a readable block
        "description": "<script>alert(1)</script> and {{ not_jinja }} and {% raw %}.\nkey: value\n---\n...\n"
        "# not a comment\n  indented: line with trailing spaces\n- a list item: with a colon\n\n"
        "    an indented line ### not a field",
        "lever": {"owner": "shared", "city_power": "fund-incentivize", "advocacy_ask": "NO"},
        "instruments": ["grant-subsidy"],
        "impacts": [
            {
                "metric": "Metric: with a colon # and a hash",
                "value": 1000.0,
                "unit": "t/yr",
                "year": 2024,
                "type": "measured",
                "confidence": "low",
                "source": "1e3",
                "quote": "<script>alert(1)</script> 1e3: 1,000 | t",
                "note": "<b>note</b> {{ x }}: y",
            },
            {
                "metric": "'quoted'",
                "value": 0.5,
                "unit": "percent",
                "year": 2024,
                "type": "estimated",
                "confidence": "low",
                "source": "1e3",
                "quote": "'half' {{ x }} 0.5 # %",
            },
        ],
        "lessons": [
            "yes",
            "null",
            "~",
            "2024-01-01",
            "0o17",
            "@at",
            "!tag",
            "&anchor",
            "*alias not a bullet",
            "%percent",
            "[not, a, list]",
            "{not: a map}",
            "> not a quote",
            "| not a block",
        ],
        "barriers": ["'single' and \"double\" quotes", "Göteborg – ½ ✓ 🚲"],
        "transferability": {"preconditions": ["<img src=x onerror=alert(2)> {{ x }}: a colon"]},
        "tags": ["2024-01-01", "null", "yes", "1e3", "0o17", "true"],
        "sources": {
            "1e3": {
                "title": "A title | with a pipe: and a colon",
                "url": "https://example.org/x?q=%3C%3E&r=(1)#frag",
                "publisher": "- dash & <b>",
                "date": 2020,
            }
        },
        "last_verified": "2026-01-15",
    }
    assert "description: |" in result.yaml_text


def test_a_description_keeps_its_own_headings() -> None:
    description = "Intro.\n\n### How it works\n\nDetails.\n\n### Title\n\nNot the form's title."
    values = sections(_with(description=description))
    assert values["description"] == description
    assert values["title"] == "Low-emission bus fleet"


def test_bullets_and_blank_lines_in_lists_are_dropped() -> None:
    result = convert(_with(lessons="- First.\n\n* Second.\n-Third, not a bullet."))
    assert result.yaml_text is not None
    assert yaml12.read(result.yaml_text).data["lessons"] == ["First.", "Second.", "-Third, not a bullet."]


@pytest.mark.parametrize(
    ("value", "number"),
    [("22", 22), ("-22", -22), ("+5", 5), ("0.5", 0.5), ("-.5", -0.5), ("1e3", 1000.0), ("12500.0", 12500.0)],
)
def test_impact_values_become_numbers(value: str, number: float) -> None:
    line = f"Metric | {value} | percent | 2020 | measured | high | annual_report | | It was {value}."
    result = convert(_with(impacts=line))
    assert result.yaml_text is not None
    read = yaml12.read(result.yaml_text).data["impacts"][0]["value"]
    assert read == number and type(read) is type(number)


@pytest.mark.parametrize("value", ["12,5", "22%", "1 000", "nan", "inf", "0x10", "1_000", "", "1" * 41])
def test_impact_values_that_are_not_numbers_are_refused(value: str) -> None:
    line = f"Metric | {value} | percent | 2020 | measured | high | annual_report | | It was {value}."
    problems = convert(_with(impacts=line)).problems
    assert len(problems) == 1 and problems[0].startswith("Impacts, line 1: the value ")


@pytest.mark.parametrize(
    ("started", "problem"),
    [("2006", None), ("2006-01-03", None), ("06", "Started: write a year"), ("3 Jan 2006", "Started: write a year")],
)
def test_started_is_a_year_or_a_date(started: str, problem: str | None) -> None:
    result = convert(_with(started=started))
    if problem is None:
        assert result.yaml_text is not None
        assert yaml12.read(result.yaml_text).data["started"] == (int(started) if len(started) == 4 else started)
    else:
        assert [p[: len(problem)] for p in result.problems] == [problem]


def test_an_unticked_or_missing_confirmation_is_a_problem() -> None:
    unticked = _with(confirm="- [ ] Every figure above is stated by its source.")
    missing = _body("complete.md").split("### Truth rules")[0]
    for body in (unticked, missing):
        assert convert(body).problems == [
            "Truth rules: required; tick the box to confirm that every figure is from its source"
        ]


@pytest.mark.parametrize(
    ("city", "title", "expected"),
    [
        ("stockholm", "Congestion tax", "stockholm-congestion-tax"),
        ("stockholm", "Stockholm congestion tax", "stockholm-congestion-tax"),
        ("oslo", "Kløfta  --  Ærlig Straße (2020)!", "oslo-klofta-aerlig-strasse-2020"),
        ("göteborg", "Électricité_verte", "goteborg-electricite-verte"),
        ("new-york-city", "Local Law 97: " + "building " * 12, "new-york-city-local-law-97" + "-building" * 6),
        ("x", "y" * 100, "x-" + "y" * 78),
        ("", "!!!", None),
    ],
)
def test_proposed_id(city: str, title: str, expected: str | None) -> None:
    ident = proposed_id(city, title)
    assert ident == expected
    if ident is not None:
        assert re.fullmatch(ids.ID_PATTERN, ident) and len(ident) <= 80


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text().filter(lambda s: "\n" not in s))
def test_any_text_reads_back_as_written(block: str, line: str) -> None:
    data: dict[str, Any] = {"description": block, "title": line, "tags": [line, block], "sources": {line: {}}}
    assert yaml12.read(dump(data)).data == data


# The form


def _vocabulary(annotation: Any) -> list[str]:
    args = typing.get_args(annotation)
    return list(typing.get_args(args[0]) if typing.get_origin(annotation) is list else args)


VOCABULARIES = {
    "sector": list(ids.SECTORS),
    "status": _vocabulary(model.Practice.model_fields["status"].annotation),
    "lever_owner": _vocabulary(model.Lever.model_fields["owner"].annotation),
    "city_power": _vocabulary(model.Lever.model_fields["city_power"].annotation),
    "instruments": list(typing.get_args(model.Instrument)),
    "cobenefits": list(typing.get_args(model.Cobenefit)),
    "needs_powers": list(typing.get_args(model.Power)),
    "needs_context": list(typing.get_args(model.Context)),
    "needs_scale": [scale for scale in typing.get_args(model.Scale) if scale != "any"],
}


def test_every_dropdown_offers_exactly_the_models_vocabulary() -> None:
    dropdowns = {key: e["attributes"]["options"] for key, e in ELEMENTS.items() if e["type"] == "dropdown"}
    assert dropdowns == VOCABULARIES
    assert VOCABULARIES["instruments"] == _vocabulary(model.Practice.model_fields["instruments"].annotation)


def test_the_impacts_field_lists_every_unit_type_and_confidence() -> None:
    described = ELEMENTS["impacts"]["attributes"]["description"]
    impact = model.Impact.model_fields
    for word in (*typing.get_args(model.Unit), *_vocabulary(impact["type"].annotation)):
        assert f"`{word}`" in described, word
    for word in _vocabulary(impact["confidence"].annotation):
        assert f"`{word}`" in described, word


def test_the_form_has_the_converters_fields_in_order() -> None:
    def required(element: dict[str, Any]) -> bool:
        if element["type"] == "checkboxes":
            return all(option.get("required") for option in element["attributes"]["options"])
        return bool(element.get("validations", {}).get("required"))

    in_form = [
        (key, e["attributes"]["label"], e["type"], required(e), bool(e["attributes"].get("multiple")))
        for key, e in ELEMENTS.items()
    ]
    assert in_form == [(f.id, f.label, f.type, f.required, f.multiple) for f in FIELDS]


ALLOWED = {
    "markdown": {"value"},
    "input": {"label", "description", "placeholder", "value"},
    "textarea": {"label", "description", "placeholder", "value", "render"},
    "dropdown": {"label", "description", "multiple", "options", "default"},
    "checkboxes": {"label", "description", "options"},
}


def test_the_form_follows_githubs_schema() -> None:
    assert FORM.keys() <= {"name", "description", "title", "labels", "assignees", "projects", "type", "body"}
    assert FORM["title"] == "[Case study]: " and FORM["labels"] == ["case-study"]
    ids, labels = [], []
    for element in FORM["body"]:
        kind, attributes = element["type"], element["attributes"]
        assert attributes.keys() <= ALLOWED[kind], element
        assert element.keys() <= {"type", "id", "attributes", "validations"}
        assert kind != "checkboxes" or "validations" not in element
        if kind != "markdown":
            ids.append(element["id"])
            labels.append(attributes["label"])
            assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"])
        if kind in ("dropdown", "checkboxes"):
            options = attributes["options"]
            assert options and len(options) == len({str(o) for o in options})
    assert len(ids) == len(set(ids)) and len(labels) == len(set(labels))
