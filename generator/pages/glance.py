"""What a case study's first screen says: the headline figure and what copying it needs, in words."""

from generator.pages.i18n import N_, gettext
from generator.schema.model import CONTEXTS, POWERS, SCALES, Impact, Practice, Requires

MEMBERSHIP = {
    "founding": N_("a founding city of the Alliance"),
    "member": N_("a member city of the Alliance"),
    "next-wave": N_("a next-wave city, outside the Alliance"),
}
"""How the first screen says where a city stands in the Carbon Neutral Cities Alliance."""

TYPE_RANK = {"verified": 3, "measured": 2, "estimated": 1, "projected": 0}
CONFIDENCE_RANK = {"high": 2, "medium": 1, "low": 0}


def headline(p: Practice) -> Impact | None:
    """The strongest figure: verified before measured before estimated before projected, then by confidence,
    then the first in the file (the contributor's order). None without figures."""
    best: Impact | None = None
    for impact in p.impacts:
        if best is None or _strength(impact) > _strength(best):
            best = impact
    return best


def _strength(impact: Impact) -> tuple[int, int]:
    return TYPE_RANK[impact.type], CONFIDENCE_RANK[impact.confidence]


def requires(p: Practice) -> Requires | None:
    """What the practice needs in the fixed vocabulary, None where the file does not say."""
    return p.transferability.requires


def needs_in_words(r: Requires) -> list[str]:
    """Each requirement as a phrase, in the current language: "a city that runs public transport, ...", "a district
    heating network". (Each phrase is one message of the catalogues: see tools/messages.py.)"""
    phrases = [gettext(power_phrase(power)) for power in r.powers]
    phrases += [gettext(CONTEXTS[item]) for item in r.context]
    if r.scale != "any":
        phrases.append(gettext(SCALES[r.scale]))
    return phrases


def your_power(power: str) -> str:
    """A city power said of the reader's city, as the finder lists a need: "Your city runs public transport, ..."."""
    return f"Your city {POWERS[power]}"  # type: ignore[index]  # a Power


def power_phrase(power: str) -> str:
    """A city power as the English phrase that needs it: "a city that runs public transport, ..."."""
    return f"a city that {POWERS[power]}"  # type: ignore[index]  # a Power
