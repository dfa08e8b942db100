"""What a reader waits for and downloads when searching a built site, with either search engine
(Material's built-in search or Pagefind; the site's pages say which).

For each query: a fresh browser context (empty cache) opens the home page, opens search with `/`,
types the query, and records the time from the first keystroke to the first result on screen (and from
the last keystroke: negative when results show while the reader still types) and the bytes of the
search's own files (Pagefind's pagefind/*, or Material's search_index.json and its search worker; plus
the script and style of our Pagefind box). Returns the medians, and each query's figures.

Run: .venv/bin/python bench/search.py SITE_DIR BASE_PATH query...
     (e.g. bench/search.py /tmp/site /city-climate-practices/ brakelin congestion)
"""

import functools
import http.server
import json
import os
import shutil
import statistics
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Playwright, Response, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
KEY_DELAY_MS = 80  # a quick typist
SEARCH_FILES = ("/pagefind/", "/search/search_index.json", "/assets/javascripts/workers/search.", "/pagefind-search.")

# In the page: the times of the first and last keystrokes and of the first result item, on its own clock.
_CLOCK = """() => {
  window.__searchTimes = {};
  addEventListener("keydown", () => {
    window.__searchTimes.key ??= performance.now();
    window.__searchTimes.last = performance.now();
  }, true);
  new MutationObserver(() => {
    if (window.__searchTimes.key && document.querySelector(".md-search-result__item"))
      window.__searchTimes.result ??= performance.now();
  }).observe(document.body, {childList: true, subtree: true});
}"""


@contextmanager
def serve(site_dir: Path, base_path: str = "/") -> Iterator[str]:
    """Serve site_dir on 127.0.0.1 under base_path (the site's sub-path, as on GitHub Pages); yields the
    site's address."""
    prefix = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    handler = functools.partial(_SubPathHandler, prefix, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, prefix: str, *args: Any, **kwargs: Any) -> None:
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "missing-outside-the-sub-path")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, format: str, *args: object) -> None:
        pass


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def _one(browser: Browser, base_url: str, query: str) -> dict[str, Any]:
    context = browser.new_context()  # a new context has an empty cache
    page = context.new_page()
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(base_url)
    page.evaluate(_CLOCK)
    page.keyboard.press("/")
    page.locator(".md-search__input").wait_for(state="visible")
    page.keyboard.type(query, delay=KEY_DELAY_MS)
    page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
    page.wait_for_load_state("networkidle")
    times = page.evaluate("window.__searchTimes")
    found = page.locator(".md-search-result__meta").inner_text()
    size = sum(len(r.body()) for r in responses if any(part in r.url for part in SEARCH_FILES) and r.ok)
    engine = "pagefind" if any("/pagefind/" in r.url for r in responses) else "builtin"
    context.close()
    return {
        "query": query,
        "engine": engine,
        "first_result_ms": round(times["result"] - times["key"]),
        "after_last_key_ms": round(times["result"] - times["last"]),
        "search_bytes": size,
        "found": found,
    }


def measure(site_dir: Path, base_path: str, queries: list[str]) -> dict[str, Any]:
    """Median time from first keystroke to first result (ms) and median search bytes per query, over
    `queries`, each searched from a cold page load; with each query's figures under "runs"."""
    with serve(site_dir, base_path) as base_url, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            runs = [_one(browser, base_url, query) for query in queries]
        finally:
            browser.close()
    return {
        "engine": runs[0]["engine"],
        "queries": len(runs),
        "key_delay_ms": KEY_DELAY_MS,
        "first_result_ms": statistics.median(run["first_result_ms"] for run in runs),
        "after_last_key_ms": statistics.median(run["after_last_key_ms"] for run in runs),
        "search_bytes": statistics.median(run["search_bytes"] for run in runs),
        "runs": runs,
    }


if __name__ == "__main__":
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    print(json.dumps(measure(Path(sys.argv[1]), sys.argv[2], sys.argv[3:]), indent=2))
