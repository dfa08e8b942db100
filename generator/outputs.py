"""Every page and data file the site gets from the case studies, by path under docs/. Pure: the writer
(pipeline.generate) and the golden tests take the same list from here."""

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from generator.pages import agenda, catalogue, charts, fits, reference, tags
from generator.pages.practices import Rendered, render
from generator.publishing import export, feed
from generator.reading.config import Settings
from generator.reading.load import Corpus
from generator.schema import jsonschema


def outputs(
    corpus: Corpus, settings: Settings, known: Mapping[str, str] = MappingProxyType({}), jobs: int = 1
) -> Rendered:
    """Every generated file's text, sorted by path. A case-study or city page whose key is in `known` (its file
    on disk was made from the same inputs) is given as None instead of being made again; `jobs` processes
    share the case-study pages."""
    rendered = render(corpus, settings, known, jobs)
    files = rendered.pages | export.files(corpus)
    files |= {"reference.md": reference.page(), "feed.xml": feed.atom(corpus, settings.site_url)}
    files |= {f"data/{Path(rel).name}": text for rel, text in jsonschema.files().items()}
    files |= {"catalogue.md": catalogue.page(corpus), "data/catalogue.json": catalogue.data(corpus)}
    files |= {"data/catalogue-data.js": catalogue.page_data(corpus)} | catalogue.text_pieces(corpus)
    files |= {"compare.md": catalogue.compare_page(corpus)} | catalogue.compare_data(corpus)
    files |= charts.progress_pages(corpus)
    files |= agenda.agenda_pages(corpus) | {"funded.md": agenda.funded_page(corpus)}
    files |= tags.tags_pages(corpus)
    files |= fits.pages(corpus)
    return Rendered(dict(sorted(files.items())), rendered.keys)
