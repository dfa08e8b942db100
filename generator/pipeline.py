"""The steps in order: read -> validate -> check across files -> render -> write.

Nothing is written unless every file is valid.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import agenda, catalogue, charts, export, feed, reference, schema
from .check import check
from .load import Corpus, load
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


def generate(root: Path, out: Path) -> tuple[Result, Written | None]:
    """Validate everything; only if all is well, render and write the pages under `out`."""
    result = validate(root)
    if result.problems:
        return result, None
    config = settings(root)
    pages = render(result.corpus, config) | export.files(result.corpus)
    pages |= {"reference.md": reference.page(), "feed.xml": feed.atom(result.corpus, config.site_url)}
    pages |= {f"data/{Path(rel).name}": text for rel, text in schema.files().items()}
    pages |= {"catalogue.md": catalogue.page(result.corpus), "data/catalogue.json": catalogue.data(result.corpus)}
    pages |= {"compare.md": catalogue.compare_page(result.corpus)}
    pages |= {"progress.md": charts.progress_page(result.corpus)}
    pages |= {"agenda.md": agenda.agenda_page(result.corpus), "funded.md": agenda.funded_page(result.corpus)}
    return result, write(out, dict(sorted(pages.items())))
