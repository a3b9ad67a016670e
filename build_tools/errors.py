"""Locations and user-facing problems: "briefings/x.md:4:7: error: what; what to do"."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in one file, formatted the way compilers do so editors can jump to it."""

    path: str
    line: int | None
    column: int | None
    severity: str  # "error" | "warning"
    message: str
    hint: str = ""

    def format(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text


class InputError(Exception):
    """A raw article that cannot be read at all (empty, binary, undecodable, no title)."""

    def __init__(self, path: str, message: str, hint: str = "", line: int | None = None):
        super().__init__(message)
        self.problem = Problem(path, line, None, "error", message, hint)

    def __str__(self) -> str:
        return self.problem.format()


def unusable_file(path: str, exc: BaseException) -> Problem:
    """The one problem reported for a file whose values passed the schema but could not be used (never a traceback)."""
    return Problem(path, None, None, "error", f"cannot be built: {type(exc).__name__}: {str(exc)[:200]}", "check the values in its front matter")
