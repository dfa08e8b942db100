"""The catalogue: every case study on one page, with the data its filters read; and the compare page.

Both pages read their data from a script beside the open data (data/catalogue-data.js, data/compare-data.js),
so that they work from file:// too (the offline edition), where a browser refuses fetch(), and stay small
with thousands of case studies. docs/data/catalogue.json is the same data as a download.
"""

import functools
import hashlib
import json
from collections.abc import Set
from typing import Any, get_args

from markupsafe import Markup

from generator.pages import i18n
from generator.pages.i18n import plain
from generator.pages.localize import translated_in_current
from generator.pages.text import environment, json_lines, label, link, owner, unit
from generator.reading.load import Corpus, LoadedPractice
from generator.schema.ids import SECTORS
from generator.schema.model import Cobenefit, Impact, Instrument, Lever, Practice

TONNES_PER_YEAR = {"tCO2e/yr": 1, "ktCO2e/yr": 1_000, "MtCO2e/yr": 1_000_000}
"""The units of an annual amount of greenhouse gas, and how many tCO2e/yr one of each is."""

STATUSES: tuple[str, ...] = get_args(Practice.model_fields["status"].annotation)
OWNERS: tuple[str, ...] = get_args(Lever.model_fields["owner"].annotation)
INSTRUMENTS: tuple[str, ...] = get_args(Instrument)
COBENEFITS: tuple[str, ...] = get_args(Cobenefit)


def largest_reduction(p: Practice) -> tuple[float, Impact] | None:
    """The figure the "largest annual tonnes figure" sort uses: of the figures stated in tCO2e/yr, ktCO2e/yr
    or MtCO2e/yr, the largest in size (converted to tCO2e/yr), with the figure itself.

    Only annual tonnes are comparable from one case study to the next. A percent is a share of
    something different each time (traffic, a recycling rate, a city's emissions), so percent figures
    are left out; so are cumulative tonnes (tCO2e), which are not per year. The schema does not say
    whether a figure is a cut, a capture or a level of emissions, so the page shows the figure and
    what it measures next to each result, and explains this.
    """
    best: tuple[float, Impact] | None = None
    for impact in p.impacts:
        factor = TONNES_PER_YEAR.get(impact.unit)
        if factor is None:
            continue
        size = abs(impact.value) * factor
        if best is None or size > best[0]:
            best = (size, impact)
    return best


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def _record(entry: LoadedPractice, corpus: Corpus) -> dict[str, Any]:
    p = entry.data
    largest = largest_reduction(p)
    return {
        "id": entry.id,
        "title": p.title,
        "sector": entry.sector,
        "city": p.city,
        "city_name": corpus.cities[p.city].data.name,
        "status": p.status,
        "started": str(p.started),
        "lever_owner": p.lever.owner,
        "instruments": list(p.instruments),
        "cobenefits": list(p.cobenefits),
        "measured": any(i.type in ("measured", "verified") for i in p.impacts),
        "cnca_funded": bool(p.finance and any(f.type == "cnca-fund" for f in p.finance.funding)),
        "summary": p.summary,
        "tags": list(p.tags),
        "largest_reduction": None if largest is None else _number(largest[0]),
        "largest_reduction_figure": None if largest is None else _figure(largest[1]),
        "url": f"practices/{entry.sector}/{entry.id}/",
        **({"english": True} if not translated_in_current("practices", entry.id) else {}),
    }


def _figure(impact: Impact) -> dict[str, Any]:
    shown = {} if i18n.current() == "en" else {"type_label": label(impact.type), "unit_label": unit(impact.unit)}
    return {
        "metric": impact.metric,
        "value": _number(impact.value),
        "unit": impact.unit,
        "year": impact.year,
        "type": impact.type,
        **shown,
    }


def _records(corpus: Corpus) -> list[dict[str, Any]]:
    return [
        e.derive(("record", i18n.current(), corpus.cities[e.data.city].digest), functools.partial(_record, e, corpus))
        for e in sorted(corpus.practices.values(), key=lambda e: e.id)
    ]


def data(corpus: Corpus) -> str:
    """docs/data/catalogue.json: one record per case study, with the values its filters use."""
    return json_lines(_records(corpus))


def _facet(param: str, field: str, legend: str, values: list[tuple[str, str]]) -> dict[str, Any]:
    return {"param": param, "field": field, "legend": legend, "values": [list(v) for v in values]}


