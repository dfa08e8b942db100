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
    warning: bool = False
    """A warning is reported but blocks nothing (a stale translation): the command still succeeds."""

    def text(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        message = f"warning: {self.message}" if self.warning else self.message
        text = f"{where}: {self.field}: {message}" if self.field else f"{where}: {message}"
        return printable(text)

    def github(self) -> str:
        """A GitHub Actions workflow command that annotates the line in a pull request."""
        line = f",line={self.line}" if self.line else ""
        title = f"{self.field}" if self.field else "invalid file"
        kind = "warning" if self.warning else "error"
        return printable(f"::{kind} file={_prop(self.path)}{line},title={_prop(title)}::{_data(self.message)}")


def printable(text: str) -> str:
    """Text from a file, safe for a terminal or a CI log: control characters are shown, not obeyed."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that block: every one but the warnings."""
    return [p for p in problems if not p.warning]


def report(problems: list[Problem], fmt: str = "text") -> str:
    """All problems, one per line, sorted by file and line, then a count (errors, and warnings apart)."""
    lines = [p.github() if fmt == "github" else p.text() for p in sorted(problems)]
    blocking = errors(problems)
    warned = len(problems) - len(blocking)
    if blocking:
        files = len({p.path for p in blocking})
        noun = "problem" if len(blocking) == 1 else "problems"
        count = f"{len(blocking)} {noun} in {files} file{'s' if files != 1 else ''}"
        lines.append(count + (f" (and {warned} warning{'s' if warned != 1 else ''})" if warned else ""))
    elif warned:
        lines.append(f"{warned} warning{'s' if warned != 1 else ''}, nothing blocking")
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
