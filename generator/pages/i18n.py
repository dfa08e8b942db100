"""The language pages are rendered in: every reader-facing string the generator writes goes through here.

Strings are English in the code and templates (the message ids); `generator/locale/<lang>.po` (gettext catalogues,
read with Babel) gives each other language's text; `make messages` extracts them into `generator/locale/messages.pot`
and updates the catalogues. Numbers, dates and country names come from CLDR (Babel) in the language's locale.

The language is set for a stretch of rendering with `language(lang)` (a context variable, inherited by the worker
processes that share the work), so that templates and the functions they call need not pass it around.
"""

import contextlib
import functools
import gettext as gnu
import io
import re
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.pages.escape import md_text
from generator.schema.languages import ENGLISH, LOCALES, Language, direction

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
_current: ContextVar[str] = ContextVar("language", default=ENGLISH)


@contextlib.contextmanager
def language(lang: str) -> Iterator[None]:
    """Render in `lang` while in this block."""
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def current() -> str:
    return _current.get()


def locale() -> str:
    """The CLDR locale of the current language, for Babel."""
    lang: Language = current()  # type: ignore[assignment]  # set only from LANGUAGES
    return LOCALES[lang]


def text_direction() -> str:
    return direction(current())


@functools.cache
def _read(lang: str) -> "Catalog | None":
    from babel.messages.pofile import read_po

    path = LOCALE_DIR / f"{lang}.po"
    if lang == ENGLISH or not path.is_file():
        return None
    with path.open("rb") as po:
        return read_po(po, locale=LOCALES.get(lang, lang), domain="messages")  # type: ignore[call-overload]


@functools.cache
def catalogue(lang: str) -> gnu.NullTranslations:
    """The language's gettext catalogue, read from its .po file (compiled in memory: no .mo file to keep current)."""
    catalog = _read(lang)
    if catalog is None:
        return gnu.NullTranslations()
    from babel.messages.mofile import write_mo

    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gnu.GNUTranslations(compiled)


PLURAL_ORDER = ("zero", "one", "two", "few", "many", "other")
"""CLDR's plural categories in the order gettext numbers a language's forms (Babel makes its plural forms so)."""


@functools.cache
def _script_messages() -> dict[str, tuple[str | tuple[str, str], ...]]:
    """The messages each script of docs/assets/ uses, by its file name (from the template, messages.pot)."""
    from babel.messages.pofile import read_po

    path = LOCALE_DIR / "messages.pot"
    if not path.is_file():
        return {}
    with path.open("rb") as pot:
        template = read_po(pot)
    found: dict[str, list[str | tuple[str, str]]] = {}
    for message in template:
        for where, _line in message.locations:
            if where.startswith("docs/assets/") and message.id:
                name = where.removeprefix("docs/assets/")
                ident = message.id if isinstance(message.id, str) else (str(message.id[0]), str(message.id[1]))
                found.setdefault(name, []).append(ident)
    return {name: tuple(ids) for name, ids in found.items()}


def script_strings(script: str) -> dict[str, object] | None:
    """What the script `script` (of docs/assets/) needs to speak the current language: the translation of each
    of its strings (a list of forms for a plural) and the order of the language's plural categories, for
    Intl.PluralRules; None in English, where the strings are the script's own."""
    catalog = _read(current())
    if catalog is None:
        return None
    from babel import Locale

    strings: dict[str, object] = {}
    for ident in _script_messages().get(script, ()):
        found = catalog.get(ident if isinstance(ident, str) else ident[0])
        if found is None or not found.string or found.fuzzy:
            continue
        if isinstance(ident, tuple) and isinstance(found.string, tuple | list) and all(found.string):
            strings[ident[0]] = list(found.string)
        elif isinstance(ident, str) and isinstance(found.string, str):
            strings[ident] = found.string
    tags = Locale.parse(locale()).plural_form.tags | {"other"}
    return {"lang": current(), "strings": strings, "plurals": [t for t in PLURAL_ORDER if t in tags]}


def gettext(message: str) -> str:
    """`message` in the current language (plain text; a template prints it escaped)."""
    return catalogue(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for `n` in the current language (its CLDR plural rules: Arabic has six, Russian four)."""
    return catalogue(current()).ngettext(singular, plural, n)


def N_(message: str) -> str:  # the conventional name, which `make messages` looks for
    """Marks a string to translate where it is defined (a table of labels); it is translated where it is used."""
    return message


def plain(message: str, **values: object) -> str:
    """`message` in the current language with the values put in, as plain text (for front matter, which has its
    own escaping, and for data)."""
    text = gettext(message)
    return _PLACEHOLDER.sub(lambda m: "%" if m.group(0) == "%%" else str(values[m.group(0)[2:-2]]), text)


def plain_n(singular: str, plural: str, n: int, **values: object) -> str:
    """`plain` for the form of `n` (`%(num)s` is `n` in the language's number format)."""
    text = ngettext(singular, plural, n)
    every = {"num": number(n), **values}
    return _PLACEHOLDER.sub(lambda m: "%" if m.group(0) == "%%" else str(every[m.group(0)[2:-2]]), text)


def template_gettext(message: str, **values: object) -> Markup:
    """For templates, as `_("... %(name)s ...", name=value)`: the translated text escaped for Markdown and HTML,
    with each value put in its place (escaped too, unless it is Markup built from checked parts, such as a link)."""
    return _fill(gettext(message), values)


def template_ngettext(singular: str, plural: str, n: int, **values: object) -> Markup:
    """`ngettext` for templates; `%(num)s` in the text is `n` in the language's number format."""
    return _fill(ngettext(singular, plural, n), {"num": number(n), **values})


_PLACEHOLDER = re.compile(r"(%\(\w+\)s|%%)")


def _fill(text: str, values: dict[str, object]) -> Markup:
    """The text escaped as a whole (so that escaping depends on where a character is in the sentence, not in a
    fragment), then each placeholder replaced by its value, escaped on its own."""
    slots: list[str] = []

    def hold(found: re.Match[str]) -> str:
        if found.group(0) == "%%":
            return "%"
        slots.append(md_text(values[found.group(0)[2:-2]]))
        return f"\x00{len(slots) - 1}\x00"

    escaped = md_text(_PLACEHOLDER.sub(hold, text))
    return Markup(re.sub("\x00([0-9]+)\x00", lambda m: slots[int(m.group(1))], escaped))


def number(value: float | int) -> str:
    """A figure in the current language's format: 800000000 is 800,000,000 in English and 800 000 000 in French.
    Never rounded: every digit the source gave is shown."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if current() == ENGLISH:
        return f"{value:,}" if isinstance(value, int) or abs(value) < 1e15 else repr(value)
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale(), decimal_quantization=False, group_separator=True)


def language_name(lang: str) -> str:
    """The name of `lang` in the current language (CLDR): "French" in English, "francés" in Spanish."""
    from babel import Locale

    return str(Locale.parse(locale()).languages.get(lang, lang))


def native_name(lang: str) -> str:
    """The name of `lang` in that language itself (CLDR), capitalised as a menu item: "Français"."""
    from babel import Locale

    name = str(Locale.parse(LOCALES[lang]).languages.get(lang, lang))  # type: ignore[index]  # one of LANGUAGES
    return name[:1].upper() + name[1:]


def english_url(path: str) -> str:
    """From the page `path` (under docs/<lang>/, such as practices/energy/x.md) to the same page in English:
    up out of the page's folders and the language's folder (pages are folders: x.md is x/)."""
    url = "" if path == "index.md" else path.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"
    url = "" if url == "/" else url
    return "../" * (url.count("/") + 1) + url
