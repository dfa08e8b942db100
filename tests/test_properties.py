"""Properties over arbitrary text in every text field: validation, checks and rendering never raise,
and no text from YAML turns into markup in the page."""

import re

import markdown
from hypothesis import event, given, settings
from hypothesis import strategies as st

from generator.pages.escape import md_text
from generator.pages.practices import render
from generator.reading.check import check
from generator.reading.config import Settings
from generator.reading.load import Corpus, Loaded, LoadedPractice
from generator.schema.model import City, Practice

from .conftest import without_jsonld

CITY = City.model_validate(
    {
        "name": "Exampleton",
        "country": "NO",
        "coordinates": {"lat": 1, "lon": 2},
        "membership": "founding",
        "targets": [
            {"kind": "net-zero", "target_year": 2050, "status": "adopted", "source": "a", "quote": "Net zero by 2050."}
        ],
        "sources": {"a": {"title": "A", "url": "https://example.org"}},
        "last_verified": "2026-01-01",
    }
)
pieces = st.sampled_from([*"<>&\"'`*_[](){}#!|\\-+.:=/ \nab1", "<script>", "javascript:", "&lt;", "](", "{{", "---"])
markupish = st.lists(pieces, max_size=25).map("".join)


def _practice(title: str, summary: str, description: str, lesson: str) -> dict[str, object]:
    return {
        "title": title,
        "city": "exampleton",
        "status": "operational",
        "started": 2020,
        "summary": summary,
        "description": description,
        "lever": {"owner": "city", "city_power": "regulate"},
        "instruments": ["regulation"],
        "lessons": [lesson],
        "transferability": {
            "preconditions": [lesson],
            "learned_from": [{"name": title or "t", "source": "a", "quote": summary or "q", "quote_en": lesson or "g"}],
        },
        "impacts": [
            {
                "metric": title or "m",
                "value": 5,
                "unit": "percent",
                "year": 2020,
                "type": "measured",
                "confidence": "high",
                "source": "a",
                "quote": f"{description} 5",
                "quote_en": f"{lesson} 5",
                "derived": summary or "d",
                "note": f"{lesson} [@a]",
            }
        ],
        "sources": {"a": {"title": title or "t", "url": "https://example.org", "language": "fr"}},
        "last_verified": "2026-01-01",
    }


@settings(max_examples=200, deadline=None)
@given(markupish, markupish, markupish, markupish)
def test_any_text_validates_checks_and_renders_without_raising(
    title: str, summary: str, description: str, lesson: str
) -> None:
    try:
        practice = Practice.model_validate(_practice(title, summary, description, lesson))
    except ValueError:
        event("invalid")
        return
    corpus = Corpus(
        cities={"exampleton": Loaded("exampleton", "practices/cities/exampleton.yaml", CITY, {})},
        practices={"p": LoadedPractice("p", "practices/energy/p.yaml", practice, {}, sector="energy")},
    )
    problems = check(corpus)
    pages = render(corpus, Settings()).texts()
    event(f"checked: {'problems' if problems else 'clean'}")
    if problems:
        return
    body = without_jsonld(pages["practices/energy/p.md"].split("\n---\n", 1)[1])
    html = markdown.markdown(body, extensions=["tables", "admonition", "toc"])  # as MkDocs renders it
    assert "<script" not in html
    assert not re.search(r"(href|src)=\"\s*(javascript|data|vbscript):", html, re.I)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_escaped_text_has_no_raw_markup_characters(text: str) -> None:
    escaped = md_text(text)
    assert "<" not in escaped and ">" not in escaped
    assert re.search(r"(?<!\\)[\[\]`*_|]", escaped.replace("\\\\", "")) is None
