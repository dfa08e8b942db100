"""MkDocs hook (the only module that knows MkDocs): `make serve` conveniences, nothing a build needs.

Under `mkdocs serve` it regenerates the pages when a YAML file changes, keeps the search index of the first
build, compiles Material's templates once and polls for changes faster. A plain build needs none of it: the
pages are real files written by `python -m generator generate`, and what every built site needs after the
engine (the Pagefind index, the offline edition's links) is a step of `python -m generator build`, so
ProperDocs and Zensical (which runs no hooks) give the same site. It imports the generator only under serve,
so an engine's own environment can load it without the generator installed.
"""

import logging
import time
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.generator")
_serving = False
_dirty = False
_indexed = False


class _DirtyBuildNotice(logging.Filter):
    """`make serve` rebuilds only changed pages (--dirty) on purpose; MkDocs warns about that on every
    rebuild, and in strict mode the warning would stop the preview. Only that warning is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


def on_startup(command: str, dirty: bool, **kwargs: Any) -> None:
    global _serving, _dirty
    _serving, _dirty = command == "serve", dirty
    if _serving and dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyBuildNotice())


def on_pre_build(config: Any, **kwargs: Any) -> None:
    if not _serving:
        return
    from generator import pipeline  # here, not at the top: a plain build does not import the generator
    from generator.problems import UserError, report

    root = Path(config["config_file_path"]).parent
    try:
        # `mkdocs serve` shows the English site: the other languages are made by `make site`
        problems, written = pipeline.generate(root, Path(config["docs_dir"]), languages=("en",))
    except UserError as error:
        raise PluginError(f"{error}\nnothing was regenerated") from None
    if written is None:
        raise PluginError("case studies have problems; nothing was regenerated\n" + report(problems))
    for line in report(problems).splitlines()[:-1] if problems else []:
        log.info("%s", line)  # stale translations: said, never a failure (a warning would stop --strict)
    if written.written or written.removed:
        log.info("regenerated %d pages, removed %d", len(written.written), len(written.removed))


class _CompiledTemplates(jinja2.BytecodeCache):
    """Material's templates compiled once per `mkdocs serve`, not on every rebuild (MkDocs makes a new
    template environment each time). Jinja checks each template's source against its checksum."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_compiled = _CompiledTemplates()


def on_env(env: jinja2.Environment, config: Any, files: Any, **kwargs: Any) -> jinja2.Environment:
    if _serving:
        env.bytecode_cache = _compiled
    return env


POLL_SECONDS = 0.1
"""How often `make serve` looks at practices/ and generator/ for changes (MkDocs' own default is 0.5 s)."""


def on_serve(server: Any, config: Any, builder: Any, **kwargs: Any) -> Any:
    """MkDocs polls the watched folders every half second, so a saved file waited 0.25 s on average before
    anything happened. The folders in `watch:` (practices/, generator/) are scheduled just after this event;
    they are polled every POLL_SECONDS instead (MkDocs 1.6 has no setting for it; the pinned version's
    observer keeps the interval in `_timeout`, which its watches read when they are added)."""
    observer = getattr(server, "observer", None)
    if observer is not None and hasattr(observer, "_timeout") and not observer.is_alive():
        observer._timeout = POLL_SECONDS
    return server


def on_post_build(config: Any, **kwargs: Any) -> None:
    """Under serve only (a build is indexed by `python -m generator build`): the first build is indexed; a
    dirty rebuild saw only the changed pages, so the index of the first build stays until the next one."""
    global _indexed
    if not _serving or not config["extra"].get("pagefind") or (_dirty and _indexed):
        return
    _indexed = True
    from generator.problems import UserError
    from generator.publishing import search

    started = time.perf_counter()
    try:
        indexed = search.index(Path(config["site_dir"]))
    except UserError as error:
        raise PluginError(f"search: {error}") from None
    log.info("search: Pagefind indexed %d pages in %.1f s", indexed.pages, time.perf_counter() - started)
