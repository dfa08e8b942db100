"""The feed and the structured data: stable across rebuilds, parseable, and faithful to the YAML."""

import html
import json
import re
from pathlib import Path

import feedparser  # type: ignore[import-untyped]
import pytest

from generator import pipeline

from .conftest import FIXTURE, make_project
from .test_site import build

SITE_URL = "https://cnca-practices.github.io/city-climate-practices/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(make_project(tmp_path_factory.mktemp("project")))


def test_feed_lists_every_case_study_newest_first(site: Path) -> None:
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    corpus = pipeline.validate(FIXTURE).corpus
    assert len(feed.entries) == len(corpus.practices)
    dates = [entry.updated for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)
    assert feed.feed.updated == dates[0]
    ids = {entry.id for entry in feed.entries}
    assert ids == {f"tag:city-climate-practices,2026:practice:{pid}" for pid in corpus.practices}
    hostile = next(e for e in feed.entries if e.id.endswith("sampleville-hostile-text"))
    assert hostile.title == corpus.practices["sampleville-hostile-text"].data.title
    assert hostile.link == f"{SITE_URL}practices/waste/sampleville-hostile-text/"


def test_feed_does_not_change_when_nothing_changed(tmp_path: Path, site: Path) -> None:
    again = make_project(tmp_path)
    pipeline.generate(again, again / "docs")
    assert (again / "docs/feed.xml").read_bytes() == (site / "feed.xml").read_bytes()


def _jsonld(page: str) -> dict[str, object]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(found) == 1
    data = json.loads(found[0])
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("pid", ["sampleville-hostile-text", "exampleton-congestion-charge"])
def test_each_practice_page_carries_schema_org_data_and_a_description(site: Path, pid: str) -> None:
    entry = pipeline.validate(FIXTURE).corpus.practices[pid]
    page = (site / f"practices/{entry.sector}/{pid}/index.html").read_text(encoding="utf-8")
    data = _jsonld(page)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Article"
    assert data["headline"] == entry.data.title
    assert data["dateModified"] == entry.data.last_verified.isoformat()
    assert [c["url"] for c in data["citation"]] == [s.url for s in entry.data.sources.values()]  # type: ignore[attr-defined]
    meta = re.search(r'<meta name="description" content="([^"]*)"', page)
    assert meta and html.unescape(meta.group(1)) == entry.data.summary


def test_feed_is_announced_in_every_page(site: Path) -> None:
    # "alternate " is the token alternate (see overrides/main.html: Material's script reads rel="alternate" only)
    assert '<link rel="alternate " type="application/atom+xml"' in (site / "index.html").read_text(encoding="utf-8")
