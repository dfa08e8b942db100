"""Mistakes outside practices/ end the same way as mistakes inside it: one located line on stderr, exit
status 1, nothing written. The expected lines are golden files in tests/golden/user-errors/ (rewritten by
`pytest --update-golden`); any other exception is a bug and keeps its traceback.
"""

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import cli, pipeline

from .conftest import HERE, make_project
from .test_cli import run

GOLDEN = HERE / "golden" / "user-errors"


def _snapshot(root: Path) -> dict[str, str]:
    """Every file under root (but the links into the repository) with a hash of its bytes."""
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if rel.split("/")[0] in ("generator", "overrides") or not path.is_file() or path.is_symlink():
            continue
        found[rel] = hashlib.blake2b(path.read_bytes(), digest_size=8).hexdigest()
    return found


def _broken_config(root: Path) -> list[str]:
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_name:", "site_name: [unclosed\nsite_x:", 1))
    return ["generate", "--root", str(root)]


def _list_config(root: Path) -> list[str]:
    (root / "mkdocs.yml").write_text("- a list\n- not settings\n")
    return ["generate", "--root", str(root)]


def _config_not_utf8(root: Path) -> list[str]:
    (root / "mkdocs.yml").write_bytes(b"site_name: Caf\xe9\n")
    return ["generate", "--root", str(root)]


def _missing_body(root: Path) -> list[str]:
    return ["from-issue", "--root", str(root), "--body", str(root / "missing.md")]


def _body_is_a_folder(root: Path) -> list[str]:
    return ["from-issue", "--root", str(root), "--body", str(root / "docs")]


def _body_not_utf8(root: Path) -> list[str]:
    (root / "body.md").write_bytes(b"### Title\n\n\xff\xfe\n")
    return ["from-issue", "--root", str(root), "--body", str(root / "body.md")]


def _no_practices_folder(root: Path) -> list[str]:
    return ["validate", "--root", str(root / "docs")]


def _link_out_of_the_project(root: Path) -> list[str]:
    elsewhere = root / "elsewhere"
    elsewhere.mkdir()
    (root / "docs" / "cities").symlink_to(elsewhere, target_is_directory=True)
    return ["generate", "--root", str(root)]


def _pack_without_a_site(root: Path) -> list[str]:
    return ["pack", str(root / "docs"), str(root / "out.zip")]


def _compare_without_a_site(root: Path) -> list[str]:
    return ["compare-pages", str(root / "site"), str(root / "site-zensical")]


def _new_over_an_existing_file(root: Path) -> list[str]:
    existing = "practices/transportation/exampleton-congestion-charge.yaml"
    assert (root / existing).is_file()
    return [
        "new",
        "--root",
        str(root),
        "--sector",
        "transportation",
        "--city",
        "exampleton",
        "--title",
        "Congestion charge",
    ]


def _new_for_an_unknown_city(root: Path) -> list[str]:
    return ["new", "--root", str(root), "--sector", "energy", "--city", "atlantis", "--title", "Heat"]


def _build_over_the_case_studies(root: Path) -> list[str]:
    return ["build", "--root", str(root), "--site-dir", "practices"]


def _build_over_the_docs(root: Path) -> list[str]:
    return ["build", "--root", str(root), "--site-dir", "docs"]


def _build_in_a_missing_project(root: Path) -> list[str]:
    return ["build", "--root", str(root / "missing")]


def _generate_into_the_project(root: Path) -> list[str]:
    return ["generate", "--root", str(root), "--out", str(root)]


def _generate_into_the_case_studies(root: Path) -> list[str]:
    return ["generate", "--root", str(root), "--out", str(root / "practices")]


def _generated_folder_links_elsewhere(root: Path) -> list[str]:
    elsewhere = root / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "important.txt").write_text("keep\n")
    (root / "docs" / "progress").symlink_to(elsewhere, target_is_directory=True)
    return ["generate", "--root", str(root)]


