"""Text from YAML (or a message catalogue) as literal text in Markdown and HTML: it can never become markup.
The first thing every stage of rendering needs, and so a module of its own that imports nothing of the pages."""

import re

from markupsafe import Markup

# Every character Python-Markdown (with attr_list, which the tags plugin turns on) gives a meaning
# anywhere in a line; the escapes it understands for them.
# "~" and a leading "=" have no escape in Python-Markdown, so they become entities ("~~~" would open
# a code fence, "===" under a line makes a heading).
_INLINE = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "~": "&#126;", **{c: "\\" + c for c in "\\`*_[]|{}#"}}
_INLINE_TABLE = str.maketrans(_INLINE)
_LEADING = re.compile(r"^([+\-!]|\d+(?=\.))")


def md_text(value: object) -> str:
    """Text from YAML as literal text in Markdown and HTML: it can never become markup."""
    if value is None:
        raise TypeError("a template printed None; guard the value with {% if %}")
    if isinstance(value, Markup):
        return str(value)
    text = str(value).translate(_INLINE_TABLE)
    if text.startswith("="):
        text = "&#61;" + text[1:]
    return _LEADING.sub(lambda m: m.group(0) + "\\" if m.group(0).isdigit() else "\\" + m.group(0), text, count=1)
