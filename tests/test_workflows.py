"""The GitHub files: valid against GitHub's schemas, safe with untrusted input, and running only
commands that exist here."""

import argparse
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import _parser

from .conftest import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))
MAKEFILE = (REPO / "Makefile").read_text(encoding="utf-8")
TARGETS = set(re.findall(r"^([a-z][a-z-]*):", MAKEFILE, re.M))


def _load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _on(workflow: dict[Any, Any]) -> dict[str, Any]:
    triggers = workflow.get("on", workflow.get(True))  # PyYAML reads the key `on` as true
    if isinstance(triggers, dict):
        return triggers
    return {str(t): None for t in (triggers if isinstance(triggers, list) else [triggers])}


def _runs(workflow: dict[Any, Any]) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "run" in step]


def _check_jsonschema(schema: str, *files: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_expected_workflows_exist() -> None:
    names = {p.stem for p in WORKFLOWS}
    assert names == {"pull-request", "publish", "links", "engines", "case-study-from-issue"}


def test_workflows_match_githubs_schema() -> None:
    _check_jsonschema("vendor.github-workflows", *WORKFLOWS)


def test_issue_forms_match_githubs_schema() -> None:
    forms = sorted((REPO / ".github/ISSUE_TEMPLATE").glob("*.yml"))
    assert [f.name for f in forms if f.name != "config.yml"] == ["case-study.yml", "translation.yml"]
    _check_jsonschema("vendor.github-issue-forms", *(f for f in forms if f.name != "config.yml"))


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.stem for p in WORKFLOWS])
def test_every_command_a_workflow_runs_exists(path: Path) -> None:
    actions = [a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)]
    commands = set(actions[0].choices)
    for script in _runs(_load(path)):
        for target in re.findall(r"\bmake (?:--no-print-directory )?([a-z][a-z-]*)", script):
            assert target in TARGETS, f"{path.name}: make {target}"
        for command in re.findall(r"python -m generator ([a-z-]+)", script):
            assert command in commands, f"{path.name}: generator {command}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.stem for p in WORKFLOWS])
def test_no_untrusted_text_is_pasted_into_a_script(path: Path) -> None:
    for script in _runs(_load(path)):
        assert not re.search(r"\$\{\{\s*github\.event\.(issue|pull_request|comment|head_commit)\.", script), script
        assert "github.head_ref" not in script


def test_pull_requests_are_checked_read_only_and_never_with_pull_request_target() -> None:
    for path in WORKFLOWS:
        assert "pull_request_target" not in _on(_load(path)), path.name
    pr = _load(REPO / ".github/workflows/pull-request.yml")
    assert "pull_request" in _on(pr)
    assert pr["permissions"] == {"contents": "read"}
    scripts = " ".join(_runs(pr))
    assert "make validate FORMAT=github" in scripts and "make test" in scripts and "make site" in scripts
    uploads = [
        s
        for job in pr["jobs"].values()
        for s in job["steps"]
        if str(s.get("uses", "")).startswith("actions/upload-artifact")
    ]
    assert uploads and uploads[0]["with"]["path"] == "site/"


def test_main_is_published_with_the_pages_actions() -> None:
    publish = _load(REPO / ".github/workflows/publish.yml")
    assert _on(publish)["push"] == {"branches": ["main"]}
    uses = [s.get("uses", "") for job in publish["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert publish["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "release" in _on(publish)
    offline = publish["jobs"]["offline"]
    assert offline["if"] == "github.event_name == 'release'"
    assert "make offline" in " ".join(s.get("run", "") for s in offline["steps"])


def test_every_engine_is_built_and_tested_and_blocks() -> None:
    from generator.publishing.engines import ENGINES

    workflow = _load(REPO / ".github/workflows/engines.yml")
    (job,) = workflow["jobs"].values()
    assert job["strategy"]["matrix"]["engine"] == list(ENGINES)
    assert "continue-on-error" not in job
    commands = " ".join(step.get("run", "") for step in job["steps"])
    assert "make site ENGINE=${{ matrix.engine }}" in commands and "tests/test_engines.py" in commands


def test_link_check_runs_weekly() -> None:
    links = _load(REPO / ".github/workflows/links.yml")
    assert "schedule" in _on(links)
    assert links["permissions"] == {"contents": "read", "issues": "write"}
