"""What a reader waits for and downloads when she opens a filtered catalogue (or the finder) on a cold cache.

For each address: a fresh browser context (empty cache) opens it, and the script records the time from the
start of navigation to the first result on screen, and the bytes of every file the page fetched, as served
(uncompressed) and as gzip would send them (GitHub Pages compresses text). Medians of the runs.

Run: .venv/bin/python bench/catalogue.py SITE_DIR BASE_PATH [RUNS]
     (e.g. bench/catalogue.py /tmp/site /city-climate-practices/ 3)
"""

import contextlib
import gzip
import json
import statistics
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import Response, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.search import ARGS, CHROMIUM, serve

# In the page, from the start of navigation: when the first result is added (a MutationObserver, so that the
# figure is the browser's own, not when the test noticed it).
_CLOCK = """
new MutationObserver((changes, observer) => {
  if (document.querySelector(%s)) { window.__firstResult = performance.now(); observer.disconnect(); }
}).observe(document, {childList: true, subtree: true});
"""

VIEWS = {
    "catalogue, one sector": ("catalogue/?sector=energy", "#catalogue-app li.catalogue__item"),
    "catalogue, energy, newest first": ("catalogue/?sector=energy&sort=newest", "#catalogue-app li.catalogue__item"),
    "what fits my city, answered": ("fits/?power=collect-waste&context=organics-treatment", "li.fits-result"),
    "compare, three case studies": ("compare/?ids={ids}", "table.compare__table"),
}


def _three_ids(site: Path) -> str:
    """The ids of three case studies of the site, from the catalogue's data."""
    text = (site / "data/catalogue-data.js").read_text(encoding="utf-8")
    data = json.loads(text.removeprefix("window.cncaCatalogue = ").rstrip(";\n"))
    return ",".join(str(p["id"]) for p in data["practices"][:: max(1, len(data["practices"]) // 3)][:3])


def measure(site: Path, base_path: str, runs: int = 3) -> dict[str, dict[str, float]]:
    """For each view: median seconds to the first result, KB fetched as served and as gzip sends it."""
    results: dict[str, dict[str, float]] = {}
    with serve(site, base_path) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, (path, selector) in VIEWS.items():
            samples: list[tuple[float, int, int]] = []
            for _ in range(runs):
                context = browser.new_context()
                page = context.new_page()
                bodies: list[bytes] = []

                def keep(response: Response, into: list[bytes] = bodies) -> None:
                    with contextlib.suppress(Exception):  # a redirect has no body
                        into.append(response.body())

                page.on("response", keep)
                page.add_init_script(_CLOCK % json.dumps(selector))
                page.goto(url + path.format(ids=_three_ids(site)), wait_until="commit")
                page.locator(selector).first.wait_for(timeout=60_000)
                seconds: float = page.evaluate("() => window.__firstResult / 1000")
                page.wait_for_load_state("networkidle")
                raw = sum(len(b) for b in bodies)
                packed = sum(len(gzip.compress(b, 6)) for b in bodies)
                samples.append((seconds, raw, packed))
                context.close()
            results[name] = {
                "seconds": statistics.median(s[0] for s in samples),
                "kb": statistics.median(s[1] for s in samples) / 1000,
                "kb_gzip": statistics.median(s[2] for s in samples) / 1000,
            }
        browser.close()
    return results


def main(argv: list[str]) -> None:
    site, base = Path(argv[0]), argv[1] if len(argv) > 1 else "/"
    runs = int(argv[2]) if len(argv) > 2 else 3
    found: dict[str, Any] = measure(site, base, runs)
    print(f"{'view':<32} {'first result':>13} {'fetched':>12} {'gzip':>10}")
    for name, figures in found.items():
        print(f"{name:<32} {figures['seconds']:>11.2f} s {figures['kb']:>9.0f} KB {figures['kb_gzip']:>7.0f} KB")


if __name__ == "__main__":
    main(sys.argv[1:])
