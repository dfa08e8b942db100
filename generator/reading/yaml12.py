"""Read one YAML document into plain data, the YAML 1.2 way, remembering lines.

libyaml parses (fast); this module builds the data from its event stream
without recursion, so it can refuse what a case study never needs before it
costs anything: aliases (no "billion laughs"), tags that construct objects,
duplicate keys and absurd nesting. Scalars are resolved with the YAML 1.2
core schema, so `NO`, `yes` and `on` stay strings and `1:30` is not a number.
"""

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

Loc = tuple[str | int, ...]

MAX_DEPTH = 32

_CORE = "tag:yaml.org,2002:"
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"([-+]?)\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")
_SCALAR_TAGS = {"str", "int", "float", "bool", "null"}


class YamlProblem(Exception):
    """A mistake in the YAML itself, at a 1-based line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Document:
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    """Line of the value at each location; the root is ()."""
    key_lines: dict[Loc, int] = field(default_factory=dict)
    """Line of the key at each location inside a mapping."""
    literal_starts: dict[Loc, int] = field(default_factory=dict)
    """First content line of each literal block scalar (|): its lines map one to one onto the file."""
    problems: list[YamlProblem] = field(default_factory=list)
    """Mistakes that did not stop the reading (duplicate keys)."""


@dataclass
class _Frame:
    loc: Loc
    value: dict[str, Any] | list[Any]
    key: str | None = None
    key_line: int = 0


def _short(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


_MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")


def _plain(value: str) -> Any:
    if value and value[0] not in _MAYBE_NOT_TEXT:
        return value  # most values: text that cannot be a number, boolean or null
    if _NULL.fullmatch(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        return int(value)
    if _OCT.fullmatch(value):
        return int(value[2:], 8)
    if _HEX.fullmatch(value):
        return int(value[2:], 16)
    if _FLOAT.fullmatch(value):
        return float(value)
    if match := _INF.fullmatch(value):
        return float(f"{match.group(1)}inf")
    if _NAN.fullmatch(value):
        return float("nan")
    return value


MAX_NUMBER_LENGTH = 40


_NUMBERISH = re.compile(r"[-+]?(0x[0-9a-fA-F]+|0o[0-7]+|[0-9.]+([eE][-+]?[0-9]+)?)")


def _scalar(event: yaml.ScalarEvent, line: int) -> Any:
    # checked before converting: Python refuses to turn a 4,300-digit number into text
    if len(event.value) > MAX_NUMBER_LENGTH and _NUMBERISH.fullmatch(event.value):
        too_long = f"a number of {len(event.value)} characters is too long"
        raise YamlProblem(line, f"{too_long}; write at most {MAX_NUMBER_LENGTH}")
    return _resolve(event, line)


def _resolve(event: yaml.ScalarEvent, line: int) -> Any:
    tag = event.tag
    if tag in (None, "!"):
        return _plain(event.value) if not event.style and event.implicit[0] else event.value
    name = tag[len(_CORE) :] if tag.startswith(_CORE) else None
    if name not in _SCALAR_TAGS:
        raise YamlProblem(line, f"the tag {_short(tag)} is not allowed; remove it and write a plain value")
    if name == "str":
        return event.value
    value = _plain(event.value)
    wanted: dict[str, type | tuple[type, ...]] = {"int": int, "float": (int, float), "bool": bool, "null": type(None)}
    if not isinstance(value, wanted[name]) or (name != "bool" and isinstance(value, bool)):
        raise YamlProblem(line, f"{event.value!r} is not a valid {_short(tag)}")
    return float(value) if name == "float" and isinstance(value, int | float) else value


def _collection_tag(event: yaml.CollectionStartEvent, line: int, kind: str) -> None:
    if event.tag not in (None, "!", _CORE + kind):
        raise YamlProblem(line, f"the tag {_short(event.tag)} is not allowed; remove it")


def read(text: str) -> Document:
    """Parse `text`; raise YamlProblem for anything that stops the reading."""
    return _read_fast(text) or _read_events(text)


# The fast way: libyaml builds the node tree in C (as yaml.CSafeLoader does), and a short walk turns it into
# data. It is taken only for ordinary files: libyaml's C composer recurses once per level of nesting (a file
# of 100,000 nested brackets crashes it), so files that might nest deeply go the event way, as does anything
# unusual (aliases, tags, duplicate keys, more than one document, errors), whose messages the event way writes.
_GATE = 1000
_LEAD = re.compile(r"^[ ?:-]*", re.MULTILINE)
_PLAIN, _STR, _SEQ, _MAP = "?plain", "?str", "?seq", "?map"


class _Unusual(Exception):
    pass


class _Composer(yaml.CSafeLoader):
    """libyaml's composer with no implicit typing: the walk below resolves scalars the YAML 1.2 way."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


