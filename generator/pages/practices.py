"""The pages of case studies and cities: home, sector lists, case studies, cities, coverage.
Models -> {path under docs/: Markdown text}. Pure: no I/O beyond reading templates.
"""

import hashlib
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from markupsafe import Markup

from generator import parallel
from generator.pages import charts, glance, scorecard, tags
from generator.pages.i18n import N_
from generator.pages.localize import Coverage, StatusMap, localize
from generator.pages.paging import paged
from generator.pages.related import Related
from generator.pages.text import environment
from generator.reading.config import Settings
from generator.reading.load import Corpus, LoadedPractice
from generator.schema.ids import SECTORS
from generator.schema.languages import ENGLISH, LANGUAGES
from generator.schema.model import City, Practice

CITIES_PER_PAGE = 100
HOME_CITIES = 100
"""Up to this many cities the home page names each one; past it, it links the (paged) cities index."""

SHOWN_MISSING = 60
"""The coverage page names up to this many files not yet translated into each language (then counts the rest)."""
RECENT = 5
"""Case studies under "What is new" on the home page: those checked against their sources most recently."""
GOALS = {
    "transportation": N_("Cut emissions from transport"),
    "energy": N_("Cut emissions from heating, cooling and power"),
    "waste": N_("Cut emissions from waste"),
}
"""How the home page names each sector as a goal."""

SECTOR_INTRO = {
    "transportation": N_(
        "Moving people and goods with less carbon: road pricing, low-emission zones, "
        "public transport, cycling, electric vehicles."
    ),
    "energy": N_(
        "Heating, cooling and powering buildings: building performance standards, district heating, "
        "clean-energy procurement, utility partnerships."
    ),
    "waste": N_(
        "Less waste, and less carbon from what remains: organics collection, recycling mandates, "
        "zero-waste programmes, landfill gas."
    ),
}


def _jsonld(entry: LoadedPractice, city: City, settings: Settings) -> Markup:
    """schema.org data about the case study, as a script block that no text in it can end early."""
    p = entry.data
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": p.title,
        "description": p.summary,
        "url": f"{settings.site_url}practices/{entry.sector}/{entry.id}/",
        "dateModified": p.last_verified.isoformat(),
        "about": {
            "@type": "City",
            "name": city.name,
            "geo": {"@type": "GeoCoordinates", "latitude": city.coordinates.lat, "longitude": city.coordinates.lon},
        },
        "keywords": [entry.sector, *p.tags],
        "citation": [{"@type": "CreativeWork", "name": s.title, "url": s.url} for s in p.sources.values()],
        "isPartOf": {"@type": "WebSite", "name": "City climate practices", "url": settings.site_url},
        "license": "https://creativecommons.org/licenses/by/4.0/",
    }
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')


@dataclass(frozen=True)
class Rendered:
    pages: dict[str, str | bytes | None]
    """Every generated page by path under docs/ (bytes: an asset copied as it is); None where the page on disk is
    current (see `known`)."""
    keys: dict[str, str]
    """For each case-study and city page, a key of everything it is made from."""

    def texts(self) -> dict[str, str]:
        """Every page's text (when nothing was `known`, all were made); assets decoded."""
        missing = [path for path, text in self.pages.items() if text is None]
        if missing:
            raise ValueError(f"pages not made: {missing[:3]}")
        return {path: t.decode() if isinstance(t, bytes) else t for path, t in self.pages.items() if t is not None}


