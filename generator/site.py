"""MkDocs hook (the only module that knows MkDocs): regenerate pages during `mkdocs serve`.

A convenience only: the pages are real files written by `python -m generator generate`,
so `mkdocs build` and other engines (Zensical runs no hooks) read them from disk.
"""

import logging
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from generator import pipeline
from generator.problems import report

log = logging.getLogger("mkdocs.hooks.generator")
_serving = False


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
