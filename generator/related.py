"""Related practices: the ones a case study names, then the nearest by sector, instruments and tags."""

from .load import Corpus, LoadedPractice

NEAREST = 3


def _score(a: LoadedPractice, b: LoadedPractice) -> int:
    shared = len(set(a.data.instruments) & set(b.data.instruments)) + len(set(a.data.tags) & set(b.data.tags))
    return (2 if a.sector == b.sector else 0) + shared + (1 if a.data.lever.owner == b.data.lever.owner else 0)


def related(corpus: Corpus, entry: LoadedPractice) -> tuple[list[LoadedPractice], list[LoadedPractice]]:
    """(named in `related`, nearest others): the nearest share the most of sector, instruments, tags and
    lever owner (sector counts twice); ties go to the alphabetically first id, so the list is stable."""
    named = [corpus.practices[pid] for pid in entry.data.related if pid in corpus.practices]
    taken = {entry.id, *(p.id for p in named)}
    scored = sorted(
        ((-_score(entry, other), other.id, other) for other in corpus.practices.values() if other.id not in taken),
        key=lambda item: (item[0], item[1]),
    )
    return named, [other for score, _, other in scored[:NEAREST] if score < 0]
