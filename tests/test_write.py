"""Writing pages: atomic, only below the generated folders, only what changed."""

from pathlib import Path

import pytest

from generator.publishing.write import write


@pytest.mark.parametrize("bad", ["practices/energy/../../escape.md", "../outside.md", "/etc/passwd", "site/x.md", "."])
def test_refuses_paths_outside_the_generated_folders(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="refusing to write outside"):
        write(tmp_path / "docs", {bad: "x"})
    assert not (tmp_path / "escape.md").exists()


def test_an_interrupted_write_leaves_the_old_page_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "docs"
    write(out, {"practices/energy/a.md": "old page\n"})

    def fail(path: Path, target: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(KeyboardInterrupt):
        write(out, {"practices/energy/a.md": "new page\n"})
    assert (out / "practices/energy/a.md").read_text() == "old page\n"
    assert [p.name for p in (out / "practices/energy").iterdir()] == ["a.md"], "no temporary file is left"


def test_unchanged_files_keep_their_modification_time(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    write(out, {"index.md": "home\n", "cities/x.md": "x\n"})
    before = (out / "index.md").stat().st_mtime_ns
    result = write(out, {"index.md": "home\n", "cities/x.md": "changed\n"})
    assert (result.written, result.unchanged, result.removed) == (["cities/x.md"], 1, [])
    assert (out / "index.md").stat().st_mtime_ns == before


def test_owned_folders_are_the_only_ones_cleaned(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    (out / "assets").mkdir(parents=True)
    (out / "assets/keep.css").write_text("a {}")
    (out / "methodology.md").write_text("# Hand-written\n")
    write(out, {"practices/energy/a.md": "a\n"})
    result = write(out, {})
    assert result.removed == ["practices/energy/a.md"]
    assert (out / "assets/keep.css").is_file() and (out / "methodology.md").is_file()
    assert not (out / "practices").exists()
