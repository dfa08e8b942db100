"""python -m generator validate | generate | build | new | translate | schema | check-links | from-issue
| compare-pages | pack

The one place where a user's mistake ends: a UserError, raised where it happens, becomes one located line on
stderr and exit status 1 (main). Any other exception is a bug and keeps its traceback."""

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from generator.problems import UserError, errors, printable, report
from generator.publishing.write import write_atomic, zip_folder
from generator.reading.files import read_text, split_name
from generator.schema.ids import ID_PATTERN, SECTORS


def _validate(args: argparse.Namespace) -> int:
    from generator import pipeline

    result = pipeline.validate(args.root)
    if result.problems:
        (sys.stdout if args.format == "github" else sys.stderr).write(report(result.problems, args.format))
    if errors(result.problems):
        return 1
    corpus = result.corpus
    translations = sum(len(by_lang) for by_lang in corpus.translations.values())
    counted = [f"{len(corpus.practices)} case studies", f"{len(corpus.cities)} cities"]
    if translations:
        counted.append(f"{translations} translation{'s' if translations != 1 else ''}")
    print(f"ok: {', '.join(counted[:-1])} and {counted[-1]} are valid")
    return 0


def _generate(args: argparse.Namespace) -> int:
    from generator import pipeline  # light: "nothing changed" is answered without the schema or any YAML

    out: Path = args.out if args.out is not None else args.root / "docs"
    _refuse_project_folders(args.root, out)
    problems, written = pipeline.generate(args.root, out, jobs=os.cpu_count() or 1)
    if problems and written is not None:
        sys.stderr.write(report(problems))  # warnings only: they block nothing
    if written is None:
        sys.stderr.write(report(problems))
        sys.stderr.write(f"nothing was written to {out}\n")
        return 1
    if written.nothing_changed:
        print(f"nothing changed since the last run: {written.unchanged} files in {out} are current")
        return 0
    print(
        f"generated {len(written.written) + written.unchanged} files in {out}: "
        f"{len(written.written)} written, {written.unchanged} unchanged, {len(written.removed)} removed"
    )
    return 0


def _build(args: argparse.Namespace) -> int:
    from generator import pipeline

    built = pipeline.build(args.root, args.site_dir, args.engine, offline=args.offline, shards=args.shards)
    search = f", {built.searchable} pages in the search index" if built.searchable else ""
    split = [f"{lang} in {count} processes" for lang, count in built.shards.items() if count > 1]
    shared = f" ({', '.join(split)})" if split else ""
    print(f"built the site into {args.site_dir} with {built.engine}{shared}{search}")
    return 0


def _refuse_project_folders(root: Path, out: Path) -> None:
    """The generator rewrites and removes what it owns under `out` (practices/, cities/, ...): never the
    project itself, its case studies or a folder that holds them."""
    home, target = root.resolve(), out.resolve()
    data = home / "practices"
    if target == home or home.is_relative_to(target) or target.is_relative_to(data):
        message = "is the project or holds its case studies; give the folder the pages go to (default: docs)"
        raise UserError(out.as_posix() or ".", message)


def _ask(value: str | None, option: str, prompt: str, check: Callable[[str], str | None]) -> str:
    """The value given on the command line as `option`, or asked for when a person is at the terminal."""
    while True:
        if value is None:
            if not sys.stdin.isatty():
                raise UserError(option, f"{prompt.lower()} is needed; give it as {option}")
            value = input(f"{prompt}: ").strip()
        problem = check(value)
        if problem is None:
            return value
        if not sys.stdin.isatty():
            raise UserError(option, problem)
        print(problem)
        value = None


