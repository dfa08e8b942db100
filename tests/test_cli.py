"""The command line: exit status and whole output."""

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.reading.files import MAX_BYTES

from .conftest import REPO, make_project


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(args))
        except SystemExit as exit:
            # argparse exits with a number; `raise SystemExit("message")` prints it and exits with 1
            status = exit.code if isinstance(exit.code, int) else 0 if exit.code is None else 1
            if isinstance(exit.code, str):
                err.write(exit.code)
    return status, out.getvalue(), err.getvalue()


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_validate_reports_success(project: Path) -> None:
    assert run("validate", "--root", str(project)) == (
        0,
        "ok: 3 case studies, 2 cities and 6 translations are valid\n",
        "",
    )


def test_generate_writes_pages_then_rewrites_nothing(project: Path) -> None:
    status, out, err = run("generate", "--root", str(project))
    assert (status, err) == (0, "")
    count = int(out.split()[1])
    assert out == f"generated {count} files in {project / 'docs'}: {count} written, 0 unchanged, 0 removed\n"
    first = tree(project / "docs")
    assert run("generate", "--root", str(project))[1] == (
        f"nothing changed since the last run: {count} files in {project / 'docs'} are current\n"
    )
    assert tree(project / "docs") == first


def test_after_a_change_only_what_depends_on_it_is_made_again(project: Path) -> None:
    run("generate", "--root", str(project))
    source = project / "practices/energy/exampleton-district-heating.yaml"
    source.write_text(source.read_text().replace("summary: ", "summary: Updated. ", 1))
    status, out, _ = run("generate", "--root", str(project))
    assert status == 0 and " 0 removed" in out
    page = project / "docs/practices/energy/exampleton-district-heating.md"
    assert "Updated. " in page.read_text()
    # pages that show the summary change; the other case-study and city pages are not even made again
    assert int(out.split(": ")[1].split()[0]) < int(out.split()[1]) // 2


def test_a_generated_page_changed_or_deleted_by_hand_is_made_again(project: Path) -> None:
    run("generate", "--root", str(project))
    first = tree(project / "docs")
    edited = project / "docs/practices/energy/exampleton-district-heating.md"
    deleted = project / "docs/cities/exampleton.md"
    edited.write_text("edited by hand")
    deleted.unlink()
    stray = project / "docs/practices/energy/stray.md"
    stray.write_text("not generated")
    status, out, _ = run("generate", "--root", str(project))
    assert status == 0 and "2 written" in out and "1 removed" in out
    assert tree(project / "docs") == first


