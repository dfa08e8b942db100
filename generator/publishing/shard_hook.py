"""Engine hook for one shard of a language's site: loaded by MkDocs or ProperDocs only when `generator build`
splits a large site between processes (see publishing/shards.py, which plans the shards and merges them).

Every shard reads the whole configuration, every file and the navigation, as a whole build would. It then converts
and renders only its own pages (every `count`-th page of the sorted list) plus the pages in the navigation, whose
titles every page shows. It writes only its own pages, so the shards' pages together are the whole site, each
made exactly as the one-process build makes it. Anchors are the one check that needs pages of other shards: a
shard writes the links to anchors it could not check and the anchors its pages have into a manifest, and the
merge checks them with MkDocs' own words.

Like generator/mkdocs_hook.py this file runs in the engine's environment and imports nothing of the generator.
"""

import json
import os
import sys
from pathlib import Path
from typing import Any

SHARD = "GENERATOR_SHARD"
"""The environment variable that names the shard: "<index>/<count>/<manifest path>"."""

_index, _count, _manifest = 0, 1, ""
_populate: set[str] = set()
_own: set[str] = set()
_patched = False
_documents: list[Any] = []


def _parse() -> None:
    global _index, _count, _manifest
    index, count, manifest = os.environ[SHARD].split("/", 2)
    _index, _count, _manifest = int(index), int(count), manifest


def _engine_build_modules() -> list[Any]:
    return [
        module
        for name in ("mkdocs.commands.build", "properdocs.commands.build")
        if (module := sys.modules.get(name)) is not None and hasattr(module, "_populate_page")
    ]


def _patch(module: Any) -> None:
    populate, build = module._populate_page, module._build_page

    def populate_page(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
        if page.file.src_uri in _populate:
            populate(page, config, files, dirty)

    def build_page(page: Any, *args: Any, **kwargs: Any) -> None:
        if page.file.src_uri in _own:
            build(page, *args, **kwargs)

    module._populate_page, module._build_page = populate_page, build_page


def on_config(config: Any, **kwargs: Any) -> Any:
    global _patched
    _parse()
    if not _patched:
        for module in _engine_build_modules():
            _patch(module)
        _patched = True
    return config


def on_nav(nav: Any, config: Any, files: Any, **kwargs: Any) -> Any:
    _documents[:] = files.documentation_pages()
    pages = sorted(file.src_uri for file in _documents)
    _own.clear()
    _own.update(uri for number, uri in enumerate(pages) if number % _count == _index)
    _populate.clear()
    _populate.update(_own, (page.file.src_uri for page in nav.pages))
    return nav


def on_env(env: Any, config: Any, files: Any, **kwargs: Any) -> Any:
    if _index != 0:
        # the theme's files and the static files are the first shard's to copy: the others' would be thrown away
        files.copy_static_files = lambda *args, **kwargs: None
    return env


def on_post_build(config: Any, **kwargs: Any) -> None:
    pages: dict[str, Any] = {}
    unchecked: list[list[str]] = []
    for file in _documents:
        page = file.page
        if file.src_uri not in _own or page is None:
            continue
        pages[file.src_uri] = {"dest": file.dest_uri, "anchors": sorted(page.present_anchor_ids or ())}
        for target, links in sorted((page.links_to_anchors or {}).items(), key=lambda item: item[0].src_uri):
            if target.src_uri in _populate:
                continue  # checked by this shard, as in a whole build
            for anchor, link in links.items():
                unchecked.append([file.src_uri, link, target.src_uri, anchor])
    level = config.validation.links.anchors
    manifest = {"shard": _index, "pages": pages, "unchecked": unchecked, "anchors_level": level}
    Path(_manifest).write_text(json.dumps(manifest, ensure_ascii=False, sort_keys=True), encoding="utf-8")
