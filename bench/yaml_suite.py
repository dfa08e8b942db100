"""How three YAML readers fare on the public YAML test suite: ours, PyYAML's libyaml loader, ruamel.yaml.

Run: .venv/bin/python bench/yaml_suite.py   (fetches the suite with npm the first time; see tests/yaml_suite.py)
Prints, for each reader, how many cases it read into the spec's data, into other data, which invalid
documents it accepted, and how often it crashed (raised anything but its own YAML error).
"""

import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests import yaml_suite  # noqa: E402

READERS = {
    "ours (generator.reading.yaml12)": yaml_suite.ours,
    "PyYAML 6 CSafeLoader": yaml_suite.pyyaml,
    "ruamel.yaml safe, pure": yaml_suite.ruamel_safe,
}
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