def test_the_same_pages_whether_made_at_once_or_bit_by_bit(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    run("generate", "--root", str(project))
    source = project / "practices/transportation/exampleton-congestion-charge.yaml"
    source.write_text(source.read_text().replace("title: ", "title: Renamed ", 1))
    run("generate", "--root", str(project))
    fresh = make_project(tmp_path_factory.mktemp("fresh"))
    shutil.copy(source, fresh / "practices/transportation/exampleton-congestion-charge.yaml")
    run("generate", "--root", str(fresh))
    assert tree(project / "docs") == tree(fresh / "docs")


def test_generate_removes_the_page_of_a_deleted_file(project: Path) -> None:
    run("generate", "--root", str(project))
    page = project / "docs/practices/energy/exampleton-district-heating.md"
    assert page.is_file()
    (project / "practices/energy/exampleton-district-heating.yaml").unlink()
    (project / "practices/transportation/exampleton-congestion-charge.yaml").write_text(
        (project / "practices/transportation/exampleton-congestion-charge.yaml")
        .read_text()
        .replace("related: [exampleton-district-heating]", "related: []")
    )
    status, out, _ = run("generate", "--root", str(project))
    assert status == 0
    assert out.endswith("1 removed\n")
    assert not page.exists()
    assert (project / "docs/methodology.md").is_file(), "hand-written pages are never touched"


def test_failed_validation_leaves_previous_output_untouched(project: Path) -> None:
    run("generate", "--root", str(project))
    before = tree(project / "docs")
    bad = project / "practices/waste/broken.yaml"
    bad.write_text("title: [unclosed\n")
    status, out, err = run("generate", "--root", str(project))
    assert (status, out) == (1, "")
    assert err.startswith("practices/waste/broken.yaml:2: YAML syntax error:")
    assert err.endswith(f"1 problem in 1 file\nnothing was written to {project / 'docs'}\n")
    assert tree(project / "docs") == before


def test_every_problem_in_every_file_is_reported_together(project: Path) -> None:
    (project / "practices/waste/one.yaml").write_text("title: x\n")
    (project / "practices/energy/two.yaml").write_text("- not a mapping\n")
    status, _, err = run("validate", "--root", str(project))
    assert status == 1
    assert "practices/energy/two.yaml:1: the top level must be a mapping" in err
    assert "practices/waste/one.yaml:1: city: required field is missing" in err
    assert "practices/waste/one.yaml:1: transferability: required field is missing" in err
    assert err.endswith("11 problems in 2 files\n")


def test_github_format_prints_annotations(project: Path) -> None:
    (project / "practices/waste/one.yaml").write_text("title: x\nsumary: y\n")
    status, out, err = run("validate", "--root", str(project), "--format", "github")
    assert (status, err) == (1, "")
    expected = "::error file=practices/waste/one.yaml,line=2,title=sumary::unknown field; did you mean 'summary'?"
    assert expected + " (it is required)\n" in out


def test_oversized_file_is_refused_before_parsing(project: Path) -> None:
    (project / "practices/waste/huge.yaml").write_text("title: x\n" + "# padding\n" * (MAX_BYTES // 10))
    status, _, err = run("validate", "--root", str(project))
    assert status == 1
    assert (
        err == "practices/waste/huge.yaml: file is 262,149 bytes; the limit is 262,144 (256 KiB)\n1 problem in 1 file\n"
    )


def test_files_that_do_not_belong_are_reported(project: Path) -> None:
    (project / "practices/energy/notes.yml").write_text("title: x\n")
    (project / "practices/parks").mkdir()
    (project / "practices/parks/tree-planting.yaml").write_text("title: x\n")
    (project / "practices/energy/dup.yaml").symlink_to(project / "practices/energy/exampleton-district-heating.yaml")
    status, _, err = run("validate", "--root", str(project))
    assert status == 1
    assert err.splitlines() == [
        "practices/energy/dup.yaml: symbolic links and special files are not allowed; commit the file",
        "practices/energy/notes.yml: unexpected file; name it notes.yaml",
        "practices/parks/tree-planting.yaml: unexpected file; case studies go in practices/cities/, "
        "practices/transportation/, practices/energy/, practices/waste/ as <id>.yaml",
        "3 problems in 3 files",
    ]


def test_same_id_in_two_sectors_is_an_error(project: Path) -> None:
    src = project / "practices/energy/exampleton-district-heating.yaml"
    (project / "practices/waste/exampleton-district-heating.yaml").write_bytes(src.read_bytes())
    status, _, err = run("validate", "--root", str(project))
    assert status == 1
    assert err == (
        "practices/waste/exampleton-district-heating.yaml: id 'exampleton-district-heating' is already used by "
        "practices/energy/exampleton-district-heating.yaml; ids must be unique\n1 problem in 1 file\n"
    )


def test_missing_practices_folder(tmp_path: Path) -> None:
    assert run("validate", "--root", str(tmp_path)) == (
        1,
        "",
        f"{tmp_path.as_posix()}/practices: folder not found; run the command from the project root, or give --root\n",
    )


def test_usage_error_exits_2() -> None:
    status, _, err = run("frobnicate")
    assert status == 2
    assert "invalid choice: 'frobnicate'" in err


def test_help_lists_every_command() -> None:
    status, out, _ = run("--help")
    assert status == 0
    for command in ("validate", "generate"):
        assert command in out


def test_module_runs_as_a_program(project: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--root", str(project)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ},
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "ok: 3 case studies, 2 cities and 6 translations are valid\n")


def test_a_symlinked_folder_is_reported_not_skipped(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "waste"
    (project / "practices/waste").rename(elsewhere)
    (project / "practices/waste").symlink_to(elsewhere)
    status, _, err = run("validate", "--root", str(project))
    assert status == 1
    assert "practices/waste: symbolic links and special files are not allowed; commit the file\n" in err


def test_check_links_writes_a_report_and_counts(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from generator.tools import links

    monkeypatch.setattr(links, "fetch", lambda url, timeout: links.Probe(404 if "evaluation" in url else 200))
    out = project / "report.md"
    status, stdout, err = run("check-links", "--root", str(project), "--out", str(out))
    assert (status, err) == (0, "")
    assert stdout.startswith("links: ") and "1 broken" in stdout
    assert "https://example.org/evaluation" in out.read_text()
    assert json.loads(out.with_suffix(".json").read_text())["broken"] == 1


def test_from_issue_writes_a_valid_case_study(project: Path) -> None:
    body = Path(__file__).parent / "issue_forms/complete.md"
    status, out, err = run("from-issue", "--root", str(project), "--body", str(body))
    assert (status, err) == (0, "")
    assert out == "wrote practices/transportation/exampleton-low-emission-bus-fleet.yaml\n"
    status, out, err = run("from-issue", "--root", str(project), "--body", str(body))
    assert status == 1 and "already exists" in err


def test_from_issue_lists_what_is_missing_and_writes_nothing(project: Path) -> None:
    before = sorted((project / "practices").rglob("*"))
    status, out, err = run(
        "from-issue", "--root", str(project), "--body", str(Path(__file__).parent / "issue_forms/broken.md")
    )
    assert (status, out) == (1, "")
    assert err.endswith("problems in the form; nothing was written\n")
    assert sorted((project / "practices").rglob("*")) == before


def test_from_issue_that_converts_but_does_not_validate_writes_nothing(project: Path, tmp_path: Path) -> None:
    text = (Path(__file__).parent / "issue_forms/complete.md").read_text().replace("\nexampleton\n", "\natlantis\n", 1)
    body = tmp_path / "body.md"
    body.write_text(text)
    before = sorted((project / "practices").rglob("*"))
    status, _, err = run("from-issue", "--root", str(project), "--body", str(body))
    assert status == 1
    assert "city: unknown city 'atlantis'" in err
    assert sorted((project / "practices").rglob("*")) == before


def test_compare_pages(tmp_path: Path) -> None:
    for site, pages in (("a", ["index.html", "x/index.html"]), ("b", ["index.html", "y/index.html"])):
        for page in pages:
            (tmp_path / site / page).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / site / page).write_text("")
    status, out, _ = run("compare-pages", str(tmp_path / "a"), str(tmp_path / "b"))
    assert status == 1
    assert out.splitlines()[-1] == "1 pages in both, 2 in only one"


def test_pack_is_reproducible(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text("<h1>x</h1>")
    (site / "a/index.html").write_text("<h1>a</h1>")
    (site / ".built-by-generator").write_text("the build's mark: not part of the edition\n")
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    assert run("pack", str(site), str(tmp_path / "one/edition.zip"))[0] == 0
    (site / "index.html").touch()  # a newer date must not change the archive
    second = tmp_path / "two/edition.zip"
    assert run("pack", str(site), str(second)) == (0, f"packed 2 files into {second}\n", "")
    assert (tmp_path / "one/edition.zip").read_bytes() == second.read_bytes()
    assert run("pack", str(tmp_path / "nothing"), str(tmp_path / "three.zip"))[0] == 1
