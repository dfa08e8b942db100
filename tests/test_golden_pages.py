"""Golden files: the fixture's YAML beside every page and data file it must produce (tests/golden/docs/:
pages, catalogue and compare data, open data, schemas, feed).

Run `pytest --update-golden` to rewrite them, then review the diff.
"""

from pathlib import Path

import pytest

from generator import pipeline
from generator.outputs import outputs
from generator.publishing.write import OWNED
from generator.reading import config

from .conftest import FIXTURE, HERE, REPO, without_jsonld

GOLDEN = HERE / "golden" / "docs"


def _pages() -> dict[str, str]:
    """Every page and data file the fixture gives, from the function the writer uses."""
    result = pipeline.validate(FIXTURE)
    assert result.problems == []
    return outputs(result.corpus, config.read(REPO)).texts()


def test_every_page_kind_is_rendered() -> None:
    pages = _pages()
    assert {rel.split("/")[0] for rel in pages} == set(OWNED), "every generated path has golden files"
    assert {Path(rel).suffix for rel in pages} == {".md", ".json", ".csv", ".js", ".xml"}
    assert {"index.md", "cities/index.md", "cities/exampleton.md", "practices/energy/index.md"} <= set(pages)
    assert "practices/transportation/exampleton-congestion-charge.md" in pages
    assert "practices/waste/sampleville-hostile-text.md" in pages


def test_pages_match_golden_files(update_golden: bool) -> None:
    pages = _pages()
    if update_golden:
        for old in GOLDEN.rglob("*"):
            if old.is_file():
                old.unlink()
        for rel, text in pages.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(text.encode("utf-8"))
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_bytes().decode("utf-8") for p in GOLDEN.rglob("*") if p.is_file()
    }
    assert sorted(pages) == sorted(expected)
    for rel, text in pages.items():
        assert text == expected[rel], f"{rel} differs from tests/golden/docs/{rel}; run pytest --update-golden"


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
