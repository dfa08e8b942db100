"""A case study proposed through the GitHub issue form -> the text of its YAML file, or what is missing.

GitHub writes a submitted form into the issue as Markdown: for each field a `### <label>` heading,
a blank line, then the value (`_No response_` for an empty one). The form is
.github/ISSUE_TEMPLATE/case-study.yml; FIELDS holds its labels, in the same order.

Only the form's structure is checked here; the result still goes through the project's validator.
"""

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

import yaml

from generator.reading import yaml12
from generator.schema.ids import SECTORS

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/practice.schema.json"
CONVERTED_LINE = "# Converted from a GitHub issue form: check every figure against its source before merging."
NO_RESPONSE = "_No response_"
MAX_ID_LENGTH = 80


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    type: Literal["input", "textarea", "dropdown", "checkboxes"]
    required: bool
    hint: str
    """What to write, for the problem when the field is missing."""
    multiple: bool = False


IMPACT_FORMAT = "metric | value | unit | year | type | confidence | source key | note | quote"
_IMPACT_PARTS = IMPACT_FORMAT.split(" | ")[:7]
_QUOTE_HINT = (
    "end the line with the source's words that state the figure, copied word for word (the note before it may be"
    " empty: write | | )"
)
_NUMBER_HINT = "write only the number, such as 22, -0.5 or 1517 (no units, spaces or thousands separators)"
_YEAR_HINT = "write four digits, such as 2019"
SOURCE_FORMAT = "key | title | url | publisher | date | language"

FIELDS: tuple[Field, ...] = (
    Field("title", "Title", "input", True, "write the name of the practice, at most 120 characters"),
    Field("city", "City", "input", True, "write the city's id, the name of its file in practices/cities/"),
    Field("sector", "Sector", "dropdown", True, f"choose {', '.join(SECTORS[:-1])} or {SECTORS[-1]}"),
    Field("status", "Status", "dropdown", True, "choose where the practice stands today"),
    Field("started", "Started", "input", True, "write a year such as 2006 or a date such as 2006-01-03"),
    Field("ended", "Ended", "input", False, "write a year such as 2010 or a date such as 2010-12-31"),
    Field("summary", "Summary", "textarea", True, "write what was done and what it achieved, in plain text"),
    Field("description", "Description", "textarea", True, "write the full story in Markdown"),
    Field("lever_owner", "Lever owner", "dropdown", True, "choose who controls the lever"),
    Field("city_power", "City power", "dropdown", True, "choose what power the city used"),
    Field("advocacy_ask", "Advocacy ask", "textarea", False, "write the change a higher level would have to make"),
    Field("instruments", "Instruments", "dropdown", True, "choose at least one", multiple=True),
    Field("cobenefits", "Co-benefits", "dropdown", False, "choose any that apply", multiple=True),
    Field("impacts", "Impacts", "textarea", False, f"write one figure per line: {IMPACT_FORMAT}"),
    Field("sources", "Sources", "textarea", True, f"write one source per line: {SOURCE_FORMAT}"),
    Field("lessons", "Lessons", "textarea", False, "write one lesson per line"),
    Field("barriers", "Barriers", "textarea", False, "write one barrier per line"),
    Field("preconditions", "Preconditions", "textarea", True, "write what a city needs to copy it, one per line"),
    Field("needs_powers", "City powers it needs", "dropdown", False, "choose the powers it needs", multiple=True),
    Field("needs_context", "What it needs around the city", "dropdown", False, "choose what must exist", multiple=True),
    Field("needs_scale", "Smallest city it suits", "dropdown", False, "choose the smallest size of city it suits"),
    Field("tags", "Tags", "input", False, "write keywords separated by commas"),
    Field("last_verified", "Last verified", "input", True, "write the date you checked the sources, as YYYY-MM-DD"),
    Field("confirm", "Truth rules", "checkboxes", True, "tick the box to confirm that every figure is from its source"),
)
_BY_ID = {f.id: f for f in FIELDS}


