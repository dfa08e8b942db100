"""The planning-standards scorecard: for each city, computed from its profile and case studies, how its
climate planning measures up to what the Alliance asks of its members (a long-term target at least as deep
as 80% by 2050, interim targets, targets in law, regular inventories by a common protocol, action in every
sector). Each criterion is shown with the inputs it was judged on; revised and abandoned targets are shown as
history and not scored. A section of every city page, and scorecard.md comparing all cities.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from generator.pages.i18n import N_, plain
from generator.pages.paging import paged
from generator.pages.text import date, environment, label, number
from generator.reading.load import Corpus, Loaded
from generator.schema.ids import SECTORS
from generator.schema.model import City, Target

Result = Literal["yes", "partly", "no"]

DEEP_KINDS = frozenset({"net-zero", "carbon-neutral", "fossil-free"})
DEEP_PERCENT = 80
DEEP_BY = 2050
LONG_TERM_FROM = 2040
"""A target for this year or later is long-term; one for an earlier year is interim."""
SERIES = 3
"""Inventories for this many years make a series."""
RECENT_YEARS = 4
PARTLY_RECENT_YEARS = 8
"""How many years before the profile's last check the latest inventory may cover, to be recent (or partly)."""
CURRENT = ("aspirational", "adopted", "legislated")
HISTORY = ("revised", "abandoned")


@dataclass(frozen=True)
class Criterion:
    key: str
    name: str
    rule: str
    """How it is judged, in words with its thresholds as %(...)s (shown on the comparison page)."""

    def rule_text(self) -> str:
        """The rule in the current language, with the thresholds of the constants above."""
        return plain(self.rule, **THRESHOLDS)


THRESHOLDS = {
    "percent": DEEP_PERCENT,
    "by": DEEP_BY,
    "long_term": LONG_TERM_FROM,
    "series": SERIES,
    "recent": RECENT_YEARS,
    "partly_recent": PARTLY_RECENT_YEARS,
    "sectors": len(SECTORS),
}

CRITERIA = (
    Criterion(
        "long-term",
        N_("Long-term target"),
        N_(
            "Yes: a current target of net zero, carbon neutrality, fossil freedom or a cut of at least %(percent)s%%, "
            "for %(by)s or earlier. Partly: a current target for %(long_term)s or later that is less deep or later. "
            "No: neither."
        ),
    ),
    Criterion(
        "interim",
        N_("Interim target"),
        N_(
            "Yes: a current target for a year before the long-term one (or, without one, before the latest target), "
            "or a long-term target that is itself for a year before %(long_term)s. No: neither."
        ),
    ),
    Criterion(
        "in-law",
        N_("Targets in law"),
        N_(
            "Yes: a current target is legislated. Partly: adopted by the city, not legislated. "
            "No: only aspirational, or none current."
        ),
    ),
    Criterion(
        "series",
        N_("Inventory series"),
        N_("Yes: city-wide inventories for %(series)s or more years. Partly: for one or two. No: none recorded."),
    ),
    Criterion(
        "recent",
        N_("Recent inventory"),
        N_(
            "Yes: the latest inventory covers a year at most %(recent)s years before the profile was last checked "
            "against its sources. Partly: at most %(partly_recent)s years before. No: older, or none."
        ),
    ),
    Criterion(
        "protocol",
        N_("Common protocol"),
        N_(
            "Yes: the latest inventory follows the Global Protocol for Community-Scale GHG Emission Inventories "
            "(GPC, BASIC or BASIC+). Partly: a national or other protocol. No: no inventory."
        ),
    ),
    Criterion(
        "sectors",
        N_("Action in every sector"),
        N_(
            "Yes: case studies here in all %(sectors)s sectors (transportation, energy, waste). Partly: in some. "
            "No: none."
        ),
    ),
)
RESULTS = {"yes": N_("yes"), "partly": N_("partly"), "no": N_("no")}


@dataclass(frozen=True)
class Mark:
    criterion: Criterion
    result: Result
    inputs: str
    """What the result was judged on, from the city's data, in words."""


@dataclass(frozen=True)
class Card:
    marks: tuple[Mark, ...]
    history: tuple[Target, ...]
    """Revised and abandoned targets, as the profile lists them."""

    def count(self, result: Result) -> int:
        return sum(mark.result == result for mark in self.marks)


def target_words(t: Target) -> str:
    """A target in words: "80% cut by 2050 (against 1990; legislated)", "Net zero by 2040 (adopted)"."""
    what = (
        plain("%(percent)s%% cut", percent=number(t.percent)) if t.percent is not None else label(t.kind).capitalize()
    )
    if t.baseline_year:
        return plain(
            "%(what)s by %(year)s (against %(baseline)s; %(status)s)",
            what=what, year=t.target_year, baseline=t.baseline_year, status=label(t.status),
        )  # fmt: skip
    return plain("%(what)s by %(year)s (%(status)s)", what=what, year=t.target_year, status=label(t.status))


