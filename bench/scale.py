"""How the pipeline scales: synthetic corpora of 1,000 and 10,000 case studies (bench/corpus.py).

For each size, in a scratch folder (never committed), as whole-process medians of several runs:
- floor: a bare script that loads every YAML file with libyaml (yaml.CSafeLoader) and writes the same bytes
  the generator writes; what the generator is compared with;
- validate; generate from nothing; generate with nothing changed; generate after one file changed;
- the site build (`python -m generator build`: MkDocs with this project's configuration, then the Pagefind
  index) and a stock `mkdocs build` of the same Markdown (Material with its built-in search, no hooks, no extras);
- size of the case-study pages; bytes a reader downloads for a search (as served, without HTTP compression)
  and the time to the first result (Chromium, cold cache); peak memory (resident set) of generate.
- at 1,000: the edit loop: with `mkdocs serve --dirty` running, the time from saving one YAML file to the
  updated page being served.

Run: make bench   (or .venv/bin/python bench/scale.py [--sizes 1000 10000] [--runs 3] [--keep DIR])
"""

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench import corpus  # noqa: E402
from generator.publishing.write import OWNED  # noqa: E402

PYTHON = sys.executable
BIN = Path(PYTHON).parent
BASE_PATH = "/city-climate-practices/"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": "0"}

FLOOR = r"""
import sys, yaml
from pathlib import Path
root, reference, out = (Path(a) for a in sys.argv[1:4])
for path in sorted((root / "practices").rglob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
for path in sorted(reference.rglob("*")):
    if path.is_file():
        target = out / path.relative_to(reference)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
"""


@dataclass
class Timed:
    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak(self) -> float:
        return max(self.peak_mb) if self.peak_mb else 0.0


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run a whole process; (wall seconds, peak resident memory in MB). Fails loudly."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, env=env or ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed in {cwd}:\n{output.decode(errors='replace')[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024


def repeat(runs: int, prepare: Callable[[], None], args: list[str], cwd: Path, **kw: dict[str, str]) -> Timed:
    timed = Timed()
    for _ in range(runs):
        prepare()
        seconds, peak = run(args, cwd, **kw)
        timed.seconds.append(seconds)
        timed.peak_mb.append(peak)
    return timed


def clean_generated(project: Path) -> None:
    for name in OWNED:
        path = project / "docs" / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    shutil.rmtree(project / ".cache", ignore_errors=True)


def stock_config(project: Path) -> Path:
    """Material with its built-in search over the same docs/ and nav: no hooks, no extra CSS or JS, no overrides."""
    config = yaml.load((project / "mkdocs.yml").read_text(), Loader=_Lenient)
    stock = {
        "site_name": config["site_name"],
        "site_url": config.get("site_url"),
        "docs_dir": "docs",
        "theme": {"name": "material", "font": False, "features": config["theme"].get("features", [])},
        "plugins": ["search"],
        "markdown_extensions": config.get("markdown_extensions", []),
        "nav": config["nav"],
        "not_in_nav": config.get("not_in_nav"),
    }
    path = project / "mkdocs-stock.yml"
    path.write_text(yaml.safe_dump(stock, sort_keys=False))
    return path


class _Lenient(yaml.SafeLoader):
    pass


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def touch_one(project: Path, runs: list[int]) -> Callable[[], None]:
    target = sorted((project / "practices" / "energy").glob("*.yaml"))[0]

    def change() -> None:
        runs[0] += 1
        text = re.sub(
            r'^summary: "(Edit \d+\. )?', f'summary: "Edit {runs[0]}. ', target.read_text(), count=1, flags=re.M
        )
        target.write_text(text)

    return change


