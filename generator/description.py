"""The Markdown of a description: checked and turned into HTML by one parser.

MkDocs' Markdown (Python-Markdown with its extensions) and any checker would
disagree on edge cases, and each disagreement is a way to smuggle in script.
So the description never reaches MkDocs as Markdown: markdown-it (CommonMark,
raw HTML disabled) renders it here, and the page embeds the result as a block
of HTML that MkDocs passes through untouched. What is checked is what is shown.
"""

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

_OPTIONS = {"maxNesting": 20}


def _safe_link(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _parser(html: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {**_OPTIONS, "html": html}).enable(["table", "strikethrough"])
    if html:
        md.validateLink = lambda url: True  # type: ignore[method-assign]  # see every link, then judge it
    else:
        md.validateLink = _safe_link  # type: ignore[method-assign]
        md.disable("image")
    return md


_CHECK = _parser(html=True)
_RENDER = _parser(html=False)


@dataclass(frozen=True)
class Finding:
    line: int
    """0-based line within the description."""
    message: str


def _tokens(tokens: list[Token]) -> Iterator[tuple[Token, int]]:
    """Every token with its 0-based line; inline children count their line breaks."""
    for token in tokens:
        line = token.map[0] if token.map else 0
        yield token, line
        for child in token.children or []:
            yield child, line
            if child.type in ("softbreak", "hardbreak"):
                line += 1


def check(text: str) -> list[Finding]:
    """What in the description cannot be published: raw HTML, images, non-http(s) links, big headings."""
    findings: list[Finding] = []
    for token, line in _tokens(_CHECK.parse(text)):
        if token.type in ("html_block", "html_inline"):
            found = token.content.strip().splitlines()[0][:40]
            hint = "write Markdown, e.g. **bold** or [text](https://...)"
            findings.append(Finding(line, f"raw HTML is not allowed (found {found!r}); {hint}"))
        elif token.type == "image":
            findings.append(Finding(line, "images are not allowed (pages load nothing from other sites); link to it"))
        elif token.type == "link_open":
            href = str(token.attrs.get("href") or "")
            if not _safe_link(href):
                findings.append(
                    Finding(
                        line, f"link {href[:60]!r} is not allowed; links must be full http:// or https:// addresses"
                    )
                )
        elif token.type == "heading_open" and token.tag in ("h1", "h2"):
            findings.append(Finding(line, "headings in a description start at ### (level 3)"))
    return findings


def to_html(text: str) -> str:
    """The description as HTML; raw HTML in it stays text, and only http(s) links become links."""
    return str(_RENDER.render(text))


def bad_character(text: str, allow: str = "") -> str | None:
    """Describe the first character that must not appear in published text, if any."""
    for index, char in enumerate(text):
        if char in allow:
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cs", "Co", "Cn") or char in _BIDI_AND_INVISIBLE:
            name = unicodedata.name(char, "a control character")
            return f"U+{ord(char):04X} ({name}) at character {index + 1}"
    return None


# Direction overrides reorder what a reader sees (and hide text); a BOM inside text is an accident.
_BIDI_AND_INVISIBLE = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u200b\u2060")
