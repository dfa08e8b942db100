"""Six languages: translations as data beside the English, validated against it; a site per language with every
page, a selector and hreflang links leading to the same page in another language, search in each language, and
nothing hidden when a translation is missing or stale."""

import contextlib
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from generator import pipeline
from generator.cli import main
from generator.pages import i18n
from generator.pages.localize import localize
from generator.problems import errors
from generator.publishing import languages as sites
from generator.publishing import sitemap
from generator.schema import translated
from generator.schema.languages import LANGUAGES, TRANSLATED
from generator.tools import messages

from .conftest import FIXTURE, REPO, make_project
from .test_browser import axe_violations, launch, serve
from .test_site import build

RUN = "practices/transportation/exampleton-congestion-charge"


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


# --- translations as data ------------------------------------------------------------------------------------


def test_a_stale_translation_is_a_warning_naming_both_files_and_blocks_nothing(project: Path) -> None:
    english = project / f"{RUN}.yaml"
    english.write_text(english.read_text().replace("cut traffic across", "reduced traffic across"))
    status, out, err = _cli("validate", "--root", str(project))
    assert status == 0 and out.startswith("ok: 3 case studies, 2 cities and 6 translations are valid")
    stale = [line for line in err.splitlines() if "warning: stale" in line]
    assert len(stale) == len(TRANSLATED), err  # every translation of the case study, each naming both files
    assert all(f"{RUN}.yaml has changed" in line for line in stale)
    assert {re.match(r"(\S+?):\d+:", line).group(1) for line in stale} == {f"{RUN}.{lang}.yaml" for lang in TRANSLATED}  # type: ignore[union-attr]
    assert err.endswith("5 warnings, nothing blocking\n")
    status, _, err = _cli("generate", "--root", str(project))
    assert status == 0 and "warning: stale" in err
    page = (project / f"docs/fr/{RUN}.md").read_text(encoding="utf-8")
    assert '!!! warning "' in page and f'<a href="../../../../{RUN}/" hreflang="en">' in page


def test_a_stale_translation_never_shows_what_the_english_no_longer_has(project: Path) -> None:
    english = project / f"{RUN}.yaml"
    text = english.read_text(encoding="utf-8")
    text = re.sub(r"^lessons: \[.*\]\n", "", text, flags=re.MULTILINE)
    text = re.sub(r"^  advocacy_ask: .*\n", "", text, flags=re.MULTILINE)
    english.write_text(text, encoding="utf-8")
    status, _, err = _cli("generate", "--root", str(project))
    assert status == 0 and "warning: stale" in err
    page = (project / f"docs/fr/{RUN}.md").read_text(encoding="utf-8")
    assert "Un essai suivi d'un référendum" not in page and "Une loi nationale permettant" not in page


def test_translate_scaffolds_a_file_with_the_english_beside_each_field(project: Path) -> None:
    status, out, _ = _cli("translate", "--root", str(project), "--to", "es", "--id", "exampleton-district-heating")
    assert status == 0 and "wrote practices/energy/exampleton-district-heating.es.yaml" in out
    scaffold = (project / "practices/energy/exampleton-district-heating.es.yaml").read_text(encoding="utf-8")
    english = (project / "practices/energy/exampleton-district-heating.yaml").read_text(encoding="utf-8")
    title = re.search(r'^title: "(.*)"$', english, re.MULTILINE)
    assert title is not None and f"# English: {title.group(1)}" in scaffold
    assert "Spanish translation of practices/energy/exampleton-district-heating.yaml" in scaffold
    assert re.search(r'^  made_from: "[0-9a-f]{16}"', scaffold, re.MULTILINE)  # quoted: all digits stay text
    # until every TODO is replaced, validation says where and what each field expects
    status, _, err = _cli("validate", "--root", str(project))
    assert status == 1 and "exampleton-district-heating.es.yaml:" in err and "replace the TODO placeholder" in err
    filled = re.sub(r'"TODO: translate"', '"texto"', scaffold).replace("by: TODO", "by: machine")
    filled = filled.replace("  TODO: translate", "  Texto.")
    (project / "practices/energy/exampleton-district-heating.es.yaml").write_text(filled, encoding="utf-8")
    assert _cli("validate", "--root", str(project))[0] == 0
    # never overwrites; refuses a language the site does not have
    again = _cli("translate", "--root", str(project), "--to", "es", "--id", "exampleton-district-heating")
    assert again[0] == 1 and "already exists" in again[2]
    assert "unknown language 'de'" in _cli("translate", "--root", str(project), "--to", "de")[2]


