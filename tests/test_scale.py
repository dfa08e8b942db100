"""At scale: many case studies give the same pages however the work is shared, and nothing unchanged is redone.
(Speed itself is measured by bench/scale.py, never asserted here.)"""

from pathlib import Path

import pytest

from bench.corpus import write_practices
from generator import parallel, pipeline
from generator.pages.practices import render
from generator.problems import errors
from generator.publishing import state
from generator.reading.config import Settings


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("large")
    write_practices(root / "practices", parallel.PARALLEL_FROM, seed=11)
    return root


def test_a_synthetic_corpus_is_valid(large: Path) -> None:
    result = pipeline.validate(large)
    assert errors(result.problems) == []
    assert len(result.corpus.practices) == parallel.PARALLEL_FROM


def test_the_same_pages_from_one_process_or_several(large: Path) -> None:
    corpus = pipeline.validate(large).corpus
    alone = render(corpus, Settings(), jobs=1).texts()
    shared = render(corpus, Settings(), jobs=2).texts()
    assert alone == shared


def test_work_shared_between_processes_comes_back_in_order() -> None:
    items = list(range(parallel.PARALLEL_FROM + 7))
    assert parallel.map_items(lambda n: n * n, items, jobs=2) == [n * n for n in items]
    assert parallel.map_items(lambda n: -n, items[:5], jobs=2) == [0, -1, -2, -3, -4]  # few: in-process


def test_inputs_fingerprint_changes_with_any_file_and_nothing_else(large: Path) -> None:
    first = state.read_inputs(large)
    assert state.read_inputs(large).fingerprint == first.fingerprint
    target = next((large / "practices" / "energy").glob("*.yaml"))
    original = target.read_bytes()
    target.write_bytes(original + b"\n")
    assert state.read_inputs(large).fingerprint != first.fingerprint
    target.write_bytes(original)
    assert state.read_inputs(large).fingerprint == first.fingerprint
