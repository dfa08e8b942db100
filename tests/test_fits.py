"""What fits my city, the planning scorecard and a case study's first screen, without a browser: the
vocabulary, the finder's data and its no-JavaScript list, the scorecard's marks, the headline figure."""

import datetime as dt
import json
import re
import typing
from pathlib import Path
from typing import Any

import pytest

from generator import pipeline
from generator.outputs import outputs
from generator.pages import fits, glance, scorecard
from generator.problems import errors
from generator.reading import config
from generator.schema import model
from generator.schema.model import City, Practice

from .conftest import FIXTURE, REPO

# The vocabulary


def test_every_term_of_the_vocabulary_says_what_it_means() -> None:
    assert list(model.POWERS) == list(typing.get_args(model.Power))
    assert list(model.CONTEXTS) == list(typing.get_args(model.Context))
    assert list(model.SCALES) == list(typing.get_args(model.Scale))
    assert list(fits.SIZES)[1:] == list(model.SCALES)[1:], "each answer about size but the first meets a scale"


def test_the_field_reference_lists_every_term_with_its_meaning() -> None:
    reference = _fixture_pages()["reference.md"]
    for terms in (model.POWERS, model.CONTEXTS, model.SCALES):
        for value, meaning in terms.items():
            assert f"| `{value}` | {meaning} |" in reference


def test_every_real_case_study_records_what_it_requires() -> None:
    result = pipeline.validate(REPO)
    missing = [e.id for e in result.corpus.practices.values() if glance.requires(e.data) is None]
    assert missing == []


def test_a_term_outside_the_vocabulary_is_a_located_error_with_a_suggestion(tmp_path: Path) -> None:
    from .conftest import make_project

    project = make_project(tmp_path)
    path = project / "practices/transportation/exampleton-congestion-charge.yaml"
    path.write_text(path.read_text().replace("powers: [price-roads]", "powers: [price-road]"))
    every = [p.text() for p in pipeline.validate(project).problems]
    problems = [p for p in every if p.startswith("practices/transportation/exampleton-congestion-charge.yaml:")]
    assert len(problems) == 1
    assert all("has problems of its own" in p for p in every if p not in problems)  # what links to it
    assert re.match(r"practices/transportation/exampleton-congestion-charge\.yaml:\d+: ", problems[0])
    assert "transferability.requires.powers.0" in problems[0] and "did you mean 'price-roads'?" in problems[0]


# The finder's data and page


def _fixture_pages() -> dict[str, str]:
    result = pipeline.validate(FIXTURE)
    assert errors(result.problems) == []
    return outputs(result.corpus, config.read(REPO)).texts()


def _finder_data(script: str) -> dict[str, Any]:
    prefix = "window.cncaFits = "
    assert script.startswith(prefix) and script.endswith(";\n")
    data: dict[str, Any] = json.loads(script[len(prefix) : -2])
    return data


def test_the_finder_data_carries_each_case_studys_needs_and_the_vocabulary() -> None:
    data = _finder_data(_fixture_pages()["data/fits-data.js"])
    assert data["powers"] == [[k, v, f"Your city {v}"] for k, v in model.POWERS.items()]
    by_id = {p["id"]: p for p in data["practices"]}
    charge = by_id["exampleton-congestion-charge"]
    assert charge["powers"] == ["price-roads"] and charge["context"] == ["transit-network", "enabling-law"]
    assert charge["scale"] == "over-500k" and charge["recorded"] is True
    assert charge["ask"] == "A national law allowing cities to charge for road use."
    assert charge["holder"] == "national government"
    assert charge["url"] == "../practices/transportation/exampleton-congestion-charge/"
    assert by_id["sampleville-hostile-text"]["recorded"] is False


def test_no_text_in_the_finder_data_can_end_its_script() -> None:
    script = _fixture_pages()["data/fits-data.js"]
    assert "<" not in script and ">" not in script  # the hostile fixture's tags are \\u escapes


def test_without_javascript_the_finder_lists_what_each_case_study_needs_least_first() -> None:
    page = _fixture_pages()["fits/index.md"]
    rows = [line for line in page.splitlines() if line.startswith("| [")]
    assert [re.search(r"\]\(\.\./practices/\w+/([a-z-]+)\.md\)", row).group(1) for row in rows] == [  # type: ignore[union-attr]
        "exampleton-district-heating",  # 2 needs
        "exampleton-congestion-charge",  # 4 needs
        "sampleville-hostile-text",  # not recorded
    ]
    assert "a city that charges vehicles for using its roads" in rows[1]
    assert rows[2].endswith("| not recorded yet |")
    assert '<form class="fits-form" id="fits-form" hidden>' in page, "the form shows only with JavaScript"
    assert page.count('type="checkbox" name="power"') == len(model.POWERS)
    assert page.count('type="checkbox" name="context"') == len(model.CONTEXTS)


