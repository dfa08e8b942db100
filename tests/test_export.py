"""The downloads: JSON, CSV and a Frictionless Data Package, for the real data and the hostile fixture."""

import csv
import dataclasses
import io
import json
from pathlib import Path
from typing import Any

import frictionless
import pytest

from generator import pipeline
from generator.problems import errors
from generator.publishing import export
from generator.reading.load import Corpus
from generator.schema.ids import SECTORS
from generator.schema.model import City, Practice, PracticeTranslation

from .conftest import FIXTURE, REPO

PRACTICES_HEADER = [
    "id", "sector", "title", "city", "city_name", "status", "started", "ended", "summary", "lever_owner",
    "city_power", "advocacy_ask", "instruments", "cobenefits", "tags", "gpc_refs", "impacts_count",
    "has_measured_or_verified_impact", "cnca_funded", "capex_amount", "capex_currency", "capex_year",
    "last_verified", "url_of_first_source", "page", "yaml",
    "title_ar", "summary_ar", "title_zh", "summary_zh", "title_fr", "summary_fr", "title_ru", "summary_ru",
    "title_es", "summary_es",
]  # fmt: skip
IMPACTS_HEADER = [
    "practice_id", "sector", "city", "metric", "value", "unit", "year", "type", "confidence", "baseline_year",
    "note", "source_key", "source_title", "source_url", "source_language", "quote", "quote_en", "derived",
]  # fmt: skip
FILES = ["data/cities.json", "data/datapackage.json", "data/impacts.csv", "data/practices.csv", "data/practices.json"]


def _corpus(root: Path) -> Corpus:
    result = pipeline.validate(root)
    assert errors(result.problems) == []
    return result.corpus