def _read_fast(text: str) -> Document | None:
    nesting = text.count("[") + text.count("{") + 2 * max(map(len, _LEAD.findall(text)), default=0) + 2
    if nesting > _GATE:
        return None
    try:
        loader = _Composer(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
        if root is None:
            return None
        doc = Document(data=None)
        doc.data = _walk(root, (), doc, set(), 0)
        return doc if doc.data is not None else None
    except (yaml.YAMLError, _Unusual, ValueError):
        return None


def _walk(node: yaml.Node, loc: Loc, doc: Document, seen: set[int], depth: int) -> Any:
    if id(node) in seen or depth > MAX_DEPTH:
        raise _Unusual  # an alias, or too deep
    seen.add(id(node))
    doc.lines[loc] = node.start_mark.line + 1
    if node.tag == _SEQ:
        return [_walk(item, (*loc, n), doc, seen, depth + 1) for n, item in enumerate(node.value)]
    if node.tag == _MAP:
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag not in (_PLAIN, _STR) or key_node.value in mapping:
                raise _Unusual
            seen.add(id(key_node))
            key = key_node.value
            doc.key_lines[(*loc, key)] = key_node.start_mark.line + 1
            mapping[key] = _walk(value_node, (*loc, key), doc, seen, depth + 1)
        return mapping
    value, style = node.value, getattr(node, "style", None)
    if node.tag not in (_PLAIN, _STR) or (len(value) > MAX_NUMBER_LENGTH and _NUMBERISH.fullmatch(value)):
        raise _Unusual
    if style == "|":
        doc.literal_starts[loc] = node.start_mark.line + 2
    return _plain(value) if node.tag == _PLAIN and not style else value


def _read_events(text: str) -> Document:
    doc = Document(data=None)
    stack: list[_Frame] = []
    documents = 0
    root_set = False

    def attach(value: Any, line: int, is_scalar: bool) -> None:
        nonlocal root_set
        if not stack:
            doc.data, root_set = value, True
            doc.lines[()] = line
            return
        top = stack[-1]
        if isinstance(top.value, list):
            doc.lines[(*top.loc, len(top.value))] = line
            top.value.append(value)
        elif top.key is None:
            if not is_scalar:
                raise YamlProblem(line, "a key must be a plain name, not a list or mapping")
            key = value  # a key is always its text as written: `true:` and `1:` are the names "true" and "1"
            if key in top.value:
                first = doc.key_lines[(*top.loc, key)]
                doc.problems.append(YamlProblem(line, f"duplicate key '{key}' (first at line {first}); keep only one"))
            top.key, top.key_line = key, line
        else:
            loc = (*top.loc, top.key)
            if top.key not in top.value:
                doc.key_lines[loc] = top.key_line
                doc.lines[loc] = line
                top.value[top.key] = value
            top.key = None

    def child_loc() -> Loc:
        if not stack:
            return ()
        top = stack[-1]
        if isinstance(top.value, list):
            return (*top.loc, len(top.value))
        return (*top.loc, top.key if top.key is not None else "?")

    def open_frame(value: dict[str, Any] | list[Any], line: int) -> None:
        if stack and isinstance(stack[-1].value, dict) and stack[-1].key is None:
            raise YamlProblem(line, "a key must be a plain name, not a list or mapping")
        if len(stack) >= MAX_DEPTH:
            raise YamlProblem(line, f"nested more than {MAX_DEPTH} levels deep")
        stack.append(_Frame(child_loc(), value))
        doc.lines[stack[-1].loc] = line

    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            line = event.start_mark.line + 1 if event.start_mark else 1
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlProblem(line, "a file holds one YAML document; remove the second '---'")
            elif isinstance(event, yaml.AliasEvent):
                raise YamlProblem(line, f"aliases (*{event.anchor}) are not allowed; write the value out")
            elif isinstance(event, yaml.ScalarEvent):
                expects_key = bool(stack) and isinstance(stack[-1].value, dict) and stack[-1].key is None
                if event.style == "|" and not expects_key:
                    doc.literal_starts[child_loc()] = line + 1
                attach(event.value if expects_key else _scalar(event, line), line, True)
            elif isinstance(event, yaml.MappingStartEvent):
                _collection_tag(event, line, "map")
                open_frame({}, line)
            elif isinstance(event, yaml.SequenceStartEvent):
                _collection_tag(event, line, "seq")
                open_frame([], line)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                parent_lines = doc.lines[frame.loc]
                attach(frame.value, parent_lines, False)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        at = text[mark.index] if mark and mark.index < len(text) else ""
        raise YamlProblem(line, _syntax_message(error, at)) from None
    except yaml.reader.ReaderError as error:
        line = text.encode("utf-8", "surrogatepass")[: error.position].count(b"\n") + 1  # libyaml counts bytes
        code = f"U+{error.character:04X}" if isinstance(error.character, int) else repr(error.character)
        raise YamlProblem(line, f"character {code} is not allowed (a control character); delete it") from None
    except yaml.YAMLError as error:
        raise YamlProblem(1, f"YAML error: {str(error).splitlines()[0]}") from None
    if not root_set or doc.data is None:
        raise YamlProblem(1, "the file is empty; a case study is a mapping of fields (see the template)")
    return doc


def _syntax_message(error: yaml.MarkedYAMLError, at: str) -> str:
    problem = error.problem or error.context or "invalid YAML"
    text = f"YAML syntax error: {problem}"
    if error.context and error.problem:
        started = error.context_mark.line + 1 if error.context_mark else None
        text += f" ({error.context}" + (f" that starts at line {started})" if started else ")")
    if at == "\t" or "tab" in problem:
        text += "; indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        text += "; put quotes around a value that contains ': '"
    elif "could not find expected ':'" in problem or "expected" in problem or "end of stream" in problem:
        text += "; check the indentation and that every quote is closed"
    return text
