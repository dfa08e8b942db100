"""python -m generator validate | generate"""

import argparse
import sys
from pathlib import Path

from . import pipeline
from .problems import report


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Validate the case studies in practices/ and generate the site's pages from them.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = sub.add_parser("validate", help="check every YAML file in practices/ and report all problems")
    check.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github: print GitHub Actions annotations, shown on the lines of a pull request",
    )
    gen = sub.add_parser("generate", help="validate, then write the Markdown pages under docs/")
    gen.add_argument("--out", type=Path, default=None, help="output folder (default: ROOT/docs)")
    for command in (check, gen):
        command.add_argument(
            "--root",
            type=Path,
            default=Path(),
            help="project folder that holds practices/ (default: current folder)",
        )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root: Path = args.root
    if args.command == "validate":
        result = pipeline.validate(root)
        if result.problems:
            (sys.stdout if args.format == "github" else sys.stderr).write(report(result.problems, args.format))
            return 1
        print(f"ok: {len(result.corpus.practices)} case studies and {len(result.corpus.cities)} cities are valid")
        return 0
    out: Path = args.out or root / "docs"
    try:
        result, written = pipeline.generate(root, out)
    except OSError as error:
        sys.stderr.write(f"cannot write the pages: {error.filename}: {error.strerror}\n")
        return 1
    except ValueError as error:  # the writer refused a path outside the generated folders
        sys.stderr.write(f"cannot write the pages: {error}\n")
        return 1
    if written is None:
        sys.stderr.write(report(result.problems))
        sys.stderr.write(f"nothing was written to {out}\n")
        return 1
    print(
        f"generated {len(written.written) + written.unchanged} pages in {out}: "
        f"{len(written.written)} written, {written.unchanged} unchanged, {len(written.removed)} removed"
    )
    return 0
