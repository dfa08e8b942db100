"""The real content in practices/: it all loads, and every figure's source resolves."""

import pytest

from generator import pipeline
from generator.reading.load import Corpus
from generator.schema.ids import SECTORS

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


FOUNDING = {
    "berlin", "boston", "boulder", "copenhagen", "london", "melbourne", "minneapolis", "new-york-city", "oslo",
    "portland", "san-francisco", "seattle", "stockholm", "sydney", "vancouver", "washington-dc", "yokohama",
}  # fmt: skip


def test_all_seventeen_founding_cities_have_a_profile(corpus: Corpus) -> None:
    founding = {cid for cid, city in corpus.cities.items() if city.data.membership == "founding"}
    assert founding == FOUNDING


LATIN_AMERICA_AFRICA_ASIA = {
    "AR", "BR", "CL", "CO", "MX", "PE", "EC",  # Latin America
    "NG", "ZA", "ET", "KE", "TZ", "RW", "GH",  # Africa
    "CN", "IN", "ID", "KR", "TW", "TR", "TH", "VN", "PH",  # Asia, Japan aside
}  # fmt: skip


def _counts(corpus: Corpus) -> dict[str, int]:
    counts = {cid: 0 for cid in corpus.cities}
    for practice in corpus.practices.values():
        counts[practice.data.city] += 1
    return counts


def test_every_alliance_city_has_at_least_three_case_studies(corpus: Corpus) -> None:
    counts = _counts(corpus)
    alliance = {cid for cid, c in corpus.cities.items() if c.data.membership != "next-wave"}
    assert len(alliance) >= 20
    assert {cid: counts[cid] for cid in alliance if counts[cid] < 3} == {}


def test_at_least_twelve_next_wave_cities_with_two_case_studies_half_of_them_in_the_south(corpus: Corpus) -> None:
    counts = _counts(corpus)
    next_wave = [c for cid, c in corpus.cities.items() if c.data.membership == "next-wave" and counts[cid] >= 2]
    assert len(next_wave) >= 12
    assert sum(c.data.country in LATIN_AMERICA_AFRICA_ASIA for c in next_wave) >= 6


def test_every_next_wave_case_study_names_what_it_learned_from(corpus: Corpus) -> None:
    orphans = [
        e.id
        for e in corpus.practices.values()
        if corpus.cities[e.data.city].data.membership == "next-wave" and not e.data.transferability.learned_from
    ]
    assert orphans == []


def test_each_sector_has_at_least_twelve_case_studies(corpus: Corpus) -> None:
    for sector in SECTORS:
        assert sum(p.sector == sector for p in corpus.practices.values()) >= 12, sector
    assert len(corpus.practices) >= 150


def test_some_case_studies_tell_of_stalled_or_abandoned_efforts(corpus: Corpus) -> None:
    stalled = [p for p in corpus.practices.values() if p.data.status in ("suspended", "abandoned")]
    assert len(stalled) >= 2
    assert all(p.data.barriers for p in stalled), "a stalled effort says what stood in the way"


def test_no_page_shows_a_raw_source_key(corpus: Corpus) -> None:
    """Notes cite sources as [@key], shown as the source's number: a key such as "gla_2021" never reaches a reader
    (only keys that cannot be ordinary words are looked for: with a digit, an underscore or a hyphen)."""
    import re

    from generator.pages.practices import render
    from generator.reading.config import Settings

    pages = render(corpus, Settings()).texts()
    shown: list[tuple[str, str]] = []
    files = [(f"practices/{e.sector}/{e.id}.md", e.data.sources) for e in corpus.practices.values()]
    files += [(f"cities/{cid}.md", c.data.sources) for cid, c in corpus.cities.items()]
    for path, sources in files:
        text = re.sub(r"[#\"]source\.[\w-]+|\(https?://[^)]*\)|https?://\S+", "", pages[path])
        shown += [
            (path, key)
            for key in sources
            if re.search(r"[\d_-]", key) and re.search(rf"(?<![\w@-]){re.escape(key)}(?![\w-])", text)
        ]
    assert shown == []