def test_a_translation_never_changes_a_figure_unit_date_or_source() -> None:
    """Every translation of the real content, put into its case study, leaves everything but the text as it is."""
    result = pipeline.validate(REPO)
    assert errors(result.problems) == []
    text = {"title", "summary", "description", "lessons", "barriers", "lever", "impacts", "transferability"}
    count = 0
    for (kind, ident), by_lang in result.corpus.translations.items():
        if kind != "practices":
            continue
        english = result.corpus.practices[ident].data
        for found in by_lang.values():
            shown = translated.apply(english, found.data).practice  # type: ignore[arg-type]
            assert shown.model_dump(exclude=text) == english.model_dump(exclude=text)
            assert [i.model_dump(exclude={"metric", "note"}) for i in shown.impacts] == [
                i.model_dump(exclude={"metric", "note"}) for i in english.impacts
            ]
            assert shown.lever.model_dump(exclude={"advocacy_ask"}) == english.lever.model_dump(
                exclude={"advocacy_ask"}
            )
            count += 1
    assert count == len(result.corpus.practices) * len(TRANSLATED), "every case study in every language"


def test_every_real_case_study_and_city_is_translated_into_every_language() -> None:
    corpus = pipeline.validate(REPO).corpus
    for lang in TRANSLATED:
        _, status = localize(corpus, lang)
        missing = [key for key, s in status.items() if not s.translated]
        assert missing == [], lang
        assert all(s.by == "machine" for s in status.values()), "machine translations, said so on every page"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_string_of_the_site_is_translated(lang: str) -> None:
    assert messages.translation_problems(i18n.LOCALE_DIR / f"{lang}.po", lang) == []


def test_numbers_dates_and_countries_follow_the_language() -> None:
    import datetime as dt

    from generator.pages.text import country, date

    with i18n.language("fr"):
        assert i18n.number(800000000) == "800\u202f000\u202f000" or i18n.number(800000000) == "800 000 000"
        assert i18n.number(4.4) == "4,4" and country("SE") == "Suède" and date(dt.date(2024, 5, 31)) == "31 mai 2024"
    with i18n.language("en"):
        assert i18n.number(800000000) == "800,000,000" and date(dt.date(2024, 5, 31)) == "2024-05-31"
    with i18n.language("ru"):  # plural rules from CLDR: one, few, many
        forms = [i18n.ngettext("%(num)s case study", "%(num)s case studies", n) for n in (1, 3, 5)]
        assert len(set(forms)) == 3


def test_each_language_site_is_configured_from_mkdocs_yml() -> None:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    ar = yaml.load(sites.config(REPO, "ar"), Loader=Loader)
    assert ar["theme"]["language"] == "ar" and ar["docs_dir"] == "docs/ar" and ar["site_url"].endswith("/ar/")
    assert "hooks" not in ar and [entry for entry in ar["nav"] if "الفهرس" in entry], ar["nav"]
    assert [lang["code"] for lang in ar["extra"]["languages"]] == list(LANGUAGES)
    en = yaml.load(sites.config(REPO, "en"), Loader=Loader)
    assert en["theme"]["language"] == "en" and en["extra"]["language_up"] == ""


