"""Checks that need more than one field or more than one file.

References to cities, practices and sources; dates in order; the Markdown of
descriptions (no raw HTML, only http(s) links).
"""

import datetime as dt
import difflib
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from pydantic import BaseModel

from .load import Corpus, Loaded, LoadedPractice
from .model import City, Practice
from .problems import Problem
from .yaml12 import Loc


def _sources_used(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every `source` key a figure names, with its location."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name == "source" and isinstance(value, str):
            yield (*loc, name), value
        elif isinstance(value, BaseModel):
            yield from _sources_used(value, (*loc, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _sources_used(item, (*loc, name, index))


def _unknown(kind: str, value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"add practices/{kind}/{value}.yaml first, or fix the id"
    if kind != "cities":
        hint = f"did you mean '{close[0]}'?" if close else "no practice has that id"
    return f"unknown {'city' if kind == 'cities' else 'practice'} '{value}'; {hint}"


def _year(value: dt.date | int) -> float:
    return value if isinstance(value, int) else value.year + (value.timetuple().tm_yday - 0.5) / 366


def _sources(entry: Loaded[Any]) -> Iterator[Problem]:
    keys = list(entry.data.sources)
    for loc, key in _sources_used(entry.data):
        if key not in entry.data.sources:
            close = difflib.get_close_matches(key, keys, n=1, cutoff=0.6)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else f"add '{key}' under sources, or use one of: {', '.join(keys)}"
            )
            yield Problem(
                entry.path, entry.line(loc), ".".join(map(str, loc)), f"no source '{key}' in this file; {hint}"
            )


def _practice(entry: LoadedPractice, corpus: Corpus) -> Iterator[Problem]:
    p: Practice = entry.data
    cities, practices = sorted(corpus.cities), sorted(corpus.practices)

    def at(*loc: str | int) -> tuple[str, int, str]:
        return entry.path, entry.line(loc), ".".join(map(str, loc))

    if p.city not in corpus.cities:
        yield Problem(*at("city"), _unknown("cities", p.city, cities))
    for i, city in enumerate(p.other_cities):
        if city not in corpus.cities:
            yield Problem(*at("other_cities", i), _unknown("cities", city, cities))
    for i, city in enumerate(p.transferability.replicated_in if p.transferability else []):
        if city not in corpus.cities:
            yield Problem(*at("transferability", "replicated_in", i), _unknown("cities", city, cities))
    for i, other in enumerate(p.related):
        if other == entry.id:
            yield Problem(*at("related", i), "a practice cannot be related to itself; remove it")
        elif other not in corpus.practices:
            yield Problem(*at("related", i), _unknown("practices", other, practices))
    if p.ended is not None and _year(p.ended) < _year(p.started):
        yield Problem(*at("ended"), f"ends before it started ({p.started}); check both dates")
    for i, funding in enumerate(p.finance.funding if p.finance else []):
        if funding.amount is not None and (funding.currency is None or funding.source is None):
            yield Problem(*at("finance", "funding", i), "an amount needs its currency and source")
    yield from _sources(entry)
    yield from _markdown(entry)


_MD = MarkdownIt("commonmark")
_MD.validateLink = lambda url: True  # type: ignore[method-assign]  # see every link, then judge it here


def _tokens(tokens: list[Token], line: int = 0) -> Iterator[tuple[Token, int]]:
    for token in tokens:
        here = token.map[0] if token.map else line
        yield token, here
        if token.children:
            yield from _tokens(token.children, here)


def _markdown(entry: LoadedPractice) -> Iterator[Problem]:
    text = entry.data.description
    first = entry.line(("description",)) + (1 if "\n" in text else 0)
    for token, offset in _tokens(_MD.parse(text)):
        line = first + offset
        if token.type in ("html_block", "html_inline") and not token.content.startswith("</"):
            found = token.content.strip().splitlines()[0][:40]
            yield Problem(
                entry.path,
                line,
                "description",
                f"raw HTML is not allowed (found {found!r}); "
                "write Markdown instead, e.g. **bold** or [text](https://...)",
            )
        elif token.type in ("link_open", "image"):
            href = str(token.attrs.get("href") or token.attrs.get("src") or "")
            parts = urlsplit(href.strip())
            if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
                yield Problem(
                    entry.path,
                    line,
                    "description",
                    f"link {href[:60]!r} is not allowed; links must be full http:// or https:// addresses",
                )
        elif token.type == "heading_open" and token.tag in ("h1", "h2"):
            yield Problem(entry.path, line, "description", "headings in a description start at ### (level 3)")


def check(corpus: Corpus) -> list[Problem]:
    """Every cross-field and cross-file problem in the corpus."""
    problems: list[Problem] = []
    for city in corpus.cities.values():
        problems += _sources(city)
        for i, target in enumerate(city.data.targets):
            if target.baseline_year is not None and target.baseline_year >= target.target_year:
                problems.append(
                    Problem(
                        city.path, city.line(("targets", i)), f"targets.{i}", "baseline_year must be before target_year"
                    )
                )
    for practice in corpus.practices.values():
        problems += _practice(practice, corpus)
    return problems


__all__ = ["City", "check"]