def facets(corpus: Corpus) -> list[dict[str, Any]]:
    """The filter groups, in the order the page shows them; each lists the values the data holds."""
    practices = [e.data for e in corpus.practices.values()]
    sectors = {e.sector for e in corpus.practices.values()}
    cities = {p.city for p in practices}
    city_names = sorted(((corpus.cities[c].data.name, c) for c in cities), key=lambda nc: (nc[0].casefold(), nc[1]))

    def present(order: tuple[str, ...], used: Set[str]) -> list[tuple[str, str]]:
        return [(value, label(value)) for value in order if value in used]

    owners = {p.lever.owner for p in practices}
    instruments = {i for p in practices for i in p.instruments}
    cobenefits = {c for p in practices for c in p.cobenefits}

    return [
        _facet("sector", "sector", plain("Sector"), [(s, label(s).capitalize()) for s in SECTORS if s in sectors]),
        _facet("city", "city", plain("City"), [(c, name) for name, c in city_names]),
        _facet("status", "status", plain("Status"), present(STATUSES, {p.status for p in practices})),
        _facet("lever", "lever_owner", plain("Who holds the lever"), [(o, owner(o)) for o in OWNERS if o in owners]),
        _facet("instrument", "instruments", plain("Instrument"), present(INSTRUMENTS, instruments)),
        _facet("cobenefit", "cobenefits", plain("Co-benefit"), present(COBENEFITS, cobenefits)),
        _facet("measured", "measured", plain("Evidence"), [("yes", plain("Has a measured or verified impact"))]),
        _facet("funded", "cnca_funded", plain("Funding"), [("yes", plain("Funded by the Alliance (CNCA fund)"))]),
    ]


