"""`make messages`: every string the site shows a reader, collected from the generator's code, its templates, the
scripts in docs/assets/, the navigation of mkdocs.yml and the schema's vocabulary into generator/locale/messages.pot,
and each language's catalogue generator/locale/<lang>.po brought up to date with it (new strings added untranslated,
strings no longer used kept as obsolete). Deterministic: the same sources give the same bytes.
"""

import datetime as dt
import io
import re
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from generator.pages import glance
from generator.pages.i18n import LOCALE_DIR
from generator.pages.text import english_label
from generator.schema import model
from generator.schema.languages import LOCALES, TRANSLATED

HOME = LOCALE_DIR.parents[1]
TEMPLATE = LOCALE_DIR / "messages.pot"
KEYWORDS = {
    "_": None,
    "gt": None,
    "gettext": None,
    "plain": None,
    "ngettext": (1, 2),
    "plain_n": (1, 2),
    "N_": None,
    "template_gettext": None,
}
EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
"""Catalogues carry no creation or revision date: they would change with every run."""


def _vocabulary() -> Iterator[tuple[str, str]]:
    """Every value of the schema's fixed vocabularies, in words, as the pages print it (`label`)."""
    for cls in (model.Practice, model.City, model.Impact, model.Lever, model.Funding, model.Target, model.Inventory):
        for name, field in cls.model_fields.items():
            for value in _literals(field.annotation):
                yield english_label(value), f"generator/schema/model.py:{cls.__name__}.{name}"
    for sector in ("transportation", "energy", "waste"):
        yield sector, "generator/schema/ids.py:SECTORS"
    for power in model.POWERS:
        yield glance.power_phrase(power), "generator/schema/model.py:POWERS"
        yield glance.your_power(power), "generator/schema/model.py:POWERS"
        yield model.POWERS[power], "generator/schema/model.py:POWERS"
    for text in (*model.CONTEXTS.values(), *model.SCALES.values()):
        yield text, "generator/schema/model.py:CONTEXTS"


def _literals(annotation: object) -> list[str]:
    if typing.get_origin(annotation) is typing.Literal:
        return [str(a) for a in typing.get_args(annotation)]
    return [v for arg in typing.get_args(annotation) for v in _literals(arg)]


def _navigation(root: Path) -> Iterator[tuple[str, str]]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV and the like: not text
    loader = Loader
    data = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=loader)

    def walk(items: object) -> Iterator[str]:
        if isinstance(items, list):
            for item in items:
                yield from walk(item)
        elif isinstance(items, dict):
            for title, value in items.items():
                yield str(title)
                yield from walk(value)

    for title in walk(data.get("nav")):
        yield title, "mkdocs.yml:nav"
    for scheme in data.get("theme", {}).get("palette", []):
        if isinstance(scheme, dict) and isinstance(scheme.get("toggle"), dict):
            yield str(scheme["toggle"]["name"]), "mkdocs.yml:theme.palette"
    yield str(data.get("site_description", "")).strip(), "mkdocs.yml:site_description"
    yield str(data.get("site_name", "")).strip(), "mkdocs.yml:site_name"
    yield "Permanent link", "mkdocs.yml:markdown_extensions.toc"  # a heading's link (publishing/languages.py)
    # the search box's own words (docs/assets/pagefind-search.js; given to it by publishing/languages.py)
    yield "Show %(n)s more of %(total)s", "docs/assets/pagefind-search.js"
    yield "Search could not be loaded.", "docs/assets/pagefind-search.js"


def _sources(root: Path) -> Iterable[tuple[Path, str]]:
    code = sorted((root / "generator/pages").rglob("*.py"))
    templates = sorted((root / "generator/pages/templates").glob("*.j2"))
    scripts = sorted((root / "docs/assets").glob("*.js"))
    return [
        *((p, "python") for p in code if p.name != "i18n.py"),
        *((p, "jinja2.ext:babel_extract") for p in templates),
        *((p, "javascript") for p in scripts),
    ]


def template(root: Path = HOME) -> Catalog:
    """The catalogue of every message, without translations."""
    catalog = Catalog(project="City climate practices", creation_date=EPOCH, revision_date=EPOCH, fuzzy=False)
    catalog.header_comment = "# The strings of the site City climate practices: `make messages` writes this file."
    for path, method in _sources(root):
        options = {"trim_blocks": "true", "lstrip_blocks": "true"} if method.startswith("jinja2") else {}
        rel = path.relative_to(root).as_posix()
        for line, message, comments, _context in extract_from_file(method, path, KEYWORDS, options=options):
            flags = (
                ("python-format",)
                if any("%(" in m for m in ([message] if isinstance(message, str) else message))
                else ()
            )
            catalog.add(message, locations=[(rel, line)], auto_comments=comments, flags=flags)
    for message, where in (*_vocabulary(), *_navigation(root)):
        if message:
            catalog.add(message, locations=[(where, 0)])
    return catalog


def _write(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=120, sort_output=True, omit_header=False, include_lineno=False, ignore_obsolete=True)
    return out.getvalue()


def catalogues(root: Path = HOME) -> dict[Path, bytes]:
    """The template and every language's catalogue as they should be, by path."""
    pot = template(root)
    files = {TEMPLATE: _write(pot)}
    for lang in TRANSLATED:
        path = LOCALE_DIR / f"{lang}.po"
        if path.is_file():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=LOCALES[lang], domain="messages")
        else:
            catalog = Catalog(locale=LOCALES[lang], project="City climate practices", creation_date=EPOCH)
        catalog.update(pot, no_fuzzy_matching=True, update_header_comment=False)
        catalog.creation_date = catalog.revision_date = EPOCH
        catalog.fuzzy = False  # the header: what it says (the plural forms) is CLDR's, through Babel
        catalog.language_team = catalog.last_translator = ""
        files[path] = _write(catalog)
    return files


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\(\w+\)s", text))


def translation_problems(path: Path, lang: str) -> list[str]:
    """What is wrong with a language's catalogue: strings not translated, fuzzy, or whose translation does not keep
    the placeholders (%(name)s) of the English, or a plural without all the language's forms. One line each."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=LOCALES[lang], domain="messages")  # type: ignore[index]
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ident = message.id if isinstance(message.id, str) else message.id[0]
        where = f"{path.name}: {ident[:70]!r}"
        forms = list(message.string) if isinstance(message.string, tuple | list) else [message.string]
        if message.fuzzy:
            problems.append(f"{where}: marked fuzzy; check the translation and remove the flag")
        if not all(forms):
            problems.append(f"{where}: not translated")
            continue
        if isinstance(message.id, tuple | list) and len(forms) != catalog.num_plurals:
            problems.append(f"{where}: {len(forms)} plural forms, the language has {catalog.num_plurals}")
        english = _placeholders(ident if isinstance(message.id, str) else str(message.id[1]))
        for form in forms:
            ours = _placeholders(form or "")
            # a plural form may leave out %(num)s (Arabic says "one" without the number), never another value
            if set(ours) - set(english) or set(english) - set(ours) - {"%(num)s"}:
                problems.append(f"{where}: placeholders {ours}, the English has {english}; keep each one as it is")
                break
    return problems


if __name__ == "__main__":
    import sys

    found = [line for arg in sys.argv[1:] for line in translation_problems(Path(arg), Path(arg).stem)]
    print("\n".join(found) or "ok")
    raise SystemExit(1 if found else 0)
