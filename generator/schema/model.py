"""The typed schema: the one definition of a case study and a city profile.

Field names are the YAML keys. Each field's docstring is its description in
the JSON Schema, in editors and in the field reference.
"""

import datetime as dt
import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    AllowInfNan,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)

from generator.schema.ids import ID_PATTERN
from generator.schema.markdown import bad_character

KEY_PATTERN = r"^[a-z0-9]+([_-][a-z0-9]+)*$"


Unit = Literal[
    "tCO2e/yr", "ktCO2e/yr", "MtCO2e/yr", "tCO2e", "percent", "percentage-points",
    "GWh/yr", "MWh/yr", "MW", "t/yr", "kt/yr", "short-tons/yr", "kg/capita/yr",
    "vehicles/day", "trips/day", "buildings", "households", "vehicles",
]  # fmt: skip


def _plain_text(value: str, allow: str = "") -> str:
    found = bad_character(value, allow)
    if found:
        raise ValueError(f"contains {found}; delete it or retype the text")
    return value.strip()


def _markdown_text(value: str) -> str:
    # kept as written (not stripped), so that lines in problems match the lines in the file
    _plain_text(value, allow="\n\t")
    if not value.strip():
        raise ValueError("is empty")
    return value


def _one_line(value: str) -> str:
    text = " ".join(_plain_text(value, allow="\n\t").split())
    if not text:
        raise ValueError("is empty (only spaces); write the text, or leave the field out if it is optional")
    return text


def _no_future(value: dt.date | int) -> dt.date | int:
    today = dt.date.today()
    if (value > today.year) if isinstance(value, int) else (value > today):
        raise ValueError("is in the future")
    return value


