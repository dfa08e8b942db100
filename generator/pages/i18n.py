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

from markupsafe import Markup

from generator.schema.languages import ENGLISH, LOCALES, Language, direction

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
def catalogue(lang: str) -> gnu.NullTranslations:
    """The language's gettext catalogue, read from its .po file (compiled in memory: no .mo file to keep current)."""
    path = LOCALE_DIR / f"{lang}.po"
    if lang == ENGLISH or not path.is_file():
        return gnu.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as po:
        catalog = read_po(po, locale=lang, domain="messages")
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gnu.GNUTranslations(compiled)


def gettext(message: str) -> str:
    """`message` in the current language (plain text; a template prints it escaped)."""
    return catalogue(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for `n` in the current language (its CLDR plural rules: Arabic has six, Russian four)."""
    return catalogue(current()).ngettext(singular, plural, n)


def N_(message: str) -> str:  # the conventional name, which `make messages` looks for
    """Marks a string to translate where it is defined (a table of labels); it is translated where it is used."""
    return message


def template_gettext(message: str, **values: object) -> Markup:
    """For templates, as `_("... %(name)s ...", name=value)`: the translated text escaped for Markdown and HTML,
    with each value put in its place (escaped too, unless it is Markup built from checked parts, such as a link)."""
    return _fill(gettext(message), values)


def template_ngettext(singular: str, plural: str, n: int, **values: object) -> Markup:
    """`ngettext` for templates; `%(num)s` in the text is `n` in the language's number format."""
    return _fill(ngettext(singular, plural, n), {"num": number(n), **values})


_PLACEHOLDER = re.compile(r"(%\(\w+\)s|%%)")


def _fill(text: str, values: dict[str, object]) -> Markup:
    from generator.pages.text import md_text

    out = []
    for part in _PLACEHOLDER.split(text):
        if part == "%%":
            out.append("%")
        elif _PLACEHOLDER.fullmatch(part):
            out.append(md_text(values[part[2:-2]]))
        elif part:
            out.append(md_text(part))
    return Markup("".join(out))


def number(value: float | int) -> str:
    """A figure in the current language's format: 800000000 is 800,000,000 in English and 800 000 000 in French.
    Never rounded: every digit the source gave is shown."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if current() == ENGLISH:
        return f"{value:,}" if isinstance(value, int) or abs(value) < 1e15 else repr(value)
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale(), decimal_quantization=False, group_separator=True)
