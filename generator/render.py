"""Models -> {path under docs/: Markdown text}. Pure: no I/O beyond reading templates.

Every value a template prints is escaped for Markdown and HTML by `finalize`,
unless it is `Markup` built here from checked parts (links, the description).
"""

import datetime as dt
import functools
import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jinja2
from markupsafe import Markup

from . import charts, description, parallel
from .files import SECTORS
from .load import Corpus, LoadedPractice
from .model import City, Practice
from .related import Related

# Every character Python-Markdown (with attr_list, which the tags plugin turns on) gives a meaning
# anywhere in a line; the escapes it understands for them.
# "~" and a leading "=" have no escape in Python-Markdown, so they become entities ("~~~" would open
# a code fence, "===" under a line makes a heading).
_INLINE = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "~": "&#126;", **{c: "\\" + c for c in "\\`*_[]|{}#"}}
_INLINE_TABLE = str.maketrans(_INLINE)
_LEADING = re.compile(r"^([+\-!]|\d+(?=\.))")

SECTOR_INTRO = {
    "transportation": "Moving people and goods with less carbon: road pricing, low-emission zones, "
    "public transport, cycling, electric vehicles.",
    "energy": "Heating, cooling and powering buildings: building performance standards, district heating, "
    "clean-energy procurement, utility partnerships.",
    "waste": "Less waste, and less carbon from what remains: organics collection, recycling mandates, "
    "zero-waste programmes, landfill gas.",
}


def md_text(value: object) -> str:
    """Text from YAML as literal text in Markdown and HTML: it can never become markup."""
    if value is None:
        raise TypeError("a template printed None; guard the value with {% if %}")
    if isinstance(value, Markup):
        return str(value)
    text = str(value).translate(_INLINE_TABLE)
    if text.startswith("="):
        text = "&#61;" + text[1:]
    return _LEADING.sub(lambda m: m.group(0) + "\\" if m.group(0).isdigit() else "\\" + m.group(0), text, count=1)


def _number(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return f"{value:,}" if isinstance(value, int) or abs(value) < 1e15 else repr(value)


def _link(title: object, url: str) -> Markup:
    target = re.sub(r"[()<> ]", lambda m: f"%{ord(m.group(0)):02X}", url)
    return Markup(f"[{md_text(title)}]({target})")


def _description(text: str) -> Markup:
    # HTML made by the same parser that checked it; MkDocs passes an HTML block through untouched
    return Markup(f'<div class="practice-description">\n{description.to_html(text)}</div>')


def _front(value: str) -> Markup:
    # MkDocs copies a front-matter title into <title> unescaped: it must arrive already escaped
    return Markup(json.dumps(html.escape(value), ensure_ascii=False))


def _front_plain(value: str) -> Markup:
    # a quoted string, so that MkDocs' YAML 1.1 reading keeps "2024-01-01", "yes" and "null" as text
    return Markup(json.dumps(value, ensure_ascii=False))


def _date(value: dt.date | int | None) -> str:
    return "" if value is None else value.isoformat() if isinstance(value, dt.date) else str(value)


LABELS = {
    "own-operate": "own and operate",
    "fund-incentivize": "fund and incentivize",
    "convene-advocate": "convene and advocate",
    "cnca-fund": "CNCA fund",
    "gpc-basic": "GPC BASIC",
    "gpc-basic-plus": "GPC BASIC+",
}


def _label(value: str) -> str:
    return LABELS.get(value, value.replace("-", " "))


@dataclass(frozen=True)
class Settings:
    edit_base: str | None = None
    """URL the YAML file's path is appended to for "edit this page", e.g. https://github.com/o/r/edit/main/"""
    site_url: str = "https://example.org/"
    """Where the site is published, ending with a slash (site_url in mkdocs.yml)."""


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        finalize=md_text,
    )
    filters: dict[str, Callable[..., Any]] = {
        "link": _link,
        "front": _front,
        "front_plain": _front_plain,
        "number": _number,
        "date": _date,
        "label": _label,
        "description": _description,
    }
    env.filters.update(filters)
    env.globals["cite"] = _cite
    env.globals["anchor"] = _anchor
    env.globals.update(charts.GLOBALS)
    return env


