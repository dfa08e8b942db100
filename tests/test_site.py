"""The site: `mkdocs build --strict` on the fixture project, as a reader receives it."""

import json
import os
import re
import subprocess
import sys
import typing
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.schema.languages import TRANSLATED

from .conftest import make_project

ENV = {
    **{k: v for k, v in os.environ.items() if k not in ("OFFLINE", "PAGEFIND")},
    "SOURCE_DATE_EPOCH": "1767225600",
    "NO_MKDOCS_2_WARNING": "1",
    "DISABLE_MKDOCS_2_WARNING": "true",
}


def build(root: Path, site: str = "site", offline: bool = False, engine: str = "mkdocs") -> Path:
    """What `make site` (or `make offline`) runs: `generator generate`, then `generator build` with the engine
    (a strict build, then the search index or the offline links); no warning."""
    subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--root", str(root)], check=True, env=ENV, capture_output=True
    )
    command = [sys.executable, "-m", "generator", "build", "--root", str(root), "--site-dir", site, "--engine", engine]
    done = subprocess.run(
        [*command, *(["--offline"] if offline else [])], env=ENV, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    return root / site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(make_project(tmp_path_factory.mktemp("project")))


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_every_practice_and_city_has_a_page(site: Path) -> None:
    for page in (
        "practices/transportation/exampleton-congestion-charge",
        "practices/energy/exampleton-district-heating",
        "practices/waste/sampleville-hostile-text",
        "cities/exampleton",
        "cities/sampleville",
        "practices/energy",
        "cities",
        "tags",
        "methodology",
        "contributing",
    ):
        assert (site / page / "index.html").is_file(), page


def test_practice_pages_stay_out_of_the_navigation(site: Path) -> None:
    home = html(site, ".")
    assert "exampleton-congestion-charge" not in home.split('<div class="md-content"')[0]


def test_search_indexes_every_case_study_and_city_and_leaves_lists_out(site: Path) -> None:
    """Pagefind indexes what carries `data-pagefind-body`: each page's article, but for the lists (they show
    other pages, which search finds themselves) and the 404 page. (The browser tests search it.)"""
    indexed = {
        p.parent.relative_to(site).as_posix()
        for p in site.rglob("index.html")
        if "data-pagefind-body" in p.read_text(encoding="utf-8")
    }
    assert {"practices/transportation/exampleton-congestion-charge", "cities/sampleville", "methodology"} <= indexed
    assert not {"tags", "agenda", "catalogue"} & indexed
    assert "data-pagefind-body" not in (site / "404.html").read_text(encoding="utf-8")
    assert len(list((site / "pagefind/fragment").glob("*.pf_fragment"))) == len(indexed)


def test_the_offline_search_index_holds_every_page(tmp_path: Path) -> None:
    site = build(make_project(tmp_path), "site-offline", offline=True)
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert "practices/transportation/exampleton-congestion-charge.html" in locations
    assert "cities/sampleville.html" in locations
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "Cameras read number plates" in text  # words only in a description are searchable


def test_hostile_text_stays_text_in_title_and_body(site: Path) -> None:
    page = html(site, "practices/waste/sampleville-hostile-text")
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title and title.group(1).startswith("&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; &amp; &lt;/title")
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "<iframe" not in page
    assert 'href="javascript:' not in page
    assert "onerror=alert(1)&gt;" in page


class _Elements(HTMLParser):
    """Elements and attributes inside the page's article, where text from YAML lands."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.drawn = 0
        """Depth inside an SVG drawn by generator/charts.py or geo.py (class ccp-*), checked by test_charts.py."""
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        if tag == "svg" and (self.drawn or (dict(attrs).get("class") or "").startswith("ccp-")):
            self.drawn += 1
        elif self.depth and not self.drawn and (tag, attrs) != ("script", [("type", "application/ld+json")]):
            self.found.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        if tag == "svg" and self.drawn:
            self.drawn -= 1


ALLOWED_IN_ARTICLE = {
    "a", "article", "code", "div", "em", "h1", "h2", "h3", "li", "nav", "ol", "p", "pre", "span", "strong",
    "table", "tbody", "td", "th", "thead", "tr", "ul", "del", "figure", "figcaption", "br",
}  # fmt: skip


@pytest.mark.parametrize(
    "page",
    ["practices/waste/sampleville-hostile-text", "cities/sampleville", "cities/exampleton", "", "cities", "progress"],
)
def test_hostile_strings_become_no_element_or_attribute(site: Path, page: str) -> None:
    parser = _Elements()
    parser.feed(html(site, page))
    assert parser.found, "the article was found"
    for tag, attrs in parser.found:
        assert tag in ALLOWED_IN_ARTICLE, tag
        for name, value in attrs:
            if (tag, name, value) == ("article", "data-pagefind-body", None):
                continue  # the template's mark of what search indexes
            assert name in ("href", "id", "class", "title", "style", "lang", "dir"), (tag, name, value)
            if name == "lang":  # a quote in its source's language, from the schema's checked code
                assert value is not None and re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", value), value
            if name == "dir":
                assert value in ("ltr", "rtl", "auto"), value
            if name == "href":
                assert value is not None and re.match(
                    r"(https?://|#|\.\./|[a-z0-9-]+/|[a-z0-9-]+\.xml$|\./|\.\./\.\./)", value
                ), value
            if name == "style":
                assert tag in ("th", "td") and value in ("text-align: right;", "text-align: left;"), value


class _Loads(HTMLParser):
    """Addresses a browser fetches by itself when it opens the page (not links a reader may follow)."""

    FETCHING_RELS: typing.ClassVar = {
        "stylesheet",
        "preload",
        "prefetch",
        "icon",
        "modulepreload",
        "manifest",
        "preconnect",
    }

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and values.get("src"):
            self.urls.append(str(values["src"]))
        if tag == "link" and set(str(values.get("rel", "")).split()) & self.FETCHING_RELS:
            self.urls.append(str(values.get("href", "")))
        if tag == "object" and values.get("data"):
            self.urls.append(str(values["data"]))


def test_no_request_to_a_third_party(site: Path) -> None:
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        loads = _Loads()
        loads.feed(text)
        assert loads.urls, path
        assert [u for u in loads.urls if re.match(r"([a-z]+:)?//", u)] == [], path
        assert "googleapis" not in text and "@import" not in text, path


def test_build_is_byte_identical(tmp_path: Path, site: Path) -> None:
    again = build(make_project(tmp_path))
    first = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again).as_posix(): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_search_dialog_has_an_accessible_name(site: Path) -> None:
    assert '<div class="md-search" data-pagefind-search data-root="" role="dialog" aria-label="Search">' in html(
        site, "."
    )
    spanish = html(site, "es")
    assert 'data-pagefind-search data-root="../" data-more="Mostrar %(n)s más de %(total)s"' in spanish
    assert 'role="dialog" aria-label="Buscar">' in spanish
    assert "assets/site.css" in html(site, ".")


def test_every_link_in_the_offline_edition_reaches_a_file(tmp_path: Path) -> None:
    site = build(make_project(tmp_path), offline=True)
    for path in site.rglob("*.html"):
        for href in re.findall(r'href="([^"#?]*)[^"]*"', path.read_text(encoding="utf-8")):
            if not href or re.match(r"[a-z]+:|/", href):  # the 404 page uses root-relative addresses
                continue
            target = (path.parent / href).resolve()
            assert target.is_file(), f"{path.relative_to(site)} links to {href}"


def _generator(root: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "generator", *args, "--root", str(root)]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def test_a_failed_build_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    site = build(root)
    before = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    methodology = root / "docs/methodology.md"
    methodology.write_text(methodology.read_text() + "\n[a page that is not there](missing.md)\n")
    done = _generator(root, "build", env=ENV)
    assert done.returncode == 1
    assert "missing.md" in done.stderr  # the engine's own message
    assert done.stderr.rstrip().endswith(
        "mkdocs.yml: the mkdocs build failed (its messages are above); the site was not changed"
    )
    assert {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert not (root / "site.tmp").exists()


def test_the_engines_end_of_life_banner_is_not_taken_for_a_warning(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    env = {k: v for k, v in ENV.items() if "MKDOCS_2_WARNING" not in k}
    assert _generator(root, "generate", env=env).returncode == 0
    done = _generator(root, "build", env=env)
    assert done.returncode == 0, done.stderr


def test_each_page_loads_only_the_scripts_it_uses(site: Path) -> None:
    """The catalogue's script and styles load on the catalogue and compare pages only; no page loads a
    whole-site search index (the search box fetches Pagefind's pieces when a reader searches)."""
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(site).as_posix()
        within = rel.split("/", 1)[1] if rel.split("/", 1)[0] in TRANSLATED else rel  # a language's own site
        uses = within in ("catalogue/index.html", "compare/index.html")
        assert ('src="' in text and "assets/catalogue.js" in text) == uses, rel
        assert ("assets/catalogue.css" in text) == uses, rel
        assert "search_index.json" not in text and "pagefind.js" not in text, rel
