"""Each language's site: the engine's configuration for it, made from mkdocs.yml.

English is built from docs/ into the top of the site (its addresses are those the site always had); every other
language from docs/<lang>/ into site/<lang>/, as a site of its own in the same theme (Material recommends one
project per language), with the theme's own strings in that language (`theme.language`), the navigation's titles
from the message catalogues, and what the language selector and the hreflang links need (`extra.languages`).
"""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from generator.pages import i18n
from generator.problems import UserError
from generator.reading.config import CONFIG
from generator.schema.languages import ENGLISH, LANGUAGES, direction


class _Env:
    """A `!ENV` value of mkdocs.yml, kept as written so that the engine still reads it from the environment."""

    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: _Env(node))
_Dumper.add_representer(_Env, lambda dumper, value: value.node)


def _home_word(lang: str) -> str:
    """ "Home" in `lang`: where the selector leads for a page that is not in that language."""
    with i18n.language(lang):
        return i18n.gettext("Home")


def _nav(items: Any) -> Any:
    """The navigation with each title in the current language."""
    if isinstance(items, list):
        return [_nav(item) for item in items]
    if isinstance(items, dict):
        return {i18n.gettext(str(title)): _nav(value) for title, value in items.items()}
    return items


def _read(root: Path) -> dict[str, Any]:
    try:
        data = yaml.load((root / CONFIG).read_text(encoding="utf-8"), Loader=_Loader)  # a safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise UserError(CONFIG, f"cannot read the file: {getattr(error, 'strerror', None) or error}") from None
    if not isinstance(data, dict):
        raise UserError(CONFIG, "the top level must be a mapping of settings (key: value)", 1)
    return data


def home(root: Path) -> str:
    """The address of the English site (site_url), ending with a slash: the other languages are below it."""
    url = str(_read(root).get("site_url") or "/")
    return url if url.endswith("/") else url + "/"


def docs(root: Path) -> Path:
    """The folder the English pages are built from (docs_dir in mkdocs.yml); the other languages' are in it."""
    return root / str(_read(root).get("docs_dir", "docs"))


def config(root: Path, lang: str, hooks: Sequence[str] = ()) -> str:
    """The configuration that builds `lang`'s site from mkdocs.yml (read as the engines read it, `!ENV` kept),
    with `hooks` added to those it runs."""
    data = _read(root)
    site = home(root)
    extra = dict(data.get("extra") or {})
    extra["language"] = lang
    extra["language_up"] = "" if lang == ENGLISH else "../"
    extra["site_home"] = site
    extra["languages"] = [
        {
            "code": code,
            "name": i18n.native_name(code),
            "dir": direction(code),
            "prefix": "" if code == ENGLISH else f"{code}/",
            "home": _home_word(code),
        }
        for code in LANGUAGES
    ]
    data["extra"] = extra
    if lang != ENGLISH:
        with i18n.language(lang):
            data["nav"] = _nav(data.get("nav"))
            # the search box's own words (Material's are translated by the theme; these two are the site's)
            extra["search_strings"] = {
                "more": i18n.gettext("Show %(n)s more of %(total)s"),
                "failed": i18n.gettext("Search could not be loaded."),
            }
            for key in ("site_name", "site_description"):
                if isinstance(data.get(key), str):
                    data[key] = i18n.gettext(data[key].strip())
            for extension in data.get("markdown_extensions") or []:
                if isinstance(extension, dict) and isinstance(extension.get("toc"), dict):
                    extension["toc"]["permalink_title"] = i18n.gettext("Permanent link")
            for scheme in (data.get("theme") or {}).get("palette") or []:
                if isinstance(scheme, dict) and isinstance(scheme.get("toggle"), dict):
                    scheme["toggle"]["name"] = i18n.gettext(str(scheme["toggle"]["name"]))
        data["site_url"] = f"{site}{lang}/"
        data["docs_dir"] = f"{data.get('docs_dir', 'docs')}/{lang}"
        data["theme"] = {**(data.get("theme") or {}), "language": lang}
        data.pop("hooks", None)  # `make serve` only (English)
        data.pop("watch", None)
        data.pop("exclude_docs", None)  # the languages' own pages and translations, excluded from English only
        validation = dict(data.get("validation") or {})
        # links out of the language's folder (to the English site's open data) are expected; a page missing in
        # the language's folder is still a warning, which stops the build
        validation["unrecognized_links"] = "info"
        data["validation"] = validation
    if hooks:
        data["hooks"] = [*(data.get("hooks") or []), *hooks]
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
