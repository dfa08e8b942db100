"""What fits my city: the finder page (fits/), its data (data/fits-data.js) and, for a reader without
JavaScript, every case study with what it needs, those that need least first, in pages of 100.

The finder matches a case study's `transferability.requires` (city powers, context, scale: one vocabulary,
defined in generator/schema/model.py) against what a reader says of her city. The ranking is explained on
the finder page itself and on the methodology page; docs/assets/fits.js applies it.
"""

import functools
from typing import Any

from markupsafe import Markup

from generator.pages import glance, i18n
from generator.pages.catalogue import data_script, version
from generator.pages.i18n import N_, gettext
from generator.pages.localize import translated_in_current
from generator.pages.paging import paged
from generator.pages.text import environment, label, number, owner, unit
from generator.reading.load import Corpus, LoadedPractice
from generator.schema.model import CONTEXTS, POWERS, SCALES, Impact

SIZES = {
    "under-100k": N_("Fewer than 100,000"),
    "over-100k": N_("100,000 to 499,999"),
    "over-500k": N_("500,000 to 999,999"),
    "over-1m": N_("1 million or more"),
}
"""The answers to "How many people live in your city?"; each value but the first is the scale it meets."""


def _record(entry: LoadedPractice, corpus: Corpus) -> dict[str, Any]:
    p = entry.data
    needs = glance.requires(p)
    best = glance.headline(p)
    return {
        "id": entry.id,
        "title": p.title,
        "city": corpus.cities[p.city].data.name,
        "sector": label(entry.sector).capitalize(),
        "status": label(p.status),
        # from fits/ to the page: this language's, or the English one (up a level) if it is not translated
        "url": f"../{'' if translated_in_current('practices', entry.id) else '../'}"
        f"practices/{entry.sector}/{entry.id}/",
        "recorded": needs is not None,
        "powers": list(needs.powers) if needs else [],
        "context": list(needs.context) if needs else [],
        "scale": needs.scale if needs else "any",
        "ask": p.lever.advocacy_ask,
        "holder": owner(p.lever.owner),
        "evidence": glance.TYPE_RANK[best.type] if best else -1,
        "headline": None if best is None else _headline(best),
        "headline_metric": None if best is None else best.metric,
        **({"english": True} if not translated_in_current("practices", entry.id) else {}),
    }


def _headline(best: Impact) -> str:
    return f"{number(best.value)} {unit(best.unit)} ({best.year}, {label(best.type)})"


def _records(corpus: Corpus) -> list[dict[str, Any]]:
    return [
        e.derive(("fits", i18n.current(), corpus.cities[e.data.city].digest), functools.partial(_record, e, corpus))
        for e in sorted(corpus.practices.values(), key=lambda e: e.id)
    ]


def data(corpus: Corpus) -> str:
    """docs/data/fits-data.js: the vocabulary (value, meaning) and one record per case study."""
    vocabulary = {
        "powers": [[k, gettext(v), gettext(glance.your_power(k))] for k, v in POWERS.items()],
        "context": [[k, gettext(v)] for k, v in CONTEXTS.items()],
        "scales": [[k, gettext(v)] for k, v in SCALES.items()],
        "sizes": [[k, gettext(v)] for k, v in SIZES.items()],
    }
    strings = i18n.script_strings("fits.js")
    extra = {"i18n": strings} if strings is not None else {}
    return data_script("cncaFits", {**vocabulary, "practices": _records(corpus), **extra})


def _need_count(entry: LoadedPractice) -> tuple[int, int]:
    needs = glance.requires(entry.data)
    if needs is None:
        return 1, 0
    return 0, len(needs.powers) + len(needs.context) + (needs.scale != "any")


def pages(corpus: Corpus) -> dict[str, str]:
    """fits/index.md (the finder, over page 1 of the list a reader without JavaScript sees) and
    fits/pages/<n>.md (the rest of that list), and the finder's data."""
    entries = sorted(corpus.practices.values(), key=lambda e: (*_need_count(e), e.data.title.casefold(), e.id))
    cities = {cid: city.data.name for cid, city in corpus.cities.items()}
    template = environment().get_template("fits.md.j2")
    context = {
        "powers": {k: gettext(v) for k, v in POWERS.items()},
        "contexts": {k: gettext(v) for k, v in CONTEXTS.items()},
        "sizes": {k: gettext(v) for k, v in SIZES.items()},
        "cities": cities,
        "needs": lambda e: glance.needs_in_words(n) if (n := glance.requires(e.data)) else None,
        "checkbox": _checkbox,
        "version": version(corpus),  # in the data's address, so that a cached old copy is not read
    }
    files = {part.path: template.render(p=part, **context) for part in paged(entries, "fits")}
    return files | {"data/fits-data.js": data(corpus)}


def _checkbox(name: str, value: str, text: str, kind: str = "checkbox") -> Markup:
    """One answer of the finder's form: values and texts come from the schema's vocabulary, escaped all the same.
    The radio button without a value ("Not answered") is the one checked at first and after "Clear"."""
    ident = f"fits-{name}-{value or 'none'}"
    checked = Markup(" checked") if kind == "radio" and not value else ""
    return Markup(
        '<div class="fits-choice"><input type="{}" name="{}" value="{}" id="{}"{}> <label for="{}">{}</label></div>'
    ).format(kind, name, value, ident, checked, ident, text)
