"""The steps in order: read -> validate -> check across files -> render -> write.

Nothing is written unless every file is valid and mkdocs.yml reads. Light to import: the heavy steps (the
schema, the templates, YAML) are imported when they run, so that "nothing changed" is answered from the
files' fingerprints alone.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.problems import Problem, UserError, errors
from generator.publishing import engines, state
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


def generate(
    root: Path, out: Path, jobs: int = 1, languages: tuple[str, ...] | None = None
) -> tuple[list[Problem], Written | None]:
    """Validate everything; only if all is well, render and write the pages under `out`, and return what was
    written (None, with the problems, when nothing was). Nothing is made again that is unchanged (see
    publishing/state.py): when the inputs, the code and the files written last time are all as they were,
    nothing is read at all. `jobs` processes share the rendering. `languages` (default: all) limits what is made:
    `make serve` shows English only, and makes only English again on each save; what it leaves is not recorded
    as current, so the next full run makes the other languages again."""
    with _collecting_less():
        inputs = state.read_inputs(root, out)
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
        if errors(problems):
            return problems, None
        known = state.current(out, state.read(root, out), inputs.code)
        from generator.schema.languages import LANGUAGES

        wanted = languages or LANGUAGES
        made = outputs(corpus, settings, known, jobs, inputs.pages, wanted)
        try:
            written = write(out, made.pages, leave=[lang for lang in LANGUAGES if lang not in wanted])
        except OSError as error:
            where = Path(error.filename).as_posix() if error.filename else out.as_posix()
            raise UserError(where, f"cannot write the pages: {error.strerror}") from None
        state.save(root, out, inputs.fingerprint, inputs.code, made.keys, made.pages)
        return problems, written


@dataclass(frozen=True)
class Built:
    engine: str
    site: Path
    searchable: int
    """Pages in the search index (0 for the offline edition, which keeps the engine's own search)."""
    shards: dict[str, int] = field(default_factory=dict)
    """How many processes built each language's site."""


def _a_built_site(folder: Path) -> bool:
    """A site this command built, or (before it left a mark) one with the pages every build has."""
    if not folder.is_dir() or folder.is_symlink():
        return False
    return (folder / engines.BUILT).is_file() or ((folder / "index.html").is_file() and (folder / "404.html").is_file())


def _remove(path: Path) -> None:
    import shutil

    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def build(root: Path, site: Path, engine: str = "mkdocs", offline: bool = False, shards: int | None = None) -> Built:
    """Build the generated pages into `site` with `engine`, then what every engine's site needs: the Pagefind
    index, or for the offline edition links that work from a folder. A large language is built by several
    processes at once (`shards` each, when given: see publishing/sharding.py). The new site is made beside the old one
    and replaces it only when every step succeeded, so a failed build never leaves half a site."""
    import os
    import shutil

    from generator.publishing import offline as offline_links
    from generator.publishing import search
    from generator.publishing import shards as sharding
    from generator.reading.config import CONFIG

    if not root.is_dir():
        raise UserError(root.as_posix(), "is not a folder; give the project folder with --root")
    if shards is not None and shards < 1:
        raise UserError("--shards", f"must be 1 or more (it is {shards})")
    home = root.resolve()
    target = (root / site).resolve()
    tmp = target.with_name(f"{target.name}.tmp") if target.name else target
    if target == home or not target.name or not tmp.is_relative_to(home):
        raise UserError(site.as_posix(), "the site folder must be a folder inside the project (Zensical requires it)")
    if target.exists() and not _a_built_site(target):
        message = "exists and is not a site built here; give another --site-dir (it would be replaced whole)"
        raise UserError(site.as_posix(), message)
    from generator.publishing import languages as sites
    from generator.publishing import sitemap
    from generator.schema.languages import ENGLISH, LANGUAGES

    parts: dict[str, Path] = {
        lang: tmp if lang == ENGLISH else tmp.with_name(f"{tmp.name}-{lang}") for lang in LANGUAGES
    }
    cores = os.cpu_count() or 1
    if engine not in sharding.ENGINES or offline or shards == 1:
        units = [sharding.Shard(lang, 0, 1) for lang in LANGUAGES]
    elif shards is not None:
        units = [sharding.Shard(lang, index, shards) for lang in LANGUAGES for index in range(shards)]
    else:
        docs = sites.docs(home)
        pages = {str(lang): len(sharding.pages(docs, lang, ENGLISH, LANGUAGES)) for lang in LANGUAGES}
        units = sharding.plan(pages, cores)
    count = {unit.lang: unit.count for unit in units}
    leftovers = [path for lang, part in parts.items() for path in sharding.scratch(part, count[lang])]
    for path in (*parts.values(), *leftovers):
        _remove(path)
    env = {**os.environ, "OFFLINE": "true" if offline else "false", "PAGEFIND": "false" if offline else "true"}
    env.pop(sharding.VARIABLE, None)
    # a broken mkdocs.yml stops here
    configs: dict[str, str] = {
        lang: sites.config(home, lang, [sharding.HOOK] if count[lang] > 1 else []) for lang in LANGUAGES
    }

    def one(unit: sharding.Shard) -> str:
        part = parts[unit.lang]
        site = sharding.site_of(part, unit).relative_to(home).as_posix()
        extra = sharding.environment(part, unit) if unit.count > 1 else {}
        return engines.run(engine, home, site, {**env, **extra}, configs[unit.lang], unit.lang, unit.name)

    try:
        # each language is a site of its own, and a large one is built in shards (publishing/sharding.py): the
        # engines build them side by side, one per core (Zensical one after the other: every run of it clears
        # and fills the same cache folder of the project)
        workers = 1 if engine == "zensical" else max(1, min(len(units), cores))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(one, units))
        for lang, part in parts.items():
            if count[lang] > 1:
                problems = sharding.merge(part, count[lang])
                if problems:
                    sys.stderr.write("".join(f"{problem}\n" for problem in problems))
                    which = f"the {engine} build" + ("" if lang == ENGLISH else f" of the {lang} site")
                    raise UserError(CONFIG, f"{which} failed (its messages are above); the site was not changed")
        for lang, part in parts.items():
            if lang != ENGLISH:
                part.rename(tmp / lang)
        searchable = 0
        if offline:
            offline_links.fix_site(tmp)
        else:
            sitemap.write(tmp, sites.home(home))
            searchable = search.index(tmp).pages
    except BaseException:
        for path in (tmp, *parts.values(), *leftovers):
            _remove(path)
        raise
    (tmp / engines.BUILT).write_text("Built by `python -m generator build`: replaced whole by the next build.\n")
    old = target.with_name(f"{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    tmp.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return Built(engine, target, searchable, count)
