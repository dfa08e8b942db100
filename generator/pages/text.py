"""Text for pages: escaping text from YAML for Markdown and HTML, the formats of numbers, dates and labels,
and the one Jinja environment every page template is rendered with.

Every value a template prints is escaped for Markdown and HTML by `md_text` (the environment's `finalize`),
unless it is `Markup` built here from checked parts (links, the description).
"""

import datetime as dt
import functools
import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.pages import i18n, paging
from generator.pages.escape import md_text
from generator.pages.i18n import N_
from generator.schema import evidence, markdown
from generator.schema.languages import ENGLISH

number = i18n.number


def link(title: object, url: str) -> Markup:
    target = re.sub(r"[()<> ]", lambda m: f"%{ord(m.group(0)):02X}", url)
    return Markup(f"[{md_text(title)}]({target})")


def description(text: str, english: bool = False) -> Markup:
    # HTML made by the same parser that checked it; MkDocs passes an HTML block through untouched
    marked = ' lang="en" dir="ltr"' if english and i18n.current() != ENGLISH else ""
    return Markup(f'<div class="practice-description"{marked}>\n{markdown.to_html(text)}</div>')


def page_url(path: str) -> str:
    """The address of the page made from `path` (under docs/ or a language's folder), as the engines give it:
    practices/energy/x.md -> practices/energy/x/, a/index.md -> a/, index.md -> ""."""
    url = path.removesuffix("index.md").removesuffix(".md")
    return url if not url or url.endswith("/") else url + "/"


@jinja2.pass_context
def case_link(context: Any, entry: Any, target: str) -> Markup:
    """A link to a case study from a list: to its page (`target`, the page's .md path relative to this one) in
    this language; where the case study is not translated into it, to its English page (which is the only one),
    marked as English (`hreflang`, `lang`), the title in English."""
    from generator.pages.localize import translated_in_current

    if translated_in_current("practices", entry.id):
        return link(entry.data.title, target)
    here = context.get("here") or context["p"].path
    href = "../" * (page_url(here).count("/") + 1) + f"practices/{entry.sector}/{entry.id}/"
    return Markup(f'<a href="{href}" hreflang="en" lang="en" dir="ltr">{md_text(entry.data.title)}</a>')


def shown_title(entry: Any) -> object:
    """A case study's title as a list shows it: marked as English on another language's page when the case study is
    not translated into that language (the page it leads to is in English)."""
    from generator.pages.localize import translated_in_current

    return in_english(entry.data.title, not translated_in_current("practices", entry.id))


def shown(value: object, entry: Any) -> object:
    """A case study's text (its summary, its ask) as a list on another language's page shows it: marked as English
    when the case study is not translated into that language."""
    from generator.pages.localize import translated_in_current

    return in_english(value, not translated_in_current("practices", entry.id))


def code(value: str) -> Markup:
    """A name of the data (a field, a value) as code: `finance.funding`."""
    if "`" in value:
        raise ValueError(f"code with a backquote: {value!r}")
    return Markup(f"`{value}`")


def english_link(text: object, url: str) -> Markup:
    """A link to a page of the English site, marked as leading to English (`hreflang`). An HTML link: the engines
    check Markdown links against the language's own folder, where the English page is not."""
    return Markup(f'<a href="{html.escape(url)}" hreflang="en">{md_text(text)}</a>')


def in_english(value: object, english: bool = True) -> object:
    """Text shown in English on another language's page, marked as English (`lang="en"`, left to right), so
    that screen readers say it in English and search engines know; unchanged on English pages."""
    if not english or i18n.current() == ENGLISH:
        return value
    return Markup(f'<span lang="en" dir="ltr">{md_text(value)}</span>')


def front(value: str) -> Markup:
    # MkDocs copies a front-matter title into <title> unescaped: it must arrive already escaped
    return Markup(json.dumps(html.escape(value), ensure_ascii=False))


def front_plain(value: str) -> Markup:
    # a quoted string, so that MkDocs' YAML 1.1 reading keeps "2024-01-01", "yes" and "null" as text
    return Markup(json.dumps(value, ensure_ascii=False))


def date(value: dt.date | int | None) -> str:
    """A year as it is; a date as YYYY-MM-DD in English, in the language's own medium format otherwise."""
    if value is None:
        return ""
    if not isinstance(value, dt.date):
        return str(value)
    if i18n.current() == ENGLISH:
        return value.isoformat()
    from babel.dates import format_date

    return format_date(value, format="medium", locale=i18n.locale())


LABELS = {
    "own-operate": N_("own and operate"),
    "fund-incentivize": N_("fund and incentivize"),
    "convene-advocate": N_("convene and advocate"),
    "cnca-fund": N_("CNCA fund"),
    "gpc-basic": N_("GPC BASIC"),
    "gpc-basic-plus": N_("GPC BASIC+"),
}

OWNERS = {
    "city": N_("city"),
    "city-utility": N_("city-owned utility"),
    "regional": N_("regional or state government"),
    "national": N_("national government"),
    "supranational": N_("supranational body (such as the EU)"),
    "private-utility": N_("private utility"),
    "shared": N_("shared between levels"),
}
"""Who holds a lever (`lever.owner`), in words: the values are also those of other fields ("national")."""


