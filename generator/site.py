"""MkDocs hook (the only module that knows MkDocs): regenerate pages during `mkdocs serve`.

A convenience only: the pages are real files written by `python -m generator generate`,
so `mkdocs build` and other engines (Zensical runs no hooks) read them from disk.
"""

import logging
import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from generator import pipeline
from generator.problems import report

log = logging.getLogger("mkdocs.hooks.generator")
_serving = False
_built: set[str] = set()
_DIRECTORY_LINK = re.compile(r'href="((?![a-z]+:|/|#)[^"?#]*/)"')


def on_startup(command: str, dirty: bool, **kwargs: Any) -> None:
    global _serving
    _serving = command == "serve"


def on_pre_build(config: Any, **kwargs: Any) -> None:
    if not _serving:
        return
    root = Path(config["config_file_path"]).parent
    result, written = pipeline.generate(root, Path(config["docs_dir"]))
    if written is None:
        raise PluginError("case studies have problems; nothing was regenerated\n" + report(result.problems))
    if written.written or written.removed:
        log.info("regenerated %d pages, removed %d", len(written.written), len(written.removed))


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
