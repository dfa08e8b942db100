"""practices/ on disk -> validated models, or located problems.

Every file is read and checked; nothing stops at the first mistake.
"""

import difflib
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.problems import Problem
from generator.reading import yaml12
from generator.reading.files import discover, read_bytes, split_name
from generator.schema import fields as describe
from generator.schema.ids import CITIES, ID_PATTERN, Sector
from generator.schema.languages import ENGLISH
from generator.schema.model import City, CityTranslation, Practice, PracticeTranslation

M = TypeVar("M", City, Practice, PracticeTranslation, CityTranslation, PracticeTranslation | CityTranslation)
T = TypeVar("T")


@dataclass(frozen=True)
class Loaded(Generic[M]):
    id: str
    path: str
    """Path relative to the project root, with forward slashes."""
    data: M
    lines: Mapping[yaml12.Loc, int]
    literal_starts: Mapping[yaml12.Loc, int] = field(default_factory=dict)
    """Where literal block scalars (|) begin, to place problems inside them."""
    digest: str = ""
    """A hash of the file's bytes: pages made from unchanged files need not be made again."""
    derived: dict[object, Any] = field(default_factory=dict, init=False, compare=False, repr=False)
    """Values made from this file (see `derive`): a long-running process makes them once per version."""

    def derive(self, key: object, make: Callable[[], T]) -> T:
        """`make()`, remembered under `key` for as long as this file is unchanged. The key must name
        everything else the value depends on (such as the digest of the city file it reads)."""
        if key not in self.derived:
            self.derived[key] = make()
        return cast(T, self.derived[key])

    def line(self, loc: yaml12.Loc) -> int:
        return _line(self.lines, loc)


@dataclass(frozen=True)
class LoadedPractice(Loaded[Practice]):
    sector: Sector = "energy"


@dataclass(frozen=True)
class LoadedTranslation(Loaded[PracticeTranslation | CityTranslation]):
    lang: str = ""
    kind: str = "practices"
    """"practices" or "cities": what it translates (`id` is the English file's id)."""
    folder: str = ""
    """The folder it sits in (a sector, or cities), where its English file must be."""


@dataclass(frozen=True)
class Corpus:
    cities: dict[str, Loaded[City]]
    practices: dict[str, LoadedPractice]
    broken: frozenset[tuple[str, str]] = frozenset()
    """(folder kind, id) of files that exist but did not load: "cities" or "practices"."""
    translations: dict[tuple[str, str], dict[str, LoadedTranslation]] = field(default_factory=dict)
    """(folder kind, id) -> language -> its translation, for every translation that loaded beside its English file
    (valid on its own; whether it fits its English file is checked across files)."""
    orphans: tuple[LoadedTranslation, ...] = ()
    """Translations that loaded but have no English file beside them (a missing, broken or misplaced one)."""

    def translation(self, kind: str, ident: str, lang: str) -> "LoadedTranslation | None":
        return self.translations.get((kind, ident), {}).get(lang)


def _line(lines: Mapping[yaml12.Loc, int], loc: yaml12.Loc) -> int:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def read_document(path: Path, rel: str) -> tuple[yaml12.Document | None, list[Problem]]:
    return parse_document(read_bytes(path), rel)


def parse_document(raw: bytes | str, rel: str) -> tuple[yaml12.Document | None, list[Problem]]:
    if isinstance(raw, str):
        return None, [Problem(rel, 0, "", raw)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(rel, line, "", f"byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8")]
    try:
        doc = yaml12.read(text)
    except yaml12.YamlProblem as problem:
        return None, [Problem(rel, problem.line, "", problem.message)]
    problems = [Problem(rel, p.line, "", p.message) for p in doc.problems]
    if not isinstance(doc.data, dict):
        problems.append(
            Problem(rel, 1, "", "the top level must be a mapping of fields (key: value), not a list or text")
        )
        return None, problems
    return doc, problems


