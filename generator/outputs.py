"""Every page and data file the site gets from the case studies, by path under docs/. Pure: the writer
(pipeline.generate) and the golden tests take the same list from here.

English is at the top of docs/ (its addresses are those the site always had); each other language is a folder
docs/<lang>/ holding the same pages in that language, the hand-written pages (translated where a translation
`docs/<page>.<lang>.md` exists) and the assets, so that an engine builds it as a site of its own.
"""

import dataclasses
from collections.abc import Collection, Mapping
from pathlib import Path
from types import MappingProxyType

from generator import parallel
from generator.pages import agenda, catalogue, charts, fits, handwritten, i18n, localize, reference, tags
from generator.pages.practices import Rendered, render
from generator.publishing import export, feed
from generator.reading.config import Settings
from generator.reading.load import Corpus
from generator.schema import jsonschema
from generator.schema.languages import ENGLISH, LANGUAGES, TRANSLATED


def _language(
    corpus: Corpus,
    settings: Settings,
    known: Mapping[str, str],
    jobs: int,
    status: localize.StatusMap,
    original: Corpus,
) -> Rendered:
    """The pages every language has, in the current language (`corpus` as it shows it; `original`, in English)."""
    names: dict[str, str] = {lang: i18n.language_name(lang) for lang in TRANSLATED}
    rendered = render(corpus, settings, known, jobs, status, localize.coverage(original, names))
    files = dict(rendered.pages)
    files |= {"catalogue.md": catalogue.page(corpus), "data/catalogue.json": catalogue.data(corpus)}
    files |= {"data/catalogue-data.js": catalogue.page_data(corpus)} | catalogue.text_pieces(corpus)
    files |= {"compare.md": catalogue.compare_page(corpus)} | catalogue.compare_data(corpus)
    files |= charts.progress_pages(corpus)
    files |= agenda.agenda_pages(corpus) | {"funded.md": agenda.funded_page(corpus)}
    files |= tags.tags_pages(corpus)
    files |= fits.pages(corpus)
    return Rendered(files, rendered.keys)


def outputs(
    corpus: Corpus,
    settings: Settings,
    known: Mapping[str, str] = MappingProxyType({}),
    jobs: int = 1,
    pages: Mapping[str, bytes] = MappingProxyType({}),
    languages: Collection[str] = LANGUAGES,
) -> Rendered:
    """Every generated file's text, sorted by path. A case-study or city page whose key is in `known` (its file
    on disk was made from the same inputs) is given as None instead of being made again; `jobs` processes
    share the case-study pages. `pages` are the hand-written files of docs/ (pages and assets, by path), which
    each language's folder gets a copy of."""

    def translated(lang: str) -> Rendered:
        local, status = localize.localize(corpus, lang)
        with i18n.language(lang), localize.showing(status):
            own = dataclasses.replace(settings, site_url=f"{settings.site_url}{lang}/")
            mine = {path.removeprefix(f"{lang}/"): key for path, key in known.items() if path.startswith(f"{lang}/")}
            # a process of its own when there are several: its case-study pages are made in that process
            made = _language(local, own, mine, 1 if jobs > 1 else jobs, status, corpus)
            made.pages["reference.md"] = handwritten.in_english(reference.page(), "reference.md")
            made.pages["feed.xml"] = feed.atom(local, own.site_url)
            made.pages.update(handwritten.copies(pages, lang))
        return made

    english, status = localize.localize(corpus, ENGLISH)
    with localize.showing(status):
        made = _language(english, settings, known, jobs, status, corpus)
    files = made.pages | export.files(corpus)
    keys = dict(made.keys)
    files |= {"reference.md": reference.page(), "feed.xml": feed.atom(corpus, settings.site_url)}
    files |= {f"data/{Path(rel).name}": text for rel, text in jsonschema.files().items()}
    # then the other languages, a process each (English first: its case-study pages share the processes)
    wanted = [lang for lang in TRANSLATED if lang in languages]
    for lang, made in zip(wanted, parallel.map_items(translated, wanted, jobs, least=2), strict=True):
        files |= {f"{lang}/{path}": text for path, text in made.pages.items()}
        keys |= {f"{lang}/{path}": key for path, key in made.keys.items()}
    return Rendered(dict(sorted(files.items())), keys)
