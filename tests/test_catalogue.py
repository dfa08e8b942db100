"""The catalogue and the compare page, as a reader uses them: in Debian's Chromium, on the fixture's
practices and on the real ones, served on 127.0.0.1. What each filter, count and sort should show is
worked out here from the validated YAML, independently of generator/catalogue.py and catalogue.js."""

import contextlib
import json
import os
import re
import shutil
import statistics
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Dialog, Page, sync_playwright

from bench.search import serve
from generator import pipeline
from generator.pages import catalogue
from generator.pages.text import label, owner
from generator.problems import errors
from generator.reading.load import Corpus, LoadedPractice

from .conftest import FIXTURE, REPO, make_project
from .test_browser import axe_violations, launch
from .test_site import build

# --- what the data says ------------------------------------------------------------------------

Values = Callable[[LoadedPractice], set[str]]

FACETS: dict[str, Values] = {
    "sector": lambda e: {e.sector},
    "city": lambda e: {e.data.city},
    "status": lambda e: {e.data.status},
    "lever": lambda e: {e.data.lever.owner},
    "instrument": lambda e: set(e.data.instruments),
    "cobenefit": lambda e: set(e.data.cobenefits),
    "measured": lambda e: {"yes"} if any(i.type in ("measured", "verified") for i in e.data.impacts) else set(),
    "funded": lambda e: (
        {"yes"} if e.data.finance and any(f.type == "cnca-fund" for f in e.data.finance.funding) else set()
    ),
}
Selection = dict[str, list[str]]


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not 0x300 <= ord(c) <= 0x36F).lower()


def _text_matches(corpus: Corpus, e: LoadedPractice, q: str) -> bool:
    p = e.data
    words = [p.title, p.summary, corpus.cities[p.city].data.name, *p.tags, *(t.replace("-", " ") for t in p.tags)]
    haystack = _fold(" \n ".join(words))
    return all(term in haystack for term in _fold(q).split())


def _matches(e: LoadedPractice, selected: Selection, skip: str | None = None) -> bool:
    return all(param == skip or not chosen or FACETS[param](e) & set(chosen) for param, chosen in selected.items())


def expected(corpus: Corpus, selected: Selection, q: str = "") -> set[str]:
    return {pid for pid, e in corpus.practices.items() if _matches(e, selected) and _text_matches(corpus, e, q)}


def expected_counts(corpus: Corpus, selected: Selection, q: str = "") -> dict[str, dict[str, int]]:
    """For each value the data holds: the case studies with it that match the words and the OTHER groups."""
    counts: dict[str, dict[str, int]] = {}
    for param, values in FACETS.items():
        present = {v for e in corpus.practices.values() for v in values(e)}
        if param in ("measured", "funded"):
            present = {"yes"}
        counts[param] = {
            v: sum(
                1
                for e in corpus.practices.values()
                if v in values(e) and _matches(e, selected, skip=param) and _text_matches(corpus, e, q)
            )
            for v in present
        }
    return counts


