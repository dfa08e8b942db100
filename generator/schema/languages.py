"""The languages of the site: English, the language the case studies are written in, and the five other UN
languages they are translated into. Light on purpose (no Babel, no pydantic): finding files on disk uses it."""

from typing import Literal, get_args

ENGLISH = "en"
Language = Literal["en", "ar", "zh", "fr", "ru", "es"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
"""Every language of the site, English first; the order of the language selector."""
TRANSLATED: tuple[Language, ...] = LANGUAGES[1:]
"""The languages a case study or a city profile is translated into: a file `<id>.<lang>.yaml` beside it."""
LOCALES: dict[Language, str] = {"en": "en", "ar": "ar", "zh": "zh_Hans_CN", "fr": "fr", "ru": "ru", "es": "es"}
"""The CLDR locale (Babel) that formats numbers, dates and names in each language: Chinese is Simplified."""
RIGHT_TO_LEFT: frozenset[Language] = frozenset({"ar"})


def direction(lang: str) -> str:
    return "rtl" if lang in RIGHT_TO_LEFT else "ltr"