@dataclass(frozen=True)
class Conversion:
    sector: str | None
    """The folder under practices/, if the form names a valid sector."""
    id: str | None
    """The proposed file name (without .yaml), made from the city and the title."""
    yaml_text: str | None
    """The file to write; None when there are problems."""
    problems: list[str]
    """What is missing or malformed, each naming the form field by its label."""


def sections(body: str) -> dict[str, str]:
    """The value of each field found in a submitted body, by field id; empty when there was no response.

    Headings are looked for in the form's order, each after the previous one, so a value may
    contain a `### ` line (a description's own heading) unless it equals the label of a later field.
    """
    lines = body.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found: list[tuple[str, int]] = []  # (field id, index of its heading line)
    start = 0
    for spec in FIELDS:
        heading = f"### {spec.label}"
        index = next((i for i in range(start, len(lines)) if lines[i].rstrip() == heading), None)
        if index is not None:
            found.append((spec.id, index))
            start = index + 1
    values: dict[str, str] = {}
    for n, (field_id, index) in enumerate(found):
        end = found[n + 1][1] if n + 1 < len(found) else len(lines)
        value = "\n".join(lines[index + 1 : end]).strip("\n")
        values[field_id] = "" if value.strip() == NO_RESPONSE else value
    return values


_FOLD = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "þ": "th", "ı": "i"})


