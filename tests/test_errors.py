"""Golden errors: each broken file in tests/errors/ beside the exact report it must produce.

A case is copied into the fixture project at practices/energy/<case>.yaml, or at the path named
by a first-line comment `# at: <path>`; a case that needs several files is a folder holding a
practices/ tree. Run `pytest --update-golden` to rewrite the reports.
"""

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import HERE, make_project

CASES = sorted(p for p in (HERE / "errors").iterdir() if p.suffix == ".yaml" or p.is_dir())


def _place(case: Path, root: Path) -> None:
    if case.is_dir():
        shutil.copytree(case / "practices", root / "practices", dirs_exist_ok=True)
        return
    raw = case.read_bytes()
    first = raw.split(b"\n", 1)[0].decode("utf-8", "replace")
    rel = first.removeprefix("# at: ") if first.startswith("# at: ") else f"practices/energy/{case.name}"
    (root / rel).write_bytes(raw)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_broken_file_gets_exact_located_errors(case: Path, tmp_path: Path, update_golden: bool) -> None:
    root = make_project(tmp_path)
    _place(case, root)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["validate", "--root", str(root)])
    expected = case.parent / f"{case.stem}.txt"
    if update_golden:
        expected.write_text(err.getvalue(), encoding="utf-8")
    assert status == 1
    assert out.getvalue() == ""
    assert err.getvalue() == expected.read_text(encoding="utf-8")
    assert "Traceback" not in err.getvalue()
