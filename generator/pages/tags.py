"""The tags: an index of every keyword with how many case studies carry it, and for each keyword of more than a
few case studies the list of them (paged, so no page grows with the corpus; the index links the case studies of
a rarer keyword directly). Made here rather than by a theme's tags plugin, so that every engine gives the same
pages and no page lists every case study."""

from collections import defaultdict

from generator.pages import paging
from generator.pages.text import environment
from generator.reading.load import Corpus, LoadedPractice

PAGE_FROM = 4
"""A keyword gets a page of its own from this many case studies; below, the index links its case studies
directly (at most PAGE_FROM - 1 on its line). Every page is a file the engine builds and `make serve` watches:
a page per keyword of two made 530 more at 1,000 synthetic case studies and doubled the edit loop."""
TAGS_PER_PAGE = 300
"""Keywords per page of the index: one short line each."""


def by_tag(corpus: Corpus) -> dict[str, list[LoadedPractice]]:
    """Each keyword with the case studies that carry it, by title; keywords sorted."""
    found: dict[str, list[LoadedPractice]] = defaultdict(list)
    for entry in sorted(corpus.practices.values(), key=lambda e: (e.data.title.casefold(), e.id)):
        for tag in dict.fromkeys(entry.data.tags):
            found[tag].append(entry)
    return dict(sorted(found.items()))


def with_pages(tags: dict[str, list[LoadedPractice]]) -> frozenset[str]:
    """The keywords that get a page: those of at least PAGE_FROM case studies."""
    return frozenset(tag for tag, entries in tags.items() if len(entries) >= PAGE_FROM)


def tags_pages(corpus: Corpus) -> dict[str, str]:
    """docs/tags/ (the index of keywords, paged: index.md, pages/<n>.md) and docs/tags/<tag>/ for each keyword of
    more than one case study (its case studies, paged the same way)."""
    tags = by_tag(corpus)
    env = environment()
    pages = {}
    index, own = env.get_template("tags.md.j2"), with_pages(tags)
    for listing in paging.paged(list(tags.items()), "tags", TAGS_PER_PAGE):
        pages[listing.path] = index.render(p=listing, with_pages=own)
    template = env.get_template("tag.md.j2")
    for tag in sorted(own):
        for part in paging.paged(tags[tag], f"tags/{tag}"):
            pages[part.path] = template.render(tag=tag, p=part, cities=corpus.cities)
    return pages
