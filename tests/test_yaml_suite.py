"""The public YAML test suite as a specification of generator.yaml12.read.

A valid document gives the spec's data or a refusal at a line (what a case study never needs, or what YAML
parsers read differently); an invalid document is refused at a line; nothing but YamlProblem leaves `read`.
The suite comes once from npm into .cache/ (tests/yaml_suite.py); without npm these tests are skipped,
except in CI, where they fail.
"""

import os
from pathlib import Path

import pytest

from generator.reading import yaml12

from . import yaml_suite
from .test_yaml12 import _both_ways


def _load() -> tuple[list[yaml_suite.Case], str | None]:
    try:
        return yaml_suite.cases(), None
    except yaml_suite.SuiteUnavailable as why:
        return [], str(why)


CASES, UNAVAILABLE = _load()
VALID = [case for case in CASES if not case.fail]
INVALID = [case for case in CASES if case.fail]


def _need_suite() -> None:
    if UNAVAILABLE is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the YAML test suite, but {UNAVAILABLE}")
    pytest.skip(UNAVAILABLE)


def _ids(cases: list[yaml_suite.Case]) -> list[str]:
    return [case.id for case in cases]


def test_the_suite_is_at_hand() -> None:
    _need_suite()
    assert len({case.id for case in CASES}) == len(CASES) > 400
    assert INVALID and [case for case in VALID if case.json is not None]


@pytest.mark.parametrize("case", VALID, ids=_ids(VALID))
def test_a_valid_document_gives_the_specs_data_or_is_refused_at_a_line(case: yaml_suite.Case) -> None:
    try:
        doc = yaml12.read(case.yaml)
    except yaml12.YamlProblem as problem:
        assert problem.line >= 1
        assert problem.message
        return
    # where JSON cannot say the data (keys that are not text), the spec's event tree does
    spec = yaml_suite.documents(case) if case.json is not None else yaml_suite.tree_documents(case)
    assert len(spec) == 1, "a stream of several documents must be refused"
    assert yaml_suite.same(doc.data, spec[0]), f"read {doc.data!r}, the spec says {spec[0]!r}"


@pytest.mark.parametrize("case", INVALID, ids=_ids(INVALID))
def test_an_invalid_document_is_refused_at_a_line(case: yaml_suite.Case) -> None:
    with pytest.raises(yaml12.YamlProblem) as raised:
        yaml12.read(case.yaml)
    assert raised.value.line >= 1


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_the_fast_reader_agrees_with_the_event_reader(case: yaml_suite.Case) -> None:
    _both_ways(case.yaml)


def test_no_case_gives_other_data_than_the_specs() -> None:
    _need_suite()
    verdicts = {case.id: yaml_suite.verdict(case, yaml_suite.ours) for case in CASES}
    assert [id_ for id_, v in verdicts.items() if v in (yaml_suite.WRONG, yaml_suite.CRASH)] == []


def test_invalid_documents_are_refused_at_least_as_often_as_by_ruamel() -> None:
    _need_suite()

    def accepted(reader: yaml_suite.Reader) -> list[str]:
        return [case.id for case in INVALID if yaml_suite.verdict(case, reader) == yaml_suite.ACCEPTED]

    ours, theirs = accepted(yaml_suite.ours), accepted(yaml_suite.ruamel_safe)
    assert theirs, "ruamel.yaml accepts some invalid documents of the suite: the comparison means something"
    assert len(ours) <= len(theirs), f"we accept {ours}, ruamel.yaml {theirs}"


def test_a_tarball_that_is_not_the_published_one_is_refused(tmp_path: Path) -> None:
    (tmp_path / yaml_suite.TARBALL_NAME).write_bytes(b"not the suite")
    with pytest.raises(yaml_suite.SuiteCorrupt):
        yaml_suite.tarball(tmp_path)
