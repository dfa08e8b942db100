"""mkdocs.yml -> the few settings the pages need: where the site is published and where "edit" links point.

Read before anything is written: a broken mkdocs.yml stops the generation with its line, instead of pages
being written without their edit links and MkDocs failing afterwards.
"""

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.problems import UserError

CONFIG = "mkdocs.yml"


@dataclass(frozen=True)
class Settings:
    edit_base: str | None = None
    """URL the YAML file's path is appended to for "edit this page", e.g. https://github.com/o/r/edit/main/"""
    site_url: str = "https://example.org/"
    """Where the site is published, ending with a slash (site_url in mkdocs.yml)."""


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does (YAML 1.1, !ENV from the environment); other tags such as !!python/name
    (used by some Markdown extensions) read as null: only plain settings are used here."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, ..., default]`, as MkDocs reads it: the first variable that is set, read as
    a YAML value, otherwise the default (or null)."""
    names: list[Any]
    default: Any = None
    if isinstance(node, yaml.ScalarNode):
        names = [loader.construct_scalar(node)]
    elif isinstance(node, yaml.SequenceNode) and node.value:
        *variables, last = node.value
        if variables:
            names, default = [loader.construct_object(n) for n in variables], loader.construct_object(last)
        else:
            names = [loader.construct_object(last)]
    else:
        return None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def parse(text: str) -> dict[str, Any]:
    """The settings in `text`, or a UserError at the line of the mistake."""
    try:
        data = yaml.load(text, Loader=_ConfigLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        message = f"YAML syntax error: {problem}"
        if error.context and error.problem and error.context_mark:
            message += f" ({error.context} that starts at line {error.context_mark.line + 1})"
        message += "; check the indentation and that every bracket and quote is closed"
        raise UserError(CONFIG, message, mark.line + 1 if mark else 1) from None
    except yaml.YAMLError as error:
        raise UserError(CONFIG, f"YAML error: {str(error).splitlines()[0]}", 1) from None
    except (ValueError, TypeError, AttributeError) as error:  # a value PyYAML cannot build, such as 2024-13-01
        raise UserError(CONFIG, f"a value cannot be read: {error}; put it in quotes if it is text") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UserError(CONFIG, "the top level must be a mapping of settings (key: value)", 1)
    return data


def read(root: Path) -> Settings:
    """The settings of the project at `root`; defaults when it has no mkdocs.yml."""
    path = root / CONFIG
    if not path.exists():
        return Settings()
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UserError(CONFIG, f"cannot read the file: {error.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise UserError(CONFIG, f"byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8", line) from None
    data = parse(text)
    extra: dict[str, Any] = data["extra"] if isinstance(data.get("extra"), dict) else {}
    repo, branch, site = extra.get("repository"), extra.get("edit_branch", "main"), data.get("site_url")
    edit = f"{repo.rstrip('/')}/edit/{branch}/" if isinstance(repo, str) and repo.startswith("https://") else None
    if isinstance(site, str) and site.startswith(("https://", "http://")):
        return Settings(edit_base=edit, site_url=site.rstrip("/") + "/")
    return Settings(edit_base=edit)
