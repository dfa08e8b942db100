"""The corpus as a language shows it: each case study and city profile with its translation's text put in, and
for each, whether it is translated, how, and whether the translation is stale. Pure."""

import contextlib
import dataclasses
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from generator.reading.load import Corpus, Loaded, LoadedPractice
from generator.schema import translated
from generator.schema.languages import ENGLISH
from generator.schema.model import City, CityTranslation, PracticeTranslation


@dataclass(frozen=True)
class Status:
    """What a page in one language is made from."""

    translated: bool = False
    """A translation into this language exists and is shown (English pages are "translated" too)."""
    by: str = ""
    """machine or human; empty when not translated, and for English."""
    stale: bool = False
    """The English text has changed since the translation was made."""
    english: frozenset[str] = frozenset()
    """Fields still shown in English (see schema/translated.Localized); everything when not translated."""
    path: str = ""
    """The translation's file, relative to the project root."""


ORIGINAL = Status(translated=True)
_shown: ContextVar["StatusMap | None"] = ContextVar("shown", default=None)


@contextlib.contextmanager
def showing(status: "StatusMap") -> Iterator[None]:
    """Render with `status` as what each case study's page is made from (for lists that mark English titles)."""
    token = _shown.set(status)
    try:
        yield
    finally:
        _shown.reset(token)


def translated_in_current(kind: str, ident: str) -> bool:
    """Whether the page of the case study or city being listed is in the language being rendered."""
    status = _shown.get()
    return True if status is None else status.get((kind, ident), ORIGINAL).translated


StatusMap = dict[tuple[str, str], Status]
"""("practices" or "cities", id) -> its Status in one language."""


def localize(corpus: Corpus, lang: str) -> tuple[Corpus, StatusMap]:
    """`corpus` in `lang`, and the status of every case study and city ("practices" or "cities", id)."""
    status: StatusMap = {}
    if lang == ENGLISH:
        status = {("practices", i): ORIGINAL for i in corpus.practices}
        status |= {("cities", i): ORIGINAL for i in corpus.cities}
        return corpus, status
    practices: dict[str, LoadedPractice] = {}
    for ident, entry in corpus.practices.items():
        found = corpus.translation("practices", ident, lang)
        if found is None or not isinstance(found.data, PracticeTranslation):
            practices[ident] = entry
            status[("practices", ident)] = Status()
            continue
        shown = translated.apply(entry.data, found.data)
        stale = translated.stale(found.data, entry.data)
        status[("practices", ident)] = Status(True, found.data.translation.by, stale, shown.english, found.path)
        practices[ident] = dataclasses.replace(entry, data=shown.practice, digest=entry.digest + found.digest)
    cities: dict[str, Loaded[City]] = {}
    for ident, city in corpus.cities.items():
        got = corpus.translation("cities", ident, lang)
        if got is None or not isinstance(got.data, CityTranslation):
            cities[ident] = city
            status[("cities", ident)] = Status()
            continue
        stale = translated.stale(got.data, city.data)
        status[("cities", ident)] = Status(True, got.data.translation.by, stale, frozenset(), got.path)
        cities[ident] = dataclasses.replace(
            city, data=translated.apply_city(city.data, got.data), digest=city.digest + got.digest
        )
    return dataclasses.replace(corpus, practices=practices, cities=cities), status


@dataclass(frozen=True)
class Counts:
    translated: int = 0
    stale: int = 0
    machine: int = 0
    reviewed: int = 0


@dataclass(frozen=True)
class Coverage:
    """What one language has of the case studies and city profiles."""

    lang: str
    name: str
    """The language's name, in the language the page is in."""
    practices: Counts
    cities: Counts
    missing: tuple[tuple[str, str], ...]
    """("practices" or "cities", id) of every file without a translation into it."""
    stale: tuple[tuple[str, str], ...]


def coverage(corpus: Corpus, names: dict[str, str]) -> list[Coverage]:
    """For each language but English, what is translated, stale, by machine, reviewed or missing."""
    from generator.schema.languages import TRANSLATED

    rows = []
    for lang in TRANSLATED:
        counted: dict[str, Counts] = {}
        missing: list[tuple[str, str]] = []
        stale: list[tuple[str, str]] = []
        groups: tuple[tuple[str, Mapping[str, Loaded[Any]]], ...] = (
            ("practices", corpus.practices),
            ("cities", corpus.cities),
        )
        for kind, entries in groups:
            done = old = machine = reviewed = 0
            for ident, entry in sorted(entries.items()):
                found = corpus.translation(kind, ident, lang)
                if found is None or not isinstance(found.data, PracticeTranslation | CityTranslation):
                    missing.append((kind, ident))
                    continue
                done += 1
                made = found.data.translation
                machine += made.by == "machine"
                reviewed += made.reviewed_by is not None
                if translated.stale(found.data, entry.data):
                    old += 1
                    stale.append((kind, ident))
            counted[kind] = Counts(done, old, machine, reviewed)
        rows.append(Coverage(lang, names[lang], counted["practices"], counted["cities"], tuple(missing), tuple(stale)))
    return rows
