"""The tags: an index of every keyword with how many case studies carry it, and for each keyword the list of
those case studies (paged, so no page grows with the corpus). Made here rather than by a theme's tags plugin,
so that every engine gives the same pages and no page lists every case study."""

from collections import defaultdict

from generator.pages import paging
from generator.pages.text import environment
from generator.reading.load import Corpus, LoadedPractice

TAGS_PER_PAGE = 300
"""Keywords per page of the index: one short line each."""


def tags_pages(corpus: Corpus) -> dict[str, str]:
    """docs/tags/ (the index of keywords, paged: index.md, pages/<n>.md) and docs/tags/<tag>/ (its case studies,
    paged the same way)."""
    by_tag: dict[str, list[LoadedPractice]] = defaultdict(list)
    for entry in sorted(corpus.practices.values(), key=lambda e: (e.data.title.casefold(), e.id)):
        for tag in dict.fromkeys(entry.data.tags):
            by_tag[tag].append(entry)
    tags = dict(sorted(by_tag.items()))
    env = environment()
    pages = {}
    index = env.get_template("tags.md.j2")
    for listing in paging.paged(list(tags.items()), "tags", TAGS_PER_PAGE):
        pages[listing.path] = index.render(p=listing)
    template = env.get_template("tag.md.j2")
    for tag, entries in tags.items():
        for part in paging.paged(entries, f"tags/{tag}"):
            pages[part.path] = template.render(tag=tag, p=part, cities=corpus.cities)
    return pages