def _number(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError("must be a number, not true or false")
    if isinstance(value, str):
        quoted = re.fullmatch(r"\s*[-+]?[0-9][0-9_.,eE+-]*\s*", value)
        raise ValueError("must be a number; write it without quotes" if quoted else "must be a number")
    return value


def _iso_date(value: object) -> object:
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
        raise ValueError("must be a date written YYYY-MM-DD")
    if not isinstance(value, str | dt.date):
        raise ValueError("must be a date written YYYY-MM-DD, such as 2024-05-31")
    return value


def _year_or_date(value: object) -> str:
    if isinstance(value, str) and re.fullmatch(r"\s*[0-9]{4}\s*", value):
        return "year"  # a quoted year
    return "year" if isinstance(value, int) else "date"


def _http_url(value: str) -> str:
    _plain_text(value)
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an http:// or https:// address, such as https://www.example.org/report.pdf")
    if re.search(r"[\s<>\"'\\`]", value):
        raise ValueError("must not contain spaces, quotes or angle brackets; percent-encode them")
    return value


Text = Annotated[str, StringConstraints(min_length=1, max_length=1000), AfterValidator(_one_line)]
Title = Annotated[str, StringConstraints(min_length=1, max_length=120), AfterValidator(_one_line)]
Summary = Annotated[str, StringConstraints(min_length=1, max_length=300), AfterValidator(_one_line)]
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
Key = Annotated[str, StringConstraints(pattern=KEY_PATTERN, max_length=40)]
Keyword = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=40)]
Url = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_http_url)]
Int = Annotated[int, BeforeValidator(_number)]
Float = Annotated[float, BeforeValidator(_number), AllowInfNan(False)]
Description = Annotated[str, StringConstraints(min_length=1, max_length=20000), AfterValidator(_markdown_text)]
Year = Annotated[Int, Field(ge=1800, le=2100)]
PastYear = Annotated[Int, Field(ge=1800), AfterValidator(_no_future)]
PastDate = Annotated[dt.date, BeforeValidator(_iso_date), AfterValidator(_no_future)]
# A year or a date; the input's own type picks the branch, so an error speaks of only one of them.
PastYearOrDate = Annotated[
    Annotated[PastYear, Tag("year")] | Annotated[PastDate, Tag("date")],
    Discriminator(_year_or_date),
]
Number = Float | Int
Amount = Annotated[Float, Field(ge=0)] | Annotated[Int, Field(ge=0)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Quote = Annotated[str, StringConstraints(min_length=1, max_length=2000), AfterValidator(_one_line)]
QuoteField = Annotated[
    Quote,
    Field(
        description="The sentence or table row of the source that states the figure, copied word for word in the"
        " source's language (never translated); `validate` checks that the figure appears in it."
    ),
]
Gloss = Annotated[
    Text | None, Field(description="A short English gloss of the quote, when the source is not in English.")
]
Derived = Annotated[
    Text | None,
    Field(
        description="How the figure is computed from the quote, when the quote does not state it as it is written"
        " here (a sum, a difference, a conversion of units). Without it, the quote must state the figure."
    ),
]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", max_length=35)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True, strict=False)


class Source(Model):
    title: Text
    """Title of the document, page or dataset, as it gives it."""
    url: Url
    """Where to read it: an http or https address."""
    publisher: Text | None = None
    """Who published it (agency, city department, journal)."""
    date: PastYearOrDate | None = None
    """Publication date (YYYY-MM-DD) or year."""
    language: Language | None = None
    """Language of the document, as a BCP 47 code (es, pt-BR, fi, zh), when it is not English. The quotes from it
    are kept in this language and need a `quote_en` gloss."""


Sources = Annotated[dict[Key, Source], Field(min_length=1)]


class Lever(Model):
    owner: Literal["city", "city-utility", "regional", "national", "supranational", "private-utility", "shared"]
    """Who controls the lever the practice pulls."""
    city_power: Literal["own-operate", "regulate", "procure", "fund-incentivize", "convene-advocate"]
    """What power the city itself used."""
    advocacy_ask: Text | None = None
    """The change a higher level of government (or a utility) would have to make to unlock scale."""


class Impact(Model):
    metric: Text
    """What was measured or projected, e.g. "Traffic across the charging cordon"."""
    value: Number
    """The figure exactly as the source states it."""
    unit: Unit
    """Unit of the value, from the list of units."""
    year: Year
    """Year the figure refers to."""
    type: Literal["projected", "estimated", "measured", "verified"]
    """projected: a forecast; estimated: modelled; measured: observed; verified: checked independently."""
    confidence: Literal["high", "medium", "low"]
    """How far the figure can be trusted (see the methodology page)."""
    source: Key
    """Key of the entry in `sources` that states this figure."""
    quote: QuoteField
    quote_en: Gloss = None
    derived: Derived = None
    baseline_year: Year | None = None
    """Year the change is measured against."""
    note: Text | None = None
    """Method, caveats, or where sources disagree."""


class Money(Model):
    amount: Amount
    """Amount, as the source states it."""
    currency: Currency
    """ISO 4217 code, e.g. USD, EUR, SEK."""
    year: Year
    """Year of the amount (its price base)."""
    source: Key
    """Key of the entry in `sources` that states this amount."""
    quote: QuoteField
    quote_en: Gloss = None
    derived: Derived = None


class Funding(Model):
    type: Literal["municipal-budget", "tax-levy", "ratepayer", "grant", "bond", "private", "philanthropy", "cnca-fund"]
    """Kind of funding; cnca-fund is the Carbon Neutral Cities Alliance's Game Changer fund."""
    name: Text
    """Name of the fund, budget line or funder."""
    amount: Amount | None = None
    """Amount, as the source states it."""
    currency: Currency | None = None
    """ISO 4217 code of the amount."""
    source: Key | None = None
    """Key of the entry in `sources` that states the amount."""
    quote: Quote | None = None
    """With an amount: the source's words that state it, word for word (see `quote` of a figure)."""
    quote_en: Gloss = None
    derived: Derived = None


class Finance(Model):
    capex: Money | None = None
    """Capital cost."""
    opex_per_year: Money | None = None
    """Running cost per year."""
    funding: list[Funding] = []
    """Where the money came from."""


Power = Literal[
    "run-public-transport", "manage-streets", "restrict-vehicles", "price-roads", "set-parking-rules",
    "zone-land", "set-building-standards", "own-buildings", "own-energy-utility", "choose-electricity-supply",
    "negotiate-with-utilities", "collect-waste", "regulate-waste", "treat-waste", "procure", "levy-taxes-fees",
]  # fmt: skip
POWERS: dict[Power, str] = {
    "run-public-transport": "runs public transport, or sets its routes, service and fares",
    "manage-streets": "redesigns its streets: lanes, crossings, signals, bike paths",
    "restrict-vehicles": "decides which vehicles may enter an area (low-emission or car-free zones)",
    "price-roads": "charges vehicles for using its roads (congestion or cordon charges, tolls)",
    "set-parking-rules": "sets parking rules, prices or the parking that new buildings must have",
    "zone-land": "decides zoning and land use",
    "set-building-standards": "sets building codes or energy performance standards for private buildings",
    "own-buildings": "owns buildings it can retrofit (offices, schools, housing)",
    "own-energy-utility": "owns or controls an energy utility (electricity, heat or gas)",
    "choose-electricity-supply": "buys electricity on behalf of its residents and businesses (community choice)",
    "negotiate-with-utilities": "grants franchises to, or makes binding agreements with, the utilities serving it",
    "collect-waste": "collects household waste, or contracts its collection",
    "regulate-waste": "sets rules for how residents and businesses separate and dispose of waste",
    "treat-waste": "owns or controls waste treatment (composting, digestion, incineration, landfill)",
    "procure": "buys energy, vehicles or services for its own operations",
    "levy-taxes-fees": "levies its own taxes, fees or charges",
}
"""What each city power in `transferability.requires.powers` means: what a city can do."""

Context = Literal[
    "district-heating", "dense-core", "transit-network", "clean-grid", "carbon-price", "climate-law",
    "enabling-law", "vehicle-standards", "higher-level-funding", "organics-treatment", "willing-utility",
    "energy-data", "power-market",
]  # fmt: skip
CONTEXTS: dict[Context, str] = {
    "district-heating": "a district heating network",
    "dense-core": "a dense central area",
    "transit-network": "a public transport network that can carry the trips taken out of cars",
    "clean-grid": "low-carbon electricity from the grid",
    "carbon-price": "a national or regional carbon price or emissions trading",
    "climate-law": "a national or state climate law or targets that back city action",
    "enabling-law": "a national or state law that allows the city to use this instrument",
    "vehicle-standards": "national vehicle emission standards or labels",
    "higher-level-funding": "funding from national, state or EU programmes",
    "organics-treatment": "a composting or digestion plant within reach",
    "willing-utility": "a utility willing to work with the city",
    "energy-data": "access to the energy use of buildings (from utilities or a benchmarking law)",
    "power-market": "a power market where buyers can contract renewable electricity directly",
}
"""What each item of `transferability.requires.context` means: what must exist around the city."""

Scale = Literal["any", "over-100k", "over-500k", "over-1m"]
SCALES: dict[Scale, str] = {
    "any": "a city of any size",
    "over-100k": "a city of 100,000 residents or more",
    "over-500k": "a city of 500,000 residents or more",
    "over-1m": "a city of 1 million residents or more",
}
"""What each value of `transferability.requires.scale` means."""


def _once_each(values: list[str]) -> list[str]:
    twice = sorted({v for v in values if values.count(v) > 1})
    if twice:
        raise ValueError(f"lists {', '.join(repr(v) for v in twice)} more than once; keep one")
    return values


class Requires(Model):
    """What a practice requires, in a fixed vocabulary (the finder "What fits my city" matches it against a
    reader's city); the free-text `preconditions` beside it say the rest."""

    powers: Annotated[list[Power], AfterValidator(_once_each)] = []
    """City powers it needs, from the list of powers on the field reference page."""
    context: Annotated[list[Context], AfterValidator(_once_each)] = []
    """What must exist around the city (a network, a law, a market), from the list on the field reference page."""
    scale: Scale = "any"
    """The smallest city it suits: any, over-100k, over-500k or over-1m residents."""

    @model_validator(mode="after")
    def _says_something(self) -> "Requires":
        if not self.powers and not self.context and self.scale == "any":
            raise ValueError(
                "says nothing: list at least one power or context, or a scale; or leave requires out"
                " (a practice that needs nothing would fit every city)"
            )
        return self


class Lineage(Model):
    """A practice this one copied or adapted, and the source that says so."""

    practice: Id | None = None
    """Id of the case study it learned from, when that case study is in this knowledge base."""
    name: Text | None = None
    """Name of the practice it learned from, when that practice has no case study here."""
    city: Id | None = None
    """Id of the city the practice comes from, when it has a profile here and `practice` is not given."""
    source: Key
    """Key of the entry in `sources` that says the practice was copied, adapted or inspired from it."""
    quote: Quote
    """The source's words that say so, word for word."""
    quote_en: Gloss = None

    @model_validator(mode="after")
    def _names_a_practice(self) -> "Lineage":
        if (self.practice is None) == (self.name is None):
            raise ValueError(
                "give either `practice` (the id of a case study here) or `name` (a practice not described here)"
            )
        if self.practice is not None and self.city is not None:
            raise ValueError("`city` is for a practice given by `name`; a case study's city is in its own file")
        return self


class Transferability(Model):
    preconditions: Annotated[list[Text], Field(min_length=1)]
    """What a city needs to copy the practice, at least one item: a reader's first question is "could we?"."""
    requires: Requires | None = None
    """The same in a fixed vocabulary: powers, context and scale, for the finder "What fits my city"."""
    replicated_in: list[Id] = []
    """Ids of cities that copied it (cities whose case studies name it in `learned_from` are added on the page)."""
    learned_from: list[Lineage] = []
    """The practices it copied or adapted; required for a case study of a next-wave city."""


Cobenefit = Literal[
    "air-quality", "health", "jobs", "cost-of-living", "housing", "mobility", "equity", "resilience", "biodiversity"
]
Instrument = Literal[
    "regulation", "pricing", "public-investment", "procurement", "grant-subsidy",
    "utility-partnership", "planning", "information", "voluntary-agreement",
]  # fmt: skip


class Practice(Model):
    """A case study: what one city did, what it achieved, what it cost, how to copy it."""

    title: Title
    """Name of the practice, at most 120 characters."""
    city: Id
    """Id of the city that runs it (a file in practices/cities/)."""
    status: Literal["proposed", "adopted", "implementing", "operational", "completed", "suspended", "abandoned"]
    """Where the practice stands today."""
    started: PastYearOrDate
    """Year (or YYYY-MM-DD date) it started; not in the future."""
    summary: Summary
    """Plain text, at most 300 characters: what was done and what it achieved."""
    description: Description
    """Markdown: the full story. Links must be http(s); raw HTML is not allowed."""
    lever: Lever
    """Who holds the lever and what power the city used."""
    instruments: Annotated[list[Instrument], Field(min_length=1)]
    """Policy instruments used, at least one."""
    sources: Sources
    """Every document a figure or claim comes from, by key."""
    last_verified: PastDate
    """Date (YYYY-MM-DD) someone last checked the content against its sources."""
    other_cities: list[Id] = []
    """Ids of other cities with a similar practice."""
    ended: PastYearOrDate | None = None
    """Year or date it ended, if it has."""
    gpc_refs: list[Annotated[str, StringConstraints(pattern=r"^(I|II|III|IV|V|VI)(\.[0-9]+){1,2}$")]] = []
    """GPC reference numbers of the emission sources it addresses, e.g. II.1."""
    impacts: list[Impact] = []
    """Figures: what it achieved or is expected to achieve."""
    finance: Finance | None = None
    """What it cost and who paid."""
    cobenefits: list[Cobenefit] = []
    """Benefits beyond emissions."""
    barriers: list[Text] = []
    """What stood in the way."""
    lessons: list[Text] = []
    """What other cities can learn."""
    transferability: Transferability
    """What copying it takes, what it learned from, and who copied it."""
    related: list[Id] = []
    """Ids of related practices."""
    tags: list[Keyword] = []
    """Keywords in kebab-case, e.g. congestion-pricing."""


class Coordinates(Model):
    lat: Annotated[Float, Field(ge=-90, le=90)]
    """Latitude in decimal degrees."""
    lon: Annotated[Float, Field(ge=-180, le=180)]
    """Longitude in decimal degrees."""


class Target(Model):
    kind: Literal["percent-reduction", "carbon-neutral", "net-zero", "fossil-free"]
    """What the target promises."""
    target_year: Year
    """Year it is to be met."""
    status: Literal["aspirational", "adopted", "legislated", "revised", "abandoned"]
    """Standing of the target today; revised or abandoned targets are kept as history."""
    source: Key
    """Key of the entry in `sources` that states the target."""
    quote: QuoteField
    quote_en: Gloss = None
    derived: Derived = None
    percent: Annotated[Float, Field(gt=0, le=100)] | None = None
    """Reduction in percent, for percent-reduction targets."""
    baseline_year: Year | None = None
    """Year the reduction is measured against."""
    note: Text | None = None
    """History: what it replaced, or why it was revised or abandoned."""


class Population(Model):
    value: Annotated[Int, Field(gt=0)]
    """Number of residents."""
    year: Year
    """Year of the count."""
    source: Key
    """Key of the entry in `sources` that states it."""
    quote: QuoteField
    quote_en: Gloss = None
    derived: Derived = None
    note: Text | None = None
    """Whether it is a census count or an estimate, and of what area."""


class BySector(Model):
    energy: Annotated[Float, Field(ge=0)] | None = None
    """Stationary energy, tCO2e."""
    transportation: Annotated[Float, Field(ge=0)] | None = None
    """Transportation, tCO2e."""
    waste: Annotated[Float, Field(ge=0)] | None = None
    """Waste, tCO2e."""
    other: Annotated[Float, Field(ge=0)] | None = None
    """Everything else, tCO2e."""


class Inventory(Model):
    year: Year
    """Year the inventory covers."""
    total_tco2e: Annotated[Float, Field(ge=0)]
    """City-wide emissions in tonnes CO2e."""
    protocol: Literal["gpc-basic", "gpc-basic-plus", "national", "other"]
    """Accounting protocol used."""
    source: Key
    """Key of the entry in `sources` that states it."""
    quote: QuoteField
    quote_en: Gloss = None
    derived: Derived = None
    by_sector: BySector | None = None
    """Emissions by sector, tCO2e."""
    note: Text | None = None
    """Scope, method or units as published (e.g. "published as 1.05 MtCO2e"; "covers the county")."""


class Plan(Model):
    title: Text
    """Title of the climate plan."""
    year: Year
    """Year it was adopted or published."""
    url: Url
    """Where to read it."""


class City(Model):
    """A city profile: targets, emission inventories, plans."""

    name: Text
    """Name of the city."""
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    """ISO 3166-1 alpha-2 country code, e.g. SE; write "NO" for Norway."""
    coordinates: Coordinates
    """Location of the city centre."""
    membership: Literal["founding", "member", "next-wave"]
    """Relation to the Carbon Neutral Cities Alliance."""
    targets: Annotated[list[Target], Field(min_length=1)]
    """Emission targets, including revised and abandoned ones."""
    sources: Sources
    """Every document a figure comes from, by key."""
    last_verified: PastDate
    """Date (YYYY-MM-DD) someone last checked the profile against its sources."""
    population: Population | None = None
    """Residents, with the year and source."""
    inventories: list[Inventory] = []
    """City-wide greenhouse-gas inventories."""
    plans: list[Plan] = []
    """Climate plans."""


Fingerprint = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]


