"""MkDocs hook (the only module that knows MkDocs): regenerate pages during `mkdocs serve`, and
choose the search engine: Material's built-in search, or Pagefind for large sites.

A convenience only: the pages are real files written by `python -m generator generate`,
so `mkdocs build` and other engines (Zensical runs no hooks) read them from disk.
"""

import logging
import os
import posixpath
import re
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from generator.problems import UserError, report

log = logging.getLogger("mkdocs.hooks.generator")
_serving = False
_built: set[str] = set()
_DIRECTORY_LINK = re.compile(r'href="((?![a-z]+:|/|#)[^"?#]*/)"')


ENGINES = ("auto", "builtin", "pagefind")
PAGEFIND_FROM = 1000


def choose_engine(setting: Mapping[str, Any] | None, case_studies: int, env: Mapping[str, str], offline: bool) -> str:
    """'builtin' or 'pagefind', from `extra.search` in mkdocs.yml ({engine: auto|builtin|pagefind,
    pagefind_from: N}), the SEARCH_ENGINE variable (which wins) and the number of case studies.
    The offline edition always gets the built-in search: Pagefind cannot load its files from file://."""
    setting = setting or {}
    unknown = sorted(set(setting) - {"engine", "pagefind_from"})
    if unknown:
        raise PluginError(f"mkdocs.yml: extra.search: unknown setting {unknown[0]!r}; expected engine, pagefind_from")
    engine = env.get("SEARCH_ENGINE") or setting.get("engine", "auto")
    if engine not in ENGINES:
        where = "SEARCH_ENGINE" if env.get("SEARCH_ENGINE") else "mkdocs.yml: extra.search.engine"
        raise PluginError(f"{where}: expected one of auto, builtin, pagefind, got {engine!r}")
    threshold = setting.get("pagefind_from", PAGEFIND_FROM)
    if not isinstance(threshold, int) or isinstance(threshold, bool) or threshold < 1:
        raise PluginError(f"mkdocs.yml: extra.search.pagefind_from: expected a whole number above 0, got {threshold!r}")
    if offline:
        return "builtin"
    if engine == "auto":
        return "pagefind" if case_studies >= threshold else "builtin"
    return str(engine)


def count_case_studies(docs_dir: Path) -> int:
    """Generated case-study pages: docs/practices/<sector>/<id>.md (the sector indexes excluded)."""
    return sum(1 for page in docs_dir.glob("practices/*/*.md") if page.name != "index.md")


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


@event_priority(100)  # before Material's search plugin sets itself up
def on_config(config: Any, **kwargs: Any) -> Any:
    offline = config["plugins"].get("material/offline")
    engine = choose_engine(
        config["extra"].get("search"),
        count_case_studies(Path(config["docs_dir"])),
        os.environ,
        offline=bool(offline and offline.config.enabled),
    )
    # the templates read this; without the hook (Zensical) it is unset and they keep the built-in search box
    config["extra"]["pagefind"] = engine == "pagefind"
    search = config["plugins"].get("material/search")
    if search and engine == "pagefind":
        search.config.enabled = False  # no search_index.json, and the header's search box is ours
    log.info("search: %s", "Pagefind" if engine == "pagefind" else "built-in")
    return config


def on_pre_build(config: Any, **kwargs: Any) -> None:
    if not _serving:
        return
    from generator import pipeline  # here, not at the top: a plain build does not pay for importing it

    root = Path(config["config_file_path"]).parent
    try:
        problems, written = pipeline.generate(root, Path(config["docs_dir"]))
    except UserError as error:
        raise PluginError(f"{error}\nnothing was regenerated") from None
    if written is None:
        raise PluginError("case studies have problems; nothing was regenerated\n" + report(problems))
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


def on_files(files: Any, config: Any, **kwargs: Any) -> None:
    _built.clear()
    _built.update(f.dest_uri for f in files)


def on_post_page(output: str, page: Any, config: Any, **kwargs: Any) -> str:
    """The offline edition names pages x.html (use_directory_urls off); generated raw-HTML links to x/
    (the map, for one) are pointed at the file that exists instead."""
    if config["use_directory_urls"]:
        return output
    base = posixpath.dirname(page.file.dest_uri)

    def fix(match: re.Match[str]) -> str:
        href = match.group(1)
        target = posixpath.normpath(posixpath.join(base, href))
        if f"{target}.html" in _built:
            return f'href="{href[:-1]}.html"'
        if posixpath.normpath(f"{target}/index.html") in _built:
            return f'href="{href}index.html"'
        return match.group(0)

    return _DIRECTORY_LINK.sub(fix, output)


def on_post_build(config: Any, **kwargs: Any) -> None:
    global _indexed
    if not config["extra"].get("pagefind"):
        return
    if _serving and _dirty and _indexed:
        return  # a dirty rebuild saw only the changed pages: the index of the first build stays until a full one
    _indexed = True
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None:
        raise PluginError("search: the Pagefind binary is missing; install the project with pip (pagefind[bin])")
    started = time.perf_counter()
    done = subprocess.run(
        [str(executable), "--site", config["site_dir"], "--exclude-selectors", ".headerlink"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise PluginError("search: Pagefind failed\n" + done.stdout + done.stderr)
    # Pagefind also writes its own ready-made interfaces; the site uses only the index and pagefind.js
    for unused in ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js"):
        for path in (Path(config["site_dir"]) / "pagefind").glob(unused):
            path.unlink()
    pages = re.search(r"Indexed (\d+) pages?", done.stdout)
    log.info(
        "search: Pagefind indexed %s pages in %.1f s", pages.group(1) if pages else "?", time.perf_counter() - started
    )
