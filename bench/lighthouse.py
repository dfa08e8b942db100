"""Lighthouse (mobile, its default throttling) on a built site, served from 127.0.0.1 two ways: uncompressed (as
Python's file server serves it) and gzip-compressed (as GitHub Pages serves it). Prints, for each page and
each way, the four category scores, the bytes the page downloaded and the largest contentful paint.

Lighthouse comes from the npm registry (pinned below) into .cache/lighthouse the first time; it drives
Debian's Chromium (/usr/bin/chromium), never a downloaded browser.

Run: .venv/bin/python bench/lighthouse.py SITE_DIR [BASE_PATH] [page ...]
     (e.g. bench/lighthouse.py site /city-climate-practices/ "" catalogue/ practices/energy/<id>/)
"""

import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = "lighthouse@12.8.2"
HOME = REPO / ".cache" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv")


def lighthouse() -> Path:
    """The Lighthouse command, installed into .cache/lighthouse on first use."""
    command = HOME / "node_modules" / ".bin" / "lighthouse"
    if not command.is_file():
        HOME.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(HOME), LIGHTHOUSE], check=True)
    return command


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under its sub-path; with `compress`, text files gzip-encoded when the browser asks."""

    def __init__(self, prefix: str, compress: bool, *args: Any, **kwargs: Any) -> None:
        self.prefix, self.compress = prefix, compress
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "missing-outside-the-sub-path")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path.split("?")[0]))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wants and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path, base_path: str, compress: bool) -> Iterator[str]:
    prefix = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    handler = functools.partial(_Handler, prefix, compress, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def audit(url: str) -> dict[str, Any]:
    """Lighthouse's scores and figures for one address."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        subprocess.run(
            [str(lighthouse()), url, "--quiet", "--output=json", f"--output-path={report}",
             f"--chrome-flags={FLAGS}", f"--only-categories={','.join(CATEGORIES)}"],
            check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True,
        )  # fmt: skip
        data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    return {
        "scores": {name: data["categories"][name]["score"] for name in CATEGORIES},
        "kb": audits["total-byte-weight"]["numericValue"] / 1024,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "requests": len(audits["network-requests"]["details"]["items"]),
    }


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    site, base_path = Path(argv[0]), argv[1] if len(argv) > 1 else "/city-climate-practices/"
    pages = argv[2:] or [""]
    print(f"{'page':<58} {'served':<12} perf  a11y  b-p   seo   KB     LCP    requests")
    for compress in (False, True):
        with serve(site, base_path, compress) as url:
            for page in pages:
                found = audit(url + page)
                scores = "  ".join(f"{found['scores'][name]:.2f}" for name in CATEGORIES)
                served = "gzip" if compress else "uncompressed"
                print(
                    f"/{page:<57} {served:<12} {scores}  {found['kb']:<6.0f} {found['lcp']:.1f} s  {found['requests']}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
