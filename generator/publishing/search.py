"""The search index: Pagefind over the built pages, whatever engine built them (MkDocs, ProperDocs, Zensical).

The page template marks the article of each page with `data-pagefind-body` (lists opt out), so the index
holds what a page says, not its navigation; the search box (docs/assets/pagefind-search.js) loads the index
in pieces once a reader searches.
"""

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.problems import UserError

UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")
"""Pagefind's own ready-made interfaces: the site has its own search box and uses only the index."""


@dataclass(frozen=True)
class Indexed:
    pages: int
    output: str


def index(site: Path) -> Indexed:
    """Index the built site in `site` (writes site/pagefind/); a UserError when Pagefind cannot run or fails."""
    from pagefind.service import get_executable  # the binary of the pinned pagefind[bin] package

    executable = get_executable()
    if executable is None:
        raise UserError("pagefind", "the Pagefind binary is missing; install the project with make (pagefind[bin])")
    done = subprocess.run(
        [str(executable), "--site", str(site), "--exclude-selectors", ".headerlink"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise UserError(site.as_posix(), "Pagefind failed to index the site:\n" + done.stdout + done.stderr)
    entry = site / "pagefind" / "pagefind-entry.json"
    if entry.is_file():  # Pagefind lists the languages in no fixed order: the same site must give the same bytes
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["languages"] = dict(sorted(data.get("languages", {}).items()))
        entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    for pattern in UNUSED:
        for path in (site / "pagefind").glob(pattern):
            path.unlink()
    found = re.search(r"Indexed (\d+) pages?", done.stdout)
    return Indexed(int(found.group(1)) if found else 0, done.stdout)