def _new(args: argparse.Namespace) -> int:
    from generator.tools import scaffold

    root: Path = args.root
    if not (root / "practices").is_dir():
        where = "practices" if root == Path() else (root / "practices").as_posix()
        raise UserError(where, "folder not found; run the command from the project root, or give --root")
    cities = sorted(p.stem for p in (root / "practices/cities").glob("*.yaml") if "." not in p.stem)
    sector = _ask(args.sector, "--sector", f"Sector ({', '.join(SECTORS)})",
                  lambda v: None if v in SECTORS else f"the sector is one of: {', '.join(SECTORS)}")  # fmt: skip
    city = _ask(args.city, "--city", "City id (the name of a file in practices/cities/)",
                lambda v: None if v in cities else f"no city '{v}'; known cities: {', '.join(cities)}")  # fmt: skip
    title = _ask(
        args.title, "--title", "Title", lambda v: None if 0 < len(v) <= 120 else "a title has 1 to 120 characters"
    )
    ident = scaffold.slug(title if title.lower().startswith(city.replace("-", " ")) else f"{city} {title}")
    path = root / "practices" / sector / f"{ident}.yaml"
    rel = path.relative_to(root).as_posix()
    if path.exists():
        raise UserError(rel, "already exists; it was not changed. Edit it, or choose another title")
    _write(path, scaffold.practice_template(city, title))
    print(f"wrote {rel}\nnext: replace every TODO in it, then run `make validate` and `make serve` to see the page")
    return 0


def _translate(args: argparse.Namespace) -> int:
    from babel import Locale

    from generator import pipeline
    from generator.reading.load import Loaded, LoadedPractice
    from generator.schema.languages import LOCALES, TRANSLATED
    from generator.schema.model import City
    from generator.tools import translate

    if args.to not in TRANSLATED:
        raise UserError("--to", f"unknown language {args.to!r}; translate into one of: {', '.join(TRANSLATED)}")
    result = pipeline.validate(args.root)
    english_errors = [p for p in errors(result.problems) if split_name(Path(p.path).stem)[1] == "en"]
    if english_errors:
        sys.stderr.write(report(english_errors))
        sys.stderr.write("fix these first: a translation is made from a valid English file\n")
        return 1
    corpus = result.corpus
    english: list[Loaded[City] | LoadedPractice] = [*corpus.practices.values(), *corpus.cities.values()]
    chosen = [entry for entry in english if args.id is None or entry.id == args.id]
    if not chosen:
        raise UserError("--id", f"no case study or city has the id {args.id!r}")
    name = Locale.parse(LOCALES["en"]).languages.get(args.to, args.to)
    made = []
    for entry in sorted(chosen, key=lambda e: e.path):
        path = args.root / entry.path.replace(".yaml", f".{args.to}.yaml")
        rel = path.relative_to(args.root).as_posix()
        if path.exists():
            if args.id is not None:
                raise UserError(rel, "already exists; it was not changed. Edit it (validate says if it is stale)")
            continue
        _write(path, translate.template(entry.data, entry.path, args.to, name))
        made.append(rel)
    print("".join(f"wrote {rel}\n" for rel in made) or f"every file already has a {name} translation\n", end="")
    if made:
        print("next: replace every TODO (the English is in the comment above it), then run `make validate`")
    return 0


def _messages(args: argparse.Namespace) -> int:
    from generator.tools import messages

    home = messages.HOME
    files = {path.relative_to(home).as_posix(): data for path, data in messages.catalogues(args.root.resolve()).items()}
    if _refresh(home, files, args.check, "the strings of the site; run: make messages"):
        return 1
    if args.check:  # and each translation keeps the placeholders its English has (else a page cannot be made)
        from generator.schema.languages import TRANSLATED

        found = [
            line
            for lang in TRANSLATED
            for line in messages.translation_problems(messages.TEMPLATE.with_name(f"{lang}.po"), lang)
            if "not translated" not in line  # untranslated strings show in English: a test asks for them all
        ]
        sys.stderr.write("".join(f"generator/locale/{line}\n" for line in found))
        return 1 if found else 0
    return 0


