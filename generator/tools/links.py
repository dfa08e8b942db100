"""Are the cited sources still there? Every source and plan address, checked; profiles not verified lately.

Pure functions around one I/O function, `fetch`, which tests replace or point at a local server.
"""

import datetime as dt
import http.client
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http import HTTPStatus
from typing import IO, Literal

from generator.reading.load import Corpus, Loaded, LoadedPractice
from generator.schema.model import City

USER_AGENT = (
    "city-climate-practices-link-checker/0.1 "
    "(weekly check of cited sources; +https://github.com/cnca-practices/city-climate-practices)"
)
READ_LIMIT = 4096
"""Bytes of a GET response read at most: enough to know the server answered."""
MAX_BODY = 60_000
"""Characters of a report at most; GitHub refuses issue bodies over 65,536."""


@dataclass(frozen=True)
class Usage:
    path: str
    """File, relative to the project root, e.g. practices/energy/x.yaml."""
    field: str
    """Where in the file: sources.<key> or plans.<index>."""


@dataclass(frozen=True)
class Link:
    url: str
    usages: tuple[Usage, ...]


@dataclass(frozen=True)
class Probe:
    """What the server said: the final HTTP status, or why there was none."""

    status: int | None
    error: str = ""


State = Literal["ok", "broken", "rate-limited"]
Fetch = Callable[[str, float], Probe]


@dataclass(frozen=True)
class Outcome:
    link: Link
    state: State
    status: int | None
    detail: str
    """The status with its standard phrase ("404 Not Found"), or the error ("timed out after 20 s")."""


@dataclass(frozen=True)
class Stale:
    path: str
    last_verified: dt.date


def _entries(corpus: Corpus) -> list[Loaded[City] | LoadedPractice]:
    return [*corpus.practices.values(), *corpus.cities.values()]


def collect(corpus: Corpus) -> list[Link]:
    """Every source and plan address, once, with every place it is used; sorted by address."""
    usages: dict[str, list[Usage]] = {}
    for entry in sorted(_entries(corpus), key=lambda entry: entry.path):
        for key, source in entry.data.sources.items():
            usages.setdefault(source.url, []).append(Usage(entry.path, f"sources.{key}"))
        for index, plan in enumerate(entry.data.plans if isinstance(entry.data, City) else []):
            usages.setdefault(plan.url, []).append(Usage(entry.path, f"plans.{index}"))
    return [Link(url, tuple(found)) for url, found in sorted(usages.items())]


class _KeepMethod(urllib.request.HTTPRedirectHandler):
    """Follows redirects with the same method: urllib turns a redirected HEAD into a GET."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.method = req.get_method()
        return new


def _request(url: str, method: str, timeout: float) -> int:
    opener = urllib.request.build_opener(_KeepMethod)  # per call: reads proxy settings now, shares no state
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    with opener.open(request, timeout=timeout) as response:
        if method == "GET":
            response.read(READ_LIMIT)
        return int(response.status)


def _error_text(error: BaseException, timeout: float) -> str:
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, TimeoutError):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return f"DNS lookup failed: {reason.strerror or reason}"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error: {getattr(reason, 'verify_message', None) or getattr(reason, 'reason', None) or reason}"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, OSError) and reason.strerror:
        return f"connection failed: {reason.strerror}"
    return f"{type(reason).__name__}: {reason}" if str(reason) else type(reason).__name__


def fetch(url: str, timeout: float) -> Probe:
    """HEAD, then GET if HEAD gets an error status other than 429 or a hang-up; redirects followed (at most 10)."""
    for method in ("HEAD", "GET"):
        try:
            return Probe(_request(url, method, timeout))
        except urllib.error.HTTPError as error:
            error.close()
            if 300 <= error.code < 400 and "infinite loop" in str(error.msg):
                return Probe(None, "too many redirects, or a redirect loop")
            if method == "GET" or error.code == 429 or error.code < 400:
                return Probe(error.code)
        except (OSError, http.client.HTTPException, ValueError) as error:  # URLError is an OSError
            reason = error.reason if isinstance(error, urllib.error.URLError) else error
            if method == "HEAD" and isinstance(reason, ConnectionResetError | http.client.HTTPException):
                continue  # some servers hang up on HEAD
            return Probe(None, _error_text(error, timeout))
    raise AssertionError("unreachable")


def _phrase(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def _classify(link: Link, probe: Probe) -> Outcome:
    if probe.status is None:
        return Outcome(link, "broken", None, probe.error or "no response")
    state: State = "rate-limited" if probe.status == 429 else "ok" if 200 <= probe.status < 400 else "broken"
    return Outcome(link, state, probe.status, _phrase(probe.status))


def check(links: Sequence[Link], fetch: Fetch = fetch, workers: int = 8, timeout: float = 20.0) -> list[Outcome]:
    """Each link's outcome, in the order of `links`."""
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(links)))) as pool:
        probes = list(pool.map(lambda link: fetch(link.url, timeout), links))
    return [_classify(link, probe) for link, probe in zip(links, probes, strict=True)]