def _mkdocs_yml_impossible_date(root: Path) -> list[str]:
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "copyright: 2024-13-01\n")
    return ["generate", "--root", str(root)]


def _new_without_practices(root: Path) -> list[str]:
    return ["new", "--root", str(root / "docs"), "--sector", "energy", "--city", "oslo", "--title", "Heat"]


CASES: dict[str, Callable[[Path], list[str]]] = {
    "build-over-the-case-studies": _build_over_the_case_studies,
    "build-over-the-docs": _build_over_the_docs,
    "build-in-a-missing-project": _build_in_a_missing_project,
    "generate-into-the-project": _generate_into_the_project,
    "generate-into-the-case-studies": _generate_into_the_case_studies,
    "generated-folder-links-elsewhere": _generated_folder_links_elsewhere,
    "mkdocs-yml-impossible-date": _mkdocs_yml_impossible_date,
    "new-without-practices": _new_without_practices,
    "mkdocs-yml-syntax": _broken_config,
    "mkdocs-yml-a-list": _list_config,
    "mkdocs-yml-not-utf8": _config_not_utf8,
    "issue-body-missing": _missing_body,
    "issue-body-a-folder": _body_is_a_folder,
    "issue-body-not-utf8": _body_not_utf8,
    "no-practices-folder": _no_practices_folder,
    "docs-folder-links-out-of-the-project": _link_out_of_the_project,
    "pack-without-a-site": _pack_without_a_site,
    "compare-without-a-site": _compare_without_a_site,
    "new-over-an-existing-file": _new_over_an_existing_file,
    "new-for-an-unknown-city": _new_for_an_unknown_city,
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_user_mistake_ends_in_one_located_line_and_writes_nothing(
    case: str, tmp_path: Path, update_golden: bool
) -> None:
    root = make_project(tmp_path)
    args = CASES[case](root)
    before = _snapshot(root)
    status, out, err = run(*args)
    assert (status, out) == (1, "")
    text = err.replace(tmp_path.as_posix(), "<project>")
    golden = GOLDEN / f"{case}.txt"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert text.count("\n") == 1 and "Traceback" not in text
    assert _snapshot(root) == before, "nothing is written"


def test_a_broken_mkdocs_yml_stops_generate_before_any_page_is_written(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    assert run("generate", "--root", str(root))[0] == 0
    pages = _snapshot(root / "docs")
    (root / "practices/cities/exampleton.yaml").write_text(
        (root / "practices/cities/exampleton.yaml").read_text().replace("name: Exampleton", "name: Exampleton City")
    )
    _broken_config(root)
    status, _, err = run("generate", "--root", str(root))
    assert status == 1 and err.startswith("mkdocs.yml:")
    assert _snapshot(root / "docs") == pages


def test_a_bug_is_not_dressed_up_as_a_user_mistake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path)

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("a bug in the writer")

    monkeypatch.setattr(pipeline, "write", broken)
    with pytest.raises(ValueError, match="a bug in the writer"):
        cli.main(["generate", "--root", str(root)])


def test_an_unreadable_mkdocs_yml_is_a_user_mistake(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "mkdocs.yml").unlink()
    (root / "mkdocs.yml").mkdir()  # unreadable whoever runs the test (root reads files whatever their mode)
    assert run("generate", "--root", str(root)) == (1, "", "mkdocs.yml: cannot read the file: Is a directory\n")
    assert not (root / "docs" / "index.md").exists()


def test_site_url_from_the_environment_is_read_as_mkdocs_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.reading import config

    (tmp_path / "mkdocs.yml").write_text('site_url: !ENV [SITE_URL, "https://default.example/"]\n')
    assert config.read(tmp_path).site_url == "https://default.example/"
    monkeypatch.setenv("SITE_URL", "https://cities.example/kb/")
    assert config.read(tmp_path).site_url == "https://cities.example/kb/"