def _en(value: float) -> str:
    """A number as the page writes it (Intl.NumberFormat("en")): 25000.0 -> "25,000"."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def by_title(corpus: Corpus, ids: set[str] | None = None) -> list[str]:
    chosen = [e for pid, e in corpus.practices.items() if ids is None or pid in ids]
    return [e.id for e in sorted(chosen, key=lambda e: (e.data.title.casefold(), e.id))]


def tonnes_a_year(e: LoadedPractice) -> float | None:
    factors = {"tCO2e/yr": 1, "ktCO2e/yr": 1_000, "MtCO2e/yr": 1_000_000}
    sizes = [abs(i.value) * factors[i.unit] for i in e.data.impacts if i.unit in factors]
    return max(sizes) if sizes else None


# --- sites, server, browser ---------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    name: str
    root: Path
    url: str
    corpus: Corpus


def _real_project(dest: Path) -> Path:
    """The site's configuration and hand-written pages with the repository's own case studies."""
    make_project(dest)
    shutil.rmtree(dest / "practices")
    shutil.copytree(REPO / "practices", dest / "practices")
    return dest


class _Sites:
    """The two sites, each built and served once for the module, when a test first needs it."""

    def __init__(self, tmp: pytest.TempPathFactory, stack: contextlib.ExitStack) -> None:
        self.tmp, self.stack, self.built = tmp, stack, dict[str, Site]()

    def get(self, name: str) -> Site:
        if name not in self.built:
            root = self.tmp.mktemp(name)
            root = make_project(root) if name == "fixture" else _real_project(root)
            built = build(root)
            result = pipeline.validate(root)
            assert errors(result.problems) == []
            url = self.stack.enter_context(serve(built))
            self.built[name] = Site(name, built, url, result.corpus)
        return self.built[name]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Sites]:
    with contextlib.ExitStack() as stack:
        yield _Sites(tmp_path_factory, stack)


@pytest.fixture(scope="module", params=["fixture", "real"])
def site(request: pytest.FixtureRequest, sites: _Sites) -> Site:
    return sites.get(str(request.param))


@pytest.fixture(scope="module")
def fixture_site(sites: _Sites) -> Site:
    return sites.get("fixture")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        launched = launch(p)
        yield launched
        launched.close()


@dataclass
class Reader:
    page: Page
    context: BrowserContext
    requests: list[str]
    errors: list[str]


@pytest.fixture
def reader(browser: Browser) -> Iterator[Reader]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen = Reader(page, context, [], [])
    context.on("request", lambda request: seen.requests.append(request.url))
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    yield seen
    context.close()
    assert seen.errors == [], seen.errors


def open_catalogue(reader: Reader, site: Site, query: str = "") -> Page:
    page = reader.page
    page.goto(site.url + "catalogue/" + query)
    page.locator(".catalogue__status").wait_for()
    return page


def shown(page: Page) -> list[str]:
    """Every result, after pressing "Show more" until none is left (the list draws 100 at a time)."""
    more = page.locator(".catalogue__more")
    page.evaluate("() => { window.ccpTestFocus = document.activeElement; }")  # "Show more" moves the focus
    while more.is_visible():
        drawn = page.locator("#catalogue-app li.catalogue__item").count()
        more.evaluate("button => button.click()")  # (a click from the script: the keyboard's focus stays)
        page.wait_for_function(
            "n => document.querySelectorAll('#catalogue-app li.catalogue__item').length > n", arg=drawn
        )
    page.evaluate("() => window.ccpTestFocus && window.ccpTestFocus.focus()")
    ids: list[str] = page.locator("#catalogue-app li.catalogue__item").evaluate_all(
        "items => items.map(item => item.dataset.id)"
    )
    return ids


def shown_counts(page: Page) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = page.evaluate(
        """() => {
            const out = {};
            for (const box of document.querySelectorAll(".catalogue__facet input[type=checkbox]")) {
                const count = box.parentNode.querySelector(".catalogue__count").textContent;
                (out[box.name] = out[box.name] || {})[box.value] = Number(count);
            }
            return out;
        }"""
    )
    return counts


def ticked(page: Page) -> Selection:
    chosen: Selection = page.evaluate(
        """() => {
            const out = {};
            for (const box of document.querySelectorAll(".catalogue__facet input:checked")) {
                (out[box.name] = out[box.name] || []).push(box.value);
            }
            return out;
        }"""
    )
    return chosen


def status_says(page: Page, count: int, total: int) -> None:
    text = page.locator(".catalogue__status").inner_text()
    assert text == (f"All {total} case studies" if count == total else f"{count} of {total} case studies"), text


def query_of(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


# --- the data the pages carry (no browser) ------------------------------------------------------


def test_the_data_scripts_cannot_end_a_script_block_and_hold_every_case_study() -> None:
    corpus = pipeline.validate(FIXTURE).corpus
    compare_files = catalogue.compare_data(corpus)
    pieces = [text for rel, text in compare_files.items() if rel.startswith("data/compare/")]
    for text, name in (
        (catalogue.page_data(corpus), "cncaCatalogue"),
        *((piece, "(window.cncaCompareParts = window.cncaCompareParts || {})[0]") for piece in pieces),
    ):
        prefix = f"{name} = " if name.startswith("(") else f"window.{name} = "
        assert text.startswith(prefix) and text.endswith(";\n")
        inner = text[len(prefix) : -2]
        assert not set(inner) & set("<>&\u2028\u2029")
        data = json.loads(inner)
        records = data["practices"] if "practices" in data else list(data.values())
        titles = {p["title"] for p in records}
        assert titles == {e.data.title for e in corpus.practices.values()}
        assert any(t.startswith("<script>alert('title')</script> & </title>") for t in titles)  # intact once parsed


def test_the_compare_data_is_in_pieces_that_the_page_finds_by_id(tmp_path: Path) -> None:
    from bench.corpus import write_practices

    write_practices(tmp_path / "practices", 300)
    corpus = pipeline.validate(tmp_path).corpus
    files = catalogue.compare_data(corpus)
    count = json.loads(files["data/compare-data.js"].removeprefix("window.cncaCompare = ").rstrip(";\n"))["pieces"]
    assert count == 300 // catalogue.COMPARE_PIECE
    for ident in corpus.practices:
        assert f'"{ident}":' in files[f"data/compare/{catalogue.piece_of(ident, count)}.js"]
    sizes = [files[f"data/compare/{n}.js"].count('"title":') for n in range(count)]
    assert sum(sizes) == 300 and max(sizes) < 3 * catalogue.COMPARE_PIECE


def test_the_page_and_the_generator_put_an_id_in_the_same_piece() -> None:
    script = (REPO / "docs/assets/catalogue.js").read_text(encoding="utf-8")
    body = script[script.index("function pieceOf") : script.index("/* Loads the pieces")]
    ids = ["a", "stockholm-congestion-tax", "zinmo-27-energ-745", "x" * 80]
    with sync_playwright() as p:
        browser = launch(p)
        found = browser.new_page().evaluate(f"ids => {{ {body}; return ids.map(id => pieceOf(id, 37)); }}", ids)
        browser.close()
    assert found == [catalogue.piece_of(i, 37) for i in ids]


def test_the_pages_stay_small_and_list_everything_without_javascript_up_to_a_size(tmp_path: Path) -> None:
    from bench.corpus import write_practices

    small = pipeline.validate(FIXTURE).corpus
    page = catalogue.page(small)
    assert all(f"practices/{e.sector}/{e.id}.md" in page for e in small.practices.values())  # the full table
    write_practices(tmp_path / "practices", catalogue.TABLE_UP_TO + 1, seed=3)
    large = pipeline.validate(tmp_path).corpus
    page = catalogue.page(large)
    assert len(page) < 10_000 and "practices/energy/index.md" in page and "cities/index.md" in page
    assert len(catalogue.compare_page(large)) < 10_000


def test_largest_reduction_counts_only_annual_tonnes() -> None:
    corpus = pipeline.validate(REPO).corpus
    records = {r["id"]: r for r in json.loads(catalogue.data(corpus))}
    assert records.keys() == corpus.practices.keys()
    for pid, e in corpus.practices.items():
        assert records[pid]["largest_reduction"] == tonnes_a_year(e)
        assert records[pid]["tags"] == list(e.data.tags)
    # percent figures never rank: a case study with only percent figures has none
    only_percent = [e for e in corpus.practices.values() if {i.unit for i in e.data.impacts} == {"percent"}]
    assert only_percent and all(records[e.id]["largest_reduction"] is None for e in only_percent)
    fixture = pipeline.validate(FIXTURE).corpus.practices["exampleton-congestion-charge"]
    largest = catalogue.largest_reduction(fixture.data)
    assert largest is not None and largest[0] == 25000 and largest[1].unit == "tCO2e/yr"  # not the -22 percent


# --- filters --------------------------------------------------------------------------------------


def test_every_facet_value_filters_to_exactly_what_the_data_says(reader: Reader, site: Site) -> None:
    total = len(site.corpus.practices)
    page = open_catalogue(reader, site)
    assert sorted(shown(page)) == sorted(site.corpus.practices)
    status_says(page, total, total)
    for param, counts in expected_counts(site.corpus, {}).items():
        for value, count in counts.items():
            open_catalogue(reader, site, f"?{param}={value}")
            want = expected(site.corpus, {param: [value]})
            assert len(want) == count
            assert set(shown(page)) == want, (param, value)
            assert len(shown(page)) == len(want)
            assert ticked(page) == {param: [value]}
            status_says(page, count, total)
            if not want:
                assert page.locator(".catalogue__empty").is_visible()


def _states(corpus: Corpus) -> list[tuple[Selection, str]]:
    """Choices of several kinds, made from whatever the data holds."""
    practices = sorted(corpus.practices.values(), key=lambda e: e.id)
    first, last = practices[0], practices[-1]
    two_sectors = sorted({first.sector, last.sector} | {"energy"})[:2]
    return [
        ({}, ""),
        ({"sector": two_sectors}, ""),
        ({"sector": [first.sector], "status": [first.data.status]}, ""),
        ({"instrument": sorted(set(first.data.instruments) | set(last.data.instruments)), "measured": ["yes"]}, ""),
        ({"lever": [last.data.lever.owner], "city": [first.data.city, last.data.city]}, ""),
        ({"cobenefit": sorted({str(c) for e in practices for c in e.data.cobenefits})[:2]}, ""),
        ({"funded": ["yes"]}, ""),
        ({}, first.data.title.split()[0]),
        ({"sector": [last.sector]}, corpus.cities[last.data.city].data.name),
    ]


def _query(selected: Selection, q: str = "") -> str:
    pairs = [f"{param}={value}" for param, values in selected.items() for value in values]
    return "?" + "&".join([*pairs, *([f"text={q}"] if q else [])])


def test_counts_agree_with_the_data(reader: Reader, site: Site) -> None:
    for selected, q in _states(site.corpus):
        page = reader.page
        page.goto(site.url + "catalogue/" + _query(selected, ""))
        page.locator(".catalogue__status").wait_for()
        if q:
            page.get_by_label("Search title, summary, city and tags").fill(q)
        assert shown_counts(page) == expected_counts(site.corpus, selected, q), (selected, q)
        want = expected(site.corpus, selected, q)
        assert set(shown(page)) == want, (selected, q)
        status_says(page, len(want), len(site.corpus.practices))


def test_ticking_and_typing_filter_and_the_address_keeps_it(reader: Reader, site: Site) -> None:
    corpus = site.corpus
    page = open_catalogue(reader, site)
    entry = sorted(corpus.practices.values(), key=lambda e: e.id)[0]
    sector, instrument = entry.sector, entry.data.instruments[0]
    page.locator(f'input[name="sector"][value="{sector}"]').check()
    page.locator(f'input[name="instrument"][value="{instrument}"]').check()
    after_ticks: Selection = {"sector": [sector], "instrument": [instrument]}
    assert set(shown(page)) == expected(corpus, after_ticks)
    word = entry.data.title.split()[0]
    page.get_by_label("Search title, summary, city and tags").fill(word)
    page.get_by_label("Sort by").select_option("newest")
    state = {"sector": [sector], "instrument": [instrument], "text": [word], "sort": ["newest"]}
    assert query_of(page) == state
    filtered = shown(page)
    assert set(filtered) == expected(corpus, after_ticks, word) and entry.id in filtered

    page.reload()
    page.locator(".catalogue__status").wait_for()
    assert query_of(page) == state
    assert shown(page) == filtered
    assert ticked(page) == after_ticks
    assert page.get_by_label("Search title, summary, city and tags").input_value() == word
    assert page.get_by_label("Sort by").input_value() == "newest"

    # Back undoes the last choice (the sort); typing did not add history entries of its own
    page.go_back()
    page.wait_for_function("() => !location.search.includes('sort=')")
    assert query_of(page) == {"sector": [sector], "instrument": [instrument], "text": [word]}
    assert page.get_by_label("Sort by").input_value() == "title"
    assert shown(page) == by_title(corpus, expected(corpus, after_ticks, word))
    page.go_back()
    page.wait_for_function("() => !location.search.includes('instrument=')")
    assert ticked(page) == {"sector": [sector]}
    assert page.get_by_label("Search title, summary, city and tags").input_value() == ""
    assert set(shown(page)) == expected(corpus, {"sector": [sector]})

    # a case study and Back again: the list is as it was left
    before = shown(page)
    page.locator(f'li[data-id="{before[0]}"] h2 a').click()
    page.wait_for_url(re.compile(r"/practices/"))
    assert page.locator("h1").first.inner_text().startswith(corpus.practices[before[0]].data.title[:20])
    page.go_back()
    page.locator(".catalogue__status").wait_for()
    assert shown(page) == before and ticked(page) == {"sector": [sector]}


def test_values_the_data_does_not_know_are_dropped_from_the_address(reader: Reader, site: Site) -> None:
    page = open_catalogue(reader, site, "?sector=nowhere&status=operational&sort=best&compare=nope")
    assert query_of(page) == {"status": ["operational"]}
    assert set(shown(page)) == expected(site.corpus, {"status": ["operational"]})


def test_free_text_searches_title_summary_city_and_tags(reader: Reader, site: Site) -> None:
    corpus = site.corpus
    entries = sorted(corpus.practices.values(), key=lambda e: e.id)
    with_tags = next(e for e in entries if e.data.tags)
    tag = with_tags.data.tags[0]
    words = [
        entries[0].data.summary.split()[-1].strip(".,;:"),  # a word of a summary
        corpus.cities[entries[-1].data.city].data.name.upper(),  # a city, in capitals
        tag,  # a tag as written
        tag.replace("-", " "),  # and as words
        "no such words anywhere",
    ]
    if site.name == "real":
        words += ["vartaverket", "Oslo parking", "bike"]  # without its accent; two words, both needed
    page = open_catalogue(reader, site)
    box = page.get_by_label("Search title, summary, city and tags")
    for word in words:
        box.fill(word)
        want = expected(corpus, {}, word)
        assert shown(page) == by_title(corpus, want), word
        status_says(page, len(want), len(entries))
        assert query_of(page)["text"] == [word]
    assert set(expected(corpus, {}, tag)) >= {with_tags.id}
    if site.name == "real":
        assert expected(corpus, {}, "vartaverket") == {"stockholm-vartaverket-coal-phase-out"}


def test_sorting(reader: Reader, site: Site) -> None:
    corpus = site.corpus
    page = open_catalogue(reader, site)
    assert shown(page) == by_title(corpus)
    page.get_by_label("Sort by").select_option("newest")
    newest = sorted(corpus.practices.values(), key=lambda e: e.data.title.casefold())
    newest.sort(key=lambda e: str(e.data.started), reverse=True)  # stable: the same start stays by title
    assert shown(page) == [e.id for e in newest]

    page.get_by_label("Sort by").select_option("reduction")
    ranked = sorted(corpus.practices.values(), key=lambda e: e.data.title.casefold())
    ranked.sort(key=lambda e: (tonnes_a_year(e) is None, -(tonnes_a_year(e) or 0)))
    assert shown(page) == [e.id for e in ranked]
    for e in ranked[:3]:
        figure = page.locator(f'li[data-id="{e.id}"] .catalogue__figure')
        assert figure.is_visible()
        size = tonnes_a_year(e)
        if size is None:
            assert figure.inner_text() == "No figure in tonnes of CO2e a year."
            continue
        factors = {"tCO2e/yr": 1, "ktCO2e/yr": 1_000, "MtCO2e/yr": 1_000_000}
        impact = next(i for i in e.data.impacts if i.unit in factors and abs(i.value) * factors[i.unit] == size)
        assert f"{_en(impact.value)} {impact.unit}" in figure.inner_text()
        assert impact.metric in figure.inner_text()
    page.get_by_label("Sort by").select_option("title")
    assert not figure.is_visible()


# --- keyboard, no JavaScript, compare, requests ---------------------------------------------------


def test_keyboard_only(reader: Reader, site: Site) -> None:
    page = open_catalogue(reader, site)
    page.locator("body").focus()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.name === 'sector'"):
            break
    else:
        pytest.fail("Tab never reached the first sector checkbox")
    first = page.evaluate("() => document.activeElement.value")
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert outline[0] != "none" and outline[1] != "0px", "focus is visible"
    page.keyboard.press("Space")
    assert page.evaluate("() => document.activeElement.checked")
    want = expected(site.corpus, {"sector": [first]})
    assert set(shown(page)) == want
    assert query_of(page) == {"sector": [first]}
    live = page.locator("[role=status]")
    assert live.get_attribute("aria-live") == "polite"
    status_says(page, len(want), len(site.corpus.practices))
    page.keyboard.press("Tab")
    second = page.evaluate("() => document.activeElement.value")
    page.keyboard.press("Space")
    assert set(shown(page)) == expected(site.corpus, {"sector": [first, second]})
    page.keyboard.press("Space")
    assert set(shown(page)) == want
    # back to the search box (first box, summary, sort, search) and type, as a person does
    for _ in range(4):
        page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => document.activeElement.id") == "catalogue-text"
    word = site.corpus.practices[sorted(want)[0]].data.title.split()[0]
    page.keyboard.type(word, delay=20)
    assert set(shown(page)) == expected(site.corpus, {"sector": [first]}, word)
    assert page.locator(".md-search__output").is_hidden(), "Material's search stays closed"
    # every filter is a labelled form control in a fieldset with a legend
    assert page.locator(".catalogue__facet:not(fieldset)").count() == 0
    legends = page.locator(".catalogue__facet legend").all_inner_texts()
    assert legends[:2] == ["Sector", "City"] and len(legends) == len(FACETS)
    unlabelled = page.evaluate(
        "() => [...document.querySelectorAll('#catalogue-app input, #catalogue-app select')]"
        ".filter(c => !c.labels || !c.labels.length).map(c => c.outerHTML)"
    )
    assert unlabelled == []


def test_without_javascript_the_full_table_shows(browser: Browser, site: Site) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url + "catalogue/")
        rows = page.locator("article table tbody tr")
        assert rows.count() == len(site.corpus.practices)
        assert rows.locator("td:first-child").all_inner_texts() == [
            site.corpus.practices[pid].data.title for pid in by_title(site.corpus)
        ]
        assert page.locator("#catalogue-app").inner_html() == ""
        page.goto(site.url + "compare/?ids=" + ",".join(list(site.corpus.practices)[:2]))
        note = page.locator("article p", has_text="needs JavaScript")
        assert note.is_visible()
        note.get_by_role("link", name="catalogue").click()
        assert page.locator("article table tbody tr").count() == len(site.corpus.practices)
    finally:
        context.close()


def test_with_javascript_the_table_gives_way_to_the_list(reader: Reader, site: Site) -> None:
    page = open_catalogue(reader, site)
    assert not page.locator("article table").first.is_visible()
    total = len(site.corpus.practices)
    assert page.locator("#catalogue-app li.catalogue__item").count() == min(total, 100)  # then "Show more"
    assert page.locator(".catalogue__more").is_visible() == (total > 100)
    assert sorted(shown(page)) == sorted(site.corpus.practices)
    first = page.locator("#catalogue-app li.catalogue__item h2 a").first
    first.click()
    page.wait_for_load_state()
    assert page.url.rstrip("/").endswith(shown_first(site))


def shown_first(site: Site) -> str:
    e = site.corpus.practices[by_title(site.corpus)[0]]
    return f"practices/{e.sector}/{e.id}"


def test_compare_two_or_three_side_by_side(reader: Reader, site: Site) -> None:
    corpus = site.corpus
    page = open_catalogue(reader, site)
    ids = by_title(corpus)[:3]
    for pid in ids:
        page.locator(f'li[data-id="{pid}"] .catalogue__pick label').click()
    assert query_of(page)["compare"] == [",".join(ids)]
    others = page.locator(".catalogue__pick input:not(:checked)")
    if others.count():
        assert others.first.is_disabled(), "at most three"
    link = page.locator(".catalogue__compare a.catalogue__go")
    assert link.inner_text() == f"Compare {len(ids)} side by side"
    link.click()
    page.wait_for_url(re.compile(r"/compare/\?ids="))
    table = page.locator("table.compare__table")
    table.wait_for()
    heads = table.locator("thead th").all_inner_texts()
    assert heads == [corpus.practices[pid].data.title for pid in ids]
    rows = {
        row.locator("th").inner_text(): row.locator("td").all_inner_texts() for row in table.locator("tbody tr").all()
    }
    entries = [corpus.practices[pid] for pid in ids]
    assert rows["City"] == [corpus.cities[e.data.city].data.name for e in entries]
    assert rows["Sector"] == [e.sector.capitalize() for e in entries]
    assert rows["Status"] == [e.data.status for e in entries]
    assert [r.split(" (ended")[0] for r in rows["Started"]] == [str(e.data.started) for e in entries]
    assert rows["Lever held by"] == [owner(e.data.lever.owner) for e in entries]
    assert rows["City's power"] == [label(e.data.lever.city_power) for e in entries]
    assert rows["Instruments"] == [", ".join(label(i) for i in e.data.instruments) for e in entries]
    assert rows["What the city needs from others"] == [e.data.lever.advocacy_ask or "Not stated" for e in entries]
    for cell, e in zip(rows["Capital cost"], entries, strict=True):
        capex = e.data.finance.capex if e.data.finance else None
        assert cell == (
            "Not stated" if capex is None else f"{_en(capex.amount)} {capex.currency} ({capex.year} prices)"
        )
    cells = table.locator("tbody tr", has=page.locator("th", has_text="Impacts")).locator("td")
    for i, e in enumerate(entries):
        items = cells.nth(i).locator("li")
        assert items.count() == len(e.data.impacts)
        for n, impact in enumerate(e.data.impacts):
            text = items.nth(n).inner_text()
            assert text.startswith(impact.metric) and f"{impact.unit} ({impact.year}, {impact.type})" in text
    # each column links to its case study
    page.locator("table.compare__table thead th a").nth(1).click()
    page.wait_for_load_state()
    assert page.url.rstrip("/").endswith(f"practices/{entries[1].sector}/{entries[1].id}")
    page.go_back()
    page.get_by_role("link", name="Change the selection in the catalogue").click()
    page.locator(".catalogue__status").wait_for()
    assert page.locator(".catalogue__pick input:checked").evaluate_all("bs => bs.map(b => b.dataset.compare)") == ids


def test_compare_page_explains_what_it_cannot_show(reader: Reader, site: Site) -> None:
    page = reader.page
    page.goto(site.url + "compare/?ids=no-such-case")
    assert page.get_by_text("No case study has the id no-such-case").is_visible()
    assert page.get_by_role("link", name="catalogue").first.is_visible()
    assert not page.get_by_text("needs JavaScript").is_visible()


def test_no_request_leaves_the_site(reader: Reader, site: Site) -> None:
    page = open_catalogue(reader, site, "?sort=reduction")
    page.locator(".catalogue__pick label").nth(0).click()
    page.locator(".catalogue__pick label").nth(1).click()
    page.locator(".catalogue__compare a.catalogue__go").click()
    page.locator("table.compare__table").wait_for()
    page.wait_for_load_state("networkidle")
    assert reader.requests
    assert [u for u in reader.requests if not u.startswith(site.url)] == []
    # the data is in the page: no request for it
    assert [u for u in reader.requests if "catalogue.json" in u] == []


def test_hostile_text_stays_text(reader: Reader, fixture_site: Site) -> None:
    site = fixture_site
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    reader.page.on("dialog", record)
    page = open_catalogue(reader, site, "?text=script&compare=sampleville-hostile-text,exampleton-district-heating")
    hostile = site.corpus.practices["sampleville-hostile-text"].data
    assert page.locator('li[data-id="sampleville-hostile-text"] h2').inner_text() == hostile.title
    assert page.locator('li[data-id="sampleville-hostile-text"] .catalogue__summary').inner_text() == hostile.summary
    page.locator(".catalogue__compare a.catalogue__go").click()
    page.locator("table.compare__table").wait_for()
    assert page.locator("table.compare__table thead th").first.inner_text() == hostile.title
    page.wait_for_load_state("networkidle")
    assert dialogs == []
    assert page.locator("article img, article iframe, article svg").count() == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violation_in_the_states_the_script_makes(
    reader: Reader, site: Site, scheme: str
) -> None:
    """axe-core on the filtered list with the compare bar open, and on the compare page."""
    page = reader.page
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    ids = by_title(site.corpus)[:3]
    entry = site.corpus.practices[ids[0]]
    for path in (
        f"catalogue/?sector={entry.sector}&sort=reduction&compare={','.join(ids)}",
        f"compare/?ids={','.join(ids)}",
    ):
        page.goto(site.url + path)
        page.wait_for_load_state("networkidle")
        assert axe_violations(page) == [], path


# --- the offline edition, layout, speed ------------------------------------------------------------


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(make_project(tmp_path_factory.mktemp("offline")), offline=True)


def test_offline_edition_filters_and_compares_from_a_folder(reader: Reader, offline_site: Path) -> None:
    corpus = pipeline.validate(FIXTURE).corpus
    page = reader.page
    page.goto(offline_site.joinpath("catalogue.html").as_uri() + "?sector=energy")
    page.locator(".catalogue__status").wait_for()
    assert set(shown(page)) == expected(corpus, {"sector": ["energy"]})
    page.locator('input[name="sector"][value="waste"]').check()
    assert set(shown(page)) == expected(corpus, {"sector": ["energy", "waste"]})
    href = page.locator("#catalogue-app li.catalogue__item h2 a").first.get_attribute("href")
    assert href is not None and href.startswith("practices/") and href.endswith(".html")
    page.locator(".catalogue__pick label").nth(0).click()
    page.locator(".catalogue__pick label").nth(1).click()
    page.locator(".catalogue__compare a.catalogue__go").click()
    page.locator("table.compare__table").wait_for()
    assert urlsplit(page.url).path.endswith("/compare.html")
    page.locator("table.compare__table thead th a").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(".html") and page.locator("h1").count() >= 1
    assert [u for u in reader.requests if not u.startswith("file://")] == []


SHOTS = Path(os.environ.get("CATALOGUE_SCREENSHOTS", ""))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_layout_fits_the_window(
    browser: Browser, site: Site, width: int, scheme: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Screenshots to look at (CATALOGUE_SCREENSHOTS=folder keeps them); nothing wider than the window."""
    folder = SHOTS if str(SHOTS) not in ("", ".") else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        page.goto(site.url + "catalogue/?sort=reduction&compare=" + ",".join(by_title(site.corpus)[:2]))
        page.locator(".catalogue__status").wait_for()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(folder / f"catalogue-{site.name}-{width}-{scheme}.png"))
        page.get_by_label("Search title, summary, city and tags").fill("no such words anywhere")
        gap = page.evaluate(
            "() => document.querySelector('.catalogue__status').getBoundingClientRect().top"
            " - document.querySelector('#catalogue-text').getBoundingClientRect().bottom"
        )
        assert gap < 200, "an empty list keeps its count next to the search box"
        page.goto(site.url + "compare/?ids=" + ",".join(by_title(site.corpus)[:3]))
        page.locator("table.compare__table").wait_for()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width  # the table scrolls itself
        page.screenshot(path=str(folder / f"compare-{site.name}-{width}-{scheme}.png"))
    finally:
        context.close()