def _placeholders(data: Any, loc: yaml12.Loc = ()) -> list[yaml12.Loc]:
    """Where a value is still the TODO placeholder of a new file's template."""
    if isinstance(data, str):
        return [loc] if data.strip().startswith("TODO") else []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else []
    return [found for key, value in items for found in _placeholders(value, (*loc, key))]


def unknown_sources(doc: yaml12.Document, rel: str) -> list[Problem]:
    """Figures naming a source the file does not list under `sources`. Read from the raw data, so that a file
    with other mistakes gets this one reported in the same run."""
    sources = doc.data.get("sources") if isinstance(doc.data, dict) else None
    keys = [key for key in sources if isinstance(key, str)] if isinstance(sources, dict) else []
    found = []

    def walk(node: Any, loc: yaml12.Loc) -> None:
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
        for key, value in items:
            if key == "source" and isinstance(value, str) and value not in keys and loc[:1] != ("sources",):
                where = (*loc, key)
                close = difflib.get_close_matches(value, keys, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else f"add '{value}' under sources"
                hint += f", or use one of: {', '.join(keys)}" if keys and not close else ""
                message = f"no source '{value}' in this file; {hint}"
                found.append(Problem(rel, _line(doc.lines, where), ".".join(map(str, where)), message))
            walk(value, (*loc, key))

    walk(doc.data, ())
    return found


def validate(model: type[M], doc: yaml12.Document, rel: str) -> tuple[M | None, list[Problem]]:
    todo = _placeholders(doc.data)
    try:
        result: M | None = model.model_validate(doc.data)
        problems: list[Problem] = []
    except ValidationError as error:
        result, problems = None, _problems(model, doc, rel, error.errors(include_url=False))
    reported = {p.field for p in problems}
    problems += [p for p in unknown_sources(doc, rel) if p.field not in reported]
    if not todo:
        return result, problems
    # a placeholder's own type or vocabulary error says less than "replace the placeholder"
    fields = {".".join(map(str, loc)) for loc in todo} | {".".join(map(str, loc[:-1])) for loc in todo}
    problems = [p for p in problems if p.field not in fields]
    for loc in todo:
        names = tuple(p for p in loc if isinstance(p, str))
        expected = describe.field_description(model, names)
        allowed = describe.field_choices(model, names)
        hint = f": {expected}" if expected else ""
        hint += f" One of: {', '.join(allowed)}." if allowed else ""
        problems.append(
            Problem(rel, _line(doc.lines, loc), ".".join(map(str, loc)), f"replace the TODO placeholder{hint}")
        )
    return None, problems


def _data_loc(data: Any, loc: tuple[str | int, ...]) -> yaml12.Loc:
    """The part of pydantic's loc that names keys and indexes in the data."""
    out: list[str | int] = []
    for part in loc:
        if isinstance(data, dict) and isinstance(part, str):
            out.append(part)
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            out.append(part)
            data = data[part]
        elif isinstance(data, dict | list):
            break
    return tuple(out)


def _problems(model: type[BaseModel], doc: yaml12.Document, rel: str, errors: list[ErrorDetails]) -> list[Problem]:
    by_loc: dict[yaml12.Loc, list[ErrorDetails]] = {}
    for error in errors:
        by_loc.setdefault(_data_loc(doc.data, error["loc"]), []).append(error)
    suggested: dict[yaml12.Loc, str] = {}
    for loc, group in by_loc.items():
        if group[0]["type"] == "extra_forbidden":
            close = difflib.get_close_matches(str(loc[-1]), describe.field_names(model, loc[:-1]), n=1, cutoff=0.7)
            if close:
                suggested[loc] = close[0]
    missing = {loc for loc, group in by_loc.items() if group[0]["type"] == "missing"}
    problems = []
    for loc, group in by_loc.items():
        # a union (year or date) fails once per member; a validator's message is the most specific
        error = next((e for e in group if e["type"] == "value_error"), group[0])
        field = ".".join(str(p) for p in loc)
        if error["type"] == "extra_forbidden":
            line = doc.key_lines.get(loc, _line(doc.lines, loc))
            if loc in suggested:
                hint = f"did you mean '{suggested[loc]}'?"
                if (*loc[:-1], suggested[loc]) in missing:
                    hint += " (it is required)"
            else:
                hint = f"allowed here: {', '.join(describe.field_names(model, loc[:-1]))}"
            problems.append(Problem(rel, line, field, f"unknown field; {hint}"))
            continue
        if error["type"] == "missing" and any((*s[:-1], name) == loc for s, name in suggested.items()):
            continue  # reported with the misspelled key that was meant to be this field
        line = _line(doc.lines, loc)
        message = error["msg"].removeprefix("Value error, ")
        given = error["input"]
        kind = error["type"]
        if kind == "missing":
            message = "required field is missing"
        elif kind == "model_type":
            message = "must be a mapping: its fields on their own lines, indented under it (name: value)"
        elif not isinstance(given, dict | list):
            message += f" (got {_show(given)})"
        if (
            kind == "string_pattern_mismatch"
            and isinstance(given, str)
            and error.get("ctx", {}).get("pattern") == ID_PATTERN
        ):
            fixed = re.sub(r"[^a-z0-9]+", "-", given.lower()).strip("-")
            message = f"must be an id: lowercase letters, digits and single hyphens (got {_show(given)})"
            message += f"; write {fixed!r}" if fixed else ""
        elif kind == "literal_error" and isinstance(given, str):
            close = difflib.get_close_matches(given, describe.field_choices(model, loc), n=1, cutoff=0.6)
            message += f"; did you mean '{close[0]}'?" if close else ""
        expected = describe.field_description(model, loc)
        if expected and error["type"] not in ("literal_error", "value_error"):
            message += f"; expected: {expected}"
        problems.append(Problem(rel, line, field, message))
    return problems


def _show(value: object) -> str:
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


RESERVED = frozenset({"index", "pages"})
"""Ids whose page would replace a list page (practices/<sector>/index.md, cities/index.md) or stand beside the
folder of its further pages (practices/<sector>/pages/)."""


def _misplaced(data: dict[str, Any], folder: str) -> str | None:
    if folder != CITIES and {"country", "membership"} <= data.keys():
        return "this looks like a city profile; move it to practices/cities/"
    if folder == CITIES and {"city", "summary"} <= data.keys():
        return "this looks like a case study; move it to practices/transportation/, energy/ or waste/"
    return None


Outcome = tuple["Loaded[City] | LoadedPractice | LoadedTranslation | None", list[Problem]]
Memo = dict[tuple[str, str], tuple[bytes | str, Outcome]]
"""What each file (by path and folder) gave the last time, with its bytes: a long-running process
(`mkdocs serve`) reads again only the files that changed."""


def digest(raw: bytes | str) -> str:
    return hashlib.blake2b(raw.encode() if isinstance(raw, str) else raw, digest_size=16).hexdigest()


def _load_translation(raw: bytes | str, rel: str, ident: str, lang: str, folder: str) -> Outcome:
    doc, problems = parse_document(raw, rel)
    if doc is None:
        return None, problems
    kind = "cities" if folder == CITIES else "practices"
    model: type[PracticeTranslation] | type[CityTranslation] = (
        CityTranslation if kind == "cities" else PracticeTranslation
    )
    data, found = validate(model, doc, rel)
    if data is None:
        return None, problems + found
    loaded = LoadedTranslation(
        ident, rel, data, doc.lines, doc.literal_starts, digest=digest(raw), lang=lang, kind=kind, folder=folder
    )
    return loaded, problems + found


def _load_one(raw: bytes | str, rel: str, ident: str, folder: str) -> Outcome:
    doc, problems = parse_document(raw, rel)
    misplaced = _misplaced(doc.data, folder) if doc else None
    if doc is None or misplaced:
        return None, problems + ([Problem(rel, 1, "", misplaced)] if misplaced else [])
    if folder == CITIES:
        city, found = validate(City, doc, rel)
        if city is None:
            return None, problems + found
        return Loaded(ident, rel, city, doc.lines, doc.literal_starts, digest=digest(raw)), problems + found
    practice, found = validate(Practice, doc, rel)
    if practice is None:
        return None, problems + found
    sector: Sector = folder  # type: ignore[assignment]  # discover() allows only sector folders here
    loaded = LoadedPractice(ident, rel, practice, doc.lines, doc.literal_starts, digest=digest(raw), sector=sector)
    return loaded, problems + found


def load(
    root: Path,
    raws: Mapping[str, bytes | str] | None = None,
    memo: Memo | None = None,
    discovered: tuple[list[tuple[Path, str]], list[Problem]] | None = None,
) -> tuple[Corpus, list[Problem]]:
    """Read and validate every file; return what loaded and every problem found.
    `raws` may hold files' bytes already read (by path relative to root), `discovered` what discover() found;
    `memo` keeps outcomes across calls."""
    files, found_first = discovered if discovered is not None else discover(root)
    problems = list(found_first)
    cities: dict[str, Loaded[City]] = {}
    practices: dict[str, LoadedPractice] = {}
    broken: set[tuple[str, str]] = set()
    loaded_translations: list[LoadedTranslation] = []
    first_path: dict[str, str] = {}

    def outcome(path: Path, rel: str, folder: str, make: Callable[[bytes | str], Outcome]) -> Outcome:
        raw = raws[rel] if raws is not None and rel in raws else read_bytes(path)
        remembered = memo.get((rel, folder)) if memo is not None else None
        if remembered is not None and remembered[0] == raw:
            return remembered[1]
        made = make(raw)
        if memo is not None:
            memo[(rel, folder)] = (raw, made)
        return made

    for path, folder in files:
        rel, (ident, lang) = path.relative_to(root).as_posix(), split_name(path.stem)
        kind = "cities" if folder == CITIES else "practices"
        if lang != ENGLISH:
            loaded, found = outcome(
                path, rel, folder, partial(_load_translation, rel=rel, ident=ident, lang=lang, folder=folder)
            )
            problems += found
            if isinstance(loaded, LoadedTranslation):
                loaded_translations.append(loaded)
            continue
        if kind == "practices" and ident in first_path:
            message = f"id '{ident}' is already used by {first_path[ident]}; ids must be unique"
            problems.append(Problem(rel, 0, "", message))
            continue
        if kind == "practices":
            first_path[ident] = rel
        if ident in RESERVED:
            problems.append(Problem(rel, 0, "", f"'{ident}' is reserved for the list page; choose another id"))
            continue
        loaded, found = outcome(path, rel, folder, partial(_load_one, rel=rel, ident=ident, folder=folder))
        problems += found
        if loaded is None:
            broken.add((kind, ident))
        elif isinstance(loaded, LoadedPractice):
            practices[ident] = loaded
        elif not isinstance(loaded, LoadedTranslation):
            cities[ident] = loaded
    if memo is not None:
        seen = {(path.relative_to(root).as_posix(), folder) for path, folder in files}
        for gone in set(memo) - seen:
            del memo[gone]
    translations: dict[tuple[str, str], dict[str, LoadedTranslation]] = {}
    orphans: list[LoadedTranslation] = []
    for t in loaded_translations:
        english = cities.get(t.id) if t.kind == "cities" else practices.get(t.id)
        if english is not None and english.path == f"practices/{t.folder}/{t.id}.yaml":
            translations.setdefault((t.kind, t.id), {})[t.lang] = t
        else:
            orphans.append(t)
    ordered = {key: dict(sorted(by_lang.items())) for key, by_lang in sorted(translations.items())}
    return Corpus(cities, practices, frozenset(broken), ordered, tuple(orphans)), problems