def country(code: str) -> str:
    """The name of a country from its ISO 3166 code in the current language (CLDR, through Babel); the code if
    CLDR has none."""
    return str(_territories(i18n.locale()).get(code, code))


@functools.cache
def _territories(locale: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(locale).territories)


def english_label(value: str) -> str:
    """A value of the schema's vocabulary in English words: "fund-incentivize" -> "fund and incentivize"."""
    return LABELS.get(value, value.replace("-", " "))


def label(value: str) -> str:
    """A value of the schema's vocabulary in words, in the current language."""
    return i18n.gettext(english_label(value))


def unit(value: str) -> str:
    """A figure's unit: as the schema writes it in English (tCO2e/yr, vehicles); in another language, the units
    made of words translated (véhicules), the symbols as they are."""
    return value if i18n.current() == ENGLISH else i18n.gettext(english_label(value))


def owner(value: str) -> str:
    """Who holds a lever, in words: "national" -> "national government"."""
    return i18n.gettext(OWNERS[value]) if value in OWNERS else label(value)


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        finalize=md_text,
    )
    filters: dict[str, Callable[..., Any]] = {
        "link": link,
        "front": front,
        "front_plain": front_plain,
        "number": number,
        "date": date,
        "label": label,
        "owner": owner,
        "unit": unit,
        "country": country,
        "description": description,
        "in_english": in_english,
        "shown_title": shown_title,
        "case_link": case_link,
        "shown": shown,
        "code": code,
        "t": i18n.gettext,
    }
    env.filters.update(filters)
    env.globals["_"] = i18n.template_gettext
    env.globals["ngettext"] = i18n.template_ngettext
    env.globals["gt"] = i18n.plain
    env.globals["lang"] = i18n.current
    env.globals["language_name"] = i18n.language_name
    env.globals["english_url"] = i18n.english_url
    env.globals["english_link"] = english_link
    env.filters["native_name"] = i18n.native_name
    env.globals["cite"] = cite
    env.globals["quoted"] = quoted
    env.filters["cited"] = cited
    env.globals["anchor"] = anchor
    env.globals["heading"] = heading
    env.globals["pager"] = paging.pager
    return env


def cite(numbers: dict[str, int], key: str) -> Markup:
    return Markup(f"[\\[{numbers[key]}\\]](#source.{key})")


def cited(text: str, numbers: dict[str, int], english: bool = False) -> Markup:
    """A note as literal text, each `[@key]` in it shown as the number of that source, linked to it."""
    parts = evidence.MARKER.split(text)  # text, marker, text, marker, ..., text
    shown = "".join(
        md_text(part) if i % 2 == 0 else "".join(cite(numbers, key) for key in evidence.keys_of(part))
        for i, part in enumerate(parts)
    )
    return Markup(f'<span lang="en" dir="ltr">{shown}</span>' if english and i18n.current() != ENGLISH else shown)


def _lang(code: str) -> str:
    return "" if code == i18n.current() else f' lang="{html.escape(code)}" dir="auto"'


def _marked(text: str, code: str) -> str:
    return f"<span{_lang(code)}>{text}</span>" if code != i18n.current() else text


def quoted(figure: Any, sources: dict[str, Any]) -> Markup:
    """The source's own words for a figure, in its language (never translated), with the English gloss and how
    the figure is computed from them, if it is."""
    source = sources.get(figure.source) if figure.source else None
    language = (source.language if source is not None else None) or ENGLISH
    words = f'<span class="figure-quote"{_lang(language)}>“{md_text(figure.quote)}”</span>'
    if figure.quote_en:
        gloss = _marked(f"“{md_text(figure.quote_en)}”", ENGLISH)
        words += " " + md_text(i18n.gettext("(in English: %(gloss)s)")) % {"gloss": gloss}
    derived = getattr(figure, "derived", None)  # (what a case study learned from is a claim, not a figure)
    if derived:
        how = _marked(md_text(derived), ENGLISH)
        words += " " + md_text(i18n.gettext("The figure is computed from these words: %(how)s")) % {"how": how}
    return Markup(words)


def heading(name: str, text: object, level: int = 2) -> Markup:
    """A heading (`## text`) that links can reach as #name in every language: the table of contents gives a heading
    the id of its text, which differs from one language to the next (and is empty in Arabic or Chinese script), so
    a page in another language gets `name` as an anchor of its own just before it (never twice the same id)."""
    from markdown.extensions.toc import slugify

    shown = md_text(text)
    line = f"{'#' * level} {shown}"
    if slugify(html.unescape(re.sub(r"\\(.)", r"\1", shown)), "-") == name:
        return Markup(line)
    return Markup(f"{anchor(name)}\n{line}")


def anchor(name: str) -> Markup:
    if not re.fullmatch(r"[a-z0-9_.-]+", name):
        raise ValueError(f"unsafe anchor {name!r}")
    return Markup(f'<span id="{name}"></span>')


def json_lines(items: list[dict[str, Any]]) -> str:
    """A JSON array with one record per line: readable, diffable, and written by the fast (C) encoder,
    which an indented dump would not use (it takes seconds at 10,000 records)."""
    encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(", ", ": ")).encode
    return "[\n" + ",\n".join(encode(item) for item in items) + "\n]\n" if items else "[]\n"
