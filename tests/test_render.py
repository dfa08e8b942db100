"""Escaping and number formats: text from YAML reaches the page as the same text."""

import markdown
import pytest

from generator.pages.escape import md_text
from generator.pages.text import number as _number


def _as_html(text: str) -> str:
    extensions = ["tables", "toc", "admonition", "attr_list", "fenced_code"]  # what MkDocs and the theme use
    return markdown.markdown(text, extensions=extensions)


@pytest.mark.parametrize(
    "text",
    [
        "Plan C#", "<script>alert(1)</script>", "a & b", "{: onclick=alert(1) }", "~~~", "```", "=== x",
        "1. not a list", "- not a list", "+ not a list", "# not a heading", "!!! note", "> quote",
        "*em* _em_ **strong**", "[link](https://example.org)", "a | b", "back\\slash", "x {#id .class}",
    ],
)  # fmt: skip
def test_text_in_a_paragraph_comes_out_as_the_same_text(text: str) -> None:
    html = _as_html(md_text(text))
    assert html.startswith("<p>") and html.endswith("</p>"), html
    inner = html[3:-4]
    expected = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert inner.replace("&#126;", "~").replace("&#61;", "=").replace("&quot;", '"') == expected


@pytest.mark.parametrize(
    ("value", "shown"),
    [(22, "22"), (1234567, "1,234,567"), (25000.0, "25,000"), (4.5, "4.5"), (-22, "-22"), (1e23, "1e+23")],
)
def test_numbers_are_shown_as_given(value: float, shown: str) -> None:
    assert _number(value) == shown