def _key(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def render(
    corpus: Corpus,
    settings: Settings,
    known: Mapping[str, str] = MappingProxyType({}),
    jobs: int = 1,
    status: StatusMap | None = None,
    translations: Sequence[Coverage] = (),
) -> Rendered:
    """Every generated page, by path relative to docs/. A case-study or city page whose key is in `known`
    (its file on disk was made from the same inputs) is not made again; `jobs` processes share the work."""
    env = environment()
    by_title = sorted(corpus.practices.values(), key=lambda e: (e.data.title.casefold(), e.id))
    cities = dict(sorted(corpus.cities.items(), key=lambda item: (item[1].data.name.casefold(), item[0])))
    common: dict[str, Any] = {
        "cities": cities,
        "practices": corpus.practices,
        "sectors": SECTORS,
        "sector_intro": SECTOR_INTRO,
        "settings": settings,
        **charts.GLOBALS,
        "headline": glance.headline,
        "requires": glance.requires,
        "needs_in_words": glance.needs_in_words,
        "membership": glance.MEMBERSHIP,
        "tr": status if status is not None else localize(corpus, ENGLISH)[1],
        "languages": LANGUAGES,
    }
    pages: dict[str, str | None] = {}
    keys: dict[str, str] = {}
    nearest = Related(corpus)
    own: dict[str, list[LoadedPractice]] = {cid: [] for cid in cities}
    also: dict[str, list[LoadedPractice]] = {cid: [] for cid in cities}
    learners: dict[str, list[LoadedPractice]] = {}
    """Who learned from each case study: the reverse of `transferability.learned_from`."""
    for entry in by_title:
        own[entry.data.city].append(entry)
        for model in dict.fromkeys(lineage.practice for lineage in entry.data.transferability.learned_from):
            if model is not None:
                learners.setdefault(model, []).append(entry)
        for other in dict.fromkeys(entry.data.other_cities):
            if other in also:
                also[other].append(entry)
    all_cities = _key(*((cid, city.digest) for cid, city in cities.items()))
    shared = tags.with_pages(tags.by_tag(corpus))  # a page's tag links depend on other files' tags

    def page(path: str, template: str, **context: Any) -> None:
        pages[path] = env.get_template(template).render(**common, here=path, **context)

    recent = sorted(by_title, key=lambda e: (-e.data.last_verified.toordinal(), e.id))[:RECENT]
    page("index.md", "home.md.j2", entries=by_title, home_cities=HOME_CITIES, goals=GOALS, recent=recent)
    for sector in SECTORS:
        for part in paged([e for e in by_title if e.sector == sector], f"practices/{sector}"):
            page(part.path, "sector.md.j2", sector=sector, p=part)
    todo: list[LoadedPractice] = []
    shown = status if status is not None else {}
    for entry in by_title:
        if shown and not shown[("practices", entry.id)].translated:
            continue  # not translated into this language: its English page is the only one, and lists link to it
        path = f"practices/{entry.sector}/{entry.id}.md"
        linked = tuple(tag in shared for tag in entry.data.tags)
        models = [corpus.practices[m] for m in _models(entry) if m in corpus.practices]
        near = (
            (r.id, r.sector, r.digest, shown.get(("practices", r.id)))
            for r in (*nearest.of(entry), *learners.get(entry.id, ()), *models)
        )
        keys[path] = _key(settings, entry.digest, all_cities, linked, languages_of(corpus, entry.id), *near)
        if known.get(path) == keys[path] and entry.digest:
            pages[path] = None
        else:
            todo.append(entry)
    template = env.get_template("practice.md.j2")

    def practice_page(entry: LoadedPractice) -> str:
        context = {
            "here": f"practices/{entry.sector}/{entry.id}.md",
            "page_languages": languages_of(corpus, entry.id),
            "e": entry,
            "p": entry.data,
            "numbers": _numbers(entry.data),
            "related": nearest(entry),
            "learners": learners.get(entry.id, []),
            "shared_tags": shared,
            "jsonld": _jsonld(entry, corpus.cities[entry.data.city].data, settings),
        }
        return template.render(**common, **context)

    for entry, text in zip(todo, parallel.map_items(practice_page, todo, jobs), strict=True):
        pages[f"practices/{entry.sector}/{entry.id}.md"] = text
    for listing in paged(list(cities.items()), "cities", CITIES_PER_PAGE):
        page(listing.path, "cities.md.j2", p=listing, by_city=own)
    counts = {
        "impact_types": Counter(i.type for e in by_title for i in e.data.impacts),
        "statuses": Counter(e.data.status for e in by_title),
        "sectors": Counter(e.sector for e in by_title),
        "by_city_sector": Counter((e.data.city, e.sector) for e in by_title),
        "by_membership_sector": Counter((cities[e.data.city].data.membership, e.sector) for e in by_title),
        "by_membership": Counter(cities[e.data.city].data.membership for e in by_title),
    }
    page(
        "coverage.md",
        "coverage.md.j2",
        entries=by_title,
        by_city=own,
        counts=counts,
        translations=translations,
        shown_missing=SHOWN_MISSING,
    )
    pages |= scorecard.pages(corpus, list(cities.items()))
    cards = scorecard.cards(corpus)
    for cid, city in cities.items():
        path = f"cities/{cid}.md"
        keys[path] = _key(
            settings, city.digest, all_cities, *((e.id, e.sector, e.digest) for e in (*own[cid], *also[cid]))
        )
        if known.get(path) == keys[path] and city.digest:
            pages[path] = None
            continue
        page(
            path,
            "city.md.j2",
            e=city,
            c=city.data,
            own=own[cid],
            also=also[cid],
            card=cards[cid],
            target_words=scorecard.target_words,
            numbers={key: n for n, key in enumerate(city.data.sources, 1)},
        )
    return Rendered(dict(sorted(pages.items())), keys)


def languages_of(corpus: Corpus, ident: str) -> tuple[str, ...]:
    """The languages a case study's page is in: English, and each it is translated into."""
    return (ENGLISH, *(lang for lang in LANGUAGES[1:] if corpus.translation("practices", ident, lang) is not None))


def _models(entry: LoadedPractice) -> list[str]:
    """The case studies a case study learned from (their titles and links are on its page)."""
    return [lineage.practice for lineage in entry.data.transferability.learned_from if lineage.practice]


def _numbers(practice: Practice) -> dict[str, int]:
    return {key: n for n, key in enumerate(practice.sources, 1)}
