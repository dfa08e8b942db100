"""Related practices: the ones a case study names, then the nearest by sector, instruments and tags.

The score of a pair is 2 for the same sector, 1 for the same lever owner, and 1 per shared instrument
and per shared tag. Comparing every pair is quadratic (an hour at 10,000 case studies), so `Related`
splits the score in two: the part from sector, owner and instruments depends only on a practice's
"profile", of which there are few, and tags are selective, so an inverted index finds the practices
sharing one. The result is the same as comparing every pair.
"""

from collections import Counter, defaultdict

from .load import Corpus, LoadedPractice

NEAREST = 3

Profile = tuple[str, str, frozenset[str]]


def _profile(entry: LoadedPractice) -> Profile:
    return (entry.sector, entry.data.lever.owner, frozenset(entry.data.instruments))


def _profile_score(a: Profile, b: Profile) -> int:
    return (2 if a[0] == b[0] else 0) + (1 if a[1] == b[1] else 0) + len(a[2] & b[2])


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
        # for each profile, every profile by falling score: a practice reads them until no better can come
        profiles = sorted(self.by_profile, key=lambda p: (p[0], p[1], sorted(p[2])))
        self.ranked: dict[Profile, list[tuple[int, Profile]]] = {
            a: sorted(((_profile_score(a, b), b) for b in profiles), key=lambda item: -item[0]) for a in profiles
        }

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
