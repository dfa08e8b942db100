"""The evidence behind each figure: does the quote state the number, and which sources do notes cite.

Pure functions. A quote states a figure when one of the numbers written in it, read as its language writes numbers
(thousands separators, a decimal comma or point, a scale word such as "million" or the "M" of "MtCO2e", or a small
English number word such as "four"), equals the figure.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from generator.schema.model import City, Funding, Impact, Inventory, Money, Population, Practice, Target

_GROUPED = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?",  # 31,500,000 or 1,234.5
    r"\d{1,3}(?:\.\d{3})+(?:,\d+)?",  # 31.500.000 or 1.234,5
    r"\d{1,3}(?:[ \u00a0\u202f\u2009']\d{3})+(?:[.,]\d+)?",  # 31 500 000, 1'234.5
    r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?",  # 67,80,752 (lakh and crore grouping)
    r"\d+(?:[.,]\d+)?",  # 2030, 4.8, 4,8
)
_NUMBER = [re.compile(p) for p in _GROUPED]
_START = re.compile(r"(?<![\d.,])(?<!CO|NO|SO|CH|PM)(?<!H)\d")  # a number, not the 2 of CO2 or the 10 of PM10

_SCALES: list[tuple[re.Pattern[str], int]] = [
    # words first, in any case ("Milliarden" before the "M" of "MtCO2e"); then single letters, in their case
    (re.compile(r"\s?(?i:mil millones|mil milhões|milliard\w*|miliard\w*|billion\w*|bilh\w+|bn\b|mrd\b"
                r"|miljard\w*|miliar\b|млрд|миллиард\w*)|\s?(?:Gt|十亿)"), 10**9),
    (re.compile(r"\s?(?i:million\w*|milion\w*|mn\b|mio\b|millones|millón|milhões|milhão|miljon\w*|miljoen\w*"
                r"|miljoon\w*|juta\b|милл?ион\w*|млн)|\s?(?:m\b|M|百万)"), 10**6),
    (re.compile(r"\s?(?i:thousands?\b|tausend|tsd\b|mil\b|mille\b|tusen|duizend|ribu|tuhat\w*|тыс\w*)"
                r"|\s?(?:k|千)"), 10**3),
    (re.compile(r"\s?(?:万|만)"), 10**4),
    (re.compile(r"\s?(?i:lakhs?\b|lacs?\b)"), 10**5),
    (re.compile(r"\s?(?i:crores?\b)"), 10**7),
    (re.compile(r"\s?(?:亿|억)"), 10**8),
]  # fmt: skip
_WORDS = {
    word: n
    for n, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}
_WORD = re.compile(r"\b(" + "|".join(_WORDS) + r")\b", re.IGNORECASE)

_KEY = r"[a-z0-9]+(?:[_-][a-z0-9]+)*"
MARKER = re.compile(rf"\[@({_KEY}(?:\s*;\s*@{_KEY})*)\]")
"""A note's citation of sources: `[@key]`, or `[@key; @other]`, where each key is a key of the file's `sources`."""


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the patterns only give digits
        return None


def _readings(written: str) -> set[Decimal]:
    """What a number written with separators can mean: "31,500" is 31500 or (with a decimal comma) 31.5."""
    readings: set[Decimal] = set()
    digits = re.sub(r"[ \u00a0\u202f\u2009']", "", written)
    for decimal_mark, group_mark in ((".", ","), (",", ".")):
        whole, _, fraction = digits.partition(decimal_mark)
        if group_mark in fraction:
            continue
        parts = whole.split(group_mark)
        thousands = all(len(p) == 3 for p in parts[1:])
        lakhs = group_mark == "," and len(parts[-1]) == 3 and all(len(p) == 2 for p in parts[1:-1])
        if len(parts) > 1 and (not 1 <= len(parts[0]) <= 3 or not (thousands or lakhs)):
            continue
        value = _decimal("".join(parts) + ("." + fraction if fraction else ""))
        if value is not None:
            readings.add(value)
    return readings


def _scale(after: str) -> int:
    for pattern, factor in _SCALES:
        if pattern.match(after):
            return factor
    return 1


def numbers(quote: str) -> set[Decimal]:
    """Every value the numbers written in a quote can stand for, with and without a scale written after them."""
    found: set[Decimal] = set()
    for start in _START.finditer(quote):
        for pattern in _NUMBER:
            match = pattern.match(quote, start.start())
            if match is None or (match.end() < len(quote) and quote[match.end()].isdigit()):
                continue
            factor = _scale(quote[match.end() :])
            for value in _readings(match.group()):
                found |= {value, value * factor}
    for word in _WORD.finditer(quote):
        value = Decimal(_WORDS[word.group().lower()])
        found |= {value, value * _scale(quote[word.end() :])}
    return found


def states(quote: str, value: float) -> bool:
    """Whether the quote states the value (its sign aside: a source says "fell by 4%" for -4)."""
    target = abs(Decimal(repr(value)) if isinstance(value, float) else Decimal(value))
    return target in numbers(quote)


def written(quote: str) -> list[str]:
    """The numbers as the quote writes them, for a message."""
    seen: list[str] = []
    for start in _START.finditer(quote):
        match = max((p.match(quote, start.start()) for p in _NUMBER), key=lambda m: m.end() if m else -1)
        if match and match.group() not in seen:
            seen.append(match.group())
    return seen


def shown(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) and abs(value) < 1e15 and value != int(value) else f"{int(value)}"


@dataclass(frozen=True)
class Figure:
    """One figure of a file and where it is: the numbers its quote must state."""

    loc: tuple[str | int, ...]
    values: tuple[tuple[str, float], ...]  # (field, value), e.g. ("value", 13500.0)
    evidence: Impact | Money | Funding | Target | Inventory | Population
    source: str | None


def figures(data: Practice | City) -> Iterator[Figure]:
    """Every figure of a case study or a city profile, with the fields that must appear in its quote."""
    if isinstance(data, Practice):
        for i, impact in enumerate(data.impacts):
            yield Figure(("impacts", i), (("value", impact.value),), impact, impact.source)
        finance = data.finance
        for name in ("capex", "opex_per_year"):
            money = getattr(finance, name) if finance else None
            if money is not None:
                yield Figure(("finance", name), (("amount", money.amount),), money, money.source)
        for i, funding in enumerate(finance.funding if finance else []):
            if funding.amount is not None:
                yield Figure(("finance", "funding", i), (("amount", funding.amount),), funding, funding.source)
        return
    for i, target in enumerate(data.targets):
        values = [("target_year", float(target.target_year))]
        if target.percent is not None:
            values.append(("percent", target.percent))
        yield Figure(("targets", i), tuple(values), target, target.source)
    for i, inventory in enumerate(data.inventories):
        values = [("total_tco2e", inventory.total_tco2e)]
        sectors = inventory.by_sector
        for name in ("energy", "transportation", "waste", "other"):
            if sectors is not None and getattr(sectors, name) is not None:
                values.append((f"by_sector.{name}", getattr(sectors, name)))
        yield Figure(("inventories", i), tuple(values), inventory, inventory.source)
    if data.population is not None:
        population = data.population
        yield Figure(("population",), (("value", float(population.value)),), population, population.source)


def keys_of(marker: str) -> list[str]:
    """The keys of one marker's inside: "a; @b" -> ["a", "b"]."""
    return [key.strip().lstrip("@") for key in marker.split(";")]


def cited(text: str) -> list[str]:
    """The source keys a text cites with `[@key]` markers, in order."""
    return [key for marker in MARKER.findall(text) for key in keys_of(marker)]


def bare_keys(text: str, keys: list[str]) -> list[str]:
    """Source keys written as plain text (outside a `[@key]` marker), which a reader would see raw. Only keys that
    cannot be ordinary words are looked for: those with a digit, an underscore or a hyphen."""
    plain = MARKER.sub(" ", text)
    return [
        key for key in keys if re.search(r"[\d_-]", key) and re.search(rf"(?<![\w@-]){re.escape(key)}(?![\w-])", plain)
    ]


def notes(data: Practice | City) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every note of a file's figures, where it is: the texts that may cite sources with `[@key]`."""
    parts: list[tuple[str, list[Any]]] = (
        [("impacts", list(data.impacts))]
        if isinstance(data, Practice)
        else [("targets", list(data.targets)), ("inventories", list(data.inventories))]
    )
    for name, items in parts:
        for i, item in enumerate(items):
            if item.note:
                yield (name, i), item.note
    if isinstance(data, City) and data.population is not None and data.population.note:
        yield ("population",), data.population.note
