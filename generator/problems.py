"""Errors as values: what is wrong, where, and what to write instead."""

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    """File, relative to the project root, with forward slashes."""
    line: int
    """1-based line, 0 when the problem is not on one line."""
    field: str
    """Dotted location of the field, e.g. impacts.0.unit; empty for the whole file."""
    message: str

    def text(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return printable(text)

    def github(self) -> str:
        """A GitHub Actions workflow command that annotates the line in a pull request."""
        line = f",line={self.line}" if self.line else ""
        title = f"{self.field}" if self.field else "invalid file"
        return printable(f"::error file={_prop(self.path)}{line},title={_prop(title)}::{_data(self.message)}")


def printable(text: str) -> str:
    """Text from a file, safe for a terminal or a CI log: control characters are shown, not obeyed."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def report(problems: list[Problem], fmt: str = "text") -> str:
    """All problems, one per line, sorted by file and line, then a count."""
    lines = [p.github() if fmt == "github" else p.text() for p in sorted(problems)]
    files = len({p.path for p in problems})
    noun = "problem" if len(problems) == 1 else "problems"
    lines.append(f"{len(problems)} {noun} in {files} file{'s' if files != 1 else ''}")
    return "\n".join(lines) + "\n"


class UserError(Exception):
    """A mistake a user can cause outside the case studies: a file or folder missing or unreadable, a broken
    mkdocs.yml, a bad form body, a path outside the project. Raised where it happens; the command line turns
    it into one located line and exit status 1 (cli.main). Any other exception is a bug and shows its traceback."""

    def __init__(self, path: str, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.problem = Problem(path, line, "", message)

    def __str__(self) -> str:
        return self.problem.text()