# --- the sites -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture's site in six languages: one case study translated into each (French by a person, the others
    by machine; Chinese without its description), the others not translated."""
    return build(make_project(tmp_path_factory.mktemp("languages")))


def _pages(site: Path, prefix: str) -> list[str]:
    root = site / prefix if prefix else site
    skip = {*TRANSLATED, "assets", "pagefind"}
    return sorted(
        p.parent.relative_to(root).as_posix()
        for p in root.rglob("index.html")
        if not (p.relative_to(root).parts[0] in skip and len(p.relative_to(root).parts) > 1)
    )


UNTRANSLATED = {"practices/energy/exampleton-district-heating", "practices/waste/sampleville-hostile-text"}
"""The fixture's case studies with no translation: their English page is the only one."""


def test_every_page_but_untranslated_case_studies_exists_in_every_language(site: Path) -> None:
    english = _pages(site, "")
    assert len(english) > 20 and "data" in english and set(english) >= UNTRANSLATED
    for lang in TRANSLATED:
        assert _pages(site, lang) == sorted(set(english) - UNTRANSLATED), lang
        html = (site / lang / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html
    assert 'dir="rtl"' in (site / "ar/index.html").read_text(encoding="utf-8")


def test_every_page_links_to_the_same_page_in_every_language_that_has_it(site: Path) -> None:
    home = "https://cnca-practices.github.io/city-climate-practices/"
    for lang in LANGUAGES:
        prefix = "" if lang == "en" else f"{lang}/"
        for page in _pages(site, prefix.rstrip("/")):
            here = "" if page == "." else page + "/"
            path = site / prefix / here / "index.html"
            html = path.read_text(encoding="utf-8")
            for other in LANGUAGES:
                other_prefix = "" if other == "en" else f"{other}/"
                exists = (site / other_prefix / here / "index.html").is_file()
                alternate = f'hreflang="{other}" href="{home}{other_prefix}{here}"'
                assert (alternate in html) == exists, (lang, page, other)
                link = re.search(rf'<a href="([^"]*)"(?: hreflang="{other}")? lang="{other}"', html)
                assert link is not None, (lang, page, other)
                target = (path.parent / link.group(1) / "index.html").resolve()
                # the same page where the language has it, else that language's home page
                expected = site / other_prefix / (here if exists else "") / "index.html"
                assert target == expected.resolve(), (lang, page, other)
            assert f'hreflang="x-default" href="{home}{here}"' in html


def test_the_sitemap_lists_every_page_in_every_language_with_its_alternates(site: Path) -> None:
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    pages = _pages(site, "")
    count = sum(len(LANGUAGES) if page not in UNTRANSLATED else 1 for page in pages)
    assert text.count("<url>") == count and text.count('hreflang="x-default"') == count
    assert not (site / "fr/sitemap.xml").exists()
    assert sitemap.PER_FILE >= 1000


def test_a_case_study_not_translated_is_listed_linking_to_its_english_page(site: Path) -> None:
    catalogue = (site / "fr/catalogue/index.html").read_text(encoding="utf-8")
    # listed and counted in French: the translated title as it is, the others in English, leading to English
    assert "Péage urbain" in catalogue
    link = '<a href="../../practices/energy/exampleton-district-heating/" hreflang="en" lang="en" dir="ltr">'
    assert link + "District heating</a>" in catalogue
    sector = (site / "fr/practices/energy/index.html").read_text(encoding="utf-8")
    assert '<a href="../../../practices/energy/exampleton-district-heating/" hreflang="en"' in sector
    assert not (site / "fr/practices/energy/exampleton-district-heating").exists()
    english = (site / "practices/energy/exampleton-district-heating/index.html").read_text(encoding="utf-8")
    assert "Not translated yet into" in english and "Français" in english and "contributing/#translations" in english
    machine = (site / f"es/{RUN}/index.html").read_text(encoding="utf-8")
    assert "admonition note" in machine and "Traducción automática" in machine
    human = (site / f"fr/{RUN}/index.html").read_text(encoding="utf-8")
    assert "Traduction automatique" not in human and "data-pagefind-body" in human
    partial = (site / f"zh/{RUN}/index.html").read_text(encoding="utf-8")
    assert '<div class="practice-description" lang="en" dir="ltr">' in partial  # no Chinese description yet
    coverage = (site / "fr/coverage/index.html").read_text(encoding="utf-8")
    assert "exampleton-district-heating" in coverage


def test_open_data_carries_the_translated_titles_and_summaries(site: Path) -> None:
    import csv
    import json

    records = {r["id"]: r for r in json.loads((site / "data/practices.json").read_text(encoding="utf-8"))}
    fr = records["exampleton-congestion-charge"]["translations"]["fr"]
    assert fr["title"] == "Péage urbain" and fr["by"] == "human" and fr["stale"] is False
    rows = list(csv.DictReader(io.StringIO((site / "data/practices.csv").read_text(encoding="utf-8-sig"))))
    row = next(r for r in rows if r["id"] == "exampleton-congestion-charge")
    assert row["title_es"] == "Cargo por congestión" and row["summary_zh"].startswith("对进入市中心")


# --- in the browser --------------------------------------------------------------------------------------------

QUERIES = {
    # a word of a translated title, as a reader would type it: inflected (stemming), or two Chinese characters
    "fr": ("péages", "La taxe de congestion de Stockholm"),
    "es": ("impuestos", "Impuesto de congestión de Estocolmo"),
    "ru": ("налога", "Налог на заторы в Стокгольме"),
    "zh": ("拥堵", "斯德哥尔摩拥堵税"),
    "ar": ("ازدحام", "ضريبة الازدحام في ستوكهولم"),
    "en": ("congestion", "Stockholm congestion tax"),
}


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = make_project(tmp_path_factory.mktemp("real"), practices=REPO / "practices")
    yield from serve(build(root))


@pytest.fixture(scope="module")
def browser_page() -> Iterator[Page]:
    with sync_playwright() as p:
        browser = launch(p)
        yield browser.new_context().new_page()
        browser.close()


@pytest.mark.parametrize("lang", list(QUERIES))
def test_search_finds_a_page_in_its_own_language(browser_page: Page, real: str, lang: str) -> None:
    page = browser_page
    query, title = QUERIES[lang]
    prefix = "" if lang == "en" else f"{lang}/"
    page.goto(f"{real}{prefix}")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.keyboard.type(query, delay=60)
    # results are drawn again as each letter arrives: wait for those of the whole word, with the page among them
    target = f"/{prefix}practices/transportation/stockholm-congestion-tax/"
    page.wait_for_function(
        "target => [...document.querySelectorAll('.md-search-result__item a')].some(a => a.href.endsWith(target))",
        arg=target,
        timeout=15_000,
    )
    links: list[str] = []
    for _ in range(20):  # until two looks 300 ms apart agree (the last query's results are drawn)
        page.wait_for_timeout(300)
        now = page.locator(".md-search-result__item a").evaluate_all("(as) => as.map(a => a.href)")
        if now and now == links:
            break
        links = now
    assert any(link.endswith(target) for link in links), links
    assert page.locator(".md-search-result__item", has_text=title).count() >= 1
    assert links and all(f"{real}{prefix}" in link for link in links), "only this language's pages"
    if lang != "en":
        assert all(not re.match(rf"{re.escape(real)}(?!{lang}/)[a-z]{{2}}/", link) for link in links)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_serious_accessibility_violation_in_any_language(browser_page: Page, real: str, lang: str) -> None:
    page = browser_page
    for path in ("", "practices/transportation/stockholm-congestion-tax/", "catalogue/", "cities/oslo/"):
        page.goto(f"{real}{lang}/{path}")
        page.wait_for_load_state("networkidle")
        assert axe_violations(page) == [], (lang, path)


def test_the_language_selector_leads_to_the_same_page(browser_page: Page, real: str) -> None:
    page = browser_page
    page.goto(f"{real}fr/cities/oslo/")
    page.locator(".ccp-languages button").click()
    page.locator('.ccp-languages a[hreflang="ar"]').click()
    page.wait_for_url(f"{real}ar/cities/oslo/")
    assert page.locator("html").get_attribute("lang") == "ar"
    page.locator(".ccp-languages button").click()
    page.locator('.ccp-languages a[hreflang="en"]').click()
    page.wait_for_url(f"{real}cities/oslo/")


def test_arabic_reads_right_to_left_without_sideways_scrolling(browser_page: Page, real: str) -> None:
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        for path in ("", "cities/oslo/", "practices/transportation/stockholm-congestion-tax/", "progress/", "fits/"):
            page.goto(f"{real}ar/{path}")
            assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
            wide = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert wide <= 1, (path, wide)
        # the chart reads right to left: the latest year on the left
        page.goto(f"{real}ar/cities/oslo/")
        years = page.locator(".ccp-chart circle[data-year]").evaluate_all(
            "(cs) => cs.map(c => [Number(c.dataset.year), Number(c.getAttribute('cx'))])"
        )
        assert len(years) >= 2 and sorted(years)[0][1] > sorted(years)[-1][1]
    finally:
        page.set_viewport_size({"width": 1280, "height": 720})


def test_the_catalogue_speaks_the_page_language(browser_page: Page, real: str) -> None:
    page = browser_page
    page.goto(f"{real}ru/catalogue/")
    page.locator(".catalogue__status").wait_for()
    status = page.locator(".catalogue__status").inner_text()
    assert re.search(r"\d+", status) and "case studies" not in status, status
    page.goto(f"{real}fr/fits/")
    page.locator(".fits-status").wait_for()
    assert "case studies" not in page.locator(".fits-status").inner_text()


def test_the_fixture_has_one_translation_of_a_case_study_in_every_language() -> None:
    files = sorted(p.name for p in (FIXTURE / "practices/transportation").glob("*.*.yaml"))
    assert files == sorted(f"exampleton-congestion-charge.{lang}.yaml" for lang in TRANSLATED)


def test_serve_makes_english_only_and_the_next_full_run_makes_every_language(project: Path) -> None:
    docs = project / "docs"
    assert pipeline.generate(project, docs)[1] is not None
    french = docs / f"fr/{RUN}.md"
    before = french.read_bytes()
    english = project / f"{RUN}.yaml"
    english.write_text(english.read_text().replace("cut traffic across", "reduced traffic across"))
    _, written = pipeline.generate(project, docs, languages=("en",))  # what `make serve` runs on a save
    assert written is not None and not any(
        rel.startswith(tuple(f"{t}/" for t in TRANSLATED)) for rel in written.written
    )
    assert f"{RUN}.md" in written.written and french.read_bytes() == before and not written.removed
    assert "reduced traffic across" in (docs / f"{RUN}.md").read_text(encoding="utf-8")
    _, written = pipeline.generate(project, docs)  # `make site`: the French page now says the English changed
    assert written is not None and not written.nothing_changed and f"fr/{RUN}.md" in written.written
    assert '!!! warning "' in french.read_text(encoding="utf-8")


def test_every_link_of_every_language_reaches_a_file(site: Path) -> None:
    """The open data from a translated page (two levels up from data/), the English pages of untranslated case
    studies, the selector: every relative address of every page of every language reaches a file."""
    for path in site.rglob("*.html"):
        if path.name == "404.html":
            continue  # its addresses are absolute (it is served for any missing address)
        for href in re.findall(r'href="([^"#?]*)[^"]*"', path.read_text(encoding="utf-8")):
            if not href or re.match(r"[a-z]+:|/", href):
                continue
            target = path.parent / href
            target = target / "index.html" if href.endswith("/") or target.is_dir() else target
            assert target.is_file(), f"{path.relative_to(site)} links to {href}"


def test_the_compare_page_and_the_map_speak_the_language(site: Path) -> None:
    compare = (site / "fr/compare/index.html").read_text(encoding="utf-8")
    assert "Comparer des études de cas" in compare and "Compare case studies" not in compare
    home = (site / "fr/index.html").read_text(encoding="utf-8")
    assert '<title id="ccp-map-title">Carte des villes membres</title>' in home
