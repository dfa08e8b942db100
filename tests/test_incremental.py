"""`generate` makes again only what changed (publishing/state.py): a page whose content depends on other files is
made again when they change, so an incremental run gives exactly what a run from nothing gives."""

from collections.abc import Callable
from pathlib import Path

import pytest

from bench.corpus import make_project as make_synthetic_project
from generator import pipeline
from generator.pages import tags
from generator.pages.related import Related
from generator.pages.tags import by_tag

from .conftest import make_project
from .test_cli import run
from .test_user_errors import _snapshot


def _move_to_waste(root: Path) -> None:
    (root / "practices/energy/exampleton-district-heating.yaml").rename(
        root / "practices/waste/exampleton-district-heating.yaml"
    )


def _share_a_tag(root: Path) -> None:
    # a keyword of one case study leads straight to it; once a second one carries it, it gets a page and a link
    other = root / "practices/energy/exampleton-district-heating.yaml"
    assert "\ntags:" not in other.read_text()
    other.write_text(other.read_text() + "tags: [congestion-pricing]\n")


@pytest.mark.parametrize("change", [_move_to_waste, _share_a_tag], ids=["move-to-another-sector", "share-a-tag"])
def test_an_incremental_run_gives_what_a_run_from_nothing_gives(tmp_path: Path, change: Callable[[Path], None]) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    root, fresh = make_project(tmp_path / "a"), make_project(tmp_path / "b")
    assert run("generate", "--root", str(root))[0] == 0
    change(root)
    change(fresh)
    assert run("generate", "--root", str(root))[0] == 0
    assert run("generate", "--root", str(fresh))[0] == 0
    assert _snapshot(root / "docs") == _snapshot(fresh / "docs")


def test_a_keyword_shared_later_becomes_a_link_on_the_page_that_had_it_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A's page shows its keyword as plain text while the keyword has no page; when another case study B
    takes it up and the keyword gets a page (here from two case studies), A's page links it, although A's
    file did not change."""
    monkeypatch.setattr(tags, "PAGE_FROM", 2)
    root = make_synthetic_project(tmp_path / "a", 30)
    fresh = make_synthetic_project(tmp_path / "b", 30)
    corpus = pipeline.validate(root).corpus
    nearest = Related(corpus)
    alone = [(tag, entries[0]) for tag, entries in by_tag(corpus).items() if len(entries) == 1]
    tag, a = alone[0]
    b = next(
        e for e in sorted(corpus.practices.values(), key=lambda e: e.id) if e.id != a.id and a not in nearest.of(e)
    )
    assert run("generate", "--root", str(root))[0] == 0
    page = root / "docs/practices" / a.sector / f"{a.id}.md"
    assert f"tags/{tag}/" not in page.read_text()
    for project in (root, fresh):
        path = project / b.path
        path.write_text(path.read_text().replace("\ntags: [", f"\ntags: [{tag}, ", 1))
        assert run("generate", "--root", str(project))[0] == 0
    assert f"tags/{tag}/index.md" in page.read_text()
    assert _snapshot(root / "docs") == _snapshot(fresh / "docs")
