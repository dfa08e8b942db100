"""The corpus as a language shows it: each case study and city profile with its translation's text put in, and
for each, whether it is translated, how, and whether the translation is stale. Pure."""

import dataclasses
from dataclasses import dataclass

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
