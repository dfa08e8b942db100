"""The guides say what the code does."""

import argparse
import re
import typing

from generator.cli import _parser
from generator.reading import files, load, yaml12
from generator.schema import model

from .conftest import REPO

GUIDE = (REPO / "docs/contributing.md").read_text(encoding="utf-8")
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_limits_in_the_guide_are_the_ones_enforced() -> None:
    assert f"at most {files.MAX_BYTES // 1024} KiB" in GUIDE
    assert f"nesting at most {yaml12.MAX_DEPTH} levels" in GUIDE
    assert f"at most {yaml12.MAX_NUMBER_LENGTH} characters" in GUIDE
    assert "`index` and `pages` are reserved" in GUIDE and {"index", "pages"} == load.RESERVED
    lengths = {name: model.Practice.model_fields[name].metadata for name in ("title", "summary", "description")}
    for name, expected in (("title", "120"), ("summary", "300"), ("description", "20,000")):
        assert f"`{name}` {expected}" in GUIDE or f"`{name}` {expected} characters" in GUIDE, name
        assert any(getattr(m, "max_length", None) == int(expected.replace(",", "")) for m in lengths[name]), name


def test_every_unit_and_vocabulary_value_is_in_the_template() -> None:
    template = GUIDE.split("```yaml", 1)[1].split("```", 1)[0]
    for unit in typing.get_args(model.Unit):
        assert re.search(rf"(?<![\w/-]){re.escape(unit)}(?![\w/-])", template), unit


def test_readme_shows_the_two_commands_first() -> None:
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert "make site" in first_block and "make test" in first_block


def test_every_command_has_help_and_is_documented() -> None:
    actions = [a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)]
    commands: dict[str, argparse.ArgumentParser] = actions[0].choices
    for name, sub in commands.items():
        assert sub.description or sub.format_help(), name
        assert f"make {name}" in README or f"generator {name}" in README, name


def test_field_reference_has_a_row_for_every_field() -> None:
    from generator.pages import reference
    from generator.schema.examples import EXAMPLES

    text = reference.page()
    sections = {line[3:] for line in text.splitlines() if line.startswith("## ")}
    assert sections == {name for name, _ in EXAMPLES}
    for name, field in EXAMPLES:
        section = text.split(f"## {name}\n", 1)[1].split("\n## ", 1)[0]
        assert f"| `{field}` |" in section, (name, field)