def _words(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower().translate(_FOLD)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def proposed_id(city: str, title: str) -> str | None:
    """`<city>-<title>` as an id: lowercase letters, digits and single hyphens, at most 80 characters.

    A title that already starts with the city's name does not repeat it. A long id is cut at a
    hyphen, unless that would leave less than half of it.
    """
    city_part, title_part = _words(city), _words(title)
    if city_part and (title_part == city_part or title_part.startswith(city_part + "-")):
        joined = title_part
    else:
        joined = "-".join(part for part in (city_part, title_part) if part)
    if len(joined) > MAX_ID_LENGTH:
        cut = joined[: MAX_ID_LENGTH + 1]
        boundary = cut.rfind("-")
        joined = cut[:boundary] if boundary > MAX_ID_LENGTH // 2 else cut[:MAX_ID_LENGTH]
    return joined.strip("-") or None


def _show(value: str) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?")
_YEAR = re.compile(r"[0-9]{4}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_BULLET = re.compile(r"^[-*]\s+")
_URL = re.compile(r"https?://", re.IGNORECASE)


def _number(text: str) -> int | float | None:
    if len(text) > yaml12.MAX_NUMBER_LENGTH:
        return None
    if _INT.fullmatch(text):
        return int(text)
    return float(text) if _FLOAT.fullmatch(text) else None


def _year_or_date(text: str) -> int | str | None:
    if _YEAR.fullmatch(text):
        return int(text)
    return text if _DATE.fullmatch(text) else None


def _entries(text: str) -> list[tuple[int, str]]:
    """Non-blank lines with their 1-based number in the field; a leading `- ` or `* ` bullet is dropped."""
    entries = []
    for number, line in enumerate(text.split("\n"), 1):
        entry = _BULLET.sub("", line.strip(), count=1)
        if entry:
            entries.append((number, entry))
    return entries


class _Reader:
    """Turns the values of the fields into the data of a practice, collecting problems."""

    def __init__(self, values: dict[str, str]) -> None:
        self.values = values
        self.problems: list[str] = []

    def problem(self, field_id: str, message: str, line: int | None = None) -> None:
        where = _BY_ID[field_id].label + (f", line {line}" if line is not None else "")
        self.problems.append(f"{where}: {message}")

    def text(self, field_id: str) -> str | None:
        """The value, or None (and a problem if the field is required) when it is empty."""
        value = self.values.get(field_id, "")
        if value.strip():
            return value
        spec = _BY_ID[field_id]
        if spec.required:
            self.problem(field_id, f"required; {spec.hint}")
        return None

    def markdown(self, field_id: str) -> str | None:
        """The text as written, but without spaces at line ends: they would force YAML to quote it all on one line."""
        value = self.text(field_id)
        return "\n".join(line.rstrip(" \t") for line in value.split("\n")) if value is not None else None

    def line(self, field_id: str) -> str | None:
        value = self.text(field_id)
        return " ".join(value.split()) if value is not None else None

    def choices(self, field_id: str) -> list[str]:
        """A comma-separated list: the choices of a multiple dropdown, or tags."""
        value = self.line(field_id)
        chosen = [part.strip() for part in value.split(",") if part.strip()] if value else []
        if value and not chosen and _BY_ID[field_id].required:
            self.problem(field_id, f"required; {_BY_ID[field_id].hint}")
        return chosen

    def sector(self) -> str | None:
        value = self.line("sector")
        if value is None or value in SECTORS:
            return value
        self.problem("sector", f"{_show(value)} is not a sector; {_BY_ID['sector'].hint}")
        return None

    def when(self, field_id: str, dates: Literal["year or date", "date"]) -> int | str | None:
        value = self.line(field_id)
        if value is None:
            return None
        parsed = _year_or_date(value) if dates == "year or date" else value if _DATE.fullmatch(value) else None
        if parsed is None:
            self.problem(field_id, f"{_BY_ID[field_id].hint} (got {_show(value)})")
        return parsed

    def confirmed(self) -> None:
        ticked = re.search(r"^- \[[xX]\] ", self.values.get("confirm", ""), re.MULTILINE)
        if not ticked:
            spec = _BY_ID["confirm"]
            self.problem("confirm", f"required; {spec.hint}")

    def impacts(self) -> list[dict[str, Any]]:
        impacts: list[dict[str, Any]] = []
        for number, entry in _entries(self.text("impacts") or ""):
            parts = [part.strip() for part in entry.split("|", 8)]  # the quote, last, may itself hold a "|"
            if len(parts) < 9:
                got = f'expected 9 parts separated by "|", got {len(parts)}'
                self.problem("impacts", f"{got}; write: {IMPACT_FORMAT}", number)
                if len(parts) in (7, 8):
                    self.problem("impacts", _QUOTE_HINT, number)
                continue
            metric, value, unit, year, kind, confidence, source, note, quote = parts
            if not quote:
                self.problem("impacts", f"the quote is empty; {_QUOTE_HINT}", number)
            for name, part in zip(_IMPACT_PARTS, parts, strict=False):
                if not part:
                    self.problem("impacts", f"the {name} is empty", number)
                elif name == "value" and _number(part) is None:
                    self.problem("impacts", f"the value {_show(part)} is not a number; {_NUMBER_HINT}", number)
                elif name == "year" and not _YEAR.fullmatch(part):
                    self.problem("impacts", f"the year {_show(part)} is not a year; {_YEAR_HINT}", number)
            impact: dict[str, Any] = {
                "metric": metric,
                "value": _number(value),
                "unit": unit,
                "year": int(year) if _YEAR.fullmatch(year) else year,
                "type": kind,
                "confidence": confidence,
                "source": source,
                "quote": quote,
            }
            if note:
                impact["note"] = note
            impacts.append(impact)
        return impacts

    def sources(self) -> dict[str, dict[str, Any]]:
        sources: dict[str, dict[str, Any]] = {}
        for number, entry in _entries(self.text("sources") or ""):
            parts = [part.strip() for part in entry.split("|")]
            # the address marks where the title ends, so a title may itself contain "|"
            at = next((i for i, part in enumerate(parts) if _URL.match(part)), 2)
            if at < 2:
                self.problem("sources", f"write the key and the title before the address: {SOURCE_FORMAT}", number)
                continue
            if len(parts) < 3 or len(parts) - at > 4:
                got = f'expected 3 to 6 parts separated by "|", got {len(parts)}'
                self.problem("sources", f"{got}; write: {SOURCE_FORMAT}", number)
                continue
            key, title, url, rest = parts[0], " | ".join(parts[1:at]), parts[at], parts[at + 1 :]
            publisher, date, language = [*rest, "", "", ""][:3]
            for name, part in (("key", key), ("title", title), ("url", url)):
                if not part:
                    self.problem("sources", f"the {name} is empty", number)
            if key in sources:
                self.problem("sources", f"the key {_show(key)} is used twice; give each source its own key", number)
                continue
            source: dict[str, Any] = {"title": title, "url": url}
            if publisher:
                source["publisher"] = publisher
            if date:
                parsed = _year_or_date(date)
                if parsed is None:
                    hint = "write a year such as 2019 or a date such as 2019-06-01"
                    self.problem("sources", f"the date {_show(date)} is not a date; {hint}", number)
                source["date"] = parsed
            if language:
                source["language"] = language
            sources[key] = source
        return sources

    def lines(self, field_id: str) -> list[str]:
        return [entry for _, entry in _entries(self.text(field_id) or "")]


def practice_data(values: dict[str, str]) -> tuple[str | None, dict[str, Any], list[str]]:
    """The values of the form's fields -> the sector, the data of the file and the problems.

    Fields are read in the form's order, so problems come in that order; the data's keys are in
    the order of the guide's template, without the optional fields left empty.
    """
    r = _Reader(values)
    title, city, sector, status = r.line("title"), r.line("city"), r.sector(), r.line("status")
    started, ended = r.when("started", "year or date"), r.when("ended", "year or date")
    summary, description = r.line("summary"), r.markdown("description")
    lever = {"owner": r.line("lever_owner"), "city_power": r.line("city_power"), "advocacy_ask": r.line("advocacy_ask")}
    instruments, cobenefits = r.choices("instruments"), r.choices("cobenefits")
    impacts, sources = r.impacts(), r.sources()
    lessons, barriers, preconditions = r.lines("lessons"), r.lines("barriers"), r.lines("preconditions")
    needs = {"powers": r.choices("needs_powers"), "context": r.choices("needs_context"), "scale": r.line("needs_scale")}
    requires = {k: v for k, v in needs.items() if v not in (None, [])}
    transferability = {"preconditions": preconditions, "requires": requires}
    tags, last_verified = r.choices("tags"), r.when("last_verified", "date")
    r.confirmed()
    data: dict[str, Any] = {
        "title": title,
        "city": city,
        "status": status,
        "started": started,
        "ended": ended,
        "summary": summary,
        "description": description,
        "lever": {k: v for k, v in lever.items() if v is not None},
        "instruments": instruments,
        "impacts": impacts,
        "cobenefits": cobenefits,
        "lessons": lessons,
        "barriers": barriers,
        "transferability": {k: v for k, v in transferability.items() if v} or None,
        "tags": tags,
        "sources": sources,
        "last_verified": last_verified,
    }
    return sector, {k: v for k, v in data.items() if v not in (None, [], {})}, r.problems


_STR = "tag:yaml.org,2002:str"


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, with lists indented under their key as in the guide's template."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: _Dumper, value: str) -> yaml.ScalarNode:
    if any(c in value for c in "\x85\u2028\u2029"):
        style: str | None = '"'  # YAML reads these as line breaks, even inside quotes; only escapes keep them
    elif "\n" in value:
        style = "|"  # keeps a Markdown description readable; the emitter quotes where it cannot
    elif not isinstance(yaml12._plain(value), str):
        style = "'"  # PyYAML quotes what YAML 1.1 reads as not text; YAML 1.2 also reads `0o17` and `1e3` as numbers
    else:
        style = None
    return dumper.represent_scalar(_STR, value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump(data: dict[str, Any]) -> str:
    """The text of a practice file: the two comment lines, then `data` as YAML that reads back the same."""
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return f"{SCHEMA_LINE}\n{CONVERTED_LINE}\n{text}"


def convert(body: str) -> Conversion:
    """A submitted issue body -> the proposed file (sector, id, YAML text), or the problems that prevent it."""
    sector, data, problems = practice_data(sections(body))
    ident = proposed_id(data["city"], data["title"]) if "city" in data and "title" in data else None
    return Conversion(sector, ident, None if problems else dump(data), problems)
