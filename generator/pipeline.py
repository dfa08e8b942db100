"""The steps in order: read -> validate -> check across files -> render -> write.

Nothing is written unless every file is valid and mkdocs.yml reads. Light to import: the heavy steps (the
schema, the templates, YAML) are imported when they run, so that "nothing changed" is answered from the
files' fingerprints alone.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.problems import Problem, UserError
from generator.publishing import state
from generator.publishing.write import Written, write

if TYPE_CHECKING:
    from generator.reading.load import Corpus, Memo


@dataclass(frozen=True)
class Result:
    corpus: Corpus
    problems: list[Problem]


def validate(root: Path, jobs: int = 1) -> Result:
    """Every file read and checked; what loaded and every problem found."""
    from generator.reading.check import check
    from generator.reading.load import load

    corpus, problems = load(root)
    return Result(corpus, problems + check(corpus, jobs))


_memos: dict[Path, Memo] = {}
"""Per project, what each file gave last time: `mkdocs serve` regenerates in one long-running process."""


@contextlib.contextmanager
def _collecting_less() -> Iterator[None]:
    # Reading builds a million small objects that all live to the end; Python's cycle collector would
    # walk them again and again (a quarter of the time). The pipeline makes no garbage cycles worth it.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def generate(root: Path, out: Path, jobs: int = 1) -> tuple[list[Problem], Written | None]:
    """Validate everything; only if all is well, render and write the pages under `out`, and return what was
    written (None, with the problems, when nothing was). Nothing is made again that is unchanged (see
    publishing/state.py): when the inputs, the code and the files written last time are all as they were,
    nothing is read at all. `jobs` processes share the rendering."""
    with _collecting_less():
        inputs = state.read_inputs(root)
        current = state.up_to_date(root, out, inputs)
        if current is not None:
            return [], Written([], current, [], nothing_changed=True)
        from generator.outputs import outputs
        from generator.reading import config
        from generator.reading.check import check
        from generator.reading.load import load

        settings = config.read(root)  # a broken mkdocs.yml stops here, before anything is read or written
        memo = _memos.setdefault(root.resolve(), {})
        corpus, problems = load(root, inputs.raws, memo, (inputs.files, inputs.problems))
        problems += check(corpus, jobs)
        if problems:
            return problems, None
        made = outputs(corpus, settings, state.current(out, state.read(root, out), inputs.code), jobs)
        try:
            written = write(out, made.pages)
        except OSError as error:
            where = Path(error.filename).as_posix() if error.filename else out.as_posix()
            raise UserError(where, f"cannot write the pages: {error.strerror}") from None
        state.save(root, out, inputs.fingerprint, inputs.code, made.keys, made.pages)
        return [], written
