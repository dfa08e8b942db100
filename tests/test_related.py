"""Related practices: named ones first, then the nearest by sector, instruments, tags and lever."""

import shutil
from pathlib import Path

from generator import pipeline
from generator.pages.related import NEAREST, Related, related
from generator.reading.load import Corpus, LoadedPractice

from .conftest import REPO


def test_named_practices_come_first_and_nearest_are_similar() -> None:
    corpus = pipeline.validate(REPO).corpus
    for entry in corpus.practices.values():
        named, nearest = related(corpus, entry)
        assert [p.id for p in named] == list(entry.data.related)
        assert len(nearest) <= NEAREST
        assert entry.id not in {p.id for p in nearest} and not {p.id for p in named} & {p.id for p in nearest}
        for other in nearest:
            shares = other.sector == entry.sector or set(other.data.instruments) & set(entry.data.instruments)
            assert (
                shares
                or set(other.data.tags) & set(entry.data.tags)
                or other.data.lever.owner == entry.data.lever.owner
            )


def test_a_practice_like_this_one_is_its_nearest(project: Path) -> None:
    source = project / "practices/transportation/exampleton-congestion-charge.yaml"
    twin = project / "practices/transportation/sampleville-road-pricing.yaml"
    shutil.copy(source, twin)
    twin.write_text(twin.read_text().replace("city: exampleton", "city: sampleville").replace(
        "related: [exampleton-district-heating]", "related: []"))  # fmt: skip
    corpus = pipeline.validate(project).corpus
    named, nearest = related(corpus, corpus.practices["exampleton-congestion-charge"])
    assert [p.id for p in named] == ["exampleton-district-heating"]
    assert [p.id for p in nearest][:1] == ["sampleville-road-pricing"]


def _pairwise(corpus: Corpus, entry: LoadedPractice) -> list[str]:
    """The definition, comparing every pair: what the indexed search must give."""

    def score(a: LoadedPractice, b: LoadedPractice) -> int:
        shared = len(set(a.data.instruments) & set(b.data.instruments)) + len(set(a.data.tags) & set(b.data.tags))
        return (2 if a.sector == b.sector else 0) + shared + (1 if a.data.lever.owner == b.data.lever.owner else 0)

    taken = {entry.id, *entry.data.related}
    ranked = sorted((-score(entry, other), other.id) for other in corpus.practices.values() if other.id not in taken)
    return [pid for negative, pid in ranked[:NEAREST] if negative < 0]


def test_the_indexed_search_gives_what_comparing_every_pair_gives(tmp_path: Path) -> None:
    from bench.corpus import write_practices

    for root, practices in ((REPO, None), (tmp_path, tmp_path / "practices")):
        if practices is not None:
            write_practices(practices, 400, seed=7)
        corpus = pipeline.validate(root).corpus
        find = Related(corpus)
        for entry in corpus.practices.values():
            assert [p.id for p in find(entry)[1]] == _pairwise(corpus, entry), entry.id
