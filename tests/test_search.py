"""Search: Pagefind over the built pages for every engine (its index loads in pieces once a reader searches);
the offline edition keeps Material's built-in search (Pagefind cannot load from file://). The search box looks
and works as Material's does: same place, same keys, same result markup.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, expect, sync_playwright

from bench.search import serve

from .conftest import REPO, make_project
from .test_browser import axe_violations, launch
from .test_site import build

SUB_PATH = "/city-climate-practices/"  # as on GitHub Pages (site_url)
# Sites as built


def test_the_real_site_searches_with_pagefind(tmp_path: Path) -> None:
    site = build(make_project(tmp_path, practices=REPO / "practices"))
    assert (site / "pagefind/pagefind.js").is_file()
    assert not (site / "search/search_index.json").exists()  # no 650 KB index loaded with every page
    assert not list((site / "pagefind").glob("pagefind-ui.*"))  # Pagefind's own interfaces are removed
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' not in home
    assert "assets/pagefind-search.js" in home


def test_the_offline_edition_keeps_the_builtin_search(tmp_path: Path) -> None:
    site = build(make_project(tmp_path), "site-offline", offline=True)
    assert (site / "search/search_index.json").is_file()
    assert not (site / "pagefind").exists()
    assert "pagefind" not in (site / "index.html").read_text(encoding="utf-8")


def test_pagefind_builds_are_byte_identical(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    first = build(project, "site-1")
    second = build(project, "site-2")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert Path("pagefind/pagefind-entry.json") in files
    assert not (first / "search").exists()
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert [p for p in files if (first / p).read_bytes() != (second / p).read_bytes()] == []


def test_pagefind_indexes_the_article_only(tmp_path: Path) -> None:
    site = build(make_project(tmp_path))
    page = (site / "practices/energy/exampleton-district-heating/index.html").read_text(encoding="utf-8")
    assert page.count("data-pagefind-body") == 1
    assert '<article class="md-content__inner md-typeset" data-pagefind-body>' in page
    assert "data-pagefind-body" not in (site / "404.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' not in page  # Material's own search stays asleep
    assert 'src="../../../assets/pagefind-search.js"' in page


# In the browser, on a site of 1,000 case studies served under its sub-path


def test_the_large_site_is_searched_with_pagefind(large_site: Path) -> None:
    assert (large_site / "pagefind/pagefind.js").is_file()
    assert not (large_site / "search/search_index.json").exists()


def test_long_lists_are_paged_so_no_list_page_grows_with_the_corpus(large_site: Path) -> None:
    """At 1,000 case studies a sector lists about 330 and a holder of levers about 140: they are paged (the
    strict build has already checked every link between the pages)."""
    for sector in ("energy", "transportation", "waste"):
        assert (large_site / f"practices/{sector}/pages/2/index.html").is_file()
    assert list(large_site.glob("agenda/*/pages/2/index.html"))

    lists = [large_site / "agenda/index.html", *large_site.glob("agenda/*/**/index.html"), large_site / "index.html"]
    lists += [large_site / "progress/index.html", large_site / "cities/index.html", large_site / "coverage/index.html"]
    lists += [*large_site.glob("practices/*/index.html"), *large_site.glob("practices/*/pages/*/index.html")]
    lists += [
        large_site / "tags/index.html",
        *large_site.glob("tags/*/index.html"),
        *large_site.glob("tags/*/pages/*/index.html"),
    ]
    sizes = {p.relative_to(large_site).as_posix(): p.stat().st_size for p in lists}
    assert max(sizes.values()) < 200_000, sorted(sizes.items(), key=lambda item: -item[1])[:3]


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


@pytest.fixture(scope="module")
def browser_page(browser: Browser) -> Page:
    return browser.new_context().new_page()


@pytest.fixture
def page(browser_page: Page) -> Iterator[Page]:
    """The browser's page, failing the test on any console error or request that leaves the site."""
    errors: list[str] = []
    requests: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    browser_page.on("console", console)
    browser_page.on("pageerror", lambda error: errors.append(str(error)))
    browser_page.on("request", lambda request: requests.append(request.url))
    yield browser_page
    browser_page.remove_listener("console", console)
    assert errors == []
    assert [url for url in requests if not url.startswith("http://127.0.0.1:")] == []


