"""What a case study's first screen says: the headline figure and what copying it needs, in words."""

from generator.schema.model import CONTEXTS, POWERS, SCALES, Impact, Practice, Requires

MEMBERSHIP = {
    "founding": "a founding city of the Alliance",
    "member": "a member city of the Alliance",
    "next-wave": "a next-wave city, outside the Alliance",
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
    return p.transferability.requires if p.transferability else None


def needs_in_words(r: Requires) -> list[str]:
    """Each requirement as a phrase: "a city that runs public transport, ...", "a district heating network"."""
    phrases = [f"a city that {POWERS[power]}" for power in r.powers]
    phrases += [CONTEXTS[item] for item in r.context]
    if r.scale != "any":
        phrases.append(SCALES[r.scale])
    return phrases
