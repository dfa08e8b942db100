"""The policy agenda (what cities asked of others, by who holds the lever) and the Alliance-funded projects."""

from dataclasses import dataclass

from generator.pages import paging
from generator.pages.i18n import N_
from generator.pages.text import environment
from generator.reading.load import Corpus, LoadedPractice

# Who holds the lever, in the order the agenda lists them; a city that holds its lever may still ask for help.
HOLDERS = {
    "supranational": N_("Supranational bodies"),
    "national": N_("National governments"),
    "regional": N_("Regional and state governments"),
    "private-utility": N_("Private utilities"),
    "city-utility": N_("City-owned utilities"),
    "shared": N_("Shared between levels of government"),
    "city": N_("Levers the city holds, with help asked of others"),
}


INLINE = 20
"""A holder with at most this many case studies is listed whole on the agenda page; a longer list gets pages of
its own (agenda/<holder>/) and the agenda page shows its first PREVIEW asks, so no page grows with the corpus."""
PREVIEW = 10


@dataclass(frozen=True)
class Group:
    holder: str
    heading: str
    asks: list[LoadedPractice]
    silent: list[LoadedPractice]
    """Case studies whose lever this holder holds, with no ask recorded."""

    @property
    def inline(self) -> bool:
        return len(self.asks) + len(self.silent) <= INLINE


def _groups(corpus: Corpus) -> list[Group]:
    by_title = sorted(corpus.practices.values(), key=lambda e: (e.data.title.casefold(), e.id))
    groups = []
    for holder, heading in HOLDERS.items():
        held = [e for e in by_title if e.data.lever.owner == holder]
        if held:
            asks = [e for e in held if e.data.lever.advocacy_ask]
            groups.append(Group(holder, heading, asks, [e for e in held if not e.data.lever.advocacy_ask]))
    return groups


def agenda_pages(corpus: Corpus) -> dict[str, str]:
    """docs/agenda.md: every advocacy ask, grouped by who holds the lever; for a holder with many case studies,
    the first asks there and all of them on pages of their own (docs/agenda/<holder>/)."""
    env, groups = environment(), _groups(corpus)
    pages = {
        "agenda.md": env.get_template("agenda.md.j2").render(
            groups=groups, cities=corpus.cities, preview=PREVIEW, here="agenda.md"
        )
    }
    template = env.get_template("agenda-holder.md.j2")
    for group in groups:
        if group.inline:
            continue
        for part in paging.paged([*group.asks, *group.silent], f"agenda/{group.holder}"):
            pages[part.path] = template.render(group=group, p=part, cities=corpus.cities)
    return pages


def funded_page(corpus: Corpus) -> str:
    """docs/funded.md: case studies paid for in part by the Alliance's fund, with sourced amounts."""
    funded = [
        (entry, [f for f in entry.data.finance.funding if f.type == "cnca-fund"])
        for entry in sorted(corpus.practices.values(), key=lambda e: (e.data.title.casefold(), e.id))
        if entry.data.finance and any(f.type == "cnca-fund" for f in entry.data.finance.funding)
    ]
    return environment().get_template("funded.md.j2").render(funded=funded, cities=corpus.cities, here="funded.md")
