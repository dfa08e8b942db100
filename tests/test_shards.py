"""A large language's site is built by several engine processes at once (generator/publishing/shards.py); the site
they make together is the site one process makes, and what the engine checks still fails the build."""

import subprocess
import sys
from pathlib import Path

import pytest

from generator.publishing import shards
from generator.publishing.shards import Shard
from generator.schema.languages import LANGUAGES

from .conftest import make_project
from .test_site import ENV, build


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def generator_build(root: Path, site: str, *options: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "generator", "build", "--root", str(root), "--site-dir", site, *options]
    return subprocess.run(command, env=ENV, capture_output=True, text=True, check=False)


def assert_same_site(first: Path, second: Path) -> None:
    one, two = files(first), files(second)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []


# Planning: which processes build what


def test_a_small_site_is_built_by_one_process_per_language() -> None:
    pages = {"en": 260, "fr": 250, "es": 250}
    assert shards.plan(pages, cores=2) == [Shard("en", 0, 1), Shard("fr", 0, 1), Shard("es", 0, 1)]


def test_a_language_larger_than_its_share_of_the_cores_is_split_and_built_first() -> None:
    pages = {"fr": 400, "en": 10_000, "es": 400}
    assert shards.plan(pages, cores=2) == [Shard("en", 0, 2), Shard("en", 1, 2), Shard("fr", 0, 1), Shard("es", 0, 1)]


def test_never_more_shards_than_cores_and_one_on_a_single_core() -> None:
    assert {shard.count for shard in shards.plan({"en": 50_000, "fr": 10}, cores=4)} == {4, 1}
    assert shards.plan({"en": 50_000}, cores=1) == [Shard("en", 0, 1)]


def test_languages_under_the_threshold_stay_whole() -> None:
    assert shards.plan({"en": 499, "fr": 1}, cores=2) == [Shard("en", 0, 1), Shard("fr", 0, 1)]


def test_pages_are_counted_per_language(project: Path) -> None:
    docs = project / "docs"
    (docs / "fr").mkdir()
    (docs / "fr" / "a.md").write_text("# A\n")
    (docs / "fr" / "b.md").write_text("# B\n")
    english = shards.pages(docs, "en", "en", LANGUAGES)
    assert "methodology.md" in english and "methodology.fr.md" not in english and english == sorted(english)
    assert not [page for page in english if page.startswith("fr/") or page.count(".") > 1]
    assert shards.pages(docs, "fr", "en", LANGUAGES) == ["a.md", "b.md"]


def test_a_missing_anchor_across_shards_is_reported_in_the_engines_words() -> None:
    manifests = [
        {"shard": 0, "pages": {"a.md": {"dest": "a/index.html", "anchors": ["top"]}}, "anchors_level": 30,
         "unchecked": [["a.md", "b.md#gone", "b.md", "gone"], ["a.md", "b.md#here", "b.md", "here"]]},
        {"shard": 1, "pages": {"b.md": {"dest": "b/index.html", "anchors": ["here"]}}, "anchors_level": 30,
         "unchecked": []},
    ]  # fmt: skip
    assert shards.anchor_problems(manifests) == [
        "WARNING -  Doc file 'a.md' contains a link 'b.md#gone', but the doc 'b.md' does not contain an anchor '#gone'."
    ]
    quiet = [{**manifest, "anchors_level": 20} for manifest in manifests]  # validation.anchors: info
    assert shards.anchor_problems(quiet) == []


# Building: the same site, the same checks


@pytest.fixture(scope="module")
def serial(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("serial"))
    build(root)  # generates the pages, then builds them (one process per language: the fixture is small)
    return root


def test_a_site_built_in_shards_is_the_site_built_whole(serial: Path) -> None:
    done = generator_build(serial, "in-parts", "--shards", "3")
    assert done.returncode == 0, done.stderr
    assert "with mkdocs (en in 3 processes, ar in 3 processes, zh in 3 processes" in done.stdout
    assert_same_site(serial / "site", serial / "in-parts")
    left = sorted(p.name for p in serial.iterdir() if "shard" in p.name or p.name.startswith(".build-"))
    assert left == []  # no shard's folder, manifest or configuration is left behind


def test_a_large_site_is_split_by_itself_and_the_same_as_one_process_makes(large_site: Path) -> None:
    root = large_site.parent
    pages = {str(lang): len(shards.pages(root / "docs", lang, "en", LANGUAGES)) for lang in LANGUAGES}
    assert shards.plan(pages, cores=2)[:2] == [Shard("en", 0, 2), Shard("en", 1, 2)]  # how it was built here
    done = generator_build(root, "whole", "--shards", "1")
    assert done.returncode == 0, done.stderr
    assert "processes" not in done.stdout
    assert_same_site(root / "whole", large_site)


def test_a_link_to_a_missing_anchor_on_another_shards_page_fails_the_build(serial: Path) -> None:
    """Each shard checks the anchors of the pages it converted; those on another shard's pages are checked when the
    shards are merged. A case study (out of the navigation, so converted by its own shard only) links to anchors
    that are missing on the case studies and cities of the other shard of two."""
    before = files(serial / "site")
    english = shards.pages(serial / "docs", "en", "en", LANGUAGES)
    outside = [page for page in english if page.count("/") == 2 and not page.endswith("index.md")]
    outside += [
        page for page in english if page.startswith("cities/") and page.count("/") == 1 and page != "cities/index.md"
    ]
    source = outside[0]
    others = [page for page in outside if english.index(page) % 2 != english.index(source) % 2]
    assert others, english
    path = serial / "docs" / source
    text = path.read_text(encoding="utf-8")
    up = "../" * source.count("/")
    try:
        path.write_text(text + "".join(f"\n[{page}]({up}{page}#no-such-part)\n" for page in others), encoding="utf-8")
        done = generator_build(serial, "site", "--shards", "2")
    finally:
        path.write_text(text, encoding="utf-8")
    assert done.returncode == 1
    assert "Aborted" not in done.stderr  # no shard failed on its own: the merge found them
    for page in others:
        message = (
            f"Doc file '{source}' contains a link '{up}{page}#no-such-part', but the doc '{page}' does not contain"
        )
        assert message in done.stderr
    assert done.stderr.rstrip().endswith("the mkdocs build failed (its messages are above); the site was not changed")
    assert files(serial / "site") == before
    assert sorted(p.name for p in serial.iterdir() if "shard" in p.name or p.name.startswith(".build-")) == []


def test_shards_must_be_a_positive_count(serial: Path) -> None:
    done = generator_build(serial, "site", "--shards", "0")
    assert done.returncode != 0
    assert "--shards: must be 1 or more (it is 0)" in done.stderr
    assert "Traceback" not in done.stderr