def _deep(t: Target) -> bool:
    deep = t.kind in DEEP_KINDS or (t.percent is not None and t.percent >= DEEP_PERCENT)
    return deep and t.target_year <= DEEP_BY


def _listed(targets: Iterable[Target]) -> str:
    return "; ".join(target_words(t) for t in targets)


def card(city: City, sectors: Iterable[str]) -> Card:
    """The scorecard of one city: its profile and the sectors of its own case studies."""
    current = sorted((t for t in city.targets if t.status in CURRENT), key=lambda t: (t.target_year, t.status))
    deep = [t for t in current if _deep(t)]
    long_term = [t for t in current if t.target_year >= LONG_TERM_FROM]
    marks = [
        Mark(CRITERIA[0], "yes", _listed(deep[:1]))
        if deep
        else Mark(CRITERIA[0], "partly", _listed(long_term[-1:]))
        if long_term
        else Mark(CRITERIA[0], "no", plain("no current target for %(year)s or later", year=LONG_TERM_FROM)),
    ]
    horizon = deep[0].target_year if deep else max((t.target_year for t in current), default=0)
    interim = [t for t in current if t.target_year < horizon]
    near = [t for t in deep if t.target_year < LONG_TERM_FROM]
    before = (
        plain("no current target for a year before %(year)s", year=horizon) if current else plain("no current target")
    )
    if interim:
        marks.append(Mark(CRITERIA[1], "yes", _listed(interim)))
    elif near:
        itself = plain("the long-term target is itself for %(year)s", year=near[0].target_year)
        marks.append(Mark(CRITERIA[1], "yes", itself))
    else:
        marks.append(Mark(CRITERIA[1], "no", before))
    statuses = {t.status for t in current}
    in_law: Result = "yes" if "legislated" in statuses else "partly" if "adopted" in statuses else "no"
    shown = ", ".join(label(s) for s in CURRENT if s in statuses) or plain("no current target")
    marks.append(Mark(CRITERIA[2], in_law, shown))
    marks += _inventory_marks(city)
    present = [s for s in SECTORS if s in set(sectors)]
    coverage: Result = "yes" if len(present) == len(SECTORS) else "partly" if present else "no"
    marks.append(Mark(CRITERIA[6], coverage, ", ".join(label(s) for s in present) or plain("no case studies")))
    history = tuple(t for t in city.targets if t.status in HISTORY)
    return Card(tuple(marks), history)


def _inventory_marks(city: City) -> list[Mark]:
    years = sorted({i.year for i in city.inventories})
    if not years:
        return [Mark(c, "no", plain("no inventory recorded")) for c in CRITERIA[3:6]]
    count = len(years)
    if count > 1:
        span = plain("%(n)s years, %(first)s to %(last)s", n=count, first=years[0], last=years[-1])
    else:
        span = plain("1 year, %(year)s", year=years[0])
    series: Result = "yes" if count >= SERIES else "partly"
    checked = city.last_verified
    age = checked.year - years[-1]
    recent: Result = "yes" if age <= RECENT_YEARS else "partly" if age <= PARTLY_RECENT_YEARS else "no"
    latest = max(city.inventories, key=lambda i: (i.year, i.protocol.startswith("gpc")))  # GPC first in a year
    protocol: Result = "yes" if latest.protocol.startswith("gpc") else "partly"
    return [
        Mark(CRITERIA[3], series, span),
        Mark(
            CRITERIA[4], recent, plain("latest %(year)s; profile checked %(date)s", year=years[-1], date=date(checked))
        ),
        Mark(CRITERIA[5], protocol, f"{label(latest.protocol)} ({latest.year})"),
    ]


def cards(corpus: Corpus) -> dict[str, Card]:
    """Every city's scorecard, by city id."""
    sectors: dict[str, set[str]] = {cid: set() for cid in corpus.cities}
    for entry in corpus.practices.values():
        sectors.setdefault(entry.data.city, set()).add(entry.sector)
    return {cid: card(city.data, sectors[cid]) for cid, city in corpus.cities.items()}


CITIES_PER_PAGE = 100


def pages(corpus: Corpus, by_name: Sequence[tuple[str, Loaded[City]]]) -> dict[str, str]:
    """scorecard.md and, past 100 cities, scorecard/pages/<n>.md: every city's scorecard in one table."""
    all_cards = cards(corpus)
    template = environment().get_template("scorecard.md.j2")
    parts = paged(list(by_name), "scorecard", CITIES_PER_PAGE, first="scorecard.md")
    return {part.path: template.render(p=part, cards=all_cards, criteria=CRITERIA) for part in parts}
