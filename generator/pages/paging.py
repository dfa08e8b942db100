"""Lists split into pages of a fixed size, so that no page grows with the corpus: page 1 of a list at
<folder>/index.md, the others at <folder>/pages/<n>.md, each with links to the others (plain links: they
work without JavaScript and from a folder)."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from markupsafe import Markup

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

    @property
    def up(self) -> str:
        """From this page's file to its list's folder: links from page 1 and the others reach the same files."""
        return "" if self.number == 1 else "../"

    @property
    def end(self) -> int:
        return self.start + len(self.items) - 1


def paged(items: Sequence[T], size: int | None = None) -> list[Page[T]]:
    """The list in pages of `size` (PAGE_SIZE by default; one empty page for an empty list)."""
    size = size or PAGE_SIZE
    count = max(1, -(-len(items) // size))
    return [Page(n + 1, count, items[n * size : (n + 1) * size], len(items), n * size + 1) for n in range(count)]


def path(folder: str, number: int) -> str:
    """Where page `number` of the list in `folder` is, under docs/."""
    return f"{folder}/index.md" if number == 1 else f"{folder}/pages/{number}.md"


def _href(current: int, target: int) -> str:
    if current == 1:
        return "index.md" if target == 1 else f"pages/{target}.md"
    return "../index.md" if target == 1 else f"{target}.md"


def pager(page: Page[object]) -> Markup:
    """The links to the other pages of the list, as a Markdown paragraph ('' for a list of one page)."""
    if page.count == 1:
        return Markup("")
    shown = sorted(
        {1, page.count, *range(max(1, page.number - NEIGHBOURS), min(page.count, page.number + NEIGHBOURS) + 1)}
    )
    parts: list[str] = []
    if page.number > 1:
        parts.append(f"[Previous]({_href(page.number, page.number - 1)})")
    last = 0
    for number in shown:
        if number > last + 1:
            parts.append("…")
        parts.append(f"**{number}**" if number == page.number else f"[{number}]({_href(page.number, number)})")
        last = number
    if page.number < page.count:
        parts.append(f"[Next]({_href(page.number, page.number + 1)})")
    return Markup(f"Page {page.number} of {page.count}: " + " · ".join(parts))
