"""The layout of generator/ shows the pipeline: a stage imports only from the stages before it, no module
imports another that imports it back, and the top stays small.

Imports are read from the source (every `import` and `from ... import`, those inside functions included),
so a cycle hidden in a function-level import is found too.
"""

import ast
from pathlib import Path

import pytest

from .conftest import REPO

PACKAGE = REPO / "generator"

STAGES: dict[str, int] = {
    # shared by every stage: the error types, work shared between cores
    "generator.problems": 0,
    "generator.parallel": 0,
    "generator.schema": 1,  # the one definition of the data
    "generator.reading": 2,  # files, YAML, validation, cross-file checks, mkdocs.yml
    "generator.pages": 3,  # models -> Markdown pages
    "generator.publishing": 4,  # open data, feed, writing files, what the last run made
    "generator.outputs": 5,  # every page and data file
    "generator.pipeline": 5,  # the steps in order
    "generator.tools": 6,  # edges: new files, issue forms, link checks
    "generator.cli": 6,
    "generator.mkdocs_hook": 6,
    "generator.__main__": 7,
    "generator": 7,  # the empty __init__
}
"""Each module's stage: it may import modules of its own stage or an earlier one, never a later one."""


def _name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The generator modules `path` imports (a name imported from a package counts when it is a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _name(path) if path.name == "__init__.py" else _name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return {name for name in found if name in MODULES and name != "generator"}  # the root __init__ is empty


MODULES = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {name: _imports(path) - {name} for name, path in MODULES.items()}


def _stage(module: str) -> int:
    for prefix in sorted(STAGES, key=len, reverse=True):
        if module == prefix or module.startswith(prefix + "."):
            return STAGES[prefix]
    raise AssertionError(f"{module} belongs to no stage; add it to STAGES in tests/test_layout.py")


def _cycle() -> list[str] | None:
    """One import cycle among the modules, or None."""
    done: set[str] = set()
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return None
        path.append(module)
        for target in sorted(GRAPH[module]):
            found = visit(target)
            if found:
                return found
        path.pop()
        done.add(module)
        return None

    for module in sorted(GRAPH):
        found = visit(module)
        if found:
            return found
    return None


def test_no_module_imports_another_that_imports_it_back() -> None:
    cycle = _cycle()
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_import_points_to_the_same_or_an_earlier_stage(module: str) -> None:
    backwards = sorted(t for t in GRAPH[module] if _stage(t) > _stage(module) and not module.startswith(t + "."))
    assert backwards == [], f"{module} (stage {_stage(module)}) imports a later stage: {backwards}"


def test_the_top_of_the_package_stays_small() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 12, top
    assert all((PACKAGE / name / "__init__.py").is_file() for name in ("schema", "reading", "pages", "publishing"))


def test_only_the_hook_knows_mkdocs() -> None:
    users = sorted(name for name, path in MODULES.items() if "mkdocs" in _third_party(path))
    assert users == ["generator.mkdocs_hook"]


def test_package_init_files_hold_no_logic() -> None:
    for path in PACKAGE.rglob("__init__.py"):
        assert path.read_text(encoding="utf-8").strip() == "", path


def _third_party(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_check_finds_a_cycle_when_there_is_one(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = {name: set(targets) for name, targets in GRAPH.items()}
    graph["generator.pages.charts"].add("generator.pages.practices")
    graph["generator.pages.practices"].add("generator.pages.charts")
    monkeypatch.setattr(f"{__name__}.GRAPH", graph)
    assert _cycle() is not None
