"""The engines that build docs/ into a site with the same mkdocs.yml: MkDocs (the default), ProperDocs (a
drop-in fork of MkDocs 1.x) and Zensical (Material's successor, which runs no MkDocs hooks or plugins).

MkDocs comes with the project's own environment; each other engine lives in its own virtual environment
(.venv-<engine>), pinned by its own lock file (requirements-<engine>.lock) and installed by the Makefile.
What must happen after any engine's build (the search index, the offline edition's links) is a step of the
pipeline (pipeline.build), not a hook, so every engine gets it.
"""

import json
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from generator.problems import UserError
from generator.reading.config import CONFIG

ENGINES = ("mkdocs", "properdocs", "zensical")
HOME = Path(__file__).resolve().parents[2]
"""The project the generator runs from: where the engines' environments are installed."""
BUILT = ".built-by-generator"
"""Left in every site `generator build` makes: an existing folder without it (or without the pages every build
has) is never replaced. Not packed into the offline edition's zip."""


def config_file(name: str) -> str:
    """Where the configuration of the build `name` (a language, or a shard of one) is written while it builds
    (beside mkdocs.yml, so that its relative paths mean the same; removed afterwards)."""
    return f".build-{name}.yml"


def command(engine: str, config: str, site: str) -> list[str]:
    """The command that builds with the configuration file `config` into `site` (both relative to the project).
    Zensical takes no --site-dir: `config` must name it (see `run`)."""
    if engine not in ENGINES:
        raise UserError("--engine", f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    if engine == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", config, "--site-dir", site]
    executable = HOME / f".venv-{engine}" / "bin" / engine
    if not executable.is_file():
        where = executable.relative_to(HOME).as_posix()
        raise UserError(where, f"{engine} is not installed; `make site ENGINE={engine}` installs it")
    if engine == "properdocs":
        return [str(executable), "build", "--strict", "--config-file", config, "--site-dir", site]
    return [str(executable), "build", "--clean", "--strict", "--config-file", config]


def run(
    engine: str, root: Path, site: str, env: Mapping[str, str], config: str, lang: str = "en", name: str = ""
) -> str:
    """Build with `engine` from the configuration text `config` into `site` (`name`: which build, when several of
    a language run at once); its output (warnings included) when it succeeds, a UserError with it when not."""
    quiet = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}  # the end-of-life banners: said above
    name = config_file(name or lang)
    text = f"{config.rstrip()}\nsite_dir: {json.dumps(site)}\n" if engine == "zensical" else config
    try:
        (root / name).write_text(text, encoding="utf-8")
        done = subprocess.run(
            command(engine, name, site), cwd=root, env={**env, **quiet}, capture_output=True, text=True
        )
    finally:
        (root / name).unlink(missing_ok=True)
    output = done.stdout + done.stderr
    if done.returncode != 0 or re.search(r"^\s*WARNING\b", output, re.MULTILINE):
        sys.stderr.write(output)  # the engine's own account of what went wrong, as it wrote it
        which = f"the {engine} build" + ("" if lang == "en" else f" of the {lang} site")
        raise UserError(CONFIG, f"{which} failed (its messages are above); the site was not changed")
    return output
