"""Share a list of independent jobs between processes, on machines with more than one core.

Workers are forked, so they see the caller's data (the corpus, the templates) without copying it;
only results travel back. Small lists, one-core machines and platforms without fork run in-process.
"""

import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

PARALLEL_FROM = 1000
"""Fewer jobs than this run in one process: starting workers would cost more than it saves."""

_task: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _run(indexes: range) -> list[Any]:
    assert _task is not None
    work, items = _task
    return [work(items[i]) for i in indexes]


def map_items(work: Callable[[Any], T], items: Sequence[Any], jobs: int, least: int = PARALLEL_FROM) -> list[T]:
    """[work(item) for item in items], in order, using up to `jobs` processes (when there are at least `least`
    items: a few large items, such as the languages, are worth a process each)."""
    global _task
    if jobs < 2 or len(items) < max(2, least) or "fork" not in multiprocessing.get_all_start_methods():
        return [work(item) for item in items]
    _task = (work, items)
    try:
        size = max(1, -(-len(items) // (jobs * 4)))
        chunks = [range(i, min(i + size, len(items))) for i in range(0, len(items), size)]
        with multiprocessing.get_context("fork").Pool(min(jobs, len(chunks))) as pool:
            return [result for part in pool.map(_run, chunks, chunksize=1) for result in part]
    finally:
        _task = None
