"""Models -> downloadable data under docs/data/: JSON, CSV and a Frictionless Data Package describing them.

Pure: the same corpus gives the same bytes (nothing from the clock or the file system).
The JSON keeps every field of the validated models, absent optional ones as null; the CSV files are
flat tables for spreadsheets; datapackage.json (https://specs.frictionlessdata.io/) types every column.
"""

import csv
import functools
import io
import json
from typing import Any

from pydantic import BaseModel

from generator.pages.text import json_lines
from generator.reading.load import Corpus, LoadedPractice
from generator.schema import translated
from generator.schema.languages import TRANSLATED
from generator.schema.model import City, CityTranslation, Practice, PracticeTranslation

Cell = str | int | float | bool | None
PRACTICE_COLUMNS = (
    "id", "sector", "title", "city", "city_name", "status", "started", "ended", "summary", "lever_owner",
    "city_power", "advocacy_ask", "instruments", "cobenefits", "tags", "gpc_refs", "impacts_count",
    "has_measured_or_verified_impact", "cnca_funded", "capex_amount", "capex_currency", "capex_year",
    "last_verified", "url_of_first_source", "page", "yaml",
    *(f"{name}_{lang}" for lang in TRANSLATED for name in ("title", "summary")),
)  # fmt: skip
IMPACT_COLUMNS = (
    "practice_id", "sector", "city", "metric", "value", "unit", "year", "type", "confidence", "baseline_year",
    "note", "source_key", "source_title", "source_url", "source_language", "quote", "quote_en", "derived",
)  # fmt: skip
TYPES = {"impacts_count": "integer", "has_measured_or_verified_impact": "boolean", "cnca_funded": "boolean",
         "capex_amount": "number", "capex_year": "integer", "last_verified": "date", "value": "number",
         "year": "integer", "baseline_year": "integer"}  # fmt: skip
"""Frictionless types of the CSV columns that are not strings."""
LIST, YEAR_OR_DATE = "Values separated by '; '", "A year (YYYY) or a date (YYYY-MM-DD)"
NOTES = {
    "id": "The case study's id: its file name without .yaml",
    "city": "Id of the city (see cities.json)",
    "started": YEAR_OR_DATE, "ended": YEAR_OR_DATE,
    "instruments": LIST, "cobenefits": LIST, "tags": LIST, "gpc_refs": LIST,
    "impacts_count": "Number of figures (its rows in impacts.csv)",
    "has_measured_or_verified_impact": "Whether any figure is measured or verified",
    "cnca_funded": "Whether the Carbon Neutral Cities Alliance's fund paid for part of it",
    "capex_amount": "Capital cost, as the source states it", "capex_year": "Price base year of the capital cost",
    "page": "Path of its page on the site", "yaml": "Path of its YAML file in the repository",
    "practice_id": "Id of the case study (see practices.csv)", "value": "The figure exactly as the source states it",
    "source_language": "Language of the source (BCP 47), the language of the quote",
    "quote": "The source's words that state the figure, word for word (never translated)",
    "quote_en": "A short English gloss of the quote, when the source is not in English",
    "derived": "How the figure is computed from the quote, when it does not state it as written",
    **{f"{name}_{lang}": f"The {name} in the language {lang} (a translation; empty when there is none)"
       for lang in TRANSLATED for name in ("title", "summary")},
}  # fmt: skip
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}

# Spreadsheet formula injection: Excel, LibreOffice and Google Sheets treat a cell that begins with
# = + - @ (or a tab or carriage return) as a formula. Every text cell that begins with one of them gets
# a leading apostrophe, which spreadsheets read as "this is text". Numbers are written from the models'
# int and float values and never get one: -22 in `value` stays a number. The JSON keeps text as written.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)  # unformatted, and exactly the number the JSON has
    return "'" + value if value.startswith(FORMULA_START) else value