# A case study's first screen


def _practice(**changes: Any) -> Practice:
    data = {
        "title": "T",
        "city": "c",
        "status": "operational",
        "started": 2020,
        "summary": "S",
        "description": "D",
        "lever": {"owner": "city", "city_power": "regulate"},
        "instruments": ["regulation"],
        "transferability": {"preconditions": ["P"]},
        "sources": {"s": {"title": "S", "url": "https://example.org/"}},
        "last_verified": "2026-01-01",
    }
    return Practice.model_validate(data | changes)


def _impact(kind: str, confidence: str, value: int) -> dict[str, Any]:
    return {"metric": "m", "value": value, "unit": "percent", "year": 2020, "type": kind, "confidence": confidence}


def test_the_headline_figure_is_the_strongest_evidence_then_the_first_listed() -> None:
    impacts = [
        _impact("projected", "high", 1),
        _impact("measured", "low", 2),
        _impact("estimated", "high", 3),
        _impact("measured", "medium", 4),
        _impact("measured", "medium", 5),
    ]
    p = _practice(impacts=[i | {"source": "s", "quote": "(a quote)"} for i in impacts])
    best = glance.headline(p)
    assert best is not None and best.value == 4
    assert glance.headline(_practice()) is None


def test_what_a_case_study_needs_in_words() -> None:
    needs = model.Requires(powers=["collect-waste"], context=["organics-treatment"], scale="over-100k")
    assert glance.needs_in_words(needs) == [
        "a city that collects household waste, or contracts its collection",
        "a composting or digestion plant within reach",
        "a city of 100,000 residents or more",
    ]


def test_the_first_screen_says_where_the_result_the_cost_the_lever_and_what_copying_needs() -> None:
    page = _fixture_pages()["practices/transportation/exampleton-congestion-charge.md"]
    glance_block = page.split('!!! abstract "At a glance"', 1)[1].split("\n\n", 2)[1]
    lines = [line.strip() for line in glance_block.splitlines()]
    labels = [re.match(r"- \*\*(.+?)\*\*", line).group(1) for line in lines]  # type: ignore[union-attr]
    assert labels == ["Where:", "Headline result:", "Cost:", "Who holds the lever:", "Can your city copy it?"]
    assert lines[0].startswith(
        "- **Where:** [Exampleton](../../cities/exampleton.md), Norway (a founding city of the Alliance)"
    )
    assert lines[1].startswith("- **Headline result:** \\-22 percent in 2006 (measured, high confidence): Traffic")
    assert lines[4].startswith("- **Can your city copy it?** It needs: a city that charges vehicles for using")
    assert "[What fits my city](../../fits/index.md)" in lines[4]


# The planning scorecard


def _city(targets: list[dict[str, Any]], inventories: list[dict[str, Any]], checked: str = "2026-06-01") -> City:
    return City.model_validate(
        {
            "name": "C",
            "country": "SE",
            "coordinates": {"lat": 1, "lon": 1},
            "membership": "member",
            "targets": [t | {"source": "s", "quote": "(a quote)"} for t in targets],
            "inventories": [i | {"source": "s", "quote": "(a quote)"} for i in inventories],
            "sources": {"s": {"title": "S", "url": "https://example.org/"}},
            "last_verified": checked,
        }
    )


def _marks(city: City, sectors: tuple[str, ...] = ()) -> dict[str, tuple[str, str]]:
    return {m.criterion.key: (m.result, m.inputs) for m in scorecard.card(city, sectors).marks}


def _inventory(year: int, protocol: str = "gpc-basic") -> dict[str, Any]:
    return {"year": year, "total_tco2e": 1000, "protocol": protocol}