def _script_json(value: object) -> str:
    """JSON that no text in it can end a script block with: <, > and & as \\u escapes (and the two line
    separators JavaScript once refused in strings)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def data_script(name: str, value: object) -> str:
    """A script that hands the pages their data (`window[name] = ...;`). Loaded with <script src>, it works from
    file:// too (the offline edition, where fetch() is refused), is cached once for every visit, and keeps the
    page itself small."""
    return f"window.{name} = {_script_json(value)};\n"


TABLE_UP_TO = 500
"""Up to this many case studies the catalogue page also carries the full table (what a reader without
JavaScript sees); with more, it points to the sector and city lists instead, which hold the same links."""


FORMAT = 2
"""The shape of the data scripts; part of their version, so change it when the shape changes."""


def version(corpus: Corpus) -> str:
    """A version of the data scripts' layout, added to their addresses (?v=...): it changes when a case study
    moves to another piece (an id or a title added, removed or changed, since the catalogue's pieces are in
    title order and the compare page's follow the ids) or the shape of the data changes, so that a browser never
    reads a cached old piece with a new index. An edit of other text leaves it, so that it does not rewrite the
    pages that carry it (catalogue, compare, fits) at every save under `make serve`; a cached copy of such a
    piece is at worst a few minutes old."""
    parts = [FORMAT, *sorted((e.id, e.data.title) for e in corpus.practices.values())]
    return hashlib.blake2b(repr(parts).encode(), digest_size=6).hexdigest()


def page(corpus: Corpus) -> str:
    """docs/catalogue.md: the filterable list (catalogue.js, reading data/catalogue-data.js), over the full
    table, which is what a reader without JavaScript sees."""
    entries = sorted(corpus.practices.values(), key=lambda e: (e.data.title.casefold(), e.id))
    cities = {cid: city.data.name for cid, city in corpus.cities.items()}
    template = environment().get_template("catalogue.md.j2")
    table = len(entries) <= TABLE_UP_TO
    sector_links = Markup(", ".join(link(label(s).capitalize(), f"practices/{s}/index.md") for s in SECTORS))
    return template.render(
        entries=entries,
        city_names=cities,
        table=table,
        units=list(TONNES_PER_YEAR),
        version=version(corpus),
        sector_links=sector_links,
        here="catalogue.md",
    )


TEXT_CHUNK = 50
"""Case studies per piece of the catalogue's summaries (data/catalogue-text/<n>.js)."""


def _text_pieces(corpus: Corpus) -> list[list[LoadedPractice]]:
    """The case studies in title order, in pieces of TEXT_CHUNK: the catalogue lists by title unless told
    otherwise, so the first results of most views need the first piece or two."""
    entries = sorted(corpus.practices.values(), key=lambda e: (e.data.title.casefold(), e.id))
    return [entries[i : i + TEXT_CHUNK] for i in range(0, len(entries), TEXT_CHUNK)]


def page_data(corpus: Corpus) -> str:
    """docs/data/catalogue-data.js: the facets and one record per case study, for the catalogue page; without
    the summaries, which are in pieces (text_pieces) that the page loads for the results it shows, and all of
    them once a reader searches for words. Each record names its piece ("text")."""
    piece = {e.id: n for n, entries in enumerate(_text_pieces(corpus)) for e in entries}
    kept = ({k: v for k, v in r.items() if k not in _IN_PIECES} for r in _records(corpus))
    records = [{**r, "text": piece[r["id"]]} for r in kept]
    return data_script("cncaCatalogue", {"facets": facets(corpus), "practices": records, **_strings("catalogue.js")})


def _strings(script: str) -> dict[str, Any]:
    """The translations the script needs in the current language (none in English)."""
    found = i18n.script_strings(script)
    return {"i18n": found} if found is not None else {}


_IN_PIECES = ("url", "summary", "city_name", "largest_reduction_figure")
"""What catalogue-data.js leaves out: the summaries and figures are in the pieces, a city's name is in the city
facet, the address is made from the sector and the id."""


def text_pieces(corpus: Corpus) -> dict[str, str]:
    """docs/data/catalogue-text/<n>.js: for each case study of one piece of the catalogue, by id, its summary and
    the figure the "largest annual tonnes" sort names (or null)."""
    files = {}
    records = {r["id"]: r for r in _records(corpus)}
    for n, entries in enumerate(_text_pieces(corpus)):
        summaries = _script_json({e.id: [e.data.summary, records[e.id]["largest_reduction_figure"]] for e in entries})
        files[f"data/catalogue-text/{n}.js"] = (
            f"(window.cncaCatalogueText = window.cncaCatalogueText || {{}})[{n}] = {summaries};\n"
        )
    return files


def _compare_record(entry: LoadedPractice, corpus: Corpus) -> dict[str, Any]:
    p = entry.data
    capex = p.finance.capex if p.finance else None
    return {
        "id": entry.id,
        "title": p.title,
        "sector": entry.sector,
        "sector_label": label(entry.sector).capitalize(),
        "city_name": corpus.cities[p.city].data.name,
        "status": p.status,
        "status_label": label(p.status),
        "started": str(p.started),
        "ended": None if p.ended is None else str(p.ended),
        "lever_owner": owner(p.lever.owner),
        "city_power": label(p.lever.city_power),
        "advocacy_ask": p.lever.advocacy_ask,
        "instruments": [label(i) for i in p.instruments],
        "impacts": [_figure(i) for i in p.impacts],
        "capex": None
        if capex is None
        else {"amount": _number(capex.amount), "currency": capex.currency, "year": capex.year},
        "summary": p.summary,
        **({"english": True} if not translated_in_current("practices", entry.id) else {}),
    }


def compare_page(corpus: Corpus) -> str:
    """docs/compare.md: two or three case studies side by side, chosen in the catalogue (?ids=a,b,c).
    Without JavaScript it says so and links to the catalogue."""
    return environment().get_template("compare.md.j2").render(version=version(corpus))


COMPARE_PIECE = 50
"""Case studies per piece of the compare page's data, on average."""


def piece_of(ident: str, count: int) -> int:
    """The piece a case study's compare data is in: FNV-1a (32 bits) of its id, modulo the number of pieces.
    catalogue.js computes the same from the id alone, so the page needs no table of ids to find a piece."""
    value = 0x811C9DC5
    for byte in ident.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % count


def compare_data(corpus: Corpus) -> dict[str, str]:
    """What the compare page shows of each case study: data/compare-data.js says how many pieces there are, and
    data/compare/<n>.js holds the records of piece n by id; the page loads only the pieces of the two or three
    case studies it compares (at 10,000 the whole would be 8.7 MB)."""
    count = max(1, -(-len(corpus.practices) // COMPARE_PIECE))
    pieces: list[dict[str, Any]] = [{} for _ in range(count)]
    for e in sorted(corpus.practices.values(), key=lambda e: e.id):
        record = e.derive(
            ("compare", i18n.current(), corpus.cities[e.data.city].digest),
            functools.partial(_compare_record, e, corpus),
        )
        pieces[piece_of(e.id, count)][e.id] = record
    files = {"data/compare-data.js": data_script("cncaCompare", {"pieces": count, **_strings("catalogue.js")})}
    for n, records in enumerate(pieces):
        files[f"data/compare/{n}.js"] = (
            f"(window.cncaCompareParts = window.cncaCompareParts || {{}})[{n}] = {_script_json(records)};\n"
        )
    return files
