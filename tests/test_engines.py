"""The same site from every engine: MkDocs, ProperDocs (a drop-in fork of MkDocs 1.x) and Zensical (Material's
successor, which runs no hooks). Each builds the fixture's generated pages with the same mkdocs.yml through
`python -m generator build --engine ...`, and each site is checked as a reader uses it, in Chromium: every page,
search that finds a word of a case study, the catalogue's filters, charts and map, no request to another site,
no serious accessibility violation.

The engines other than MkDocs live in their own environments (`make engines` installs them; `make test` does
it first). Where one is missing the tests skip, except in CI, where that is a failure.
"""

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright

from bench.search import serve
from generator.publishing.engines import ENGINES, HOME

from .conftest import FIXTURE, make_project
from .test_browser import axe_violations, launch
from .test_site import ENV, _Loads, build

SUB_PATH = "/city-climate-practices/"  # as on GitHub Pages (site_url)


def _installed_or_skip(engine: str) -> None:
    if engine == "mkdocs" or (HOME / f".venv-{engine}" / "bin" / engine).is_file():
        return
    message = f"{engine} is not installed: make engines"
    if os.environ.get("CI"):
        pytest.fail(message + " (in CI a missing engine is a failure)")
    pytest.skip(message)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture project built by each installed engine (one project: the same generated pages)."""
    project = make_project(tmp_path_factory.mktemp("engines"))
    built = {}
    for engine in ENGINES:
        if engine == "mkdocs" or (HOME / f".venv-{engine}" / "bin" / engine).is_file():
            built[engine] = build(project, f"site-{engine}", engine=engine)
    return built


@pytest.fixture(scope="module", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    _installed_or_skip(request.param)
    return str(request.param)


def _files(site: Path, pattern: str) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob(pattern)}


def test_every_engine_gives_every_page(sites: dict[str, Path], engine: str) -> None:
    assert _files(sites[engine], "*.html") == _files(sites["mkdocs"], "*.html")


def test_every_engine_publishes_the_open_data_and_the_feed(sites: dict[str, Path], engine: str) -> None:
    site = sites[engine]
    for rel in ("data/practices.json", "data/practices.csv", "data/datapackage.json", "feed.xml"):
        assert (site / rel).read_bytes() == (sites["mkdocs"] / rel).read_bytes(), rel


def test_every_engine_gets_the_same_search_index(sites: dict[str, Path], engine: str) -> None:
    site = sites[engine]
    assert (site / "pagefind/pagefind.js").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "assets/pagefind-search.js" in home and "data-pagefind-search" in home
    page = (site / "practices/energy/exampleton-district-heating/index.html").read_text(encoding="utf-8")
    assert page.count("data-pagefind-body") == 1
    assert "data-pagefind-body" not in (site / "404.html").read_text(encoding="utf-8")


def test_no_page_of_any_engine_loads_anything_from_another_site(sites: dict[str, Path], engine: str) -> None:
    for path in sites[engine].rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        loads = _Loads()
        loads.feed(text)
        assert [url for url in loads.urls if re.match(r"([a-z]+:)?//", url)] == [], path
        assert "googleapis" not in text and "@import" not in text, path


# In the browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def base_url(sites: dict[str, Path], engine: str) -> Iterator[str]:
    with serve(sites[engine], SUB_PATH) as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page that fails the test on a console error or a request that leaves the site."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    yield page
    context.close()
    assert errors == []
    assert [url for url in requests if not url.startswith(("http://127.0.0.1:", "data:", "blob:"))] == []


def test_search_finds_a_case_study_by_a_word_of_its_description(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.keyboard.press("/")
    page.keyboard.type("cameras", delay=50)
    first = page.locator(".md-search-result__item").first
    link = base_url + "practices/transportation/exampleton-congestion-charge/"
    # results come as the word is typed: wait for those of the whole word (a prefix finds other pages)
    expect(first.locator("a.md-search-result__link")).to_have_attribute("href", link, timeout=10_000)
    page.keyboard.press("Enter")
    page.wait_for_url(link)
    assert page.locator("article h1").first.inner_text().startswith("Congestion charge")


def test_the_catalogue_filters(page: Page, base_url: str) -> None:
    page.goto(base_url + "catalogue/?sector=energy")
    items = page.locator("#catalogue-app li.catalogue__item")
    items.first.wait_for(timeout=10_000)
    shown = set(items.evaluate_all("items => items.map(item => item.dataset.id)"))
    assert shown == {p.stem for p in (FIXTURE / "practices/energy").glob("*.yaml") if "." not in p.stem}


def test_charts_and_map_are_drawn(page: Page, base_url: str) -> None:
    page.goto(base_url)
    assert page.locator(".ccp-map-box svg").count() == 1
    page.goto(base_url + "cities/exampleton/")
    assert page.locator("figure.ccp-figure svg").count() >= 1


def test_the_finder_ranks_and_tables_become_cards_on_a_phone(page: Page, base_url: str) -> None:
    page.goto(base_url + "fits/?power=price-roads&context=transit-network&context=enabling-law&size=over-500k")
    first = page.locator("#fits-results li.fits-result").first
    first.wait_for(timeout=10_000)
    assert first.locator("a").get_attribute("href") == "../practices/transportation/exampleton-congestion-charge/"
    assert first.locator(".fits-verdict").inner_text() == "Fits: your city has all it needs"
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url + "cities/exampleton/")
    assert page.locator("#planning-scorecard").count() == 1
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    cell = page.locator("article table td[data-label]").first
    assert cell.evaluate("td => getComputedStyle(td.closest('table')).display") == "block"


def test_no_serious_accessibility_violation(page: Page, base_url: str) -> None:
    for path in ("", "practices/energy/exampleton-district-heating/", "catalogue/", "fits/", "scorecard/"):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        assert axe_violations(page) == [], path


_SEARCH_BOX = """() => {
  const form = getComputedStyle(document.querySelector(".md-search__form"));
  const input = getComputedStyle(document.querySelector(".md-search__input"));
  return [form.height, form.borderRadius, form.backgroundColor, input.paddingLeft, input.fontSize];
}"""


def test_the_search_box_looks_as_with_mkdocs(
    page: Page, base_url: str, browser: Browser, sites: dict[str, Path]
) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base_url)
    looks = page.evaluate(_SEARCH_BOX)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    with serve(sites["mkdocs"], SUB_PATH) as mkdocs_url:
        other = context.new_page()
        other.goto(mkdocs_url)
        assert looks == other.evaluate(_SEARCH_BOX)
        other.wait_for_load_state("networkidle")
    context.close()
    assert looks[0] != "auto" and looks[1] != "0px"  # styled at all


def test_properdocs_builds_in_shards_the_site_it_builds_whole(sites: dict[str, Path]) -> None:
    """ProperDocs runs MkDocs' hooks, so a large language is split between processes with it too
    (publishing/shards.py); Zensical runs none and always builds each language whole."""
    _installed_or_skip("properdocs")
    root = sites["properdocs"].parent
    command = [sys.executable, "-m", "generator", "build", "--root", str(root), "--engine", "properdocs"]
    done = subprocess.run(
        [*command, "--site-dir", "in-parts", "--shards", "2"], env=ENV, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "(en in 2 processes" in done.stdout
    whole, parts = sites["properdocs"], root / "in-parts"
    first = {p.relative_to(whole).as_posix(): p.read_bytes() for p in whole.rglob("*") if p.is_file()}
    second = {p.relative_to(parts).as_posix(): p.read_bytes() for p in parts.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
