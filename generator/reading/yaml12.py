"""Read one YAML document into plain data, the YAML 1.2 way, remembering lines.

libyaml parses (fast); this module builds the data from its event stream
without recursion, so it can refuse what a case study never needs before it
costs anything: aliases (no "billion laughs"), tags that construct objects,
duplicate keys and absurd nesting. Scalars are resolved with the YAML 1.2
core schema, so `NO`, `yes` and `on` stay strings and `1:30` is not a number.

Where libyaml reads a text otherwise than the YAML 1.2 spec, or accepts what the spec calls invalid, the text
is read as the spec says or refused at its line with what to write instead; tests/test_yaml_suite.py holds
the reader to the public YAML test suite.
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
    column: int = -1
    """Where the entries of the innermost block collection start (-1: none)."""
    flow: bool = False
    """Inside [ ] or { }."""
    start: int = 0
    after: int = 0
    """Inside [ ] or { }: the index just after the last value read."""


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
    if tag is None:
        return _plain(event.value) if not event.style and event.implicit[0] else event.value
    if tag == "!":
        return event.value  # the non-specific tag: a string, whatever it looks like
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
    text = _complete_last_line(text)
    return _read_fast(text) or _read_events(text)


def _complete_last_line(text: str) -> str:
    # libyaml drops a last line of only spaces that has no line break; the spec keeps it in a block scalar (|)
    if text and text[-1] not in "\n\r":
        last = text[max(text.rfind("\n"), text.rfind("\r")) + 1 :]
        if not last.strip(" \t"):
            return text + "\n"
    return text


# Where libyaml reads a text otherwise than the spec, or accepts what the spec calls invalid. Each check gives
# the index in the text where the problem is and what to write instead, or None; both ways of reading use them.
Found = tuple[int, str] | None

_BLANK = " \t\r\n"


def _glued_comment(text: str, start: int, end: int) -> Found:
    """A '#' between start and end with no space before it: libyaml takes it for a comment, the spec does not."""
    at = text.find("#", start, end)
    while at != -1:
        if at > 0 and text[at - 1] not in _BLANK:
            return at, f"put a space before '#' (after {text[at - 1]!r}) to start a comment, or quote the text"
        eol = text.find("\n", at, end)
        at = -1 if eol == -1 else text.find("#", eol, end)
    return None


def _in_flow(text: str, start: int, after_previous: int, plain: str | None) -> Found:
    """A value inside [ ] or { }, starting at `start`; the one before it ended at `after_previous`."""
    if found := _glued_comment(text, after_previous, start):
        return found
    if start > 0 and text[start - 1] == "?":
        return start - 1, "a value that starts with '?' inside [ ] or { } is read differently by YAML parsers; quote it"
    if plain is not None and plain[:1] == "-" and (len(plain) == 1 or plain[1] in _BLANK):
        return start, "a lone '-' inside [ ] or { } is not a value; put it in quotes ('-')"
    return None


def _after(text: str, end: int) -> Found:
    """Right after a quoted value or a closing bracket."""
    if text[end : end + 1] == "#":
        return end, "put a space before '#' to start a comment"
    return None


def _shallow(text: str, start: int, end: int, column: int, flow: bool) -> Found:
    """A quoted value or a [ ]/{ } spanning lines in a block whose entries start at `column`: every further
    line must be indented past that column, with spaces (a comment line between list items may start anywhere)."""
    eol = text.find("\n", start, end)
    while eol != -1:
        begin = eol + 1
        eol = text.find("\n", begin, end)
        line = text[begin : eol if eol != -1 else end]
        content = line.lstrip(" ")
        rest = content.strip()
        if len(line) - len(content) <= column and rest and not (flow and rest[0] == "#"):
            first = text.count("\n", 0, start) + 1
            if flow:
                return (
                    begin,
                    f"the [ ] or {{ }} from line {first} goes on here, not indented past its key; indent this line",
                )
            return begin, (
                f"the quoted value from line {first} goes on here, not indented past its key or '-'; "
                f"close the quote on line {first}, or indent this line"
            )
    return None


_HEADER = re.compile(r"[|>][0-9+-]*")


def _block_header(text: str, start: int, column: int) -> Found:
    """A block scalar (| or >) whose header starts at or after `start`, in a block whose entries start at `column`."""
    header = _HEADER.search(text, start)
    if header is None:
        return None
    if text[header.end() : header.end() + 1] == "#":
        return header.end(), "put a space before '#' after | or > to start a comment"
    if any(c.isdigit() for c in header.group()):
        return None  # the indentation is given: nothing is guessed
    # libyaml guesses the indentation from the blank lines before the first line of text; the spec forbids
    # blank lines with more spaces than that line
    most, at = 0, text.find("\n", header.end())
    while at != -1:
        begin = at + 1
        at = text.find("\n", begin)
        line = text[begin : at if at != -1 else len(text)].rstrip("\r")
        spaces = len(line) - len(line.lstrip(" "))
        if line.strip(" "):
            if column < spaces < most:
                return begin, "remove the spaces from the blank lines before the first line of this block (| or >)"
            if column < 0 and spaces == 0 and line.lstrip("\t").startswith("#"):
                # at the top of a file the spec reads it as text, libyaml as a comment
                return begin, "indent the lines of a block (| or >) at the top of a file"
            return None
        most = max(most, spaces)
    return None


_ANCHOR_END = "?:%@`"


def _cut_anchor(text: str, start: int, anchor: str) -> Found:
    """libyaml ends an anchor at ':' and a few other characters that the spec reads as part of its name."""
    at = text.find("&" + anchor, start)
    if at == -1:
        return None
    after = text[at + 1 + len(anchor) : at + 2 + len(anchor)]
    if after and after in _ANCHOR_END:
        return at, f"the anchor &{anchor}{after}... is read differently by YAML parsers; remove it"
    return None


_MAYBE_CUT_ANCHOR = re.compile(r"(?:^|(?<=[\s\[{,]))&[0-9A-Za-z_-]+[?:%@`]")  # an anchor starts a token: "E&S:" is text
_BARE_TAG = re.compile(r"!(?=[ \t\r\n]|\Z)")


def _needs_events(text: str) -> bool:
    """Anchors and the tag '!' leave no trace in libyaml's node tree: such texts are read the event way."""
    if "&" in text and _MAYBE_CUT_ANCHOR.search(text):
        return True
    if "!" in text:
        for match in _BARE_TAG.finditer(text):
            if match.start() == 0 or text[match.start() - 1] in _BLANK + "[{,":
                return True
    return False


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
    if nesting > _GATE or _needs_events(text):
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
        doc.data = _walk(root, (), doc, set() if _may_anchor(text) else None, 0, text, -1)
        return doc if doc.data is not None else None
    except (yaml.YAMLError, _Unusual, ValueError):
        return None


