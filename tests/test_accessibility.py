"""axe-core (vendored in tests/vendor) finds no serious or critical accessibility violation on the
main kinds of page, built from the real content, in light and dark palettes."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, sync_playwright

from .conftest import REPO, make_project
from .test_browser import axe_violations, launch, serve
from .test_site import build

PAGES = [
    "",
    "catalogue/",
    "practices/transportation/stockholm-congestion-tax/",
    "cities/berlin/",
    "agenda/",
    "practices/energy/",
]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build(make_project(tmp_path_factory.mktemp("real"), practices=REPO / "practices"))
    yield from serve(site)


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    with sync_playwright() as p:
        browser = launch(p)
        yield browser.new_page()
        browser.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violation(page: Page, base_url: str, path: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
