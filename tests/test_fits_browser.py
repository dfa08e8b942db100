"""What fits my city, the planning scorecard and pages on a phone, in Chromium: the real content, built
once, on a desktop (1280 px) and a phone (390 px) screen."""

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from generator import pipeline
from generator.pages import glance, scorecard
from generator.problems import errors
from generator.reading.load import Corpus

from .conftest import REPO, make_project
from .test_browser import axe_violations, launch, serve
from .test_site import build

WIDTHS = {"desktop": 1280, "phone": 390}
EXAMPLE = "stockholm-congestion-tax"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    result = pipeline.validate(REPO)
    assert errors(result.problems) == []
    return result.corpus


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve(build(make_project(tmp_path_factory.mktemp("real"), practices=REPO / "practices")))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


@pytest.fixture(params=list(WIDTHS))
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page at desktop and phone width that fails the test on a script error."""
    context = browser.new_context(viewport={"width": WIDTHS[request.param], "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def _needs(corpus: Corpus, ident: str) -> tuple[list[str], list[str], str]:
    needs = glance.requires(corpus.practices[ident].data)
    assert needs is not None and needs.powers and needs.context
    return list(needs.powers), list(needs.context), needs.scale


def _result(page: Page, ident: str) -> dict[str, object]:
    """Where the case study is in the ranking, its verdict and what it lacks."""
    found: dict[str, object] = page.evaluate(
        """ident => {
          const items = [...document.querySelectorAll('#fits-results li.fits-result')];
          const index = items.findIndex(li => li.querySelector('a').getAttribute('href').includes('/' + ident));
          if (index < 0) return {index};
          const li = items[index];
          return {
            index,
            verdict: li.querySelector('.fits-verdict').textContent,
            lacks: [...li.querySelectorAll('.fits-need--missing')].map(n => n.textContent),
            fitting_before: items.slice(0, index).every(i => i.classList.contains('fits-result--fits')),
          };
        }""",
        ident,
    )
    return found


def _tick(page: Page, powers: list[str], context: list[str], size: str) -> None:
    for value in powers:
        page.check(f"#fits-power-{value}")
    for value in context:
        page.check(f"#fits-context-{value}")
    page.check(f"#fits-size-{size}")


def test_the_finder_ranks_a_case_study_first_once_its_city_has_all_it_needs(
    page: Page, base_url: str, corpus: Corpus
) -> None:
    powers, context, _ = _needs(corpus, EXAMPLE)
    page.goto(base_url + "fits/")
    page.locator("#fits-results li.fits-result").first.wait_for()
    before = _result(page, EXAMPLE)
    assert before.get("verdict") != "Fits: your city has all it needs"  # (or not among the first shown)

    _tick(page, powers, context, "over-1m")
    after = _result(page, EXAMPLE)
    assert after["verdict"] == "Fits: your city has all it needs"
    assert after["fitting_before"] is True and after["lacks"] == []
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"power": powers, "context": context, "size": ["over-1m"]}
    status = page.locator("#fits-results [role=status]").inner_text()
    assert status.startswith(f"{len(corpus.practices)} case studies: ")


def test_an_answer_taken_back_changes_the_ranking_and_says_what_is_lacking(
    page: Page, base_url: str, corpus: Corpus
) -> None:
    powers, context, scale = _needs(corpus, EXAMPLE)
    page.goto(base_url + "fits/")
    page.locator("#fits-results li.fits-result").first.wait_for()
    _tick(page, powers, context, "over-1m")
    page.uncheck(f"#fits-power-{powers[0]}")
    result = _result(page, EXAMPLE)
    assert result["verdict"] == "Missing 1 need"
    lacks = result["lacks"]
    assert isinstance(lacks, list) and len(lacks) == 1 and lacks[0].startswith("Lacks: Your city ")
    ask = corpus.practices[EXAMPLE].data.lever.advocacy_ask
    assert ask and ask in page.locator("#fits-results li.fits-result").nth(int(str(result["index"]))).inner_text()

    page.check("#fits-size-under-100k")
    if scale != "any":
        assert _result(page, EXAMPLE)["verdict"] == "Missing 2 needs"
    page.go_back()  # Back undoes the last answer
    page.wait_for_function("() => document.querySelector('#fits-size-over-1m').checked")
    assert _result(page, EXAMPLE)["verdict"] == "Missing 1 need"


def test_the_answers_in_the_address_come_back_when_it_is_opened(page: Page, base_url: str, corpus: Corpus) -> None:
    powers, context, _ = _needs(corpus, EXAMPLE)
    query = "&".join([*(f"power={v}" for v in powers), *(f"context={v}" for v in context), "size=over-1m"])
    page.goto(base_url + "fits/?" + query)
    page.locator("#fits-results li.fits-result").first.wait_for()
    assert all(page.is_checked(f"#fits-power-{v}") for v in powers)
    assert all(page.is_checked(f"#fits-context-{v}") for v in context)
    assert page.is_checked("#fits-size-over-1m")
    assert _result(page, EXAMPLE)["verdict"] == "Fits: your city has all it needs"


def test_the_finder_works_from_the_keyboard(page: Page, base_url: str, corpus: Corpus) -> None:
    powers, _, _ = _needs(corpus, EXAMPLE)
    page.goto(base_url + "fits/")
    page.locator("#fits-results li.fits-result").first.wait_for()
    page.focus(f"#fits-power-{powers[0]}")
    page.keyboard.press("Space")
    assert page.is_checked(f"#fits-power-{powers[0]}")
    assert parse_qs(urlsplit(page.url).query)["power"] == [powers[0]]
    unlabelled = page.evaluate(
        "() => [...document.querySelectorAll('#fits-form input')].filter(i => !i.labels.length).length"
    )
    assert unlabelled == 0
    assert page.locator("#fits-results [role=status][aria-live=polite]").count() == 1


def test_without_javascript_the_finder_lists_what_each_case_study_needs(
    browser: Browser, base_url: str, corpus: Corpus
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "fits/")
    assert not page.locator("#fits-form").is_visible()
    rows = page.locator("article table tbody tr")
    assert rows.count() == min(len(corpus.practices), 100)
    assert "a city that" in rows.first.inner_text()
    context.close()


def test_every_city_page_has_its_scorecard_and_the_comparison_page_has_every_city(
    page: Page, base_url: str, corpus: Corpus
) -> None:
    for cid in corpus.cities:
        page.goto(base_url + f"cities/{cid}/")
        rows = page.locator("#planning-scorecard ~ .md-typeset__scrollwrap table").first.locator("tbody tr")
        assert rows.count() == len(scorecard.CRITERIA), cid
        assert rows.first.locator("td").nth(1).inner_text() in ("Yes", "Partly", "No")
    page.goto(base_url + "scorecard/")
    links = page.locator("article table tbody tr td:first-child a")
    assert links.count() == len(corpus.cities)
    links.first.click()
    page.wait_for_url("**/cities/*/#planning-scorecard")


def _sideways(page: Page) -> int:
    """How far the page scrolls sideways, in CSS pixels (0: not at all)."""
    width: int = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    return width


def test_no_case_study_or_city_page_scrolls_sideways_on_a_phone_and_tables_become_cards(
    browser: Browser, base_url: str, corpus: Corpus
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    paths = [f"practices/{e.sector}/{e.id}/" for e in corpus.practices.values()]
    paths += [f"cities/{cid}/" for cid in corpus.cities]
    paths += ["", "fits/", "scorecard/", "progress/", "coverage/"]
    wide = {}
    for path in paths:
        page.goto(base_url + path)
        if _sideways(page) > 0:
            wide[path] = _sideways(page)
    assert wide == {}
    page.goto(base_url + f"practices/transportation/{EXAMPLE}/")
    table = page.locator("#impacts ~ .md-typeset__scrollwrap table").first
    assert table.evaluate("t => getComputedStyle(t).display") == "block"
    cell = table.locator("tbody td").first
    assert cell.get_attribute("data-label") == "Figure"
    assert cell.evaluate("td => getComputedStyle(td, '::before').content") == '"Figure"'
    context.close()


def test_tables_stay_tables_on_a_desktop(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + f"practices/transportation/{EXAMPLE}/")
    table = page.locator("#impacts ~ .md-typeset__scrollwrap table").first
    assert table.evaluate("t => getComputedStyle(t).display") in ("table", "inline-block")
    assert table.locator("thead").is_visible()
    context.close()


def test_the_first_screen_of_a_case_study_answers_at_a_glance(page: Page, base_url: str) -> None:
    page.goto(base_url + f"practices/transportation/{EXAMPLE}/")
    glance_box = page.locator("article .admonition").first
    text = glance_box.inner_text()
    for label in ("Where:", "Headline result:", "Cost:", "Who holds the lever:", "Can your city copy it?"):
        assert label in text
    assert "Sweden" in text and "SE" not in text.split()
    top = glance_box.bounding_box()
    assert top is not None and top["y"] < page.viewport_size["height"]  # type: ignore[index]


ANSWERED = "fits/?power=price-roads&context=transit-network&size=over-1m"


@pytest.mark.parametrize("path", ["fits/", ANSWERED, "scorecard/"])
def test_the_new_pages_have_no_serious_accessibility_violation(page: Page, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []


def test_a_city_page_and_a_case_study_on_a_phone_have_no_serious_accessibility_violation(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    for path in ("cities/london/", f"practices/transportation/{EXAMPLE}/", ""):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        assert axe_violations(page) == [], path
    context.close()


def test_the_home_page_leads_by_goal_situation_and_city(page: Page, base_url: str) -> None:
    page.goto(base_url)
    start = page.locator("#where-to-start + ul")
    hrefs = start.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    for target in ("practices/transportation/", "practices/energy/", "practices/waste/", "fits/", "cities/"):
        assert target in hrefs
    assert page.locator("#what-is-new + p + ul li").count() == 5


def test_without_a_size_a_case_study_for_larger_cities_fits_only_if_the_city_is_large_enough(
    page: Page, base_url: str, corpus: Corpus
) -> None:
    powers, context, scale = _needs(corpus, EXAMPLE)
    assert scale != "any"
    page.goto(base_url + "fits/")
    page.locator("#fits-results li.fits-result").first.wait_for()
    for value in powers:
        page.check(f"#fits-power-{value}")
    for value in context:
        page.check(f"#fits-context-{value}")
    result = _result(page, EXAMPLE)
    assert result["verdict"] == "Fits if your city is large enough: it has all the rest it needs"
    assert "may fit" in page.locator("#fits-results [role=status]").inner_text()
    item = page.locator("#fits-results li.fits-result").nth(int(str(result["index"])))
    assert item.locator(".fits-ask").count() == 0, "nothing to ask of others when only the size is unknown"
    page.check("#fits-size-under-100k")
    item = page.locator("#fits-results li.fits-result").nth(int(str(_result(page, EXAMPLE)["index"])))
    assert item.locator(".fits-need--missing").count() == 1
    assert item.locator(".fits-ask").count() == 0, "a city's size cannot be asked for"


def test_answers_the_form_does_not_know_leave_the_address_and_clear_restores_not_answered(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "fits/?size=constructor&power=__proto__&power=price-roads&colour=red")
    page.locator("#fits-results li.fits-result").first.wait_for()
    assert page.is_checked("#fits-size-none") and page.is_checked("#fits-power-price-roads")
    assert urlsplit(page.url).query == "power=price-roads"
    page.click("#fits-clear")
    page.wait_for_function("() => location.search === ''")
    assert page.is_checked("#fits-size-none") and not page.is_checked("#fits-power-price-roads")


def test_on_a_phone_the_foot_of_the_form_stays_in_view_and_leads_to_the_ranking(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base_url + "fits/")
    page.locator("#fits-results li.fits-result").first.wait_for()
    page.check("#fits-power-price-roads")
    jump = page.locator(".fits-jump")
    box = jump.bounding_box()
    assert box is not None and 0 <= box["y"] <= 844, "the link is on screen while the questions are"
    assert jump.inner_text().startswith("See the ranking: ")
    jump.click()
    assert page.locator("#fits-ranking").bounding_box()["y"] < 200  # type: ignore[index]
    context.close()


_SHIFTS = """() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => done(total), 500);
})"""


@pytest.mark.parametrize("path", [f"practices/transportation/{EXAMPLE}/", "cities/london/", "scorecard/"])
def test_tables_become_cards_without_moving_the_page_on_a_phone(browser: Browser, base_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + path)
    page.wait_for_load_state("load")
    assert page.evaluate(_SHIFTS) < 0.1  # the layout is a card's from the first paint; the labels fill in
    context.close()


def test_without_javascript_tables_stay_tables_on_a_phone(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + f"practices/transportation/{EXAMPLE}/")
    assert page.locator("article table thead").first.is_visible()  # (Material wraps tables only with JavaScript)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    context.close()