_IN_FLOW = -2
"""The column given to what is inside [ ] or { }: the outermost brackets were checked whole."""


def _may_anchor(text: str) -> bool:
    """Whether some '&' starts a word, as an anchor does: the '&' in 'R&D', 'A & B' or an address cannot."""
    at = text.find("&")
    while at != -1:
        if (at == 0 or text[at - 1] in _BEFORE_ANCHOR) and text[at + 1 : at + 2] not in _AFTER_NO_ANCHOR:
            return True
        at = text.find("&", at + 1)
    return False


_BEFORE_ANCHOR = frozenset(_BLANK + "[]{},?:-\ufeff")
_AFTER_NO_ANCHOR = frozenset(["", *_BLANK])


def _walk(node: yaml.Node, loc: Loc, doc: Document, seen: set[int] | None, depth: int, text: str, column: int) -> Any:
    """`seen`: the nodes met so far, to find aliases (None: the text has no anchor, so no alias);
    `column`: where the entries of the innermost block collection start (-1: none), or _IN_FLOW."""
    if depth > MAX_DEPTH:
        raise _Unusual
    if seen is not None:
        if id(node) in seen:
            raise _Unusual  # an alias
        seen.add(id(node))
    doc.lines[loc] = node.start_mark.line + 1
    if node.tag == _SEQ:
        column = _entries_column(node, text, column)
        return [_walk(item, (*loc, n), doc, seen, depth + 1, text, column) for n, item in enumerate(node.value)]
    if node.tag == _MAP:
        column = _entries_column(node, text, column)
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag not in (_PLAIN, _STR) or key_node.value in mapping:
                raise _Unusual
            if seen is not None:
                if id(key_node) in seen:
                    raise _Unusual  # an alias as a key
                seen.add(id(key_node))
            key = key_node.value
            doc.key_lines[(*loc, key)] = key_node.start_mark.line + 1
            mapping[key] = _walk(value_node, (*loc, key), doc, seen, depth + 1, text, column)
        return mapping
    value, style = node.value, getattr(node, "style", None)
    if node.tag not in (_PLAIN, _STR) or (len(value) > MAX_NUMBER_LENGTH and _NUMBERISH.fullmatch(value)):
        raise _Unusual
    if not style:
        return _plain(value) if node.tag == _PLAIN else value
    if column != _IN_FLOW:
        start, end = node.start_mark, node.end_mark
        # the usual quoted value (one line, a space or a line break after it) needs no closer look
        if style in "|>" or text[end.index : end.index + 1] == "#" or start.line != end.line:
            if _check_styled(text, start.index, end.index, style, column, False):
                raise _Unusual
            if style == "|":
                doc.literal_starts[loc] = start.line + 2
    return value


