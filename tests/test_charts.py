"""Charts and map drawn at build time: the numbers, the escaping, and the built pages in a browser."""

import functools
import http.server
import json
import os
import re
import shutil
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, Page, sync_playwright

from generator import pipeline
from generator.pages import charts, geo
from generator.pages.practices import render
from generator.reading.config import Settings
from generator.reading.load import Corpus, Loaded
from generator.schema.model import City

from .conftest import FIXTURE, REPO, make_project
from .test_site import build

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script> & \"Q\" 'x' ]]> [a](javascript:x) *b*"


def city(inventories: list[tuple[int, float]], targets: list[dict[str, Any]] | None = None, **extra: Any) -> City:
    return City.model_validate(
        {
            "name": "Testville",
            "country": "SE",
            "coordinates": {"lat": 59.3, "lon": 18.1},
            "membership": "member",
            "targets": [
                {"quote": "(a quote)"} | t
                for t in targets or [{"kind": "net-zero", "target_year": 2040, "status": "aspirational", "source": "s"}]
            ],
            "inventories": [
                {"year": y, "total_tco2e": v, "protocol": "other", "source": "s", "quote": f"{v}"}
                for y, v in inventories
            ],
            "sources": {"s": {"title": "S", "url": "https://example.org/s"}},
            "last_verified": "2025-01-01",
        }
        | extra
    )


def svg_of(figure: str) -> ET.Element:
    """The SVG element of a chart's figure, parsed as XML (so it must be well-formed)."""
    match = re.search(r"<svg class=\"ccp-chart\".*?</svg>", figure, re.S)
    assert match, figure
    return ET.fromstring(match.group(0))


# --- gap sentence: the numbers, computed here another way ----------------------------------------------


