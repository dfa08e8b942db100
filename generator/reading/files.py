"""practices/ on disk: which files there are and their bytes. Light on purpose (no schema, no templates),
so that finding that nothing changed costs little more than reading the files."""

import re
from pathlib import Path

from generator.problems import Problem, UserError
from generator.schema.ids import CITIES, ID_PATTERN, SECTORS
from generator.schema.languages import ENGLISH, TRANSLATED

MAX_BYTES = 256 * 1024


def split_name(stem: str) -> tuple[str, str]:
    """A file name without .yaml -> (id, language): "oslo.fr" -> ("oslo", "fr"), "oslo" -> ("oslo", "en")."""
    ident, dot, lang = stem.rpartition(".")
    return (ident, lang) if dot else (stem, ENGLISH)


def discover(root: Path) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """YAML files under root/practices with their folder, and files that do not belong. A translation is
    `<id>.<lang>.yaml` beside `<id>.yaml` (see schema/languages.py)."""
    base = root / "practices"
    found: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    if not base.is_dir():
        where = "practices" if root == Path() else (root / "practices").as_posix()
        raise UserError(where, "folder not found; run the command from the project root, or give --root")
    folders = (CITIES, *SECTORS)
    for path in sorted(base.rglob("*")):
        rel = path.relative_to(root).as_posix()
        parts = path.relative_to(base).parts
        if any(part.startswith(".") for part in parts) or rel == "practices/README.md":
            continue
        if path.is_dir() and not path.is_symlink():
            continue
        if path.is_symlink() or not path.is_file():
            problems.append(Problem(rel, 0, "", "symbolic links and special files are not allowed; commit the file"))
        elif len(parts) != 2 or parts[0] not in folders:
            where = ", ".join(f"practices/{f}/" for f in folders)
            problems.append(Problem(rel, 0, "", f"unexpected file; case studies go in {where} as <id>.yaml"))
        elif path.suffix != ".yaml":
            problems.append(Problem(rel, 0, "", f"unexpected file; name it {path.stem}.yaml"))
        elif "." in path.stem and split_name(path.stem)[1] not in TRANSLATED:
            lang = split_name(path.stem)[1]
            message = (
                f"unknown language '{lang}' in the file name; a translation is <id>.<lang>.yaml with <lang> one of: "
                f"{', '.join(sorted(TRANSLATED))} (English is the file without a language)"
            )
            problems.append(Problem(rel, 0, "", message))
        elif not re.fullmatch(ID_PATTERN, split_name(path.stem)[0]) or len(split_name(path.stem)[0]) > 80:
            ident, lang = split_name(path.stem)
            hint = re.sub(r"[^a-z0-9]+", "-", ident.lower()).strip("-") or "my-practice"
            hint += "" if lang == ENGLISH else f".{lang}"
            problems.append(
                Problem(
                    rel,
                    0,
                    "",
                    f"file name is not a valid id (lowercase letters, digits, single hyphens); "
                    f"rename it to {hint}.yaml",
                )
            )
        else:
            found.append((path, parts[0]))
    return found, problems


def read_bytes(path: Path) -> bytes | str:
    """The file's bytes, or why they cannot be read (too big, or an error from the system)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return f"file is {size:,} bytes; the limit is {MAX_BYTES:,} (256 KiB)"
        return path.read_bytes()
    except OSError as error:
        return f"cannot read the file: {error.strerror}"


def read_text(path: Path, what: str) -> str:
    """A text file a user named (a form's body, say), or a UserError saying why it cannot be read."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(path.as_posix(), f"{what}: file not found") from None
    except IsADirectoryError:
        raise UserError(path.as_posix(), f"{what}: this is a folder; give a file") from None
    except OSError as error:
        raise UserError(path.as_posix(), f"{what}: cannot read the file: {error.strerror}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = f"{what}: byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8"
        raise UserError(path.as_posix(), message, line) from None
