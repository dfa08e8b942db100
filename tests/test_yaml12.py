"""Reading YAML the YAML 1.2 way, and refusing what a case study never needs."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.reading import yaml12
from generator.reading.load import validate
from generator.schema.model import City, Practice


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("NO", "NO"), ("no", "no"), ("yes", "yes"), ("on", "on"), ("Off", "Off"), ("y", "y"),
        ("1:30", "1:30"), ("0777", 777), ("0o17", 15), ("0x1F", 31), ("1e3", 1000.0), ("1_000", "1_000"),
        ("true", True), ("False", False), ("~", None), ("null", None), ("", None),
        ("2026-01-15", "2026-01-15"), ("'2026'", "2026"), ("-.5", -0.5), (".inf", float("inf")),
        ("!!str 12", "12"), ("!!float 1", 1.0), ("+-.inf", "+-.inf"), ("--.nan", "--.nan"), ("-.nan", "-.nan"),
    ],
)  # fmt: skip
def test_scalars_resolve_as_yaml_1_2(text: str, value: object) -> None:
    assert yaml12.read(f"key: {text}\n").data == {"key": value}


def test_lines_are_remembered_for_values_and_keys() -> None:
    doc = yaml12.read("a: 1\nb:\n  - x\n  - {c: 2}\n")
    assert doc.lines[("b", 1, "c")] == 4
    assert doc.key_lines[("b",)] == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !!binary aGk=\n", "the tag !!binary is not allowed"),
        ("a: !custom x\n", "the tag !custom is not allowed"),
        ("a: !!set {x}\n", "the tag !!set is not allowed"),
        ("a: !!int x\n", "'x' is not a valid !!int"),
        ("? [a]\n: b\n", "a key must be a plain name"),
        ("a: &x 1\nb: *x\n", "aliases (*x) are not allowed"),
        ("<<: {a: 1}\n", None),
    ],
)
def test_what_is_refused(text: str, message: str | None) -> None:
    if message is None:
        assert yaml12.read(text).data == {"<<": {"a": 1}}  # no merge magic: an unknown field to the schema
        return
    with pytest.raises(yaml12.YamlProblem, match=message.replace("(", r"\(").replace(")", r"\)").replace("*", r"\*")):
        yaml12.read(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("- ! 12\n- !!str 12\n- 12\n", ["12", "12", 12]),  # the non-specific tag: a string
        ("a: |\n  x\n   ", {"a": "x\n \n"}),  # a last line of spaces without a line break is still a line
        ("- |+\n   ", ["\n"]),
        ("a: [b:c, d?e, -f]\n", {"a": ["b:c", "d?e", "-f"]}),
        ("a: 'x # y' # z\n", {"a": "x # y"}),
        ('a: [x, "y",  # z\n  w]\n', {"a": ["x", "y", "w"]}),
        ('a: "x\n  y"\nb:\n- "x\n  y"\n', {"a": "x y", "b": ["x y"]}),
        ("a: [x,\n# a comment may start a line\n  y]\n", {"a": ["x", "y"]}),
        ("a: |\n\n  x\n", {"a": "\nx\n"}),
        ("url: https://example.org/?a=1&b=2#top\n", {"url": "https://example.org/?a=1&b=2#top"}),
    ],
)
def test_what_libyaml_reads_otherwise_than_the_spec_is_read_as_the_spec_says(text: str, value: object) -> None:
    assert yaml12.read(text).data == value
    _both_ways(text)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: { ?foo: bar }\n", 1, "a value that starts with '?' inside [ ] or { }"),
        ("a: [?x]\n", 1, "a value that starts with '?'"),
        ("a: [-]\n", 1, "a lone '-' inside [ ] or { } is not a value"),
        ("- [-, -]\n", 1, "a lone '-'"),
        ("a: &an:chor value\n", 1, "the anchor &an:... is read differently by YAML parsers"),
        ('a: "value"# comment\n', 1, "put a space before '#'"),
        ("a: [b, c]#comment\n", 1, "put a space before '#'"),
        ("a: [b, c,#comment\n  ]\n", 1, "put a space before '#' (after ',')"),
        ("a: >#comment\n  x\n", 1, "put a space before '#' after | or >"),
        ("a: >\n \n  \n   \n # comment\n", 5, "remove the spaces from the blank lines"),
        ("a: [b,\nc]\n", 2, "the [ ] or { } from line 1 goes on here, not indented past its key"),
        ("a: [b,\n  c\n]\n", 3, "the [ ] or { } from line 1"),
        ('a: "b\nc"\n', 2, "the quoted value from line 1 goes on here"),
        ('a: "b\n\tc"\n', 2, "the quoted value from line 1"),
        ("- a: 'x\n  y'\n", 2, "the quoted value from line 1"),
        ("a: &x k\n? *x\n: v\n", 2, r"aliases (*x) are not allowed"),
        (">\n# text to the spec, a comment to libyaml\n", 2, "indent the lines of a block (| or >) at the top"),
    ],
)
def test_what_libyaml_reads_otherwise_than_the_spec_is_refused_at_its_line(text: str, line: int, message: str) -> None:
    with pytest.raises(yaml12.YamlProblem) as raised:
        yaml12.read(text)
    assert (raised.value.line, raised.value.message[: len(message)]) == (line, message)
    assert yaml12._read_fast(text) is None  # the fast reader leaves it to the event reader, which says why


@pytest.mark.parametrize("depth", [33, 10_000, 120_000])
def test_deep_nesting_is_refused_quickly_without_crashing(depth: int) -> None:
    start = time.perf_counter()
    with pytest.raises(yaml12.YamlProblem, match="nested more than 32 levels"):
        yaml12.read("a: " + "[" * depth + "]" * depth)
    assert time.perf_counter() - start < 5  # a guard against a hang, not a benchmark


def test_billion_laughs_is_refused_at_the_first_alias() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    with pytest.raises(yaml12.YamlProblem, match=r"aliases \(\*a0\) are not allowed") as raised:
        yaml12.read("\n".join(lines))
    assert raised.value.line == 2


yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
    st.sampled_from(["NO", "yes", "1:30", "1e3", "2026-01-01", "https://example.org", "javascript:x", "<script>"]),
)  # fmt: skip
yaml_data = st.recursive(
    yaml_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=20,
)
field_names = st.sampled_from([*Practice.model_fields, *City.model_fields, "sumary", "x"])


def _outcome(text: str) -> None:
    """Only a document or a located YamlProblem; models or located problems; nothing else."""
    try:
        doc = yaml12.read(text)
    except yaml12.YamlProblem as problem:
        assert problem.line >= 1
        return
    practice, problems = validate(Practice, doc, "practices/energy/x.yaml")
    assert (practice is None) == bool(problems)
    city, more = validate(City, doc, "practices/cities/x.yaml")
    assert (city is None) == bool(more)
    assert all(p.line >= 1 and p.message for p in problems + more)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_gives_data_or_a_located_problem(text: str) -> None:
    _outcome(text)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(field_names, yaml_data, max_size=12))
def test_arbitrary_yaml_shaped_data_gives_models_or_located_problems(data: dict[str, object]) -> None:
    import yaml

    _outcome(yaml.safe_dump(data, allow_unicode=True))


def _both_ways(text: str) -> None:
    """The fast reader (libyaml's C composer) either declines or gives exactly what the event reader gives."""
    fast = yaml12._read_fast(text)
    if fast is None:
        return
    slow = yaml12._read_events(text)
    assert (fast.data, fast.lines, fast.key_lines, fast.literal_starts) == (
        slow.data,
        slow.lines,
        slow.key_lines,
        slow.literal_starts,
    )
    assert not slow.problems


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:- \n|>'\"[]{},#&*!?0.1eE+~tn")), max_size=80))
def test_the_fast_reader_agrees_with_the_event_reader_on_yaml_like_text(text: str) -> None:
    _both_ways(text)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(field_names, yaml_data, max_size=12), st.sampled_from([None, "|", '"']))
def test_the_fast_reader_agrees_with_the_event_reader_on_data(data: dict[str, object], style: str | None) -> None:
    import yaml

    _both_ways(yaml.safe_dump(data, allow_unicode=True, default_style=style))


def test_the_fast_reader_takes_real_files_and_declines_unusual_ones() -> None:
    from .conftest import REPO

    for path in sorted((REPO / "practices").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert yaml12._read_fast(text) is not None, path
        _both_ways(text)
    unusual = ["a: &x 1\nb: *x", "a: 1\na: 2", "a: !!str 1", "a: 1\n---\nb: 2", "", "a: " + "[" * 40 + "]" * 40]
    assert [yaml12._read_fast(text) for text in unusual] == [None] * len(unusual)
