"""What the last generation was made from, so that nothing unchanged is made again.

After writing, the generator records in .cache/ a fingerprint of its inputs (every file under practices/,
mkdocs.yml's settings and the generator's own code) and, for every file it owns under docs/, its size,
modification time and the key of what it was made from. The next run compares:
- same inputs and every output as recorded: nothing to do (no YAML is parsed);
- otherwise a case-study or city page whose key is unchanged and whose file is as recorded is kept.
A page edited or deleted by hand no longer matches its record, so it is made again.
"""

import contextlib
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.problems import Problem
from generator.publishing.write import handwritten, owned_files, write_atomic
from generator.reading.files import discover, read_bytes

FORMAT = 1
_CODE = Path(__file__).parent.parent  # the whole generator package


def code_version() -> str:
    """A hash of the generator's code, templates and data: new code makes every page again."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(p for p in _CODE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(_CODE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def fingerprint(parts: Iterable[tuple[str, bytes | str]]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for name, value in parts:
        data = value if isinstance(value, bytes) else value.encode()
        digest.update(f"{name}\0{len(data)}\0".encode() + data)
    return digest.hexdigest()


@dataclass(frozen=True)
class Inputs:
    """Everything a generation reads, read once."""

    files: list[tuple[Path, str]]
    """YAML files under practices/ with their folder (discover())."""
    problems: list[Problem]
    """Files that do not belong there."""
    raws: dict[str, bytes | str]
    """Each file's bytes (or why they cannot be read), by path relative to the root."""
    fingerprint: str
    """A hash of all of them and of mkdocs.yml."""
    code: str
    """code_version()."""
    pages: dict[str, bytes] = field(default_factory=dict)
    """The hand-written files of docs/ (write.handwritten), by path."""


def read_inputs(root: Path, out: Path | None = None) -> Inputs:
    """What a generation reads: the files of practices/, mkdocs.yml, and the hand-written files of `out` (which
    each language's folder gets a copy of)."""
    files, problems = discover(root)
    raws = {path.relative_to(root).as_posix(): read_bytes(path) for path, _ in files}
    config = root / "mkdocs.yml"
    settings = read_bytes(config) if config.is_file() else b""
    pages = handwritten(out) if out is not None else {}
    every = [("mkdocs.yml", settings), *raws.items(), *((f"docs:{rel}", data) for rel, data in pages.items())]
    return Inputs(files, problems, raws, fingerprint(every), code_version(), pages)


@dataclass
class State:
    inputs: str = ""
    """Fingerprint of everything the last generation read."""
    code: str = ""
    """code_version() of the generator that made the files."""
    outputs: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    """Path under docs/ -> (size, modification time in ns, key of what it was made from)."""


def _path(root: Path, out: Path) -> Path:
    where = hashlib.blake2b(str(out.resolve()).encode(), digest_size=8).hexdigest()
    return root / ".cache" / f"generate-{where}.json"


def read(root: Path, out: Path) -> State:
    try:
        data = json.loads(_path(root, out).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return State()
        outputs = {str(k): (int(v[0]), int(v[1]), str(v[2])) for k, v in data["outputs"].items()}
        return State(str(data["inputs"]), str(data["code"]), outputs)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return State()  # no record, or one this version cannot read: make everything


def _stat(out: Path, rel: str) -> tuple[int, int] | None:
    try:
        info = (out / rel).lstat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def current(out: Path, state: State, code: str) -> dict[str, str]:
    """Key of each recorded output whose file is still exactly as it was written (by this code)."""
    if state.code != code:
        return {}
    found = {}
    for rel, (size, mtime, key) in state.outputs.items():
        if _stat(out, rel) == (size, mtime):
            found[rel] = key
    return found


def up_to_date(root: Path, out: Path, inputs: Inputs) -> int | None:
    """If the inputs and code are those of the last run and the generated files are exactly those it wrote,
    how many files there are; otherwise None."""
    state = read(root, out)
    if inputs.problems or not state.inputs or (state.inputs, state.code) != (inputs.fingerprint, inputs.code):
        return None
    if owned_files(out) != set(state.outputs) or len(current(out, state, inputs.code)) != len(state.outputs):
        return None
    return len(state.outputs)


def save(root: Path, out: Path, inputs: str, code: str, keys: Mapping[str, str], paths: Iterable[str]) -> None:
    """Record what was made; a cache that cannot be written only means more work next time."""
    outputs: dict[str, list[int | str]] = {}
    for rel in sorted(paths):
        stat = _stat(out, rel)
        if stat is not None:
            outputs[rel] = [*stat, keys.get(rel, "")]
    record = {"format": FORMAT, "inputs": inputs, "code": code, "outputs": outputs}
    with contextlib.suppress(OSError):
        write_atomic(_path(root, out), json.dumps(record, separators=(",", ":")).encode("utf-8"))