def _cite(numbers: dict[str, int], key: str) -> Markup:
    return Markup(f"[\\[{numbers[key]}\\]](#source.{key})")


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


def _anchor(name: str) -> Markup:
    if not re.fullmatch(r"[a-z0-9_.-]+", name):
        raise ValueError(f"unsafe anchor {name!r}")
    return Markup(f'<span id="{name}"></span>')


@dataclass(frozen=True)
class Rendered:
    pages: dict[str, str | None]
    """Every generated page by path under docs/; None where the page on disk is current (see `known`)."""
    keys: dict[str, str]
    """For each case-study and city page, a key of everything it is made from."""

    def texts(self) -> dict[str, str]:
        """Every page's text (when nothing was `known`, all were made)."""
        missing = [path for path, text in self.pages.items() if text is None]
        if missing:
            raise ValueError(f"pages not made: {missing[:3]}")
        return {path: text for path, text in self.pages.items() if text is not None}


def _key(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def render(
    corpus: Corpus, settings: Settings, known: Mapping[str, str] = MappingProxyType({}), jobs: int = 1
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
    }
    pages: dict[str, str | None] = {}
    keys: dict[str, str] = {}
    nearest = Related(corpus)
    own: dict[str, list[LoadedPractice]] = {cid: [] for cid in cities}
    also: dict[str, list[LoadedPractice]] = {cid: [] for cid in cities}
    for entry in by_title:
        own[entry.data.city].append(entry)
        for other in dict.fromkeys(entry.data.other_cities):
            if other in also:
                also[other].append(entry)
    all_cities = _key(*((cid, city.digest) for cid, city in cities.items()))

    def page(path: str, template: str, **context: Any) -> None:
        pages[path] = env.get_template(template).render(**common, **context)

    page("index.md", "home.md.j2", entries=by_title)
    for sector in SECTORS:
        entries = [e for e in by_title if e.sector == sector]
        page(f"practices/{sector}/index.md", "sector.md.j2", sector=sector, entries=entries)
    todo: list[LoadedPractice] = []
    for entry in by_title:
        path = f"practices/{entry.sector}/{entry.id}.md"
        keys[path] = _key(settings, entry.digest, all_cities, *((r.id, r.digest) for r in nearest.of(entry)))
        if known.get(path) == keys[path] and entry.digest:
            pages[path] = None
        else:
            todo.append(entry)
    template = env.get_template("practice.md.j2")

    def practice_page(entry: LoadedPractice) -> str:
        context = {
            "e": entry,
            "p": entry.data,
            "numbers": _numbers(entry.data),
            "related": nearest(entry),
            "jsonld": _jsonld(entry, corpus.cities[entry.data.city].data, settings),
        }
        return template.render(**common, **context)

    for entry, text in zip(todo, parallel.map_items(practice_page, todo, jobs), strict=True):
        pages[f"practices/{entry.sector}/{entry.id}.md"] = text
    page("cities/index.md", "cities.md.j2", entries=by_title, by_city=own)
    counts = {
        "impact_types": Counter(i.type for e in by_title for i in e.data.impacts),
        "statuses": Counter(e.data.status for e in by_title),
        "sectors": Counter(e.sector for e in by_title),
        "by_city_sector": Counter((e.data.city, e.sector) for e in by_title),
    }
    page("coverage.md", "coverage.md.j2", entries=by_title, by_city=own, counts=counts)
    for cid, city in cities.items():
        path = f"cities/{cid}.md"
        keys[path] = _key(settings, city.digest, all_cities, *((e.id, e.digest) for e in (*own[cid], *also[cid])))
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
            numbers={key: n for n, key in enumerate(city.data.sources, 1)},
        )
    return Rendered(dict(sorted(pages.items())), keys)


def _numbers(practice: Practice) -> dict[str, int]:
    return {key: n for n, key in enumerate(practice.sources, 1)}
