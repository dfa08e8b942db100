"""The Markdown of a description: checked and turned into HTML by one parser.

MkDocs' Markdown (Python-Markdown with its extensions) and any checker would
disagree on edge cases, and each disagreement is a way to smuggle in script.
So the description never reaches MkDocs as Markdown: markdown-it (CommonMark,
raw HTML disabled) renders it here, and the page embeds the result as a block
of HTML that MkDocs passes through untouched. What is checked is what is shown.
"""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

MAX_NESTING = 20


def _safe_link(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _parser(html: bool, nesting: int = MAX_NESTING) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": nesting, "html": html}).enable(["table", "strikethrough"])
    if html:
        md.validateLink = lambda url: True  # type: ignore[method-assign]  # see every link, then judge it
    else:
        md.validateLink = _safe_link  # type: ignore[method-assign]
        md.disable("image")
    return md


_CHECK = _parser(html=True, nesting=MAX_NESTING + 5)  # deeper than the renderer, to see what it would drop
_RENDER = _parser(html=False)


@dataclass(frozen=True)
class Finding:
    line: int
    """0-based line within the description."""
    message: str


def _tokens(tokens: list[Token], lines: list[str]) -> Iterator[tuple[Token, int]]:
    """Every token with its 0-based line. An inline token's line is found by looking for its
    text in the source lines of its paragraph, from the line of the token before it."""
    for token in tokens:
        line = token.map[0] if token.map else 0
        yield token, line
        end = token.map[1] if token.map else line + 1
        for child in token.children or []:
            needle = str(child.attrs.get("href") or child.attrs.get("src") or child.content).split("\n")[0]
            if needle and child.type != "text":
                found = next((n for n in range(line, end) if needle in lines[n]), None)
                line = found if found is not None else line
            yield child, line
            if child.type in ("softbreak", "hardbreak") and line + 1 < end:
                line += 1


def check(text: str) -> list[Finding]:
    """What in the description cannot be published: raw HTML, images, non-http(s) links, big headings."""
    findings: list[Finding] = []
    too_deep: int | None = None
    for token, line in _tokens(_CHECK.parse(text), text.splitlines() or [""]):
        if token.level >= MAX_NESTING and too_deep is None:
            too_deep = line
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
    if too_deep is not None:
        findings.append(
            Finding(too_deep, f"lists and quotes are nested more than {MAX_NESTING} levels deep; flatten them")
        )
    return findings


# Python-Markdown's fenced-code preprocessor reads even inside a raw HTML block (a line starting with
# ~~~ or ``` followed by {attributes} would become a code element with those attributes), so the
# characters that start fences and attribute lists never appear literally in the HTML.
_NEUTRAL = str.maketrans({"~": "&#126;", "`": "&#96;", "{": "&#123;", "}": "&#125;"})


def to_html(text: str) -> str:
    """The description as HTML; raw HTML in it stays text, and only http(s) links become links."""
    return str(_RENDER.render(text)).translate(_NEUTRAL)


def bad_character(text: str, allow: str = "") -> str | None:
    """Describe the first character that must not appear in published text, if any."""
    for match in _NOT_PLAIN_ASCII.finditer(text):  # printable ASCII is always allowed: skip it quickly
        index, char = match.start(), match.group()
        if char in allow:
            continue
        category = unicodedata.category(char)
        if category in _KINDS or (category == "Cf" and char not in _FORMAT_ALLOWED):
            name = unicodedata.name(char, _KINDS.get(category, "a formatting character"))
            return f"U+{ord(char):04X} ({name}) at character {index + 1}"
    return None


_NOT_PLAIN_ASCII = re.compile(r"[^\x20-\x7e]")
_KINDS = {
    "Cc": "a control character",
    "Cs": "a surrogate",
    "Co": "a private-use character",
    "Cn": "an unassigned code point or noncharacter",
}
# Invisible formatting characters change what a reader sees (direction overrides hide or reorder text);
# these few are needed to write some languages correctly: soft hyphen, zero-width (non-)joiner,
# left-to-right and right-to-left marks.
_FORMAT_ALLOWED = set("\u00ad\u200c\u200d\u200e\u200f")