def _schema(args: argparse.Namespace) -> int:
    from generator.schema import jsonschema as schema

    files = {rel: text.encode("utf-8") for rel, text in schema.files().items()}
    return _refresh(args.root, files, args.check, "generator/schema/model.py; run: make schema")


def _refresh(root: Path, files: dict[str, bytes], check: bool, source: str) -> int:
    """Files made from the code (schemas, message catalogues): write those that differ, or with `check` only say
    which are out of date with `source` and return 1."""
    stale = []
    for rel, data in files.items():
        path = root / rel
        if path.is_file() and path.read_bytes() == data:
            continue
        if check:
            stale.append(rel)
        else:
            _write_bytes(path, data)
            print(f"wrote {rel}")
    sys.stderr.write("".join(f"{rel} is out of date with {source}\n" for rel in stale))
    return 1 if stale else 0


def _check_links(args: argparse.Namespace) -> int:
    from generator import pipeline
    from generator.tools import links

    result = pipeline.validate(args.root)
    if errors(result.problems):
        sys.stderr.write(report(result.problems))
        return 1
    today = dt.date.today()
    found = links.collect(result.corpus)
    outcomes = links.check(found, fetch=links.fetch, workers=args.workers, timeout=args.timeout)
    old = links.stale(result.corpus, today, args.years)
    out: Path = args.out
    _write(out, links.report(outcomes, old, today, args.years))
    _write(out.with_suffix(".json"), json.dumps(links.counts(outcomes, old), sort_keys=True) + "\n")
    print(links.summary(outcomes, old, args.years))
    return 0


def _from_issue(args: argparse.Namespace) -> int:
    from generator import pipeline
    from generator.tools import issue_form

    conversion = issue_form.convert(read_text(args.body, "the issue's body"))
    if conversion.problems or conversion.yaml_text is None or conversion.sector is None or conversion.id is None:
        sys.stderr.write("".join(printable(p) + "\n" for p in conversion.problems))
        sys.stderr.write(f"{len(conversion.problems)} problems in the form; nothing was written\n")
        return 1
    path = args.root / "practices" / conversion.sector / f"{conversion.id}.yaml"
    rel = path.relative_to(args.root).as_posix()
    if path.exists():
        raise UserError(rel, "already exists; change the title, or edit that file instead")
    _write(path, conversion.yaml_text)
    result = pipeline.validate(args.root)
    if errors(result.problems):
        path.unlink()
        sys.stderr.write(report(result.problems))
        sys.stderr.write("nothing was written; edit the issue to fix the problems above\n")
        return 1
    print(f"wrote {rel}")
    return 0


def _compare_pages(args: argparse.Namespace) -> int:
    def pages(site: Path) -> set[str]:
        if not (site / "index.html").is_file():
            raise UserError(site.as_posix(), "holds no built site (no index.html); build it first")
        return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}

    first, second = pages(args.first), pages(args.second)
    for rel in sorted(first - second):
        print(f"only in {args.first}: {rel}")
    for rel in sorted(second - first):
        print(f"only in {args.second}: {rel}")
    print(f"{len(first & second)} pages in both, {len(first ^ second)} in only one")
    return 1 if first ^ second else 0


def _pack(args: argparse.Namespace) -> int:
    if not (args.folder / "index.html").is_file():
        raise UserError(args.folder.as_posix(), "holds no built site (no index.html); run make offline")
    try:
        count = zip_folder(args.folder, args.archive, args.archive.stem)
    except OSError as error:
        raise UserError(args.archive.as_posix(), f"cannot write the archive: {error.strerror}") from None
    print(f"packed {count} files into {args.archive}")
    return 0


def _write(path: Path, text: str) -> None:
    _write_bytes(path, text.encode("utf-8"))