def a_case_study(site: Path) -> tuple[str, str]:
    """The address of one case study of the generated site and the first word of its title."""
    source = sorted((site.parent / "practices/waste").glob("*.yaml"))[7]
    title = next(line for line in source.read_text().splitlines() if line.startswith("title: "))
    return f"practices/waste/{source.stem}/", title.removeprefix('title: "').split()[0]


def test_search_finds_a_case_study_by_the_first_word_of_its_title(page: Page, base_url: str, large_site: Path) -> None:
    path, word = a_case_study(large_site)
    assert word.isalpha()  # a made-up name like "Brakelin", found on its own page and pages listing it
    page.goto(base_url + "practices/energy/")
    page.keyboard.press("/")
    page.keyboard.type(word, delay=40)
    first = page.locator(".md-search-result__item").first
    # results come as the word is typed: wait for those of the whole word (a prefix finds other pages)
    expect(first.locator("h1")).to_contain_text(word, timeout=10_000)
    assert first.locator("a.md-search-result__link").get_attribute("href") == base_url + path
    assert word in first.locator(".md-search-result__teaser mark").first.inner_text()
    assert "matching documents" in page.locator(".md-search-result__meta").inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url(base_url + path)
    assert page.locator("article h1").first.inner_text().startswith(word)


def test_search_opens_and_closes_with_material_keys(page: Page, base_url: str, large_site: Path) -> None:
    path, word = a_case_study(large_site)
    page.goto(base_url + path)
    search_open = "document.getElementById('__search').checked"
    for key in ("s", "f", "/"):
        page.keyboard.press(key)
        assert page.evaluate(search_open)
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
        page.keyboard.press("Escape")
        assert not page.evaluate(search_open)
    page.keyboard.press("s")
    page.keyboard.type(word, delay=40)
    page.locator(".md-search-result__item").first.wait_for()
    assert page.locator(".md-search__input").input_value() == word  # the opening key was not typed
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == page.locator(".md-search-result__link").nth(1).get_attribute("href")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")


def test_the_header_button_opens_search(page: Page, base_url: str) -> None:
    page.set_viewport_size({"width": 600, "height": 800})  # the magnifier shows on narrow screens
    try:
        page.goto(base_url)
        page.locator("label.md-header__button[for='__search']").click()
        assert page.evaluate("document.getElementById('__search').checked")
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    finally:
        page.set_viewport_size({"width": 1280, "height": 720})


def test_more_results_load_on_demand(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.keyboard.press("/")
    page.keyboard.type("tram", delay=40)
    page.locator(".md-search-result__item").first.wait_for()
    meta = page.locator(".md-search-result__meta").inner_text()
    assert int(meta.split()[0].removesuffix("k").replace(".", "")) > 10
    items = page.locator(".md-search-result__link")
    assert items.count() == 10  # only the first results' data is fetched
    page.locator(".pagefind-search__more button").scroll_into_view_if_needed()
    page.wait_for_function("document.querySelectorAll('.md-search-result__link').length === 20")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_has_no_serious_accessibility_violation(
    page: Page, base_url: str, large_site: Path, scheme: str
) -> None:
    _, word = a_case_study(large_site)
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(base_url)
    page.keyboard.press("/")
    page.keyboard.type(word, delay=40)
    page.locator(".md-search-result__item").first.wait_for()
    assert axe_violations(page) == []


def test_hostile_text_in_results_stays_text(browser: Browser, tmp_path: Path) -> None:
    site = build(make_project(tmp_path))
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    with serve(site, SUB_PATH) as url:
        page = browser.new_page()
        page.on("dialog", record)
        page.goto(url)
        page.keyboard.press("/")
        page.keyboard.type("onerror", delay=40)
        result = page.locator(".md-search-result__item", has_text="alert('title')").first
        result.wait_for()
        assert result.locator("h1").inner_text().startswith("<script>alert('title')</script> & </title><img")
        tags = page.eval_on_selector_all(".md-search-result__list *", "nodes => nodes.map(n => n.localName)")
        page.close()
    assert set(tags) <= {"li", "a", "article", "div", "h1", "p", "mark", "button"}
    assert dialogs == []