def _entries_column(node: yaml.Node, text: str, column: int) -> int:
    if not getattr(node, "flow_style", False):
        return node.start_mark.column
    if column != _IN_FLOW:
        start, end = node.start_mark, node.end_mark
        if _after(text, end.index) or (start.line != end.line and _shallow(text, start.index, end.index, column, True)):
            raise _Unusual
        _check_inside_flow(node, text)
    return _IN_FLOW


def _check_inside_flow(node: yaml.Node, text: str) -> None:
    """Everything inside [ ] or { }, nested brackets included."""
    start, end = node.start_mark.index, node.end_mark.index
    children = node.value if node.tag == _SEQ else [child for pair in node.value for child in pair]
    comments = text.find("#", start, end) != -1  # rare: then look at the text between the values
    after = start
    for child in children:
        at, value = child.start_mark.index, child.value
        if comments or text[at - 1] == "?" or value[:1] == "-":
            plain = value if child.tag == _PLAIN and not getattr(child, "style", None) else None
            if _in_flow(text, at, after if comments else at, plain):
                raise _Unusual
        if child.tag in (_SEQ, _MAP):
            _check_inside_flow(child, text)
        after = child.end_mark.index
    if comments and _glued_comment(text, after, end):
        raise _Unusual


def _check_styled(text: str, start: int, end: int, style: str, column: int, flow: bool) -> Found:
    """A quoted value or a block scalar (| or >) from `start` to `end`."""
    if style in "|>":
        return _block_header(text, start, column)
    if found := _after(text, end):
        return found
    if not flow and text.find("\n", start, end) != -1:
        return _shallow(text, start, end, column, False)
    return None


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

    def open_frame(value: dict[str, Any] | list[Any], line: int, event: yaml.CollectionStartEvent) -> None:
        if stack and isinstance(stack[-1].value, dict) and stack[-1].key is None:
            raise YamlProblem(line, "a key must be a plain name, not a list or mapping")
        if len(stack) >= MAX_DEPTH:
            raise YamlProblem(line, f"nested more than {MAX_DEPTH} levels deep")
        start = _index(event.start_mark)
        if event.flow_style:
            frame = _Frame(
                child_loc(), value, column=stack[-1].column if stack else -1, flow=True, start=start, after=start
            )
        else:
            frame = _Frame(child_loc(), value, column=event.start_mark.column if event.start_mark else 0, start=start)
        stack.append(frame)
        doc.lines[frame.loc] = line

    def check(found: Found) -> None:
        if found:
            raise YamlProblem(text.count("\n", 0, found[0]) + 1, found[1])

    def check_node(event: yaml.NodeEvent) -> None:
        start = _index(event.start_mark)
        if event.anchor:
            check(_cut_anchor(text, start, event.anchor))
        if stack and stack[-1].flow:
            plain = event.value if isinstance(event, yaml.ScalarEvent) and not event.style else None
            check(_in_flow(text, start, stack[-1].after, plain))

    def close_frame(event: yaml.CollectionEndEvent) -> _Frame:
        frame, end = stack.pop(), _index(event.end_mark)
        if frame.flow:
            check(_glued_comment(text, frame.after, end))
            if stack and stack[-1].flow:
                stack[-1].after = end
            else:
                check(_after(text, end))
                if text.count("\n", frame.start, end):
                    check(_shallow(text, frame.start, end, frame.column, True))
        return frame

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
                check_node(event)
                expects_key = bool(stack) and isinstance(stack[-1].value, dict) and stack[-1].key is None
                if event.style and not expects_key:
                    flow = bool(stack) and stack[-1].flow
                    column = stack[-1].column if stack else -1
                    start, end = _index(event.start_mark), _index(event.end_mark)
                    check(_check_styled(text, start, end, event.style, column, flow))
                if event.style == "|" and not expects_key:
                    doc.literal_starts[child_loc()] = line + 1
                if stack and stack[-1].flow:
                    stack[-1].after = _index(event.end_mark)
                attach(event.value if expects_key else _scalar(event, line), line, True)
            elif isinstance(event, yaml.MappingStartEvent):
                _collection_tag(event, line, "map")
                check_node(event)
                open_frame({}, line, event)
            elif isinstance(event, yaml.SequenceStartEvent):
                _collection_tag(event, line, "seq")
                check_node(event)
                open_frame([], line, event)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = close_frame(event)
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


def _index(mark: "yaml.Mark | yaml._yaml.Mark | None") -> int:
    return mark.index if mark else 0


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
