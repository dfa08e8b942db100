"""Related practices: the ones a case study names, then the nearest by sector, instruments and tags.

The score of a pair is 2 for the same sector, 1 for the same lever owner, and 1 per shared instrument
and per shared tag. Comparing every pair is quadratic (an hour at 10,000 case studies), so `Related`
splits the score in two: the part from sector, owner and instruments depends only on a practice's
"profile", of which there are few, and tags are selective, so an inverted index finds the practices
sharing one. The result is the same as comparing every pair.
"""

import functools
from collections import Counter, defaultdict

from generator.reading.load import Corpus, LoadedPractice

NEAREST = 3

Profile = tuple[str, str, int]
"""Sector, lever owner, and the instruments as bits of a number (so that shared ones are counted fast)."""

_BITS: dict[str, int] = {}


def _profile(entry: LoadedPractice) -> Profile:
    bits = 0
    for instrument in entry.data.instruments:
        bits |= _BITS.setdefault(instrument, 1 << len(_BITS))
    return (entry.sector, entry.data.lever.owner, bits)


def _profile_score(a: Profile, b: Profile) -> int:
    return (2 if a[0] == b[0] else 0) + (1 if a[1] == b[1] else 0) + (a[2] & b[2]).bit_count()


@functools.lru_cache(maxsize=1)  # the same profiles from one regeneration to the next (mkdocs serve)
def _ranked(profiles: tuple[Profile, ...]) -> dict[Profile, list[tuple[int, Profile]]]:
    """For each profile, every profile by falling score: a practice reads them until no better can come."""
    return {a: sorted(((_profile_score(a, b), b) for b in profiles), key=lambda item: -item[0]) for a in profiles}


class Related:
    """Nearest practices for every case study in a corpus, computed from shared indexes."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.found: dict[str, tuple[list[LoadedPractice], list[LoadedPractice]]] = {}
        ids = sorted(corpus.practices)
        self.by_profile: dict[Profile, list[str]] = defaultdict(list)
        self.by_tag: dict[str, list[str]] = defaultdict(list)
        for pid in ids:
            entry = corpus.practices[pid]
            self.by_profile[_profile(entry)].append(pid)
            for tag in set(entry.data.tags):
                self.by_tag[tag].append(pid)
        self.ranked = _ranked(tuple(sorted(self.by_profile)))

    def of(self, entry: LoadedPractice) -> list[LoadedPractice]:
        """Named and nearest together."""
        named, nearest = self(entry)
        return [*named, *nearest]

    def __call__(self, entry: LoadedPractice) -> tuple[list[LoadedPractice], list[LoadedPractice]]:
        """(named in `related`, nearest others): the nearest share the most of sector, instruments, tags
        and lever owner (sector counts twice); ties go to the alphabetically first id, so the list is stable."""
        found = self.found.get(entry.id)
        if found is None:
            found = self.found[entry.id] = self._find(entry)
        return found

    def _find(self, entry: LoadedPractice) -> tuple[list[LoadedPractice], list[LoadedPractice]]:
        practices = self.corpus.practices
        named = [practices[pid] for pid in entry.data.related if pid in practices]
        taken = {entry.id, *(p.id for p in named)}
        profile = _profile(entry)
        shared_tags: Counter[str] = Counter()
        for tag in set(entry.data.tags):
            shared_tags.update(self.by_tag[tag])
        candidates = [
            (-(_profile_score(profile, _profile(practices[pid])) + count), pid)
            for pid, count in shared_tags.items()
            if pid not in taken
        ]
        # practices sharing no tag score their profile's score; the best of them come from the first profiles
        found: list[tuple[int, str]] = []
        for score, other in self.ranked[profile]:
            if score <= 0 or (len(found) >= NEAREST and score < -found[NEAREST - 1][0]):
                break
            picked = 0
            for pid in self.by_profile[other]:
                if pid in taken or pid in shared_tags:
                    continue
                found.append((-score, pid))
                picked += 1
                if picked == NEAREST:
                    break
            found.sort()
        best = sorted(candidates + found)[:NEAREST]
        return named, [practices[pid] for score, pid in best if score < 0]


def related(corpus: Corpus, entry: LoadedPractice) -> tuple[list[LoadedPractice], list[LoadedPractice]]:
    """Related practices of one case study (see `Related` to do it for many)."""
    return Related(corpus)(entry)
