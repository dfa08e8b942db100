"""An Atom feed of the case studies, newest first.

Dates come from the data (`last_verified`), never from the clock, so a rebuild gives the same feed;
entry ids are tag URIs made from the case study's id, so they stay the same if the site moves.
"""

import xml.etree.ElementTree as ET

from generator.reading.load import Corpus

ATOM = "http://www.w3.org/2005/Atom"
TAG = "tag:city-climate-practices,2026:"


def _add(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attrs)
    element.text = text
    return element


def atom(corpus: Corpus, site_url: str) -> str:
    """The feed's XML text; `site_url` ends with a slash."""
    ET.register_namespace("", ATOM)
    entries = sorted(corpus.practices.values(), key=lambda e: (-e.data.last_verified.toordinal(), e.id))
    updated = entries[0].data.last_verified.isoformat() if entries else "2026-01-01"
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "title", "City climate practices: case studies")
    _add(feed, "subtitle", "Case studies added or checked against their sources, newest first.")
    _add(feed, "id", f"{TAG}case-studies")
    _add(feed, "updated", f"{updated}T00:00:00Z")
    _add(feed, "link", href=site_url)
    _add(feed, "link", rel="self", href=f"{site_url}feed.xml", type="application/atom+xml")
    author = _add(feed, "author")
    _add(author, "name", "City climate practices contributors")
    _add(feed, "rights", "CC BY 4.0")
    for entry in entries:
        p = entry.data
        item = _add(feed, "entry")
        _add(item, "title", p.title)
        _add(item, "id", f"{TAG}practice:{entry.id}")
        _add(item, "updated", f"{p.last_verified.isoformat()}T00:00:00Z")
        _add(item, "link", href=f"{site_url}practices/{entry.sector}/{entry.id}/")
        city = corpus.cities.get(p.city)
        _add(item, "summary", p.summary + (f" ({city.data.name})" if city else ""))
        _add(item, "category", term=entry.sector)
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"
