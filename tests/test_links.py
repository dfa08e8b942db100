"""The link check: what is collected, how each answer is judged (against a real local server), the report."""

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator import pipeline
from generator.problems import errors
from generator.reading.load import Corpus
from generator.tools import links
from generator.tools.links import Link, Outcome, Probe, Stale, Usage, check, collect, report, stale

from .conftest import HERE, make_project

GOLDEN = HERE / "golden" / "links-report.md"
SLOW = 4.0
TIMEOUT = 1.5  # generous: a busy machine must not turn quick answers into timeouts


def corpus_of(root: Path) -> Corpus:
    result = pipeline.validate(root)
    assert errors(result.problems) == []
    return result.corpus


def test_collect_lists_every_address_once_with_every_use(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    heating = root / "practices" / "energy" / "exampleton-district-heating.yaml"
    heating.write_text(heating.read_text().replace("https://example.org/utility", "https://example.org/stats"))
    city, energy = "practices/cities/exampleton.yaml", "practices/energy/exampleton-district-heating.yaml"
    assert collect(corpus_of(root)) == [
        Link("http://example.com/law?a=1&b=2", (Usage("practices/cities/sampleville.yaml", "sources.law"),)),
        Link(
            "https://example.org/evaluation",
            (Usage("practices/transportation/exampleton-congestion-charge.yaml", "sources.evaluation"),),
        ),
        Link("https://example.org/plan", (Usage(city, "sources.plan"), Usage(city, "plans.0"))),
        Link("https://example.org/stats", (Usage(city, "sources.stats"), Usage(energy, "sources.utility"))),
        Link(
            "https://example.org/x?q=%3C%3E&r=(1)",
            (Usage("practices/waste/sampleville-hostile-text.yaml", "sources.odd-source"),),
        ),
    ]


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def do_HEAD(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def _answer(self) -> None:
        self.server.seen.append((self.command, self.path, self.headers.get("User-Agent", "")))
        if self.path == "/hang-up-on-head" and self.command == "HEAD":
            self.close_connection = True  # no answer at all
            return
        status, headers = {
            "/ok": (200, {}),
            "/missing": (404, {}),
            "/moved": (301, {"Location": "/target"}),
            "/target": (200, {}),
            "/no-head": (405 if self.command == "HEAD" else 200, {}),
            "/error": (500, {}),
            "/busy": (429, {"Retry-After": "3600"}),
            "/loop": (302, {"Location": "/loop"}),
            "/slow": (200, {}),
            "/hang-up-on-head": (200, {}),
        }[self.path]
        if self.path == "/slow":
            time.sleep(SLOW)
        body = b"x" * 100_000  # more than the checker reads
        self.send_response(status)
        for name, value in {**headers, "Content-Length": str(len(body))}.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    seen: list[tuple[str, str, str]]

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client gave up on /slow, or stopped reading the body


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Server]:
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.seen = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_check_judges_real_answers(server: _Server) -> None:
    base = f"http://127.0.0.1:{server.server_address[1]}"
    paths = ["/ok", "/missing", "/moved", "/no-head", "/error", "/busy", "/loop", "/slow", "/hang-up-on-head"]
    urls = [base + p for p in paths] + ["http://nonexistent.invalid/", f"http://127.0.0.1:{_closed_port()}/"]
    started = time.monotonic()
    outcomes = check([Link(url, ()) for url in urls], timeout=TIMEOUT)
    assert time.monotonic() - started < SLOW  # the slow server was not waited for
    got = {o.link.url.removeprefix(base): (o.state, o.status, o.detail) for o in outcomes}
    dns = got.pop("http://nonexistent.invalid/")
    assert dns[:2] == ("broken", None) and dns[2].startswith("DNS lookup failed: "), dns
    assert got == {
        "/ok": ("ok", 200, "200 OK"),
        "/missing": ("broken", 404, "404 Not Found"),
        "/moved": ("ok", 200, "200 OK"),
        "/no-head": ("ok", 200, "200 OK"),
        "/error": ("broken", 500, "500 Internal Server Error"),
        "/busy": ("rate-limited", 429, "429 Too Many Requests"),
        "/loop": ("broken", None, "too many redirects, or a redirect loop"),
        "/slow": ("broken", None, f"timed out after {TIMEOUT:g} s"),
        "/hang-up-on-head": ("ok", 200, "200 OK"),
        urls[-1]: ("broken", None, "connection refused"),
    }
    assert [o.link.url for o in outcomes] == urls
    methods: dict[str, list[str]] = {}
    for method, path, agent in server.seen:
        assert agent == links.USER_AGENT
        methods.setdefault(path, []).append(method)
    assert set(methods.pop("/loop")) == {"HEAD"}  # a redirect loop is not retried with GET
    assert methods.pop("/slow", []) in ([], ["HEAD"])  # a timeout is not retried (the server may not have logged it)
    assert methods == {
        "/ok": ["HEAD"],
        "/missing": ["HEAD", "GET"],
        "/moved": ["HEAD"],
        "/target": ["HEAD"],  # the redirect was followed with HEAD, not turned into a GET
        "/no-head": ["HEAD", "GET"],
        "/error": ["HEAD", "GET"],
        "/busy": ["HEAD"],  # asked to slow down: no second request
        "/hang-up-on-head": ["HEAD", "GET"],
    }


def test_check_runs_fetches_in_parallel_and_keeps_order() -> None:
    barrier = threading.Barrier(3, timeout=10)
    answers = {"https://a.test/": Probe(200), "https://b.test/": Probe(None, "boom"), "https://c.test/": Probe(302)}

    def fake(url: str, timeout: float) -> Probe:
        assert timeout == 5.0
        barrier.wait()  # all three at once, or a BrokenBarrierError
        return answers[url]

    outcomes = check([Link(url, ()) for url in answers], fetch=fake, workers=3, timeout=5.0)
    assert [(o.link.url, o.state, o.status, o.detail) for o in outcomes] == [
        ("https://a.test/", "ok", 200, "200 OK"),
        ("https://b.test/", "broken", None, "boom"),
        ("https://c.test/", "ok", 302, "302 Found"),
    ]
    assert check([], fetch=fake) == []


def test_stale_lists_files_verified_before_the_cutoff(project: Path) -> None:
    corpus = corpus_of(project)
    # sampleville was verified 2025-12-01, everything else 2026-01-15
    assert stale(corpus, dt.date(2027, 12, 1)) == []
    assert stale(corpus, dt.date(2027, 12, 2)) == [Stale("practices/cities/sampleville.yaml", dt.date(2025, 12, 1))]
    assert stale(corpus, dt.date(2026, 12, 2), years=1) == stale(corpus, dt.date(2027, 12, 2))
    everything = stale(corpus, dt.date(2028, 1, 16))
    assert [s.path for s in everything] == [
        "practices/cities/sampleville.yaml",
        "practices/cities/exampleton.yaml",
        "practices/energy/exampleton-district-heating.yaml",
        "practices/transportation/exampleton-congestion-charge.yaml",
        "practices/waste/sampleville-hostile-text.yaml",
    ]
    assert links.years_before(dt.date(2028, 2, 29), 2) == dt.date(2026, 2, 28)


def _outcomes(corpus: Corpus) -> list[Outcome]:
    answers = {
        "http://example.com/law?a=1&b=2": Probe(None, "DNS lookup failed: Name or service not known"),
        "https://example.org/evaluation": Probe(404),
        "https://example.org/plan": Probe(200),
        "https://example.org/stats": Probe(410),
        "https://example.org/utility": Probe(200),
        "https://example.org/x?q=%3C%3E&r=(1)": Probe(429),
        "https://example.org/a|b": Probe(None, "odd | error with *stars* and <tags>\nover two lines"),
    }
    extra = Link("https://example.org/a|b", (Usage("practices/energy/exampleton-district-heating.yaml", "plans.3"),))
    return check([*collect(corpus), extra], fetch=lambda url, timeout: answers[url])


def test_report_matches_golden_file(project: Path, update_golden: bool) -> None:
    corpus = corpus_of(project)
    text = report(_outcomes(corpus), stale(corpus, dt.date(2027, 12, 2)), dt.date(2027, 12, 2))
    if update_golden:
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), "run pytest --update-golden and review the diff"
    assert links.counts(_outcomes(corpus), stale(corpus, dt.date(2027, 12, 2))) == {
        "checked": 7,
        "broken": 4,
        "rate_limited": 1,
        "stale": 1,
    }


def test_report_of_all_well_has_no_sections() -> None:
    outcomes = [Outcome(Link("https://example.org/", ()), "ok", 200, "200 OK")]
    assert report(outcomes, [], dt.date(2026, 3, 1)) == (
        "# Link check of 2026-03-01\n\n"
        "- Addresses checked: 1 (1 ok)\n"
        "- Broken: 0\n"
        "- Rate limited, not counted as broken: 0\n"
        "- Files last verified before 2024-03-01: 0\n"
    )
    summary = links.summary(outcomes, [])
    assert summary == "links: 1 checked, 0 broken, 0 rate limited; files not verified for 2 years: 0"


def test_report_fits_in_an_issue() -> None:
    usage = (Usage("practices/energy/" + "x" * 70 + ".yaml", "sources.report"),)
    outcomes = [
        Outcome(Link(f"https://example.org/{i:05}/" + "y" * 300, usage), "broken", 404, "404 Not Found")
        for i in range(1000)
    ]
    text = report(outcomes, [], dt.date(2026, 3, 1))
    assert len(text) <= 65_536
    assert text.endswith("_The report was cut to fit an issue; run `make check-links` for all of it._\n")
    assert text.splitlines()[-3].startswith("| <https://example.org/")
