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
    pieces = {int(re.search(r"/(\d+)\.js(?:\?|$)", url).group(1)) for url in asked}  # type: ignore[union-attr]
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


def test_back_from_a_case_study_finds_the_results_the_reader_had_drawn(page: Page, base_url: str) -> None:
    page.goto(base_url + "catalogue/?sector=energy")
    items = page.locator("#catalogue-app li.catalogue__item")
    items.first.wait_for()
    page.locator(".catalogue__more").click()
    page.locator(".catalogue__more").click()
    assert items.count() == 300
    far = items.nth(250)
    ident = far.get_attribute("data-id")
    far.locator("h2 a").click()
    page.wait_for_url(f"**/{ident}/")
    page.go_back()
    page.locator(f'li.catalogue__item[data-id="{ident}"]').wait_for()
    assert items.count() == 300


def test_a_piece_that_cannot_load_is_said_and_asked_for_again(page: Page, base_url: str) -> None:
    blocked = {"on": True}
    page.route("**/catalogue-text/0.js*", lambda route: route.abort() if blocked["on"] else route.continue_())
    page.goto(base_url + "catalogue/")
    page.locator("#catalogue-app li.catalogue__item").first.wait_for()
    box = page.get_by_label("Search title, summary, city and tags")
    box.fill("heat")
    status = page.locator(".catalogue__status")
    page.wait_for_function("() => document.querySelector('.catalogue__status').textContent.includes('could not')")
    assert "some summaries could not be loaded: more may match" in status.inner_text()
    blocked["on"] = False
    box.fill("heat pump")  # the next change asks for the piece again
    page.wait_for_function("() => !/could not|reading/.test(document.querySelector('.catalogue__status').textContent)")


def test_every_piece_is_asked_for_with_the_datas_version(page: Page, base_url: str) -> None:
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(base_url + "catalogue/")
    page.locator("#catalogue-app li.catalogue__item").first.wait_for()
    page.wait_for_load_state("networkidle")
    marker = page.locator("#catalogue-data").get_attribute("data-script")
    assert marker is not None and re.fullmatch(r"catalogue-data\.js\?v=[0-9a-f]{12}", marker)
    version = marker.split("?", 1)[1]
    pieces = [url for url in asked if "/catalogue-text/" in url]
    assert pieces and all(url.endswith("?" + version) for url in pieces)


def _ids(site: Path) -> list[str]:
    return [str(r["id"]) for r in _records(site)]


def test_the_compare_page_reads_each_id_once_and_says_which_could_not_load(
    page: Page, base_url: str, large_site: Path
) -> None:
    a, b, c = _ids(large_site)[0], _ids(large_site)[500], _ids(large_site)[900]
    page.goto(base_url + f"compare/?ids={','.join([a] * 10)},{b}")
    page.locator("table.compare__table").wait_for()
    headers = page.locator("table.compare__table thead th").all_inner_texts()
    assert len(headers) == 2  # a and b: the repeats of a do not push b out
    count = json.loads((large_site / "data/compare-data.js").read_text().removeprefix("window.cncaCompare = ")[:-2])
    # c from another piece than a, so that only c fails to load
    c = next(
        i
        for i in _ids(large_site)[900:]
        if catalogue.piece_of(i, count["pieces"]) != catalogue.piece_of(a, count["pieces"])
    )
    piece = catalogue.piece_of(c, count["pieces"])
    page.route(f"**/data/compare/{piece}.js*", lambda route: route.abort())
    page.goto(base_url + f"compare/?ids={a},{c}")
    note = page.locator(".compare__note")
    note.first.wait_for()
    assert f"Could not load {c}" in note.all_inner_texts()[-1]
    back = page.locator("#compare-app a", has_text="catalogue").first.get_attribute("href") or ""
    assert c in back


def test_removing_one_of_two_compared_moves_the_focus_to_the_one_left(page: Page, base_url: str) -> None:
    page.goto(base_url + "catalogue/")
    items = page.locator("#catalogue-app li.catalogue__item")
    items.first.wait_for()
    items.nth(0).locator("input[data-compare]").check()
    items.nth(1).locator("input[data-compare]").check()
    page.locator(".catalogue__chosen button").first.click()
    focused = page.evaluate(
        "() => [document.activeElement.tagName, !!document.activeElement.closest('.catalogue__chosen')]"
    )
    assert focused == ["BUTTON", True]
