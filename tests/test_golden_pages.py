"""Golden Markdown: the fixture's YAML beside the exact pages it must produce (tests/golden/pages/).

Run `pytest --update-golden` to rewrite them, then review the diff.
"""

import pytest

from generator import agenda, pipeline
from generator.render import render

from .conftest import FIXTURE, HERE, without_jsonld

GOLDEN = HERE / "golden" / "pages"


def _pages() -> dict[str, str]:
    result = pipeline.validate(FIXTURE)
    assert result.problems == []
    pages = render(result.corpus, pipeline.settings(FIXTURE.parent.parent)).texts()
    return pages | {"agenda.md": agenda.agenda_page(result.corpus), "funded.md": agenda.funded_page(result.corpus)}


def test_every_page_kind_is_rendered() -> None:
    pages = _pages()
    assert {"index.md", "cities/index.md", "cities/exampleton.md", "practices/energy/index.md"} <= set(pages)
    assert "practices/transportation/exampleton-congestion-charge.md" in pages
    assert "practices/waste/sampleville-hostile-text.md" in pages


def test_pages_match_golden_files(update_golden: bool) -> None:
    pages = _pages()
    if update_golden:
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for rel, text in pages.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, encoding="utf-8")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(expected)
    for rel, text in pages.items():
        assert text == expected[rel], f"{rel} differs from tests/golden/pages/{rel}; run pytest --update-golden"


def test_render_is_deterministic() -> None:
    assert _pages() == _pages()


@pytest.mark.parametrize("page", ["practices/waste/sampleville-hostile-text.md", "cities/sampleville.md"])
def test_text_from_yaml_never_becomes_markup(page: str) -> None:
    text = _pages()[page]
    body = text.split("\n---\n", 1)[1]
    body = without_jsonld(body) if page.startswith("practices/") else body
    assert "\\[nor a link\\](https://evil.example)" in body or page.startswith("cities")
    for raw in ("<script", "<img", "<iframe", "<b>", "[nor a link]("):
        assert raw not in body


def test_edit_link_points_to_the_yaml_file() -> None:
    text = _pages()["practices/transportation/exampleton-congestion-charge.md"]
    assert "/edit/main/practices/transportation/exampleton-congestion-charge.yaml)" in text
