"""How three YAML readers fare on the public YAML test suite: ours, PyYAML's libyaml loader, ruamel.yaml.

Run: .venv/bin/python bench/yaml_suite.py   (fetches the suite with npm the first time; see tests/yaml_suite.py)
Prints, for each reader, how many cases it read into the spec's data, into other data, which invalid
documents it accepted, and how often it crashed (raised anything but its own YAML error).
"""

import sys
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import ruamel.yaml
import yaml
from ruamel.yaml.error import YAMLError

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from generator import yaml12  # noqa: E402
from tests import yaml_suite  # noqa: E402
from tests.yaml_suite import Refused  # noqa: E402


def ours(text: str) -> list[Any]:
    try:
        return [yaml12.read(text).data]
    except yaml12.YamlProblem as problem:
        raise Refused(problem.message) from None


def pyyaml(text: str) -> list[Any]:
    try:
        return list(yaml.load_all(text, Loader=yaml.CSafeLoader))
    except yaml.YAMLError as error:
        raise Refused(str(error)) from None


def ruamel_safe(text: str) -> list[Any]:
    try:
        return list(ruamel.yaml.YAML(typ="safe", pure=True).load_all(text))
    except YAMLError as error:
        raise Refused(str(error)) from None


READERS = {"ours (generator.yaml12)": ours, "PyYAML 6 CSafeLoader": pyyaml, "ruamel.yaml safe, pure": ruamel_safe}
COLUMNS = [
    yaml_suite.RIGHT,
    yaml_suite.WRONG,
    yaml_suite.REFUSED,
    yaml_suite.UNCHECKED,
    yaml_suite.REJECTED,
    yaml_suite.ACCEPTED,
    yaml_suite.CRASH,
]


def main() -> None:
    warnings.simplefilter("ignore")  # ruamel warns about reused anchors, which the suite has on purpose
    cases = yaml_suite.cases()
    print(f"{len(cases)} cases of {yaml_suite.PACKAGE}: {sum(c.fail for c in cases)} invalid\n")
    print("| reader | " + " | ".join(COLUMNS) + " |")
    print("|---|" + "---:|" * len(COLUMNS))
    details: dict[str, dict[str, list[str]]] = {}
    for name, reader in READERS.items():
        verdicts = {case.id: yaml_suite.verdict(case, reader) for case in cases}
        counts = Counter(verdicts.values())
        print(f"| {name} | " + " | ".join(str(counts[column]) for column in COLUMNS) + " |")
        details[name] = {
            column: [id_ for id_, v in verdicts.items() if v == column]
            for column in (yaml_suite.WRONG, yaml_suite.ACCEPTED, yaml_suite.CRASH)
        }
    print()
    for name, found in details.items():
        for column, ids in found.items():
            if ids:
                print(f"{name}, {column}: {' '.join(ids)}")


if __name__ == "__main__":
    main()