def page_sizes(site: Path) -> tuple[float, float]:
    sizes = [p.stat().st_size for sector in corpus.SECTORS for p in (site / "practices" / sector).glob("*/index.html")]
    return statistics.median(sizes) / 1024, max(sizes) / 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def edit_loop(project: Path, runs: int) -> list[float]:
    """Seconds from saving a YAML file to `mkdocs serve --dirty` serving the updated page."""
    port = free_port()
    target = sorted((project / "practices" / "waste").glob("*.yaml"))[0]
    url = f"http://127.0.0.1:{port}{BASE_PATH}practices/waste/{target.stem}/"
    serve = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    times: list[float] = []
    try:
        _wait_for(url, lambda body: True, 300)
        time.sleep(2)  # let the watcher settle after the first build
        for n in range(runs):
            token = f"Loop{n}x{time.monotonic_ns()}"
            text = re.sub(r'^summary: "(Loop\S+ )?', f'summary: "{token} ', target.read_text(), count=1, flags=re.M)
            start = time.perf_counter()
            target.write_text(text)
            _wait_for(url, _contains(token), 60)
            times.append(time.perf_counter() - start)
            time.sleep(1.5)
    finally:
        serve.terminate()
        serve.wait(10)
    return times


def _contains(token: str) -> Callable[[str], bool]:
    return lambda body: token in body