def _write_bytes(path: Path, data: bytes) -> None:
    try:
        write_atomic(path, data)
    except OSError as error:
        raise UserError(path.as_posix(), f"cannot write the file: {error.strerror}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Validate the case studies in practices/ and generate the site's pages from them.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = sub.add_parser("validate", help="check every YAML file in practices/ and report all problems")
    check.add_argument(
        "--format", choices=["text", "github"], default="text",
        help="github: print GitHub Actions annotations on the lines of a pull request",
    )  # fmt: skip
    check.set_defaults(run=_validate)
    gen = sub.add_parser("generate", help="validate, then write the Markdown pages under docs/")
    gen.add_argument("--out", type=Path, default=None, help="output folder (default: ROOT/docs)")
    gen.set_defaults(run=_generate)
    build = sub.add_parser("build", help="build the generated pages into a site with an engine, then index them")
    build.add_argument("--engine", default="mkdocs", help="mkdocs (default), properdocs or zensical")
    build.add_argument("--site-dir", type=Path, default=Path("site"), help="where the site goes (default: site)")
    build.add_argument("--offline", action="store_true", help="the offline edition: works from a folder or zip")
    build.add_argument(
        "--shards",
        type=int,
        default=None,
        help="build each language's site in this many processes (default: a large language gets one per core;"
        " MkDocs and ProperDocs only; 1: never)",
    )
    build.set_defaults(run=_build)
    new = sub.add_parser("new", help="start a case study from a commented template (asks for what is missing)")
    new.add_argument("--sector", choices=SECTORS, help="transportation, energy or waste")
    new.add_argument("--city", help=f"city id, a file name in practices/cities/ ({ID_PATTERN})")
    new.add_argument("--title", help="title of the case study, at most 120 characters")
    new.set_defaults(run=_new)
    trans = sub.add_parser("translate", help="start a translation: <id>.<lang>.yaml with the English beside each field")
    trans.add_argument("--to", required=True, help="the language: ar, zh, fr, ru or es")
    trans.add_argument("--id", help="the case study or city to translate (default: every one not yet translated)")
    trans.set_defaults(run=_translate)
    msgs = sub.add_parser("messages", help="collect the site's strings into generator/locale/ (the catalogues)")
    msgs.add_argument("--check", action="store_true", help="only check that the catalogues are current")
    msgs.set_defaults(run=_messages)
    schemas = sub.add_parser("schema", help="write the JSON Schema files in schema/ from the models")
    schemas.add_argument("--check", action="store_true", help="only check that the committed files are current")
    schemas.set_defaults(run=_schema)
    linkcheck = sub.add_parser("check-links", help="check every source address; write a Markdown report and counts")
    linkcheck.add_argument("--out", type=Path, default=Path("links-report.md"), help="the report (and .json beside it)")
    linkcheck.add_argument("--workers", type=int, default=8, help="addresses checked at once")
    linkcheck.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for each address")
    linkcheck.add_argument("--years", type=int, default=2, help="flag files not verified for this many years")
    linkcheck.set_defaults(run=_check_links)
    issue = sub.add_parser("from-issue", help="turn a submitted case-study issue form into a YAML file")
    issue.add_argument("--body", type=Path, required=True, help="file holding the issue's body (Markdown)")
    issue.set_defaults(run=_from_issue)
    compare = sub.add_parser("compare-pages", help="compare the pages of two built sites (MkDocs and Zensical)")
    compare.add_argument("first", type=Path)
    compare.add_argument("second", type=Path)
    compare.set_defaults(run=_compare_pages)
    pack = sub.add_parser("pack", help="zip a built site reproducibly (the offline edition)")
    pack.add_argument("folder", type=Path)
    pack.add_argument("archive", type=Path)
    pack.set_defaults(run=_pack)
    for command in (check, gen, build, new, trans, msgs, schemas, linkcheck, issue):
        command.add_argument("--root", type=Path, default=Path(),
                             help="project folder that holds practices/ (default: current folder)")  # fmt: skip
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except UserError as error:
        sys.stderr.write(f"{error}\n")
        return 1
    return code
