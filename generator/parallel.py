"""Share a list of independent jobs between processes, on machines with more than one core.

Workers are forked, so they see the caller's data (the corpus, the templates) without copying it;
only results travel back. Small lists, one-core machines and platforms without fork run in-process.
"""

import itertools
import multiprocessing
import multiprocessing.pool
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

T = TypeVar("T")

PARALLEL_FROM = 1000
"""Fewer jobs than this run in one process: starting workers would cost more than it saves."""

_tasks: dict[int, tuple[Callable[[Any], Any], Sequence[Any]]] = {}
"""The work of each running map, by number: a forked worker finds its own here (it was copied at the fork)."""
_numbers = itertools.count()


def _run(job: tuple[int, range]) -> list[Any]:
    number, indexes = job
    work, items = _tasks[number]
    return [work(items[i]) for i in indexes]


class Started(Generic[T]):
    """[work(item) for item in items], started in worker processes when that is worth it; `results()` waits for
    them (or, when nothing was started, makes them then, in this process)."""

    def __init__(self, work: Callable[[Any], T], items: Sequence[Any], jobs: int, least: int = PARALLEL_FROM) -> None:
        self._work, self._items = work, items
        self._pool: multiprocessing.pool.Pool | None = None
        self._pending: multiprocessing.pool.MapResult[list[T]] | None = None
        if jobs < 2 or len(items) < max(2, least) or "fork" not in multiprocessing.get_all_start_methods():
            return
        self._number = next(_numbers)
        _tasks[self._number] = (work, items)
        size = max(1, -(-len(items) // (jobs * 4)))
        chunks = [(self._number, range(i, min(i + size, len(items)))) for i in range(0, len(items), size)]
        self._pool = multiprocessing.get_context("fork").Pool(min(jobs, len(chunks)))
        self._pending = self._pool.map_async(_run, chunks, chunksize=1)

    def results(self) -> list[T]:
        if self._pool is None or self._pending is None:
            return [self._work(item) for item in self._items]
        try:
            return [result for part in self._pending.get() for result in part]
        finally:
            self._pool.terminate()
            self._pool.join()
            _tasks.pop(self._number, None)


def map_items(work: Callable[[Any], T], items: Sequence[Any], jobs: int, least: int = PARALLEL_FROM) -> list[T]:
    """[work(item) for item in items], in order, using up to `jobs` processes (when there are at least `least`
    items: a few large items, such as the languages, are worth a process each)."""
    return Started(work, items, jobs, least).results()