def test_a_city_with_legislated_deep_and_interim_targets_and_gpc_inventories_meets_every_criterion() -> None:
    city = _city(
        [
            {"kind": "percent-reduction", "percent": 80, "baseline_year": 1990, "target_year": 2050}
            | {"status": "legislated"},
            {"kind": "percent-reduction", "percent": 50, "baseline_year": 1990, "target_year": 2030}
            | {"status": "adopted"},
        ],
        [_inventory(2019), _inventory(2021), _inventory(2023)],
    )
    marks = _marks(city, ("transportation", "energy", "waste"))
    assert {key: result for key, (result, _) in marks.items()} == dict.fromkeys(
        ("long-term", "interim", "in-law", "series", "recent", "protocol", "sectors"), "yes"
    )
    assert marks["long-term"][1] == "80% cut by 2050 (against 1990; legislated)"
    assert marks["interim"][1] == "50% cut by 2030 (against 1990; adopted)"
    assert marks["series"][1] == "3 years, 2019 to 2023"
    assert marks["recent"][1] == "latest 2023; profile checked 2026-06-01"


def test_weaker_targets_and_old_or_national_inventories_are_partly_met() -> None:
    city = _city(
        [
            {"kind": "percent-reduction", "percent": 70, "target_year": 2050, "status": "adopted"},
            {"kind": "net-zero", "target_year": 2040, "status": "revised"},
        ],
        [_inventory(2018, "national")],
    )
    marks = _marks(city, ("energy",))
    results = {key: result for key, (result, _) in marks.items()}
    assert results == {
        "long-term": "partly",
        "interim": "no",
        "in-law": "partly",
        "series": "partly",
        "recent": "partly",  # 8 years before the check
        "protocol": "partly",
        "sectors": "partly",
    }
    card = scorecard.card(city, ("energy",))
    assert [scorecard.target_words(t) for t in card.history] == ["Net zero by 2040 (revised)"]


def test_a_revised_or_abandoned_target_never_counts_as_current() -> None:
    city = _city([{"kind": "carbon-neutral", "target_year": 2025, "status": "abandoned"}], [])
    marks = _marks(city)
    assert marks["long-term"] == ("no", "no current target for 2040 or later")
    assert marks["in-law"] == ("no", "no current target")
    assert marks["interim"] == ("no", "no current target")
    assert {marks[k][0] for k in ("series", "recent", "protocol", "sectors")} == {"no"}


def test_recency_is_judged_against_the_profiles_last_check_not_the_build_date() -> None:
    old = _city([{"kind": "net-zero", "target_year": 2050, "status": "adopted"}], [_inventory(2010)], "2016-01-01")
    assert _marks(old)["recent"][0] == "partly"
    assert dt.date.today().year - 2010 > scorecard.PARTLY_RECENT_YEARS


@pytest.mark.parametrize("path", ["scorecard.md", "cities/exampleton.md"])
def test_every_mark_on_a_page_shows_what_it_was_judged_on(path: str) -> None:
    page = _fixture_pages()[path]
    if path == "scorecard.md":
        for criterion in scorecard.CRITERIA:
            assert f"- **{criterion.name}.** {criterion.rule_text()}" in page
        assert "[Exampleton](cities/exampleton.md#planning-scorecard)" in page
    else:
        section = page.split("## Planning scorecard", 1)[1].split("\n## ", 1)[0]
        rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| Criterion")]
        assert len(rows) == len(scorecard.CRITERIA)
        assert all(len(row.split(" | ")) == 3 and row.split(" | ")[2].strip(" |") for row in rows)


def test_in_a_year_with_two_inventories_the_gpc_one_is_judged() -> None:
    city = _city(
        [{"kind": "net-zero", "target_year": 2050, "status": "adopted"}], [_inventory(2022), _inventory(2022, "other")]
    )
    assert _marks(city)["protocol"] == ("yes", "GPC BASIC (2022)")


def test_a_deep_target_before_2040_is_its_own_interim_target() -> None:
    city = _city([{"kind": "net-zero", "target_year": 2030, "status": "adopted"}], [])
    assert _marks(city)["long-term"][0] == "yes"
    assert _marks(city)["interim"] == ("yes", "the long-term target is itself for 2030")


def test_who_holds_a_lever_is_named_apart_from_other_fields_with_the_same_value() -> None:
    from generator.pages.text import label, owner

    assert owner("national") == "national government"
    assert label("national") == "national"  # an inventory's protocol


def test_a_national_inventory_protocol_reads_national_on_the_city_page() -> None:
    result = pipeline.validate(REPO)
    pages = outputs(result.corpus, config.read(REPO)).texts()
    national = [
        cid for cid, c in result.corpus.cities.items() if any(i.protocol == "national" for i in c.data.inventories)
    ]
    assert national
    for cid in national:
        page = pages[f"cities/{cid}.md"]
        assert "national government" not in page.split("## Emission inventories", 1)[1].split("## Progress", 1)[0]
