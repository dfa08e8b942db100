"""`make serve`: the MkDocs hook regenerates pages when a YAML file changes (and only under serve)."""

from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from generator import mkdocs_hook as site


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


def test_serve_rebuilds_only_changed_pages_in_strict_mode() -> None:
    """`make serve` runs `mkdocs serve --strict --dirty`: MkDocs' warning that a build is dirty would stop a
    strict build, so under serve --dirty (only) that one warning is dropped; every other warning still counts."""
    import logging

    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    build_log = logging.getLogger("mkdocs.commands.build")
    handler = Keep(level=logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        site.on_startup(command="serve", dirty=True)
        build_log.warning("A 'dirty' build is being performed, this will likely lead to inaccurate navigation")
        build_log.warning("Doc file 'x.md' contains a link to 'y.md', which is not found")
        assert [r.getMessage()[:8] for r in records] == ["Doc file"]
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
        for found in list(build_log.filters):
            build_log.removeFilter(found)


def test_serve_notices_a_saved_file_within_a_tenth_of_a_second(tmp_path: Path) -> None:
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(tmp_path))  # watched before the event (docs/): MkDocs' own half second
        assert site.on_serve(server, config=None, builder=None) is server
        (tmp_path / "practices").mkdir()
        server.watch(str(tmp_path / "practices"))  # `watch:` folders come after it
        intervals = {emitter.watch.path: emitter.timeout for emitter in server.observer.emitters}
        assert intervals == {str(tmp_path): 0.5, str(tmp_path / "practices"): site.POLL_SECONDS}
    finally:
        server.server_close()
