"""Search: Material's built-in search for small sites, Pagefind (its index loads in pieces) for large ones.

The choice is made by the MkDocs hook from `extra.search` in mkdocs.yml and the SEARCH_ENGINE variable;
the offline edition always keeps the built-in search. With Pagefind the search box looks and works as
Material's does: same place, same keys, same result markup.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, sync_playwright

from bench.corpus import make_project as make_large_project
from bench.search import serve
from generator.mkdocs_hook import choose_engine, count_case_studies, on_config

from .conftest import REPO, make_project
from .test_browser import axe_violations, launch
from .test_site import build

SUB_PATH = "/city-climate-practices/"  # as on GitHub Pages (site_url)
AUTO = {"engine": "auto", "pagefind_from": 1000}
# The choice of engine


def test_auto_keeps_the_builtin_search_below_pagefind_from() -> None:
    assert choose_engine(AUTO, 999, {}, offline=False) == "builtin"


def test_auto_uses_pagefind_from_pagefind_from_case_studies_on() -> None:
    assert choose_engine(AUTO, 1000, {}, offline=False) == "pagefind"
    assert choose_engine({"engine": "auto", "pagefind_from": 20}, 51, {}, offline=False) == "pagefind"


def test_without_a_setting_auto_switches_at_1000() -> None:
    assert choose_engine(None, 999, {}, offline=False) == "builtin"
    assert choose_engine({}, 1000, {}, offline=False) == "pagefind"


def test_the_setting_can_fix_the_engine() -> None:
    assert choose_engine({"engine": "builtin"}, 20_000, {}, offline=False) == "builtin"
    assert choose_engine({"engine": "pagefind"}, 3, {}, offline=False) == "pagefind"


def test_search_engine_variable_wins_over_the_setting() -> None:
    assert choose_engine(AUTO, 3, {"SEARCH_ENGINE": "pagefind"}, offline=False) == "pagefind"
    assert choose_engine(AUTO, 20_000, {"SEARCH_ENGINE": "builtin"}, offline=False) == "builtin"
    assert choose_engine({"engine": "builtin"}, 20_000, {"SEARCH_ENGINE": "auto"}, offline=False) == "pagefind"


def test_offline_edition_always_keeps_the_builtin_search() -> None:
    assert choose_engine(AUTO, 20_000, {}, offline=True) == "builtin"
    assert choose_engine({"engine": "pagefind"}, 3, {"SEARCH_ENGINE": "pagefind"}, offline=True) == "builtin"


@pytest.mark.parametrize(
    ("setting", "env", "message"),
    [
        (
            {"engine": "lunr"},
            {},
            "mkdocs.yml: extra.search.engine: expected one of auto, builtin, pagefind, got 'lunr'",
        ),
        (AUTO, {"SEARCH_ENGINE": "Pagefind"}, "SEARCH_ENGINE: expected one of auto, builtin, pagefind, got 'Pagefind'"),
        (
            {"pagefind_from": "1k"},
            {},
            "mkdocs.yml: extra.search.pagefind_from: expected a whole number above 0, got '1k'",
        ),
        ({"engnie": "auto"}, {}, "mkdocs.yml: extra.search: unknown setting 'engnie'; expected engine, pagefind_from"),
    ],
)
def test_a_mistake_in_the_setting_is_reported(setting: dict[str, Any], env: dict[str, str], message: str) -> None:
    with pytest.raises(PluginError) as error:
        choose_engine(setting, 10, env, offline=False)
    assert str(error.value) == message


def test_case_studies_are_counted_from_the_generated_pages(tmp_path: Path) -> None:
    for page in ("energy/a.md", "energy/b.md", "energy/index.md", "waste/c.md", "index.md"):
        (tmp_path / "practices" / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "practices" / page).write_text("# x\n")
    (tmp_path / "cities").mkdir()
    (tmp_path / "cities/oslo.md").write_text("# Oslo\n")
    assert count_case_studies(tmp_path) == 3


@pytest.mark.parametrize(
    ("env", "search_on", "pagefind"),
    [
        ({"SEARCH_ENGINE": "pagefind"}, False, True),
        ({"SEARCH_ENGINE": "builtin"}, True, False),
        ({"SEARCH_ENGINE": "pagefind", "OFFLINE": "true"}, True, False),
    ],
)
def test_the_hook_switches_material_search_off_only_for_pagefind(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], search_on: bool, pagefind: bool
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = load_config(str(REPO / "mkdocs.yml"))
    on_config(config)
    assert config.plugins["material/search"].config.enabled is search_on
    assert config.extra["pagefind"] is pagefind


# Sites as built


def test_the_real_site_keeps_the_builtin_search(tmp_path: Path) -> None:
    site = build(make_project(tmp_path, practices=REPO / "practices"))
    assert count_case_studies(tmp_path / "docs") == 51
    assert (site / "search/search_index.json").is_file()
    assert not (site / "pagefind").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' in home
    assert "pagefind" not in home


def test_pagefind_builds_are_byte_identical(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    first = build(project, "site-1", SEARCH_ENGINE="pagefind")
    second = build(project, "site-2", SEARCH_ENGINE="pagefind")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert Path("pagefind/pagefind-entry.json") in files
    assert not (first / "search").exists()
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert [p for p in files if (first / p).read_bytes() != (second / p).read_bytes()] == []


def test_pagefind_indexes_the_article_only(tmp_path: Path) -> None:
    site = build(make_project(tmp_path), SEARCH_ENGINE="pagefind")
    page = (site / "practices/energy/exampleton-district-heating/index.html").read_text(encoding="utf-8")
    assert page.count("data-pagefind-body") == 1
    assert '<article class="md-content__inner md-typeset" data-pagefind-body>' in page
    assert "data-pagefind-body" not in (site / "404.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' not in page  # Material's own search stays asleep
    assert 'src="../../../assets/pagefind-search.js"' in page


# In the browser, on a site of 1,000 case studies (Pagefind by `auto`) served under its sub-path


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_large_project(tmp_path_factory.mktemp("large") / "site", 1000)
    site = build(project)
    assert (site / "pagefind/pagefind.js").is_file()
    assert not (site / "search/search_index.json").exists()
    return site


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
    first.wait_for()
    assert first.locator("a.md-search-result__link").get_attribute("href") == base_url + path
    assert word in first.locator("h1").inner_text()
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
    site = build(make_project(tmp_path), SEARCH_ENGINE="pagefind")
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
