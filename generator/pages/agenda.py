"""The policy agenda (what cities asked of others, by who holds the lever) and the Alliance-funded projects."""

from generator.pages.text import environment
from generator.reading.load import Corpus, LoadedPractice

# Who holds the lever, in the order the agenda lists them; a city that holds its lever may still ask for help.
HOLDERS = {
    "supranational": "Supranational bodies",
    "national": "National governments",
    "regional": "Regional and state governments",
    "private-utility": "Private utilities",
    "city-utility": "City-owned utilities",
    "shared": "Shared between levels of government",
    "city": "Levers the city holds, with help asked of others",
}


def agenda_page(corpus: Corpus) -> str:
    """docs/agenda.md: every advocacy ask, grouped by who holds the lever."""
    by_title = sorted(corpus.practices.values(), key=lambda e: (e.data.title.casefold(), e.id))
    groups: list[tuple[str, list[LoadedPractice], list[LoadedPractice]]] = []
    for holder, heading in HOLDERS.items():
        held = [e for e in by_title if e.data.lever.owner == holder]
        if held:
            asks = [e for e in held if e.data.lever.advocacy_ask]
            groups.append((heading, asks, [e for e in held if not e.data.lever.advocacy_ask]))
    return environment().get_template("agenda.md.j2").render(groups=groups, cities=corpus.cities)


def funded_page(corpus: Corpus) -> str:
    """docs/funded.md: case studies paid for in part by the Alliance's fund, with sourced amounts."""
    funded = [
        (entry, [f for f in entry.data.finance.funding if f.type == "cnca-fund"])
        for entry in sorted(corpus.practices.values(), key=lambda e: (e.data.title.casefold(), e.id))
        if entry.data.finance and any(f.type == "cnca-fund" for f in entry.data.finance.funding)
    ]
    return environment().get_template("funded.md.j2").render(funded=funded, cities=corpus.cities)