def years_before(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def stale(corpus: Corpus, today: dt.date, years: int = 2) -> list[Stale]:
    """Files last verified before the same day `years` years ago; oldest first."""
    cutoff = years_before(today, years)
    found = [Stale(e.path, e.data.last_verified) for e in _entries(corpus) if e.data.last_verified < cutoff]
    return sorted(found, key=lambda s: (s.last_verified, s.path))


def counts(outcomes: Sequence[Outcome], stale_entries: Sequence[Stale]) -> dict[str, int]:
    """What links-report.json holds; the workflow keeps an issue open while broken + stale > 0."""
    states = [o.state for o in outcomes]
    return {
        "checked": len(states),
        "broken": states.count("broken"),
        "rate_limited": states.count("rate-limited"),
        "stale": len(stale_entries),
    }


def summary(outcomes: Sequence[Outcome], stale_entries: Sequence[Stale], years: int = 2) -> str:
    n = counts(outcomes, stale_entries)
    return (
        f"links: {n['checked']} checked, {n['broken']} broken, {n['rate_limited']} rate limited; "
        f"files not verified for {years} years: {n['stale']}"
    )


def _cell(text: str) -> str:
    """Text for a table cell: one line, and no Markdown in it takes effect."""
    return "".join(f"\\{c}" if c in "\\`*_[]<>|~&" else c for c in " ".join(text.split()))


def _where(link: Link) -> str:
    return "<br>".join(f"`{u.path}` (`{u.field}`)" for u in link.usages)


def _pipe(url: str) -> str:
    """An address inside <...> in a table: only | needs escaping (the schema refuses spaces and <>)."""
    return url.replace("|", "\\|")


def report(outcomes: Sequence[Outcome], stale_entries: Sequence[Stale], today: dt.date, years: int = 2) -> str:
    """The Markdown body of the issue; the same input gives the same text."""
    n = counts(outcomes, stale_entries)
    broken = sorted((o for o in outcomes if o.state == "broken"), key=lambda o: o.link.url)
    limited = sorted((o for o in outcomes if o.state == "rate-limited"), key=lambda o: o.link.url)
    cutoff = years_before(today, years)
    lines = [
        f"# Link check of {today.isoformat()}",
        "",
        f"- Addresses checked: {n['checked']} ({n['checked'] - n['broken'] - n['rate_limited']} ok)",
        f"- Broken: {n['broken']}",
        f"- Rate limited, not counted as broken: {n['rate_limited']}",
        f"- Files last verified before {cutoff.isoformat()}: {n['stale']}",
    ]
    if broken:
        lines += [
            "",
            f"## Broken links ({len(broken)})",
            "",
            "| Address | Status or error | Used in |",
            "|---|---|---|",
        ]
        lines += [f"| <{_pipe(o.link.url)}> | {_cell(o.detail)} | {_where(o.link)} |" for o in broken]
    if limited:
        lines += ["", f"## Rate limited ({len(limited)})", "", "The server asked to slow down; check these by hand."]
        lines += ["", "| Address | Used in |", "|---|---|"]
        lines += [f"| <{_pipe(o.link.url)}> | {_where(o.link)} |" for o in limited]
    if stale_entries:
        lines += ["", f"## Not verified for {years} years ({len(stale_entries)})", ""]
        lines += ["Check the content against its sources, then update `last_verified`.", ""]
        lines += ["| File | Last verified |", "|---|---|"]
        lines += [f"| `{s.path}` | {s.last_verified.isoformat()} |" for s in stale_entries]
    text = "\n".join(lines) + "\n"
    if len(text) > MAX_BODY:
        cut = text.rfind("\n", 0, MAX_BODY - 200) + 1
        text = text[:cut] + "\n_The report was cut to fit an issue; run `make check-links` for all of it._\n"
    return text