# Records when the results first reflect the address: the moment the list is in the document.
_WATCH = """
new MutationObserver((changes, observer) => {
  const status = document.querySelector(".catalogue__status");
  if (status && status.textContent && document.querySelector("#catalogue-app li.catalogue__item")) {
    window.__filtered = performance.now();
    requestAnimationFrame(() => setTimeout(() => { window.__painted = performance.now(); }, 0));
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
"""


def test_time_from_opening_to_filtered_results(browser: Browser, site: Site) -> None:
    times: list[float] = []
    painted: list[float] = []
    want = expected(site.corpus, {"sector": ["energy"]})
    for _ in range(5):
        context = browser.new_context()
        try:
            context.add_init_script(_WATCH)
            page = context.new_page()
            page.goto(site.url + "catalogue/?sector=energy")
            page.wait_for_function("() => window.__painted !== undefined")
            assert set(shown(page)) == want
            times.append(page.evaluate("() => window.__filtered"))
            painted.append(page.evaluate("() => window.__painted"))
        finally:
            context.close()
    median = statistics.median(times)
    print(
        f"\n{site.name}: filtered results {median:.0f} ms after navigation start (median of 5: {times});"
        f" next frame {statistics.median(painted):.0f} ms"
    )
    assert median < 3000


def test_the_datas_version_follows_where_case_studies_are_not_every_edit(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    before = catalogue.version(pipeline.validate(project).corpus)
    path = project / "practices/transportation/exampleton-congestion-charge.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("summary: ", "summary: Edited. ", 1), encoding="utf-8")
    assert catalogue.version(pipeline.validate(project).corpus) == before  # no page is rewritten for it
    path.write_text(text.replace('title: "', 'title: "Renamed ', 1), encoding="utf-8")
    assert catalogue.version(pipeline.validate(project).corpus) != before  # its piece may have changed
