"""Lists split into pages of a fixed size, so that no page grows with the corpus: page 1 of a list at
<folder>/index.md, the others at <folder>/pages/<n>.md, each with links to the others (plain links: they
work without JavaScript and from a folder)."""

import functools
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from markupsafe import Markup

from generator.pages.escape import md_text
from generator.pages.i18n import number as number_format
from generator.pages.i18n import plain

T = TypeVar("T")

PAGE_SIZE = 100
"""Entries per page of a long list: a page of 100 rows is about 40 KB of HTML."""
NEIGHBOURS = 3
"""Pages linked on each side of the current one (and always the first and the last)."""


@dataclass(frozen=True)
class Page(Generic[T]):
    number: int
    """1-based."""
    count: int
    """How many pages the list has."""
    items: Sequence[T]
    total: int
    """How many entries the whole list has."""
    start: int
    """1-based position of this page's first entry in the list."""
    paths: tuple[str, ...]
    """Where each page of the list is, under docs/."""

    @property
    def path(self) -> str:
        return self.paths[self.number - 1]

    @property
    def up(self) -> str:
        """From this page's folder to page 1's: links written for page 1 reach the same files from any page."""
        return _relative(_folder(self.paths[0]), _folder(self.path))

    @property
    def end(self) -> int:
        return self.start + len(self.items) - 1


def _folder(path: str) -> str:
    return posixpath.dirname(path) or "."


@functools.lru_cache(maxsize=4096)
def _relative(target: str, start: str) -> str:
    relative = posixpath.relpath(target, start)
    return "" if relative == "." else relative + "/"


def paged(items: Sequence[T], folder: str, size: int | None = None, first: str | None = None) -> list[Page[T]]:
    """The list in pages of `size` (PAGE_SIZE by default; one empty page for an empty list): page 1 at `first`
    (default <folder>/index.md), the others at <folder>/pages/<n>.md."""
    size = size or PAGE_SIZE
    count = max(1, -(-len(items) // size))
    paths = tuple(first if number == 1 and first else path(folder, number) for number in range(1, count + 1))
    return [Page(n + 1, count, items[n * size : (n + 1) * size], len(items), n * size + 1, paths) for n in range(count)]


def path(folder: str, number: int) -> str:
    """Where page `number` of the list in `folder` is, under docs/ (page 1 unless given another place)."""
    return f"{folder}/index.md" if number == 1 else f"{folder}/pages/{number}.md"


def _href(page: Page[object], target: int) -> str:
    return _relative(_folder(page.paths[target - 1]), _folder(page.path)) + posixpath.basename(page.paths[target - 1])


def pager(page: Page[object]) -> Markup:
    """The links to the other pages of the list, as a Markdown paragraph ('' for a list of one page)."""
    if page.count == 1:
        return Markup("")
    near = range(max(1, page.number - NEIGHBOURS), min(page.count, page.number + NEIGHBOURS) + 1)
    shown = sorted({1, page.count, *near})
    parts: list[str] = []
    if page.number > 1:
        previous = md_text(plain("Previous"))
        parts.append(f"[{previous}]({_href(page, page.number - 1)})")
    last = 0
    for number in shown:
        if number > last + 1:
            parts.append("…")
        shown_number = md_text(number_format(number))
        parts.append(f"**{shown_number}**" if number == page.number else f"[{shown_number}]({_href(page, number)})")
        last = number
    if page.number < page.count:
        following = md_text(plain("Next"))
        parts.append(f"[{following}]({_href(page, page.number + 1)})")
    where = md_text(plain("Page %(n)s of %(count)s:", n=number_format(page.number), count=number_format(page.count)))
    return Markup(f"{where} " + " · ".join(parts))
