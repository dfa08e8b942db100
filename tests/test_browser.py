"""The built site in a real browser: Debian's Chromium driven by Playwright, served on 127.0.0.1."""

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page, Playwright, sync_playwright

from .conftest import make_project
from .test_site import build

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def _browser_or_skip() -> None:
    if not Path(CHROMIUM).exists():
        message = "Chromium not found: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message + " (in CI a missing browser is a failure)")
        pytest.skip(message)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve(build(make_project(tmp_path_factory.mktemp("project"))))


def serve(site: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 while the caller runs; yields its address."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",  # the machine's closed network refuses Chromium's own calls
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, never a downloaded browser; a missing one fails in CI and skips elsewhere."""
    _browser_or_skip()
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def axe_violations(page: Page) -> list[str]:
    """Serious and critical accessibility violations axe-core (vendored in tests/vendor) finds on the page."""
    page.add_script_tag(path=str(Path(__file__).parent / "vendor/axe-core/axe.min.js"))
    found: list[str] = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ') + ')')"
    )
    return found


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Page]:
    with sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context()
        yield context.new_page()
        browser.close()


def test_search_finds_a_practice_by_a_word_only_in_its_description(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.keyboard.type("cameras", delay=50)
    # results update as each letter arrives; wait for the ones of the whole word
    page.locator(".md-search-result__item", has_text="Congestion charge").first.wait_for(timeout=10_000)
    page.wait_for_timeout(300)
    titles = page.locator(".md-search-result__item h1").all_inner_texts()
    assert titles == ["Congestion charge"]


def test_no_request_leaves_the_site_on_any_page(page: Page, base_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    # every page the site has: the home page links to the sector, city and about pages, which link to the rest
    seen, queue = set(), [base_url]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        script = "links => links.map(a => new URL(a.getAttribute('href'), location.href).href)"
        for href in page.eval_on_selector_all("a[href]", script):
            target = href.split("#")[0].split("?")[0]
            if target.startswith(base_url) and target.endswith("/") and target not in seen:
                queue.append(target)
    assert len(seen) >= 20
    outside = [url for url in requests if not url.startswith((base_url, "data:", "blob:"))]
    assert requests
    assert outside == []


def test_hostile_text_runs_no_script(page: Page, base_url: str) -> None:
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    page.goto(base_url + "practices/waste/sampleville-hostile-text/")
    page.wait_for_load_state("networkidle")
    assert dialogs == []
    heading = page.locator("h1").first.inner_text()
    assert heading.startswith("<script>alert('title')</script> & </title><img")
    assert page.title().startswith("<script>alert('title')</script>")


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(make_project(tmp_path_factory.mktemp("offline")), offline=True)


def test_offline_edition_searches_from_a_folder(page: Page, offline_site: Path) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(offline_site.joinpath("index.html").as_uri())
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.keyboard.type("cameras", delay=50)
    page.locator(".md-search-result__item", has_text="Congestion charge").first.wait_for(timeout=10_000)
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state()
    assert page.url.split("?")[0].endswith("/practices/transportation/exampleton-congestion-charge.html")
    assert page.locator("h1").first.inner_text().startswith("Congestion charge")
    assert [url for url in requests if not url.startswith("file://")] == []