def _wait_for(url: str, ready: Callable[[str], bool], timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if ready(response.read().decode("utf-8", errors="replace")):
                    return
        except OSError:
            pass
        time.sleep(0.01)
    raise SystemExit(f"timed out waiting for {url}")


@dataclass
class Figures:
    size: int
    timed: dict[str, Timed] = field(default_factory=dict)
    page_kb: tuple[float, float] = (0.0, 0.0)
    stock_page_kb: tuple[float, float] = (0.0, 0.0)
    search: dict[str, Any] = field(default_factory=dict)
    stock_search: dict[str, Any] = field(default_factory=dict)
    views: dict[str, dict[str, float]] = field(default_factory=dict)
    """The catalogue and the finder on a cold load (bench/catalogue.py)."""
    edit_loop: list[float] = field(default_factory=list)
    largest: tuple[float, str, int] = (0.0, "", 0)
    """The largest HTML page of the site in any language (KB, path) and how many pages are over 200 KB."""


def largest_page(site: Path) -> tuple[float, str, int]:
    sizes = sorted((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html"))
    over = sum(1 for size, _ in sizes if size > 200 * 1024)
    return (sizes[-1][0] / 1024, sizes[-1][1], over) if sizes else (0.0, "", 0)


def bench(size: int, runs: int, scratch: Path) -> Figures:
    project = corpus.make_project(scratch / f"corpus-{size}", size)
    gen = [PYTHON, "-m", "generator"]
    f = Figures(size)
    print(f"\n== {size:,} case studies ({project}) ==", flush=True)
    f.timed["validate"] = repeat(runs, lambda: None, [*gen, "validate"], project)
    f.timed["generate"] = repeat(runs, lambda: clean_generated(project), [*gen, "generate"], project)
    f.timed["no-op"] = repeat(runs, lambda: None, [*gen, "generate"], project)
    f.timed["one changed"] = repeat(runs, touch_one(project, [0]), [*gen, "generate"], project)
    floor_out = scratch / "floor-out"
    f.timed["floor"] = repeat(
        runs, lambda: shutil.rmtree(floor_out, ignore_errors=True),
        [PYTHON, "-c", FLOOR, str(project), str(project / "docs"), str(floor_out)], project,
    )  # fmt: skip
    shutil.rmtree(floor_out, ignore_errors=True)
    site, stock_site = project / "site", scratch / f"stock-{size}"  # the engines build inside the project
    f.timed["build"] = repeat(
        runs, lambda: shutil.rmtree(site, ignore_errors=True),
        [*gen, "build", "--site-dir", "site"], project,
    )  # fmt: skip
    stock = stock_config(project)
    f.timed["stock build"] = repeat(
        runs, lambda: shutil.rmtree(stock_site, ignore_errors=True),
        [str(BIN / "mkdocs"), "build", "-f", str(stock), "--site-dir", str(stock_site)], project,
    )  # fmt: skip
    f.page_kb, f.stock_page_kb = page_sizes(site), page_sizes(stock_site)
    f.largest = largest_page(site)
    titles = [
        yaml.load(p.read_text(), Loader=yaml.CSafeLoader)["title"].split()[0].rstrip(":")
        for p in sorted((project / "practices" / "transportation").glob("*.yaml"))[:: max(1, size // 15)][:5]
    ]
    from bench import catalogue, search

    f.search = search.measure(site, BASE_PATH, titles)
    f.views = catalogue.measure(site, BASE_PATH, runs)
    f.stock_search = search.measure(stock_site, BASE_PATH, titles)
    if size <= 1000:
        f.edit_loop = edit_loop(project, runs + 2)
    report(f)
    return f


def report(f: Figures) -> None:
    t = {name: timed.median for name, timed in f.timed.items()}
    floor, gen, build, stock = t["floor"], t["generate"], t["build"], t["stock build"]
    rows = [
        ("floor: load the YAML with libyaml, write the same bytes", f"{floor:.2f} s", ""),
        ("validate", f"{t['validate']:.2f} s", f"{t['validate'] / floor:.2f}x floor"),
        ("generate from nothing", f"{gen:.2f} s", f"{gen / floor:.2f}x floor (target 2x)"),
        ("generate, nothing changed", f"{t['no-op']:.2f} s", f"{t['no-op'] / floor:.2f}x floor (target 1.1x)"),
        ("generate, one file changed", f"{t['one changed']:.2f} s", f"{t['one changed'] / floor:.2f}x floor"),
        ("site build (generator build: mkdocs + Pagefind)", f"{build:.2f} s", ""),
        ("whole pipeline: generate + build + search index", f"{gen + build:.2f} s",
         f"{(gen + build) / stock:.2f}x stock (target 0.9x)"),
        ("stock mkdocs build, Material + built-in search", f"{stock:.2f} s", ""),
        ("generation as a share of the build", f"{gen / build:.0%}", "(target 10%)"),
        ("peak memory of generate", f"{f.timed['generate'].peak:.0f} MB", ""),
        ("case-study page HTML, median / largest", f"{f.page_kb[0]:.1f} / {f.page_kb[1]:.1f} KB", "(target < 40 KB)"),
        ("  the same pages, stock build", f"{f.stock_page_kb[0]:.1f} / {f.stock_page_kb[1]:.1f} KB", ""),
        ("largest HTML page, any language", f"{f.largest[0]:.0f} KB",
         f"{f.largest[1]}; {f.largest[2]} pages over 200 KB (target 0)"),
    ]  # fmt: skip
    for label, s in (("search, this site", f.search), ("search, stock", f.stock_search)):
        kb, ms, last = s["search_bytes"] / 1024, s["first_result_ms"], s["after_last_key_ms"]
        note = f"first result {ms:.0f} ms after the first key, {last:.0f} ms after the last"
        rows.append((f"{label} ({s['engine']})", f"{kb:.0f} KB/query", note))
    ratio = f.stock_search["search_bytes"] / max(f.search["search_bytes"], 1)
    rows.append(("search bytes, stock / this site", f"{ratio:.1f}x", "(target 5x)"))
    for view, v in f.views.items():
        note = "cold load: first result (target < 1 s), fetched gzip (target < 1 MB)"
        rows.append((view, f"{v['seconds']:.2f} s, {v['kb_gzip']:.0f} KB", note))
    if f.edit_loop:
        loop = statistics.median(f.edit_loop)
        rows.append(("edit loop: save a YAML file -> updated page", f"{loop:.2f} s", "(serve --dirty; target < 1 s)"))
    width = max(len(r[0]) for r in rows)
    print(f"{'':{width}}  {'median':>18}")
    for name, value, note in rows:
        print(f"{name:{width}}  {value:>18}  {note}")
    print(flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, runs per figure: {args.runs}")
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="cnca-bench-"))
    scratch.mkdir(parents=True, exist_ok=True)
    try:
        for size in args.sizes:
            bench(size, args.runs, scratch)
    finally:
        if args.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