def _expected_gap(base_year: int, base: str, year: int, latest: str) -> tuple[int, str, str]:
    b, last = Decimal(base), Decimal(latest)
    share = Decimal(year - base_year) / Decimal(2050 - base_year)
    pathway = b - b * Decimal("0.8") * share
    gap = last - pathway
    tonnes = int(abs(gap).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    raw = abs(gap) / pathway * 100
    percent = "less than 1%" if raw < 1 else f"{int(raw.quantize(Decimal(1), rounding=ROUND_HALF_UP))}%"
    return tonnes, percent, "above" if gap > 0 else "below"


@pytest.mark.parametrize(
    ("points", "base_year", "base", "year", "latest"),
    [
        ([(2005, 7_800_000), (2019, 6_200_000), (2021, 5_400_000)], 2005, "7800000", 2021, "5400000"),
        ([(2021, 1_000_000), (2009, 1_500_000.5)], 2009, "1500000.5", 2021, "1000000"),
        ([(2007, 2_765_000), (2019, 2_505_000)], 2007, "2765000", 2019, "2505000"),
        ([(2015, 1_226_000), (2021, 1_050_000)], 2015, "1226000", 2021, "1050000"),
        ([(2010, 100.25), (2020, 99.75)], 2010, "100.25", 2020, "99.75"),
    ],
)
def test_gap_sentence_states_the_exact_gap(
    points: list[tuple[int, float]], base_year: int, base: str, year: int, latest: str
) -> None:
    tonnes, percent, side = _expected_gap(base_year, base, year, latest)
    sentence = charts.gap_sentence(city(points))
    emitted = f"{Decimal(latest):,f}".rstrip("0").rstrip(".") if "." in latest else f"{int(latest):,}"
    assert sentence == (
        f"In {year} Testville emitted {emitted} tCO2e, {tonnes:,} tCO2e ({percent}) {side} "
        f"the 80%-by-2050 pathway from its {base_year} baseline."
    )


def test_boston_worked_example() -> None:
    # 7.8 Mt in 2005; the pathway in 2021 is 7.8 Mt x (1 - 0.8 x 16/45) = 5,581,333.33 t
    boston = city([(2005, 7_800_000), (2019, 6_200_000), (2021, 5_400_000)], name="Boston")
    assert charts.gap_sentence(boston) == (
        "In 2021 Boston emitted 5,400,000 tCO2e, 181,333 tCO2e (3%) below the 80%-by-2050 pathway "
        "from its 2005 baseline."
    )


def test_gap_sentence_on_and_tiny_gaps() -> None:
    # 1000 in 2000; pathway in 2025 is 1000 x (1 - 0.8 x 25/50) = 600
    assert charts.gap_sentence(city([(2000, 1000), (2025, 600)])).endswith(
        ", on the 80%-by-2050 pathway from its 2000 baseline."
    )
    assert "4 tCO2e (less than 1%) above" in charts.gap_sentence(city([(2000, 1000), (2025, 604)]))  # 0.67%
    assert "6 tCO2e (1%) above" in charts.gap_sentence(city([(2000, 1000), (2025, 606)]))  # 1% exactly
    assert "2 tCO2e (less than 1%) above" in charts.gap_sentence(city([(2000, 1000), (2025, 602)]))
    assert "1 tCO2e (less than 1%) above" in charts.gap_sentence(city([(2000, 1000), (2025, 600.5)]))  # half up
    zero = charts.gap_sentence(city([(2000, 0), (2025, 10)]))
    assert "10 tCO2e above" in zero and "no percentage" in zero


def test_fewer_than_two_inventories_give_no_chart_but_a_reason() -> None:
    for points, reason in (([], "no city-wide inventory"), ([(2020, 5.0)], "only one inventory"),
                           ([(2020, 5.0), (2020, 6.0)], "only one inventory")):  # fmt: skip
        c = city(points)
        out = charts.city_chart("testville", c)
        assert "<svg" not in out and "<circle" not in out
        assert reason in out and out.startswith("<p")
        assert charts.table(c) == ""
        assert reason in charts.gap_sentence(c)


def test_one_circle_per_inventory_year() -> None:
    c = city([(2019, 17_230_000), (2020, 14_620_000), (2021, 15_300_000), (2022, 15_000_000)])
    svg = svg_of(charts.city_chart("berlin", c))
    circles = [e for e in svg.iter(f"{SVG}circle") if "data-year" in e.attrib]
    assert [e.attrib["data-year"] for e in circles] == ["2019", "2020", "2021", "2022"]
    assert all(e.find(f"{SVG}title") is not None for e in circles)
    # a year given twice is one point (the first one listed)
    twice = svg_of(charts.city_chart("x", city([(2010, 5.0), (2012, 4.0), (2010, 9.0)])))
    assert [e.attrib["data-year"] for e in twice.iter(f"{SVG}circle") if "data-year" in e.attrib] == ["2010", "2012"]


def test_chart_is_accessible_and_scales() -> None:
    svg = svg_of(charts.city_chart("boston", city([(2005, 7.8e6), (2021, 5.4e6)])))
    assert svg.attrib["role"] == "img"
    assert "viewBox" in svg.attrib and "width" not in svg.attrib
    ids = svg.attrib["aria-labelledby"].split()
    found = {e.attrib.get("id"): e.tag for e in svg.iter() if "id" in e.attrib}
    assert [found[i] for i in ids] == [f"{SVG}title", f"{SVG}desc"]
    style = svg.find(f"{SVG}style")
    assert style is not None and style.text and "var(--md-default-fg-color" in style.text
    assert "@import" not in style.text and "url(" not in style.text and "font-face" not in style.text


def test_hostile_city_names_are_escaped() -> None:
    c = city([(2000, 10.0), (2010, 8.0)], name=HOSTILE)
    figure = charts.city_chart("testville", c)
    assert "<script" not in figure and "]]>" not in figure and '"Q"' not in figure
    svg = svg_of(figure)  # well-formed: nothing broke out of an element or attribute
    title = svg.find(f"{SVG}title")
    assert title is not None and title.text is not None and title.text.startswith(HOSTILE)
    assert "<script" not in charts.city_chart("testville", city([], name=HOSTILE))
    compare = charts.comparison_chart({"x": c})
    assert "<script" not in compare
    assert HOSTILE[:20] in "".join(svg_of(compare).itertext())
    rendered = charts.GLOBALS["progress_gap"](c)
    assert "<script" not in rendered and "[a](" not in rendered


def test_own_target_trajectory() -> None:
    targets = [
        {"kind": "percent-reduction", "percent": 50, "baseline_year": 2005, "target_year": 2030,
         "status": "adopted", "source": "s"},
        {"kind": "carbon-neutral", "target_year": 2050, "status": "adopted", "source": "s"},
        {"kind": "percent-reduction", "percent": 70, "baseline_year": 1990, "target_year": 2030,
         "status": "legislated", "source": "s"},
        {"kind": "percent-reduction", "percent": 25, "baseline_year": 2005, "target_year": 2020,
         "status": "revised", "source": "s"},
    ]  # fmt: skip
    c = city([(2005, 7_800_000), (2021, 5_400_000)], targets)
    own = charts.own_trajectory(c)
    assert own.points == [(2005, Fraction(7_800_000)), (2030, Fraction(3_900_000)), (2050, Fraction(0))]
    assert own.left_out == ["70% below 1990 by 2030 (legislated), because no inventory for 1990 is recorded here"]
    assert own.others == 1
    assert charts.table(c).splitlines() == [
        "| Year | Inventory (tCO2e) | 80%-by-2050 pathway (tCO2e) | Own targets (tCO2e) |",
        "|---|--:|--:|--:|",
        "| 2005 | 7,800,000 | 7,800,000 | 7,800,000 |",
        # 7.8M x (1 - 0.8 x 16/45) and 7.8M - 3.9M x 16/25
        "| 2021 | 5,400,000 | 5,581,333 | 5,304,000 |",
        "| 2030 | - | 4,333,333 | 3,900,000 |",
        "| 2050 | - | 1,560,000 | 0 |",
    ]
    figure = charts.city_chart("boston", c)
    assert 'class="ccp-own"' in figure and "Not drawn: 70% below 1990" in figure
    # with no baseline inventory there is no own line, and the page says why
    lonely = city([(2015, 1_226_000), (2021, 1_050_000)], [targets[2]])
    assert charts.own_trajectory(lonely).points == []
    assert 'class="ccp-own"' not in charts.city_chart("oslo", lonely) and "No own-target line" in charts.city_chart(
        "oslo", lonely
    )


def test_net_zero_alone_starts_at_the_earliest_inventory() -> None:
    c = city([(2019, 31_500_000), (2021, 28_700_000)],
             [{"kind": "net-zero", "target_year": 2030, "status": "adopted", "source": "s"}])  # fmt: skip
    assert charts.own_trajectory(c).points == [(2019, Fraction(31_500_000)), (2030, Fraction(0))]


def test_comparison_is_sorted_and_lists_the_rest() -> None:
    cities = {
        "a": city([(2005, 100.0), (2020, 80.0)], name="Alpha"),  # -20%, pathway -80 x 15/45 = -26.7%
        "b": city([(2010, 100.0), (2020, 50.0)], name="Beta"),  # -50%
        "c": city([(2010, 100.0), (2020, 110.0)], name="Gamma"),  # +10%
        "d": city([(2010, 100.0)], name="Delta"),
        "e": city([], name="Epsilon"),
    }
    rows, missing = charts.changes(cities)
    assert [(r.id, r.change_text, r.pathway_text) for r in rows] == [
        ("b", "−50%", "−20%"),
        ("a", "−20%", "−27%"),
        ("c", "+10%", "−20%"),
    ]
    assert [(m.id, m.reason) for m in missing] == [("d", "one inventory (2010)"), ("e", "no inventory recorded")]
    svg = svg_of(charts.comparison_chart(cities))
    names = [e.text for e in svg.iter(f"{SVG}text") if e.attrib.get("class") == "ccp-name"]
    assert names == ["Beta", "Alpha", "Gamma"]
    assert len([e for e in svg.iter(f"{SVG}rect") if e.attrib.get("class") == "ccp-bar"]) == 3
    assert len([e for e in svg.iter(f"{SVG}path") if e.attrib.get("class") == "ccp-mark"]) == 3


def test_progress_page_renders_chart_table_and_missing() -> None:
    corpus = pipeline.validate(FIXTURE).corpus
    page = charts.progress_pages(corpus)["progress.md"]
    assert page.startswith("---\ntitle:")
    assert '<figure class="ccp-figure" id="ccp-compare">' in page
    assert "| [Exampleton](cities/exampleton.md) | 2009 to 2021 | 1,500,000.5 | 1,000,000 | −33% | −23% |" in page
    assert "- [Sampleville &lt;b&gt;](cities/sampleville.md): one inventory (2020)" in page


def test_hostile_names_stay_text_through_markdown() -> None:
    hostile = city([(2000, 10.0), (2010, 8.0)], name=HOSTILE + " _u_ <b>x</b>")
    corpus = Corpus(cities={"h": Loaded("h", "practices/cities/h.yaml", hostile, {})}, practices={})
    pages = render(corpus, Settings()).texts()
    for rel in ("index.md", "cities/h.md"):
        body = pages[rel].split("\n---\n", 1)[1]
        out = markdown.markdown(body, extensions=["tables", "admonition", "toc", "attr_list"])
        assert "<script" not in out and "<b>" not in out and "<em>" not in out, rel
        assert not re.search(r"href=\"\s*javascript:", out), rel
    body = charts.progress_pages(corpus)["progress.md"].split("\n---\n", 1)[1]
    out = markdown.markdown(body, extensions=["tables", "admonition", "toc", "attr_list"])
    assert "<script" not in out and "<em>" not in out and not re.search(r"href=\"\s*javascript:", out)


years = st.integers(min_value=1800, max_value=2100)
totals = st.one_of(st.integers(min_value=0, max_value=10**12), st.floats(min_value=0, max_value=1e12))
target = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["percent-reduction", "carbon-neutral", "net-zero", "fossil-free"]),
        "target_year": years,
        "status": st.sampled_from(["adopted", "legislated", "revised", "aspirational"]),
        "source": st.just("s"),
    },
    optional={"percent": st.floats(min_value=0.5, max_value=100), "baseline_year": years},
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(years, totals), max_size=6), st.lists(target, min_size=1, max_size=4))
def test_any_city_draws_without_raising(points: list[tuple[int, float]], targets: list[dict[str, Any]]) -> None:
    c = city(points, targets)
    figure = charts.city_chart("any", c)
    sentence = charts.gap_sentence(c)
    rows = charts.table(c)
    unique = {y for y, _ in points}
    if len(unique) < 2:
        assert figure.startswith("<p") and rows == ""
        return
    svg = svg_of(figure)
    assert sorted(int(e.attrib["data-year"]) for e in svg.iter(f"{SVG}circle") if "data-year" in e.attrib) == sorted(
        unique
    )
    assert sentence.startswith(f"In {max(unique)} Testville emitted")
    assert len(rows.splitlines()) >= 2 + len(unique)
    charts.comparison_chart({"any": c})


