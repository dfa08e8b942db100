import shutil
from pathlib import Path

import pytest

from generator.publishing.write import OWNED

HERE = Path(__file__).parent
REPO = HERE.parent
FIXTURE = HERE / "fixture"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the expected files from the output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def make_project(dest: Path, practices: Path = FIXTURE / "practices") -> Path:
    """A copy of the site's configuration and hand-written pages with the fixture's practices
    (or the real ones: practices=REPO / "practices")."""
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "docs", dest / "docs", ignore=shutil.ignore_patterns(*OWNED))
    shutil.copytree(practices, dest / "practices")
    (dest / "generator").symlink_to(REPO / "generator")
    (dest / "overrides").symlink_to(REPO / "overrides")
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def without_jsonld(page: str) -> str:
    """The page without its one JSON-LD block, after checking that no text can end that block early."""
    start = '<script type="application/ld+json">'
    assert page.count(start) == 1
    before, rest = page.split(start, 1)
    inner, after = rest.split("</script>", 1)
    assert "<" not in inner and ">" not in inner
    return before + after


@pytest.fixture(scope="session")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site of 1,000 synthetic case studies (bench/corpus.py), built once for every test that needs one."""
    from bench.corpus import make_project as make_large_project

    from .test_site import build

    return build(make_large_project(tmp_path_factory.mktemp("large") / "site", 1000))