class Made(Model):
    """How a translation was made, and from which English text."""

    made_from: Fingerprint
    """Fingerprint of the English text it translates (`make translate` writes it). When the English text changes,
    the translation is stale: still shown, with a notice, until someone updates it and this fingerprint."""
    by: Literal["machine", "human"]
    """machine: translated by software, said so on the page; human: translated by a person."""
    translator: Text | None = None
    """Who translated it (a name or a GitHub handle), for a human translation."""
    reviewed_by: Text | None = None
    """Who checked it against the English, if anyone."""


class PracticeTranslation(Model):
    """A translation of a case study's reader-facing text: `practices/<sector>/<id>.<lang>.yaml` beside the
    English file. Figures, units, dates, ids and sources are never repeated: they come from the English file."""

    translation: Made
    """How and from what it was translated."""
    title: Annotated[str, StringConstraints(min_length=1, max_length=170), AfterValidator(_one_line)]
    """The title, at most 170 characters (the English has at most 120; other languages need more)."""
    summary: Annotated[str, StringConstraints(min_length=1, max_length=420), AfterValidator(_one_line)]
    """The summary, plain text, at most 420 characters (the English has at most 300)."""
    description: Description | None = None
    """The full story in Markdown, as in the English file (links must be http(s); no raw HTML). Without it the
    page shows the English description, marked as English."""
    lessons: list[Text] = []
    """The lessons, one for each in the English file and in the same order."""
    barriers: list[Text] = []
    """The barriers, one for each in the English file and in the same order."""
    preconditions: list[Text] = []
    """The preconditions (`transferability.preconditions`), one for each and in the same order."""
    advocacy_ask: Text | None = None
    """The advocacy ask (`lever.advocacy_ask`)."""
    metrics: dict[Annotated[str, StringConstraints(min_length=1, max_length=1000)], Text] = {}
    """Each figure's `metric`, by its English text: "English metric": translated metric. Addressed by the text, so
    that figures can be reordered; figures with the same metric share its translation."""
    notes: dict[Annotated[str, StringConstraints(min_length=1, max_length=1000)], Text] = {}
    """Each figure's `note`, by its English text, in the same way."""


class CityTranslation(Model):
    """A translation of a city profile's reader-facing text: `practices/cities/<id>.<lang>.yaml` beside it."""

    translation: Made
    """How and from what it was translated."""
    name: Text
    """The city's name as this language writes it (e.g. 哥本哈根 for Copenhagen)."""
    notes: dict[Annotated[str, StringConstraints(min_length=1, max_length=1000)], Text] = {}
    """Each note of a target, inventory or the population, by its English text: "English note": translated note."""
