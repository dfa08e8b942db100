"""Rendered pages -> files under docs/: atomic, only what changed, stale pages removed."""

import os
import stat
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.problems import UserError
from generator.publishing.engines import BUILT
from generator.schema.languages import TRANSLATED

OWNED = (
    "index.md",
    "agenda.md",
    "agenda",
    "funded.md",
    "catalogue.md",
    "compare.md",
    "fits",
    "scorecard.md",
    "scorecard",
    "coverage.md",
    "progress.md",
    "progress",
    "reference.md",
    "tags",
    "feed.xml",
    "data",
    "practices",
    "cities",
    *TRANSLATED,
)
"""What the generator owns under docs/: files and folders it may rewrite or remove (a folder for each language
but English)."""


def handwritten(out: Path) -> dict[str, bytes]:
    """The files of `out` the generator does not own (hand-written pages, their translations, the assets), by
    path: each language's folder gets a copy. Hidden files and symbolic links are left out."""
    found: dict[str, bytes] = {}
    if not out.is_dir():
        return found
    for folder, subfolders, files in os.walk(out):
        here = Path(folder)
        rel = here.relative_to(out)
        if rel.parts and (rel.parts[0] in OWNED or rel.parts[0].startswith(".")):
            subfolders.clear()
            continue
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and not (here / d).is_symlink())
        for name in sorted(files):
            path = here / name
            key = path.relative_to(out).as_posix()
            if name.startswith(".") or name.endswith(".tmp") or path.is_symlink() or key in OWNED:
                continue
            found[key] = path.read_bytes()
    return found


@dataclass(frozen=True)
class Written:
    written: list[str]
    unchanged: int
    removed: list[str]
    nothing_changed: bool = False
    """True when the inputs were those of the last run and its files were intact: nothing was read or made."""


def owned_files(out: Path) -> set[str]:
    """Every file now under the generated paths of `out` (a symbolic link counts as a file: it is never followed,
    so nothing outside `out` is ever listed, or removed)."""
    found: set[str] = set()
    for name in OWNED:
        path = out / name
        if path.is_symlink() or path.is_file():
            found.add(name)
        elif path.is_dir():
            for folder, subfolders, files in os.walk(path):
                here = Path(folder)
                found |= {(here / f).relative_to(out).as_posix() for f in files}
                found |= {(here / d).relative_to(out).as_posix() for d in subfolders if (here / d).is_symlink()}
    return found


def _no_linked_folders(out: Path) -> None:
    """A generated folder that is a symbolic link would have pages written, or removed, elsewhere."""
    for name in OWNED:
        path = out / name
        if path.is_symlink() and path.is_dir():
            where = path.as_posix()
            raise UserError(
                where, "is a symbolic link to a folder; the generator writes and removes files here: remove the link"
            )


def _inside(out: Path, base: Path, rel: str, folders: dict[str, Path]) -> Path:
    """Where `rel` is, checked to be in a generated folder of `out` (whose resolved path is `base`).
    Each folder is resolved once (`folders` remembers them): a symbolic link to elsewhere is caught
    there; a link in place of a page is replaced by a file, never written through."""
    parent, _, name = rel.rpartition("/")
    if any(part in ("", ".", "..") for part in rel.split("/")) or rel.split("/")[0] not in OWNED:
        raise ValueError(f"refusing to write outside the generated folders: {rel}")  # a bug in the generator
    if parent not in folders:
        folders[parent] = (out / parent).resolve() if parent else base
    folder = folders[parent]
    path = folder / name
    if not folder.is_relative_to(base):  # a symbolic link on disk leads elsewhere: the user's doing
        where = (out / parent).as_posix()
        raise UserError(where, "is a symbolic link to outside the project; refusing to write there. Remove the link")
    return path


_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`: a reader (or a crash) never
    sees half a file. The temporary name is unique to this process; the file gets the usual mode."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, _FLAGS, 0o666)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, _FLAGS, 0o666)
    except FileExistsError:  # left by a process with the same id that was killed
        tmp.unlink()
        fd = os.open(tmp, _FLAGS, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_new(path: Path, data: bytes) -> None:
    """Create a file that does not exist yet, directly (a rename per file doubles the cost of writing
    10,000 new pages). If the run is interrupted, the page is unfinished but the record of the run
    (state.py) does not list it, so the next run writes it again; existing pages are only replaced whole."""
    try:
        fd = os.open(path, _FLAGS, 0o666)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, _FLAGS, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def write(out: Path, pages: Mapping[str, str | bytes | None], leave: Collection[str] = ()) -> Written:
    """Make the generated part of `out` equal `pages`, touching only files that differ.
    A page given as None is known to be current on disk and is left as it is; the generated folders named in
    `leave` (the other languages', when only English was made) are left whole."""
    _no_linked_folders(out)
    base, folders = out.resolve(), dict[str, Path]()
    targets = {rel: _inside(out, base, rel, folders) for rel in pages}
    written: list[str] = []
    unchanged = 0
    for rel, text in pages.items():
        path = targets[rel]
        if text is None:
            if not path.is_file() or path.is_symlink():
                raise ValueError(f"a page said to be current is missing: {rel}")
            unchanged += 1
            continue
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        try:
            info = path.lstat()
        except FileNotFoundError:
            write_new(path, data)
            written.append(rel)
            continue
        if stat.S_ISREG(info.st_mode) and info.st_size == len(data) and path.read_bytes() == data:
            unchanged += 1
            continue
        if stat.S_ISLNK(info.st_mode):
            path.unlink()
        write_atomic(path, data)
        written.append(rel)
    removed = sorted(rel for rel in owned_files(out) - set(pages) if rel.split("/", 1)[0] not in leave)
    for rel in removed:
        (out / rel).unlink()
    for name in OWNED:
        folder = out / name
        if folder.is_dir():
            for sub in [*sorted(folder.rglob("*"), reverse=True), folder]:
                if sub.is_dir() and not sub.is_symlink() and not any(sub.iterdir()):
                    sub.rmdir()
    return Written(written, unchanged, removed)


def zip_folder(folder: Path, archive: Path, prefix: str) -> int:
    """Pack `folder` into `archive` under `prefix/`, in a fixed order with fixed dates, so the same
    files give the same bytes. Returns the number of files."""
    import zipfile

    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != BUILT)
    tmp = archive.with_name(f".{archive.name}.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as pack:
        for path in files:
            info = zipfile.ZipInfo(f"{prefix}/{path.relative_to(folder).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            pack.writestr(info, path.read_bytes())
    tmp.replace(archive)
    return len(files)
