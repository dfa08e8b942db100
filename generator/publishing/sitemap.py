"""The sitemap of the whole site: every page in every language, each with its alternates in the others
(`xhtml:link rel="alternate" hreflang`), as search engines read them. It replaces the sitemaps the engines wrote,
one per language site and without alternates. Deterministic: pages sorted, dates as the engine gave them."""

import gzip
import io
import re
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from generator.schema.languages import ENGLISH, LANGUAGES

_LASTMOD = re.compile(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>")


def _pages(site: Path) -> list[str]:
    """Each page of the English site as its address below the site's root ("" for the home page)."""
    skip = {*LANGUAGES, "assets", "pagefind"}
    found = []
    for path in site.rglob("index.html"):
        rel = path.parent.relative_to(site)
        if rel.parts and rel.parts[0] in skip:
            continue
        found.append("" if not rel.parts else rel.as_posix() + "/")
    return sorted(found)


PER_FILE = 10_000
"""Addresses per sitemap file (search engines read at most 50,000 and 50 MB); past it, sitemap.xml is an index of
sitemap-<n>.xml files."""

_HEAD = '<?xml version="1.0" encoding="UTF-8"?>'


def _entries(site: Path, home: str, dates: dict[str, str]) -> list[str]:
    languages = [(lang, "" if lang == ENGLISH else f"{lang}/") for lang in LANGUAGES]
    entries = []
    for page in _pages(site):
        present = [(lang, prefix) for lang, prefix in languages if (site / prefix / page / "index.html").is_file()]
        links = [
            f'    <xhtml:link rel="alternate" hreflang={quoteattr(lang)} href={quoteattr(home + prefix + page)}/>'
            for lang, prefix in present
        ]
        links.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(home + page)}/>')
        date = dates.get(home + page)
        for _lang, prefix in present:
            lines = ["  <url>", f"    <loc>{escape(home + prefix + page)}</loc>"]
            lines += [f"    <lastmod>{escape(date)}</lastmod>"] if date else []
            entries.append("\n".join([*lines, *links, "  </url>"]))
    return entries


def _save(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    path.write_bytes(data)
    packed = io.BytesIO()
    with gzip.GzipFile(fileobj=packed, mode="wb", mtime=0, filename="") as archive:
        archive.write(data)
    path.with_name(path.name + ".gz").write_bytes(packed.getvalue())


def write(site: Path, home: str) -> int:
    """Write site/sitemap.xml (and .gz) for `home`, the address of the English site; return how many addresses."""
    old = site / "sitemap.xml"
    dates = dict(_LASTMOD.findall(old.read_text(encoding="utf-8"))) if old.is_file() else {}
    entries = _entries(site, home, dates)
    urlset = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
    parts = [entries[i : i + PER_FILE] for i in range(0, len(entries), PER_FILE)] or [[]]
    if len(parts) == 1:
        _save(old, "\n".join([_HEAD, urlset, *parts[0], "</urlset>"]) + "\n")
    else:
        index = [_HEAD, '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        for n, part in enumerate(parts, 1):
            _save(site / f"sitemap-{n}.xml", "\n".join([_HEAD, urlset, *part, "</urlset>"]) + "\n")
            index.append(f"  <sitemap><loc>{escape(home)}sitemap-{n}.xml</loc></sitemap>")
        _save(old, "\n".join([*index, "</sitemapindex>"]) + "\n")
    for lang in LANGUAGES:
        if lang != ENGLISH:
            for name in ("sitemap.xml", "sitemap.xml.gz"):
                (site / lang / name).unlink(missing_ok=True)
    return len(entries)