def _csv(columns: tuple[str, ...], rows: list[dict[str, Cell]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(columns)
    writer.writerows([_cell(row[name]) for name in columns] for row in rows)
    return "\ufeff" + out.getvalue()  # the byte-order mark makes spreadsheets read UTF-8


def _practice_row(entry: LoadedPractice, corpus: Corpus) -> dict[str, Cell]:
    p, city = entry.data, corpus.cities.get(entry.data.city)
    capex = p.finance.capex if p.finance else None
    first_source = next(iter(p.sources.values()), None)
    return {
        "id": entry.id,
        "sector": entry.sector,
        "title": p.title,
        "city": p.city,
        "city_name": city.data.name if city else None,
        "status": p.status,
        "started": str(p.started) if isinstance(p.started, int) else p.started.isoformat(),
        "ended": None if p.ended is None else str(p.ended) if isinstance(p.ended, int) else p.ended.isoformat(),
        "summary": p.summary,
        "lever_owner": p.lever.owner,
        "city_power": p.lever.city_power,
        "advocacy_ask": p.lever.advocacy_ask,
        "instruments": "; ".join(p.instruments),
        "cobenefits": "; ".join(p.cobenefits),
        "tags": "; ".join(p.tags),
        "gpc_refs": "; ".join(p.gpc_refs),
        "impacts_count": len(p.impacts),
        "has_measured_or_verified_impact": any(i.type in ("measured", "verified") for i in p.impacts),
        "cnca_funded": any(f.type == "cnca-fund" for f in p.finance.funding) if p.finance else False,
        "capex_amount": capex.amount if capex else None,
        "capex_currency": capex.currency if capex else None,
        "capex_year": capex.year if capex else None,
        "last_verified": p.last_verified.isoformat(),
        "url_of_first_source": first_source.url if first_source else None,
        "page": f"practices/{entry.sector}/{entry.id}/",
        "yaml": entry.path,
        **{
            f"{name}_{lang}": _translation_of(corpus, entry.id, lang, name)
            for lang in TRANSLATED
            for name in ("title", "summary")
        },
    }


def _translation_of(corpus: Corpus, ident: str, lang: str, name: str) -> str | None:
    found = corpus.translation("practices", ident, lang)
    return getattr(found.data, name) if found is not None and isinstance(found.data, PracticeTranslation) else None


def _translations(corpus: Corpus, kind: str, ident: str, english: Practice | City) -> dict[str, Any]:
    """The translations of a case study (title, summary) or a city (name), by language, with how each was made
    and whether it is stale."""
    out: dict[str, Any] = {}
    for lang, found in corpus.translations.get((kind, ident), {}).items():
        data = found.data
        text = (
            {"name": data.name} if isinstance(data, CityTranslation) else {"title": data.title, "summary": data.summary}
        )
        made = data.translation
        out[lang] = {
            **text,
            "by": made.by,
            "reviewed_by": made.reviewed_by,
            "stale": translated.stale(data, english),
            "file": found.path,
        }
    return out


def _impact_rows(entry: LoadedPractice) -> list[dict[str, Cell]]:
    rows: list[dict[str, Cell]] = []
    for i in entry.data.impacts:
        source = entry.data.sources.get(i.source)
        rows.append(
            {"practice_id": entry.id, "sector": entry.sector, "city": entry.data.city, "metric": i.metric,
             "value": i.value, "unit": i.unit, "year": i.year, "type": i.type, "confidence": i.confidence,
             "baseline_year": i.baseline_year, "note": i.note, "source_key": i.source,
             "source_title": source.title if source else None, "source_url": source.url if source else None,
             "source_language": (source.language if source else None) or "en", "quote": i.quote,
             "quote_en": i.quote_en, "derived": i.derived}
        )  # fmt: skip
    return rows


def _field(name: str, kind: str, description: str, required: bool = False) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": kind}
    field |= {"description": description} if description else {}
    return field | ({"constraints": {"required": True}} if required else {})


def _columns(names: tuple[str, ...]) -> list[dict[str, Any]]:
    return [_field(name, TYPES.get(name, "string"), NOTES.get(name, "")) for name in names]


def _model_fields(model: type[BaseModel]) -> list[dict[str, Any]]:
    """Frictionless fields for the model's JSON dump, from its JSON Schema: one per field, in order."""
    schema = model.model_json_schema(mode="serialization")
    fields = []
    for name, prop in schema["properties"].items():
        options = [o for o in prop.get("anyOf", [prop]) if o.get("type") != "null"]
        only = options[0] if len(options) == 1 else {}
        kind = "object" if "$ref" in only else only.get("type", "any")  # "any": a year or a date
        kind = "date" if only.get("format") == "date" else kind
        fields.append(_field(name, kind, prop.get("description", ""), name in schema.get("required", [])))
    return fields


def _resource(name: str, path: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    csv_ = path.endswith(".csv")
    # The CSV files start with a byte-order mark: "utf-8" is the encoding's registered name, which the
    # specification asks for; a UTF-8 byte-order mark is allowed by Unicode, and Frictionless skips it.
    return {
        "name": name,
        "path": path,
        "profile": "tabular-data-resource",
        "description": description,
        "format": "csv" if csv_ else "json",
        "mediatype": "text/csv" if csv_ else "application/json",
        "encoding": "utf-8",
        "schema": schema,
    }


_TRANSLATIONS = _field(
    "translations",
    "object",
    "By language (ar, zh, fr, ru, es): the translated title and summary (a city: its name), how it was made (by:"
    " machine or human; reviewed_by) and whether it is stale (made from English text that has changed since)",
)


def _package() -> dict[str, Any]:
    ident = [_field("id", "string", "File name of the YAML file, without .yaml", required=True)]
    sector = [_field("sector", "string", "Folder of the YAML file: transportation, energy or waste", required=True)]
    return {
        "profile": "tabular-data-package",
        "name": "city-climate-practices",
        "title": "City climate practices",
        "description": "Case studies of what leading cities did to cut emissions in transportation, energy and "
        "waste, with every figure and its source, and the cities' targets and emission inventories.",
        "licenses": [LICENSE],
        "resources": [
            _resource("practices", "practices.json", "Every case study with all its fields",
                      {"fields": ident + sector + _model_fields(Practice) + [_TRANSLATIONS], "primaryKey": ["id"]}),
            _resource("cities", "cities.json", "Every city profile with all its fields",
                      {"fields": ident + _model_fields(City) + [_TRANSLATIONS], "primaryKey": ["id"]}),
            _resource("practices-table", "practices.csv", "One row per case study, in flat columns",
                      {"fields": _columns(PRACTICE_COLUMNS), "primaryKey": ["id"]}),
            _resource("impacts", "impacts.csv", "One row per figure a case study reports, with its source",
                      {"fields": _columns(IMPACT_COLUMNS), "foreignKeys": [
                          {"fields": ["practice_id"], "reference": {"resource": "practices-table", "fields": ["id"]}}
                      ]}),
        ],
    }  # fmt: skip


@functools.cache  # made from the models alone, which do not change while the process runs (mkdocs serve)
def _package_text() -> str:
    return json.dumps(_package(), ensure_ascii=False, indent=2) + "\n"


def _json_record(entry: LoadedPractice, corpus: Corpus) -> dict[str, Any]:
    record = {"id": entry.id, "sector": entry.sector, **entry.data.model_dump(mode="json")}
    return record | {"translations": _translations(corpus, "practices", entry.id, entry.data)}


def _translated(corpus: Corpus, kind: str, ident: str) -> tuple[str, ...]:
    """What a record's translations are made from: their files' fingerprints."""
    return tuple(f"{lang}:{t.digest}" for lang, t in corpus.translations.get((kind, ident), {}).items())


def _row(entry: LoadedPractice, corpus: Corpus) -> dict[str, Cell]:
    city = corpus.cities.get(entry.data.city)
    key = ("row", city.digest if city else "", _translated(corpus, "practices", entry.id))
    return entry.derive(key, functools.partial(_practice_row, entry, corpus))


def _impacts(entry: LoadedPractice) -> list[dict[str, Cell]]:
    return entry.derive("impact rows", functools.partial(_impact_rows, entry))


def files(corpus: Corpus) -> dict[str, str]:
    """The downloads, by path relative to docs/ (MkDocs copies them to site/data/)."""
    practices = [corpus.practices[ident] for ident in sorted(corpus.practices)]
    cities = [(ident, corpus.cities[ident].data) for ident in sorted(corpus.cities)]
    return {
        "data/practices.json": json_lines(
            [
                e.derive(("json", _translated(corpus, "practices", e.id)), functools.partial(_json_record, e, corpus))
                for e in practices
            ]
        ),
        "data/cities.json": json_lines(
            [
                {"id": ident, **city.model_dump(mode="json")}
                | {"translations": _translations(corpus, "cities", ident, city)}
                for ident, city in cities
            ]
        ),
        "data/practices.csv": _csv(PRACTICE_COLUMNS, [_row(e, corpus) for e in practices]),
        "data/impacts.csv": _csv(IMPACT_COLUMNS, [row for e in practices for row in _impacts(e)]),
        "data/datapackage.json": _package_text(),
    }