# --- map -------------------------------------------------------------------------------------------------


def test_topojson_decoder() -> None:
    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[0, 0], [10, 0], [0, 10]], [[10, 10], [-10, 0], [0, -10]]],
        "objects": {"land": {"type": "GeometryCollection",
                             "geometries": [{"type": "Polygon", "arcs": [[0, 1]]},
                                            {"type": "MultiPolygon", "arcs": [[[~1, ~0]]]}]}},
    }  # fmt: skip
    square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)]
    assert geo.land_from_topojson(topology) == [[square], [square[::-1]]]


def test_land_data_is_compact_and_documented() -> None:
    data = json.loads(geo.DATA.read_text(encoding="utf-8"))
    assert data["scale"] == geo.SCALE and len(data["polygons"]) > 50
    assert geo.DATA.stat().st_size < 40_000
    readme = (geo.DATA.parent / "README.md").read_text(encoding="utf-8")
    assert "Natural Earth" in readme and "public domain" in readme and "world-atlas" in readme


def test_map_links_every_city_with_a_name() -> None:
    corpus = pipeline.validate(REPO).corpus
    svg = ET.fromstring(geo.map_svg(corpus, ""))
    assert svg.attrib["role"] == "group" and "viewBox" in svg.attrib
    assert svg.find(f"{SVG}title") is not None and svg.find(f"{SVG}desc") is not None
    links = {a.attrib["href"]: a.attrib["aria-label"] for a in svg.iter(f"{SVG}a")}
    assert links == {f"cities/{cid}/": c.data.name for cid, c in corpus.cities.items()}
    deeper = ET.fromstring(geo.map_svg(corpus, "../"))
    assert all(a.attrib["href"].startswith("../cities/") for a in deeper.iter(f"{SVG}a"))
    with pytest.raises(ValueError):
        geo.map_svg(corpus, "https://evil.example/")


