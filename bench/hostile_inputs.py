"""How fast the loader refuses hostile files, and how much memory it takes.

Run: .venv/bin/python bench/hostile_inputs.py   (or `make bench`)
Prints, for each input: its size, what the loader said, the median time of several runs
and the peak memory Python allocated while reading it.
"""

import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from generator.reading.files import MAX_BYTES
from generator.reading.load import read_document

RUNS = 7


def billion_laughs() -> bytes:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join(lines).encode()


def deep_nesting() -> bytes:
    depth = (MAX_BYTES - 8) // 2
    return ("a: " + "[" * depth + "]" * depth).encode()


def oversized() -> bytes:
    return b"title: x\n" + b"# padding\n" * (MAX_BYTES // 10 + 1)


def largest_allowed_file() -> bytes:
    # just under the limit: one long list of plain strings, all of which must be read
    item = b"  - a lesson learnt, written at length\n"
    return b"lessons:\n" + item * ((MAX_BYTES - 20) // len(item))


def many_keys() -> bytes:
    lines, size, i = [], 0, 0
    while size + 16 < MAX_BYTES:
        lines.append(f"k{i}: v\n")
        size += len(lines[-1])
        i += 1
    return "".join(lines).encode()


def huge_number() -> bytes:
    return b"value: " + b"9" * 200_000


def python_tag() -> bytes:
    return b'title: !!python/object/apply:os.system ["echo pwned"]\n'


CASES: dict[str, Callable[[], bytes]] = {
    "billion laughs (aliases)": billion_laughs,
    "nesting 131,068 levels deep": deep_nesting,
    "file over 256 KiB": oversized,
    "largest allowed file (256 KiB list)": largest_allowed_file,
    "keys filling 256 KiB": many_keys,
    "200,000-digit number": huge_number,
    "!!python/object tag": python_tag,
}


def main() -> None:
    tmp = Path(__file__).parent / ".hostile.yaml"
    print(f"{'input':38} {'bytes':>9} {'median ms':>10} {'peak KiB':>9}  outcome")
    try:
        for name, make in CASES.items():
            tmp.write_bytes(make())
            times = []
            for _ in range(RUNS):
                start = time.perf_counter()
                _, problems = read_document(tmp, "x.yaml")
                times.append(time.perf_counter() - start)
            tracemalloc.start()
            read_document(tmp, "x.yaml")
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            outcome = problems[0].message[:60] if problems else "read (no YAML problem)"
            size = tmp.stat().st_size
            print(f"{name:38} {size:>9,} {statistics.median(times) * 1000:>10.2f} {peak / 1024:>9,.0f}  {outcome}")
    finally:
        tmp.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
