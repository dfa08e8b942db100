"""The real content in practices/: it all loads, and every figure's source resolves."""

import pytest

from generator import pipeline
from generator.load import Corpus
from generator.model import SECTORS

from .conftest import REPO


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    result = pipeline.validate(REPO)
    assert [p.text() for p in result.problems] == []
    return result.corpus


def test_every_sector_has_case_studies(corpus: Corpus) -> None:
    for sector in SECTORS:
        assert any(p.sector == sector for p in corpus.practices.values()), sector


def test_every_practice_names_a_profiled_city(corpus: Corpus) -> None:
    assert {p.data.city for p in corpus.practices.values()} <= set(corpus.cities)


def test_every_figure_cites_a_source_of_its_own_file(corpus: Corpus) -> None:
    for entry in corpus.practices.values():
        for impact in entry.data.impacts:
            assert impact.source in entry.data.sources, (entry.path, impact.metric)
            assert entry.data.sources[impact.source].url.startswith(("https://", "http://"))
    for city in corpus.cities.values():
        for target in city.data.targets:
            assert target.source in city.data.sources, city.path
        for inventory in city.data.inventories:
            assert inventory.source in city.data.sources, city.path
