"""Golden files: the fixture's YAML beside every page and data file it must produce (tests/golden/docs/:
pages, catalogue and compare data, open data, schemas, feed).

Run `pytest --update-golden` to rewrite them, then review the diff.
"""

import posixpath
import re
import shutil
from pathlib import Path

import pytest

from bench.corpus import make_project as make_synthetic_project
from generator import pipeline
from generator.outputs import outputs
from generator.pages import agenda, charts, paging, practices, scorecard, tags
from generator.problems import errors
from generator.publishing.write import OWNED
from generator.reading import config
from generator.schema.ids import SECTORS

from .conftest import FIXTURE, HERE, REPO, without_jsonld

GOLDEN = HERE / "golden" / "docs"


def _pages() -> dict[str, str]:
    """Every page and data file the fixture gives, from the function the writer uses."""
    result = pipeline.validate(FIXTURE)
    assert errors(result.problems) == [], "the fixture's only warning is its stale Russian translation"
    return outputs(result.corpus, config.read(REPO)).texts()


def test_every_page_kind_is_rendered() -> None:
    pages = _pages()
    paged_only = {"agenda", "progress", "scorecard"}  # folders of further pages: see test_long_lists_are_paged_...
    assert {rel.split("/")[0] for rel in pages} | paged_only == set(OWNED), "every generated path has golden files"
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


PAGED = HERE / "golden" / "docs-paged"
LISTS = ("agenda", "progress", "tags/index.md", "tags/pages/", "tags/air-", "cities/index.md", "cities/pages/")


def _paged(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    """The lists of a seeded synthetic corpus of 30 case studies (bench/corpus.py) as a large corpus gets them:
    pages of 4 entries, and each holder of levers with pages of its own."""
    monkeypatch.setattr(paging, "PAGE_SIZE", 4)
    monkeypatch.setattr(agenda, "INLINE", 3)
    monkeypatch.setattr(agenda, "PREVIEW", 2)
    monkeypatch.setattr(tags, "TAGS_PER_PAGE", 20)
    monkeypatch.setattr(tags, "PAGE_FROM", 1)  # every keyword with a page of its own, as a widely used one has
    monkeypatch.setattr(charts, "PER_PAGE", 1)
    monkeypatch.setattr(practices, "CITIES_PER_PAGE", 1)
    monkeypatch.setattr(practices, "HOME_CITIES", 1)
    monkeypatch.setattr(scorecard, "CITIES_PER_PAGE", 1)
    project = make_synthetic_project(tmp_path / "project", 30)
    result = pipeline.validate(project)
    assert errors(result.problems) == []
    pages = outputs(result.corpus, config.read(REPO)).texts()
    sectors = tuple(f"practices/{sector}/" for sector in SECTORS)
    return {
        rel: text
        for rel, text in pages.items()
        if rel.startswith((*LISTS, "fits/", "scorecard"))
        or rel == "index.md"
        or (rel.startswith(sectors) and (rel.endswith("/index.md") or "/pages/" in rel))
    }


def test_long_lists_are_paged_as_the_golden_files_say(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, update_golden: bool
) -> None:
    pages = _paged(monkeypatch, tmp_path)
    assert "practices/transportation/pages/2.md" in pages and "progress/pages/2.md" in pages
    assert "fits/pages/2.md" in pages and "scorecard/pages/2.md" in pages
    assert any(rel.startswith("agenda/") and rel.endswith("/pages/2.md") for rel in pages)
    if update_golden:
        shutil.rmtree(PAGED, ignore_errors=True)
        for rel, text in pages.items():
            (PAGED / rel).parent.mkdir(parents=True, exist_ok=True)
            (PAGED / rel).write_bytes(text.encode("utf-8"))
    expected = {p.relative_to(PAGED).as_posix(): p.read_bytes().decode("utf-8") for p in PAGED.rglob("*.md")}
    assert sorted(pages) == sorted(expected)
    for rel, text in pages.items():
        assert text == expected[rel], f"{rel} differs from tests/golden/docs-paged/{rel}; run pytest --update-golden"


def test_every_page_of_a_list_links_to_the_others_and_every_entry_is_on_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pages = _paged(monkeypatch, tmp_path)
    for sector in SECTORS:
        listed = [rel for rel in pages if rel.startswith(f"practices/{sector}/")]
        for rel in listed:
            folder = posixpath.dirname(rel)
            for target in re.findall(r"\]\(([^)]+\.md)\)", pages[rel]):
                resolved = posixpath.normpath(posixpath.join(folder, target))
                assert resolved in pages or resolved.startswith(("practices/", "cities/")), (rel, target)
        linked = {m for rel in listed for m in re.findall(r"\]\((?:\.\./)?([a-z0-9-]+)\.md\)", pages[rel])}
        files = {p.stem for p in (tmp_path / "project/practices" / sector).glob("*.yaml")}
        assert files <= linked, sector


def test_every_link_of_a_paged_list_reaches_a_page(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Links written for page 1 of a list must reach the same files from page 2 and on (MkDocs' strict build
    refuses a broken one, which a small site with lists of one page never shows)."""
    pages = _paged(monkeypatch, tmp_path)
    written = set(outputs(pipeline.validate(tmp_path / "project").corpus, config.read(REPO)).texts())
    hand_written = {p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs").rglob("*.md")}
    for rel, text in pages.items():
        folder = posixpath.dirname(rel)
        for target in re.findall(r"\]\(([^)#]+\.(?:md|xml))(?:#[^)]*)?\)", text):
            resolved = posixpath.normpath(posixpath.join(folder, target))
            assert resolved in written or resolved in hand_written, (rel, target)
