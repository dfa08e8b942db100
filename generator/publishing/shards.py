"""Building a large site in shards: several engine processes share one language's pages, so that every core
works while the largest language builds (MkDocs converts and renders one page at a time, on one core).

`plan` decides how many processes each language gets; each runs the engine with publishing/shard_hook.py, which
makes only its share of the pages; `merge` moves the shards' pages into the first shard's site and checks the
links to anchors between pages of different shards, as the engine would have. The merged site is the site one
process makes, byte for byte (tests/test_shards.py compares them). Only MkDocs and ProperDocs run hooks, so
only they are sharded; Zensical builds each language whole, and so does the offline edition, whose built-in
search index has to see every page.
"""

import json
import logging
import os
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

HOOK = "generator/publishing/shard_hook.py"
"""The hook every shard loads, relative to the project (where the build's configuration is written)."""
VARIABLE = "GENERATOR_SHARD"
"""How a shard learns which it is: "<index>/<count>/<manifest path>" (read by the hook)."""
SHARD_FROM = 500
"""A language with fewer pages than this is built by one process: starting another costs more than it saves."""
ENGINES = ("mkdocs", "properdocs")


@dataclass(frozen=True)
class Shard:
    lang: str
    index: int
    count: int

    @property
    def name(self) -> str:
        return self.lang if self.count == 1 else f"{self.lang}-{self.index}"


def plan(pages: Mapping[str, int], cores: int, minimum: int = SHARD_FROM) -> list[Shard]:
    """The processes that build the languages whose page counts are `pages`, largest share first (so that the
    pool of `cores` workers ends together). A language gets as many shards as it has fair shares of all the
    pages (the total over the cores), at most one per core, and one when it has fewer than `minimum` pages."""
    total = sum(pages.values()) or 1
    share = total / max(1, cores)
    units: list[tuple[float, Shard]] = []
    for lang, count in pages.items():
        shards = 1 if count < minimum or cores < 2 else max(1, min(cores, -(-count // int(share or 1))))
        units += [(count / shards, Shard(lang, index, shards)) for index in range(shards)]
    order = {lang: number for number, lang in enumerate(pages)}
    return [shard for _, shard in sorted(units, key=lambda unit: (-unit[0], order[unit[1].lang], unit[1].index))]


def pages(docs: Path, lang: str, english: str, languages: Sequence[str]) -> list[str]:
    """The Markdown pages of `lang`'s site, relative to its folder, in the order the shards deal them out (the
    English site: docs/ without the other languages' folders and translations)."""
    if lang != english:
        return sorted(path.relative_to(docs / lang).as_posix() for path in (docs / lang).rglob("*.md"))
    others = {*languages} - {english}
    found = []
    for folder, subfolders, names in os.walk(docs):
        if Path(folder) == docs:
            subfolders[:] = [name for name in subfolders if name not in others]
        here = Path(folder).relative_to(docs)
        found += [
            (here / name).as_posix() for name in names if name.endswith(".md") and name.split(".")[-2] not in others
        ]
    return sorted(found)


def site_of(part: Path, shard: Shard) -> Path:
    """Where `shard` builds: the language's own folder for the first, a folder beside it for the others."""
    return part if shard.index == 0 else part.with_name(f"{part.name}-shard{shard.index}")


def manifest_of(part: Path, shard: Shard) -> Path:
    return part.with_name(f"{part.name}-shard{shard.index}.json")


def environment(part: Path, shard: Shard) -> dict[str, str]:
    return {VARIABLE: f"{shard.index}/{shard.count}/{manifest_of(part, shard)}"}


def scratch(part: Path, count: int) -> list[Path]:
    """What the shards of a language leave beside `part`: the other shards' sites and every manifest."""
    shards = [Shard("", index, count) for index in range(count)]
    return [site_of(part, shard) for shard in shards[1:]] + [manifest_of(part, shard) for shard in shards]


def merge(part: Path, count: int) -> list[str]:
    """Move the pages of shards 1.. into shard 0's site at `part` and check the links to anchors the shards
    could not; returns the engine's messages for those that point nowhere (empty when all is well). Whatever
    happens, only `part` is left."""
    try:
        every = [Shard("", index, count) for index in range(count)]
        manifests = [json.loads(manifest_of(part, shard).read_text("utf-8")) for shard in every]
        for shard, manifest in zip(every[1:], manifests[1:], strict=True):
            source = site_of(part, shard)
            for page in manifest["pages"].values():
                target = part / page["dest"]
                target.parent.mkdir(parents=True, exist_ok=True)
                (source / page["dest"]).replace(target)
        return anchor_problems(manifests)
    finally:
        for path in scratch(part, count):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def anchor_problems(manifests: Sequence[Mapping[str, object]]) -> list[str]:
    """MkDocs' message for each link from a page of one shard to an anchor missing on a page of another, when
    the configuration makes that a warning (validation.anchors), in the order of the pages."""
    anchors: dict[str, set[str]] = {}
    for manifest in manifests:
        pages = manifest["pages"]
        assert isinstance(pages, dict)
        anchors.update({uri: set(page["anchors"]) for uri, page in pages.items()})
    problems = []
    for manifest in manifests:
        level = manifest["anchors_level"]
        unchecked = manifest["unchecked"]
        assert isinstance(level, int) and isinstance(unchecked, list)
        if level < logging.WARNING:
            continue
        for page, link, target, anchor in unchecked:
            if target in anchors and anchor not in anchors[target]:
                problems.append(
                    f"WARNING -  Doc file '{page}' contains a link '{link}', "
                    f"but the doc '{target}' does not contain an anchor '#{anchor}'."
                )
    return sorted(problems)
