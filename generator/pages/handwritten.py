"""The hand-written pages of docs/ (methodology, open data, contributing) and the assets, in each language's
folder: a page's translation `docs/<page>.<lang>.md` where one exists, else the English page with a notice that
it is not translated yet, its text marked as English. Pure: the pipeline reads the files and passes their text."""

import html
import re
from collections.abc import Mapping

from generator.pages import i18n
from generator.pages.text import page_url
from generator.schema.languages import LANGUAGES

_FRONT = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_LINK = re.compile(r"\[([^\]\n]*)\]\((?!#|[a-z][a-z0-9+.-]*:|/)([^)\s]+)\)")


def _language_suffix(path: str) -> str | None:
    parts = path.rsplit(".", 2)
    return parts[1] if len(parts) == 3 and parts[2] == "md" and parts[1] in LANGUAGES else None


def _out_of_folder(text: str, path: str) -> str:
    """Links to files that only the English site has (the open data: data/practices.json) climb out of the
    language's folder, from the page's address (data.md is data/: two levels up; the offline edition's links are
    fixed after the build); links to pages (.md) stay: every language has its hand-written pages."""
    up = "../" * (page_url(path).count("/") + 1)

    def fix(found: re.Match[str]) -> str:
        text, target = found.groups()
        if target.split("#", 1)[0].endswith(".md"):
            return found.group(0)
        # an HTML link: the engines check Markdown links against the language's own folder, where it is not
        return f'<a href="{up}{html.escape(target)}">{text}</a>'

    return _LINK.sub(fix, text)


def in_english(text: str, path: str) -> str:
    """An English page for a language's folder: a notice in the language, then the page marked as English."""
    front = _FRONT.match(text)
    head, body = (front.group(0), text[front.end() :]) if front else ("", text)
    depth = "../" * path.count("/")
    notice = i18n.template_gettext("This page is not translated into %(language)s yet; here it is in English.",
                                   language=i18n.language_name(i18n.current()))  # fmt: skip
    invite = i18n.template_gettext("Help translate it")
    title = i18n.template_gettext("Not translated yet")
    return (
        f'{head}\n!!! info "{title}"\n\n    {notice} [{invite}]({depth}contributing.md#translations)\n\n'
        f'<div lang="en" dir="ltr" markdown>\n\n{_out_of_folder(body, path).strip()}\n\n</div>\n'
    )


def copies(pages: Mapping[str, bytes], lang: str) -> dict[str, str | bytes]:
    """The hand-written files of docs/ as `lang`'s folder has them, by path inside it (assets as they are)."""
    out: dict[str, str | bytes] = {}
    for path, data in pages.items():
        suffix = _language_suffix(path)
        if suffix is not None:
            if suffix == lang:
                target = path.removesuffix(f".{lang}.md") + ".md"
                out[target] = _out_of_folder(data.decode("utf-8", "replace"), target)
            continue
        if not path.endswith(".md"):
            out[path] = data
        elif f"{path.removesuffix('.md')}.{lang}.md" not in pages:
            out[path] = in_english(data.decode("utf-8", "replace"), path)
    return out
