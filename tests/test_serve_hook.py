"""`make serve`: the MkDocs hook regenerates pages when a YAML file changes (and only under serve)."""

from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from generator import site


def _config(project: Path) -> dict[str, str]:
    return {"config_file_path": str(project / "mkdocs.yml"), "docs_dir": str(project / "docs")}


def test_serve_regenerates_a_changed_page(project: Path) -> None:
    site.on_startup(command="serve", dirty=False)
    site.on_pre_build(_config(project))
    page = project / "docs/practices/energy/exampleton-district-heating.md"
    assert "# District heating\n" in page.read_text()
    yaml_file = project / "practices/energy/exampleton-district-heating.yaml"
    yaml_file.write_text(yaml_file.read_text().replace('title: "District heating"', 'title: "Heat network"'))
    site.on_pre_build(_config(project))
    assert "# Heat network\n" in page.read_text()


def test_serve_keeps_the_pages_and_reports_a_broken_file(project: Path) -> None:
    site.on_startup(command="serve", dirty=False)
    site.on_pre_build(_config(project))
    before = {p: p.read_bytes() for p in (project / "docs").rglob("*.md")}
    (project / "practices/waste/broken.yaml").write_text("title: x\n")
    with pytest.raises(PluginError, match=r"practices/waste/broken.yaml:1: city: required field is missing"):
        site.on_pre_build(_config(project))
    assert {p: p.read_bytes() for p in (project / "docs").rglob("*.md")} == before


def test_build_does_not_regenerate(project: Path) -> None:
    site.on_startup(command="build", dirty=False)
    site.on_pre_build(_config(project))
    assert not (project / "docs/index.md").exists()