@pytest.fixture(scope="module", params=[REPO, FIXTURE], ids=["real", "fixture"])
def root(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path


def _write(out: Path, corpus: Corpus) -> Path:
    for rel, text in export.files(corpus).items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(text.encode("utf-8"))  # as generator.write writes pages
    return out / "data"


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in raw.replace(b"\r\n", b"")  # RFC 4180 line ends, and no line break inside a cell
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def test_files_and_determinism(root: Path) -> None:
    first, second = export.files(_corpus(root)), export.files(_corpus(root))
    assert sorted(first) == FILES
    assert first == second
    assert all(text.endswith("\n") for text in first.values())
    assert "created" not in json.loads(first["data/datapackage.json"])


def test_frictionless_validates_the_package(root: Path, tmp_path: Path) -> None:
    corpus = _corpus(root)
    report = frictionless.validate(_write(tmp_path, corpus) / "datapackage.json")
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])
    assert report.stats["errors"] == 0
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    yaml_files = [p for sector in SECTORS for p in (root / "practices" / sector).glob("*.yaml") if "." not in p.stem]
    assert rows["practices"] == rows["practices-table"] == len(yaml_files) == len(corpus.practices)
    assert rows["cities"] == len([p for p in (root / "practices" / "cities").glob("*.yaml") if "." not in p.stem])
    assert rows["impacts"] == sum(len(e.data.impacts) for e in corpus.practices.values())
    package = json.loads((tmp_path / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"] == [export.LICENSE]
    assert [r["path"] for r in package["resources"]] == [
        "practices.json",
        "cities.json",
        "practices.csv",
        "impacts.csv",
    ]


def test_json_matches_the_models(root: Path) -> None:
    corpus = _corpus(root)
    files = export.files(corpus)
    practices: list[dict[str, Any]] = json.loads(files["data/practices.json"])
    assert [p["id"] for p in practices] == sorted(corpus.practices)
    for item in practices:
        entry = corpus.practices[item["id"]]
        assert list(item) == ["id", "sector", *Practice.model_fields, "translations"]
        assert item["sector"] == entry.sector
        assert item["last_verified"] == entry.data.last_verified.isoformat()
        fields = {k: v for k, v in item.items() if k not in ("id", "sector", "translations")}
        assert Practice.model_validate(fields) == entry.data
        for lang, t in item["translations"].items():
            found = corpus.translation("practices", item["id"], lang)
            assert found is not None and isinstance(found.data, PracticeTranslation)
            assert t["title"] == found.data.title and t["file"] == found.path
    first = corpus.practices[practices[0]["id"]].data
    assert practices[0]["lever"]["owner"] == first.lever.owner
    cities: list[dict[str, Any]] = json.loads(files["data/cities.json"])
    assert [c["id"] for c in cities] == sorted(corpus.cities)
    for item in cities:
        assert list(item) == ["id", *City.model_fields, "translations"]
        fields = {k: v for k, v in item.items() if k not in ("id", "translations")}
        assert City.model_validate(fields) == corpus.cities[item["id"]].data
    assert cities[0]["coordinates"]["lat"] == corpus.cities[cities[0]["id"]].data.coordinates.lat


def test_csv_opens_with_the_expected_header(root: Path, tmp_path: Path) -> None:
    corpus = _corpus(root)
    data = _write(tmp_path, corpus)
    header, practices = _rows(data / "practices.csv")
    assert header == PRACTICES_HEADER
    assert [row["id"] for row in practices] == sorted(corpus.practices)
    for row in practices:
        entry = corpus.practices[row["id"]]
        assert (row["sector"], row["yaml"]) == (entry.sector, entry.path)
        assert row["page"] == f"practices/{entry.sector}/{entry.id}/"
        assert row["impacts_count"] == str(len(entry.data.impacts))
        assert row["instruments"].split("; ") == list(entry.data.instruments)
    header, impacts = _rows(data / "impacts.csv")
    assert header == IMPACTS_HEADER
    expected = [(e.id, i.value) for _, e in sorted(corpus.practices.items()) for i in e.data.impacts]
    assert [(row["practice_id"], float(row["value"])) for row in impacts] == expected
    assert all("," not in row["value"] for row in impacts)  # no thousands separators


def test_formula_injection_guard(tmp_path: Path) -> None:
    corpus = _corpus(FIXTURE)
    files = export.files(corpus)
    _, practices = _rows(_write(tmp_path, corpus) / "practices.csv")
    hostile = next(row for row in practices if row["id"] == "sampleville-hostile-text")
    assert hostile["advocacy_ask"] == "'- not a list | not a table"
    assert hostile["title"].startswith("<script>")  # only the formula characters are guarded
    assert '"advocacy_ask": "- not a list | not a table"' in files["data/practices.json"]  # JSON: as written
    _, impacts = _rows(tmp_path / "data" / "impacts.csv")
    assert "-22" in [row["value"] for row in impacts]  # a genuine number stays a number

    # every character that starts a formula, in text columns of both tables
    entry = corpus.practices["exampleton-congestion-charge"]
    impact = entry.data.impacts[0].model_copy(update={"metric": "=1+1", "note": "@SUM(A1)", "value": -5})
    lever = entry.data.lever.model_copy(update={"advocacy_ask": "+cmd|' /C calc'!A0"})
    data = entry.data.model_copy(update={"title": "\tTab", "summary": "\rReturn", "impacts": [impact], "lever": lever})
    corpus = dataclasses.replace(
        corpus, practices={**corpus.practices, entry.id: dataclasses.replace(entry, data=data)}
    )
    out = _write(tmp_path / "edited", corpus)
    _, practices = _rows(out / "practices.csv")
    row = next(row for row in practices if row["id"] == entry.id)
    assert (row["title"], row["summary"], row["advocacy_ask"]) == ("'\tTab", "'\rReturn", "'+cmd|' /C calc'!A0")
    _, impacts = _rows(out / "impacts.csv")
    row = next(row for row in impacts if row["practice_id"] == entry.id)
    assert (row["metric"], row["note"], row["value"]) == ("'=1+1", "'@SUM(A1)", "-5")
    assert frictionless.validate(out / "datapackage.json").valid
