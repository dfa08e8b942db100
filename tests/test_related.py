"""Related practices: named ones first, then the nearest by sector, instruments, tags and lever."""

import shutil
from pathlib import Path

from generator import pipeline
from generator.related import NEAREST, related

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
