"""The catalogue at 1,000 case studies, in Chromium: its data without the summaries, which come in pieces for
the results on screen and all of them once a reader searches for words; results drawn 100 at a time."""

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Request, sync_playwright

from bench.search import serve
from generator.pages import catalogue

from .test_browser import launch

SUB_PATH = "/city-climate-practices/"


@pytest.fixture(scope="module")
def base_url(large_site: Path) -> Iterator[str]:
    with serve(large_site, SUB_PATH) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def _records(site: Path) -> list[dict[str, object]]:
    text = (site / "data/catalogue-data.js").read_text(encoding="utf-8")
    data: dict[str, list[dict[str, object]]] = json.loads(text.removeprefix("window.cncaCatalogue = ").rstrip(";\n"))
    return data["practices"]


def _pieces(site: Path) -> dict[int, dict[str, list[object]]]:
    found = {}
    for path in (site / "data/catalogue-text").glob("*.js"):
        text = path.read_text(encoding="utf-8")
        head = f"(window.cncaCatalogueText = window.cncaCatalogueText || {{}})[{path.stem}] = "
        assert text.startswith(head)
        found[int(path.stem)] = json.loads(text.removeprefix(head).rstrip(";\n"))
    return found


def test_every_summary_is_in_exactly_the_piece_its_record_names(large_site: Path) -> None:
    records, pieces = _records(large_site), _pieces(large_site)
    assert all("summary" not in r for r in records)
    assert len(pieces) == -(-len(records) // catalogue.TEXT_CHUNK)
    assert sorted(i for piece in pieces.values() for i in piece) == sorted(str(r["id"]) for r in records)
    for r in records:
        assert str(r["id"]) in pieces[int(str(r["text"]))]


def test_the_first_results_load_only_their_own_pieces_and_show_their_summaries(
    page: Page, base_url: str, large_site: Path
) -> None:
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if "catalogue-text/" in request.url else None)
    page.goto(base_url + "catalogue/")
    items = page.locator("#catalogue-app li.catalogue__item")
    items.first.wait_for()
    assert items.count() == 100
    page.wait_for_load_state("networkidle")
    pieces = {int(re.search(r"/(\d+)\.js$", url).group(1)) for url in asked}  # type: ignore[union-attr]
    needed = 100 // catalogue.TEXT_CHUNK  # in title order, the first pieces hold the first results
    assert pieces == set(range(needed))
    first = items.first
    summary = _pieces(large_site)[0][str(first.get_attribute("data-id"))][0]
    assert first.locator(".catalogue__summary").inner_text() == summary


def test_show_more_draws_the_next_hundred_and_moves_the_focus_to_them(page: Page, base_url: str) -> None:
    page.goto(base_url + "catalogue/")
    items = page.locator("#catalogue-app li.catalogue__item")
    items.first.wait_for()
    more = page.locator(".catalogue__more")
    assert more.inner_text() == "Show 100 more (900 not shown yet)"
    more.click()
    assert items.count() == 200
    focused = page.evaluate("() => document.activeElement.closest('li').dataset.id")
    assert focused == items.nth(100).get_attribute("data-id")


def test_words_of_a_summary_in_the_last_piece_find_it(page: Page, base_url: str, large_site: Path) -> None:
    pieces = _pieces(large_site)
    last = pieces[max(pieces)]
    ident = sorted(last)[-1]
    words = list(dict.fromkeys(w.strip(".,").lower() for w in str(last[ident][0]).split()))[:6]
    record = next(r for r in _records(large_site) if r["id"] == ident)
    outside = " ".join([str(record["title"]), *(str(t) for t in record["tags"]), str(record["city"])]).lower()  # type: ignore[attr-defined]
    assert not all(w in outside for w in words), "only the summary holds every word"
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request))
    page.goto(base_url + "catalogue/")
    page.locator("#catalogue-app li.catalogue__item").first.wait_for()
    page.get_by_label("Search title, summary, city and tags").fill(" ".join(words))
    page.wait_for_function("() => !document.querySelector('.catalogue__status').textContent.includes('reading')")
    ids = page.locator("#catalogue-app li.catalogue__item").evaluate_all("items => items.map(i => i.dataset.id)")
    assert ident in ids
    assert sum("catalogue-text/" in r.url for r in requests) == len(pieces)
