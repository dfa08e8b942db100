"""The search box's styles for every engine: Material's own rules for its search box, taken from the installed
Material theme. MkDocs and ProperDocs load them with the theme anyway; Zensical's theme has a search of its own
and none of these rules, so the site ships them (docs/assets/vendor/material-search/search.css, MIT, see the
LICENSE beside it) and the search box looks the same whatever built the pages.

`python -m generator.tools.search_css` rewrites the file from the installed theme; a test checks that the
committed copy is current.
"""

import re
import sys
from collections.abc import Iterator
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "docs/assets/vendor/material-search/search.css"
HEADER = "/* Material for MkDocs {version}: the rules of its search box (MIT; see LICENSE). Made by {tool}. */\n"


def _blocks(text: str) -> Iterator[tuple[str, str]]:
    """(prelude, body) of each top-level rule or at-rule of minified CSS."""
    start = 0
    while (opening := text.find("{", start)) >= 0:
        depth, end = 1, opening + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            end += 1
        yield text[start:opening].strip(), text[opening + 1 : end - 1]
        start = end


def search_rules(css: str) -> str:
    """Every rule of `css` whose selector names search, inside the media queries that hold it."""
    kept = []
    for prelude, body in _blocks(re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
        if prelude.startswith(("@media", "@supports")):
            inner = search_rules(body)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        elif not prelude.startswith("@"):
            selectors = [s for s in prelude.split(",") if "search" in s]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(kept)


def current() -> str:
    """The file as the installed Material theme gives it."""
    from importlib.metadata import version
    from importlib.util import find_spec

    spec = find_spec("material")  # the theme's files, not its code
    if spec is None or spec.origin is None:
        raise RuntimeError("the Material theme is not installed in this environment")
    theme = Path(spec.origin).parent / "templates/assets/stylesheets"
    (main,) = theme.glob("main.*.min.css")
    header = HEADER.format(version=version("mkdocs-material"), tool="python -m generator.tools.search_css")
    return header + search_rules(main.read_text(encoding="utf-8")) + "\n"


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(current(), encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
