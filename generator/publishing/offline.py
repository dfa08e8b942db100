"""The offline edition opens from a folder (file://), where a link to a folder shows a file list, not the
page: its pages are named x.html (use_directory_urls off). Links written into raw HTML by the generator
(the map, cards) still point at folders (x/); after the build they are pointed at the file that exists."""

import posixpath
import re
from pathlib import Path

_DIRECTORY_LINK = re.compile(r'href="((?![a-z]+:|/|#)[^"?#]*/)"')
_FILE_LINK = re.compile(r'href="((?![a-z]+:|/|#)[^"?#]*[^/"?#])"')


def fix_links(text: str, page: str, built: set[str]) -> str:
    """`text` of the page at `page` (a path in the site) with each relative link to a folder pointed at
    x.html or x/index.html, whichever of them is in `built`."""
    base = posixpath.dirname(page)
    # a link written for the page's folder address (x/ for x.html, as the site online has it)
    folder = page.removesuffix(".html") if not page.endswith("index.html") else base

    def fix(match: re.Match[str]) -> str:
        href = match.group(1)
        target = posixpath.normpath(posixpath.join(base, href))
        if f"{target}.html" in built:
            return f'href="{href[:-1]}.html"'
        if posixpath.normpath(f"{target}/index.html") in built:
            return f'href="{href}index.html"'
        moved = posixpath.normpath(posixpath.join(folder, href))
        if folder != base and not moved.startswith("..") and f"{moved}.html" in built:
            return f'href="{posixpath.relpath(moved, base)}.html"'
        return match.group(0)

    def fix_file(match: re.Match[str]) -> str:
        # a link to a file, written for the page's folder address (the open data from a language's page)
        href = match.group(1)
        if posixpath.normpath(posixpath.join(base, href)) in built or folder == base:
            return match.group(0)
        moved = posixpath.normpath(posixpath.join(folder, href))
        return f'href="{posixpath.relpath(moved, base)}"' if moved in built else match.group(0)

    return _FILE_LINK.sub(fix_file, _DIRECTORY_LINK.sub(fix, text))


def fix_site(site: Path) -> int:
    """Fix the links of every page of the built site; how many pages changed."""
    built = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    changed = 0
    for rel in sorted(p for p in built if p.endswith(".html")):
        path = site / rel
        text = path.read_text(encoding="utf-8")
        fixed = fix_links(text, rel, built)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")
            changed += 1
    return changed
