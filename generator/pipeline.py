"""The steps in order: read -> validate -> check across files -> render -> write.

Nothing is written unless every file is valid.
"""

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import agenda, catalogue, charts, export, feed, reference, schema, state
from .check import check
from .load import Corpus, Memo, load
from .problems import Problem
from .render import Settings, render
from .write import Written, write


@dataclass(frozen=True)
class Result:
    corpus: Corpus
    problems: list[Problem]


def validate(root: Path) -> Result:
    corpus, problems = load(root)
    return Result(corpus, problems + check(corpus))


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; tags such as !!python/name (used by some Markdown extensions) read as null."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def settings(root: Path) -> Settings:
    """Read the repository address (extra.repository in mkdocs.yml) for "edit this page" links."""
    config = root / "mkdocs.yml"
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader) if config.is_file() else {}
    except yaml.YAMLError:
        data = {}
    data = data if isinstance(data, dict) else {}
    extra: dict[str, Any] = data["extra"] if isinstance(data.get("extra"), dict) else {}
    repo, branch, site = extra.get("repository"), extra.get("edit_branch", "main"), data.get("site_url")
    edit = f"{repo.rstrip('/')}/edit/{branch}/" if isinstance(repo, str) and repo.startswith("https://") else None
    if isinstance(site, str) and site.startswith(("https://", "http://")):
        return Settings(edit_base=edit, site_url=site.rstrip("/") + "/")
    return Settings(edit_base=edit)


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


def generate(root: Path, out: Path, jobs: int = 1, inputs: state.Inputs | None = None) -> tuple[Result, Written | None]:
    """Validate everything; only if all is well, render and write the pages under `out`.
    Nothing is made again that is unchanged (see state.py); `jobs` processes share the rendering.
    `inputs` may be what state.read_inputs() already read."""
    with _collecting_less():
        inputs = inputs or state.read_inputs(root)
        current = state.up_to_date(root, out, inputs)
        if current is not None:
            return Result(Corpus({}, {}), []), Written([], current, [], nothing_changed=True)
        memo = _memos.setdefault(root.resolve(), {})
        corpus, problems = load(root, inputs.raws, memo, (inputs.files, inputs.problems))
        result = Result(corpus, problems + check(corpus, jobs))
        if result.problems:
            return result, None
        config = settings(root)
        rendered = render(corpus, config, state.current(out, state.read(root, out), inputs.code), jobs)
        pages = rendered.pages | export.files(corpus)
        pages |= {"reference.md": reference.page(), "feed.xml": feed.atom(corpus, config.site_url)}
        pages |= {f"data/{Path(rel).name}": text for rel, text in schema.files().items()}
        pages |= {"catalogue.md": catalogue.page(corpus), "data/catalogue.json": catalogue.data(corpus)}
        pages |= {"data/catalogue-data.js": catalogue.page_data(corpus)}
        pages |= {"compare.md": catalogue.compare_page(corpus), "data/compare-data.js": catalogue.compare_data(corpus)}
        pages |= {"progress.md": charts.progress_page(corpus)}
        pages |= {"agenda.md": agenda.agenda_page(corpus), "funded.md": agenda.funded_page(corpus)}
        written = write(out, dict(sorted(pages.items())))
        state.save(root, out, inputs.fingerprint, inputs.code, rendered.keys, pages)
        return result, written