def test_map_escapes_hostile_names_and_separates_close_markers() -> None:
    near = city([], name=HOSTILE)
    also = city([], name="Next door", coordinates={"lat": 59.31, "lon": 18.11})
    cities = {"a": Loaded("a", "a.yaml", near, {}), "b": Loaded("b", "b.yaml", also, {})}
    out = geo.city_map(cities)
    assert "<script" not in out
    svg = ET.fromstring(out)
    markers = [(float(c.attrib["cx"]), float(c.attrib["cy"])) for c in svg.iter(f"{SVG}circle")
               if c.attrib.get("class") == "ccp-map-marker"]  # fmt: skip
    (x1, y1), (x2, y2) = markers
    assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= 2 * geo.MARKER


# --- in a browser, on the fixture site and on the real content ------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _serve(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module", params=["fixture", "real"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Corpus]]:
    practices = FIXTURE / "practices" if request.param == "fixture" else REPO / "practices"
    root = make_project(tmp_path_factory.mktemp(request.param), practices=practices)
    corpus = pipeline.validate(root).corpus
    for url in _serve(build(root)):
        yield url, corpus


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium not found: apt-get install chromium (in CI a missing browser is a failure)")
        pytest.skip("Chromium not found: apt-get install chromium")
    with sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


def _record(page: Page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    return requests


def test_each_city_chart_has_one_point_per_inventory_year(page: Page, site: tuple[str, Corpus]) -> None:
    base_url, corpus = site
    requests = _record(page)
    for cid, loaded in corpus.cities.items():
        page.goto(f"{base_url}cities/{cid}/")
        years = {i.year for i in loaded.data.inventories}
        expected = len(years) if len(years) >= 2 else 0
        assert page.locator("svg.ccp-chart circle[data-year]").count() == expected, cid
        if expected:
            assert page.locator("svg.ccp-chart[role=img]").count() == 1
            assert sorted(
                page.locator("circle[data-year]").evaluate_all("cs => cs.map(c => +c.dataset.year)")
            ) == sorted(years)
            assert page.locator("h2#progress + figure > svg.ccp-chart").count() == 1
        else:
            assert page.locator("p.ccp-nochart").count() == 1
    page.goto(base_url + "progress/")
    assert page.locator("svg.ccp-chart rect.ccp-bar").count() == len(
        charts.changes({k: v.data for k, v in corpus.cities.items()})[0]
    )
    assert [u for u in requests if not u.startswith((base_url, "data:", "blob:"))] == []


def test_map_links_reach_city_pages(page: Page, site: tuple[str, Corpus]) -> None:
    base_url, corpus = site
    requests = _record(page)
    page.goto(base_url)
    links = page.locator("svg.ccp-map a")
    assert links.count() == len(corpus.cities)
    targets = links.evaluate_all("as => as.map(a => [a.getAttribute('href'), a.getAttribute('aria-label')])")
    for href, label in targets:
        response = page.goto(base_url + href)
        assert response is not None and response.ok, href
        assert page.locator("h1").first.inner_text().removesuffix("¶") == label
    # and by a click, as a reader does
    page.goto(base_url)
    first = page.locator("svg.ccp-map a").first
    first.click()
    page.wait_for_load_state()
    assert "/cities/" in page.url
    assert [u for u in requests if not u.startswith((base_url, "data:", "blob:"))] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_city_chart_fits_and_follows_the_palette(
    browser: Browser, site: tuple[str, Corpus], tmp_path_factory: pytest.TempPathFactory, width: int, scheme: str
) -> None:
    base_url, corpus = site
    cid = "boston" if "boston" in corpus.cities else "exampleton"
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.emulate_media(color_scheme="dark" if scheme == "dark" else "light")
    page.goto(f"{base_url}cities/{cid}/#progress")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    chart = page.locator("svg.ccp-chart").first
    box = chart.bounding_box()
    assert box is not None and box["width"] <= width and box["height"] > 100
    line = page.evaluate("getComputedStyle(document.querySelector('.ccp-inv')).stroke")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert line != background
    light = line.startswith("rgba(0, 0, 0") or line.startswith("rgb(0, 0, 0")
    assert light == (scheme == "light"), line
    folder = Path(os.environ.get("CHART_SCREENSHOTS") or tmp_path_factory.getbasetemp() / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    page.locator("h2#progress").scroll_into_view_if_needed()
    page.screenshot(path=str(folder / f"{cid}-{width}-{scheme}.png"), full_page=False)
    context.close()


def test_gap_sentence_also_compares_with_the_citys_own_targets() -> None:
    from generator import pipeline

    from .conftest import REPO

    london = pipeline.validate(REPO).corpus.cities["london"].data
    sentence = charts.gap_sentence(london)
    assert "below the 80%-by-2050 pathway" in sentence and "above the line of its own targets" in sentence


def test_every_city_on_the_real_map_is_labelled_and_no_label_hides_another() -> None:
    corpus = pipeline.validate(REPO).corpus
    ordered = sorted(corpus.cities.items(), key=lambda item: (item[1].data.name.casefold(), item[0]))
    points = geo._declutter([geo._xy(c.data.coordinates.lon, c.data.coordinates.lat) for _, c in ordered])
    labels = geo.label_layout(points, [c.data.name for _, c in ordered])
    missing = [cid for (cid, _), label in zip(ordered, labels, strict=True) if label is None]
    assert missing == []
    boxes = [label.box for label in labels if label is not None]
    markers = [(x - geo.MARKER, y - geo.MARKER, x + geo.MARKER, y + geo.MARKER) for x, y in points]
    for n, box in enumerate(boxes):
        assert box[0] >= 0 and box[2] <= geo.WIDTH and box[1] >= 0 and box[3] <= geo.HEIGHT
        assert not any(geo._overlaps(box, other) for other in boxes[n + 1 :] + markers)
    svg = geo.city_map(corpus.cities)
    assert svg.count('aria-hidden="true">') == len(ordered)  # one visible name per city
    assert svg.count('class="ccp-map-callout"') == sum(1 for label in labels if label and label.leader)


def test_a_label_goes_farther_away_when_no_side_of_its_marker_is_free() -> None:
    # a marker ringed by eight others, placed last: every side of it is taken, so its label goes away, with a line
    ring = [(388.0, 188.0), (400.0, 188.0), (412.0, 188.0), (388.0, 200.0), (412.0, 200.0), (388.0, 212.0)]
    ring += [(400.0, 212.0), (412.0, 212.0)]
    names = ["Aa", "Bb", "Cc", "Dd", "Ee", "Ff", "Gg", "Hh", "Middle"]
    labels = geo.label_layout([*ring, (400.0, 200.0)], names)
    assert all(label is not None for label in labels)
    middle = labels[-1]
    assert middle is not None and middle.leader is not None
    boxes = [label.box for label in labels if label is not None]
    assert not any(geo._overlaps(a, b) for n, a in enumerate(boxes) for b in boxes[n + 1 :])
