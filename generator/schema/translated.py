"""A translation against its English file: the fingerprint of the English text it was made from, what in it
the English file does not have, and the English model with the translated text put in.

Pure and light: the reading stage checks translations with it, the pages stage renders with it.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from generator.schema.evidence import cited
from generator.schema.model import City, CityTranslation, Practice, PracticeTranslation


def _same_citations(english: str, translated: str) -> bool:
    return sorted(cited(english)) == sorted(cited(translated))


_CITATIONS = "cites other sources than the English note; keep each [@key] of the English as it is"


def english_text(model: Practice | City) -> dict[str, Any]:
    """The reader-facing English text a translation translates, field by field."""
    if isinstance(model, City):
        notes = [t.note for t in model.targets] + [i.note for i in model.inventories]
        notes.append(model.population.note if model.population else None)
        return {"name": model.name, "notes": sorted({n for n in notes if n})}
    p = model
    return {
        "title": p.title,
        "summary": p.summary,
        "description": p.description,
        "lessons": list(p.lessons),
        "barriers": list(p.barriers),
        "preconditions": list(p.transferability.preconditions),
        "advocacy_ask": p.lever.advocacy_ask,
        "metrics": sorted({i.metric for i in p.impacts}),
        "notes": sorted({i.note for i in p.impacts if i.note}),
    }


def fingerprint(model: Practice | City) -> str:
    """16 hexadecimal digits that change whenever the English text a translation translates changes."""
    text = json.dumps(english_text(model), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


Translation = PracticeTranslation | CityTranslation


def stale(translation: Translation, english: Practice | City) -> bool:
    return translation.translation.made_from != fingerprint(english)


def mismatches(translation: Translation, english: Practice | City) -> list[tuple[tuple[str | int, ...], str]]:
    """What the translation says that the English file does not have, as (location, message)."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    text = english_text(english)
    if isinstance(translation, PracticeTranslation):
        for name in ("lessons", "barriers", "preconditions"):
            ours, theirs = getattr(translation, name), text[name]
            if ours and len(ours) != len(theirs):
                found.append(
                    ((name,), f"has {len(ours)} items, the English file {len(theirs)}; translate each, in order")
                )
        if translation.advocacy_ask is not None and text["advocacy_ask"] is None:
            found.append((("advocacy_ask",), "the English file has no advocacy ask (lever.advocacy_ask); remove it"))
        for name, noun in (("metrics", "metric"), ("notes", "note")):
            for key in getattr(translation, name):
                if key not in text[name]:
                    found.append(((name, key), f"no figure in the English file has this {noun}; copy its text exactly"))
    else:
        for key in translation.notes:
            if key not in text["notes"]:
                message = "no target, inventory or population in the English file has this note; copy it exactly"
                found.append((("notes", key), message))
    for key, value in translation.notes.items():
        if key in text["notes"] and not _same_citations(key, value):
            found.append((("notes", key), _CITATIONS))
    return found


@dataclass(frozen=True)
class Localized:
    """A case study with its translated text put in, and what is still shown in English."""

    practice: Practice
    english: frozenset[str]
    """Fields shown in English: "description", "lessons", "barriers", "preconditions", "advocacy_ask", and
    "metric:<English text>" or "note:<English text>" for a figure whose metric or note is not translated."""


def apply(practice: Practice, translation: PracticeTranslation) -> Localized:
    """The English case study with the translation's text in its place; where the translation has nothing for a
    field (or, once stale, a list of another length), the English text stays and is named in `english`."""
    english: set[str] = set()

    def each(name: str, ours: list[str], theirs: list[str]) -> list[str]:
        if len(ours) != len(theirs):  # (a stale translation's list; or the English has none any more)
            english.add(name) if theirs else None
            return theirs
        return ours

    impacts = []
    for impact in practice.impacts:
        metric = translation.metrics.get(impact.metric)
        note = translation.notes.get(impact.note) if impact.note else None
        if note is not None and impact.note and not _same_citations(impact.note, note):
            note = None  # (a stale translation's): its sources could be gone
        if metric is None:
            english.add(f"metric:{impact.metric}")
        if impact.note and note is None:
            english.add(f"note:{impact.note}")
        impacts.append(impact.model_copy(update={"metric": metric or impact.metric, "note": note or impact.note}))
    if translation.description is None:
        english.add("description")
    ask = practice.lever.advocacy_ask
    if ask is not None and translation.advocacy_ask is None:
        english.add("advocacy_ask")
    pre = each("preconditions", translation.preconditions, practice.transferability.preconditions)
    transferability = practice.transferability.model_copy(update={"preconditions": pre})
    update = {
        "title": translation.title,
        "summary": translation.summary,
        "description": translation.description or practice.description,
        "lessons": each("lessons", translation.lessons, practice.lessons),
        "barriers": each("barriers", translation.barriers, practice.barriers),
        "lever": practice.lever.model_copy(
            update={"advocacy_ask": (translation.advocacy_ask or ask) if ask is not None else None}
        ),
        "impacts": impacts,
        "transferability": transferability,
    }
    return Localized(practice.model_copy(update=update), frozenset(english))


def apply_city(city: City, translation: CityTranslation) -> City:
    """The English profile with the translated name and notes (a note without a translation stays English)."""

    def note(text: str | None) -> str | None:
        ours = translation.notes.get(text) if text else None
        return ours if ours is not None and text and _same_citations(text, ours) else text

    return city.model_copy(
        update={
            "name": translation.name,
            "targets": [t.model_copy(update={"note": note(t.note)}) for t in city.targets],
            "inventories": [i.model_copy(update={"note": note(i.note)}) for i in city.inventories],
            "population": city.population.model_copy(update={"note": note(city.population.note)})
            if city.population
            else None,
        }
    )
