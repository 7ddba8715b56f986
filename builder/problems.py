"""Problems found in the sources: values collected during loading and validation, reported together."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one field of one source file."""

    path: str
    """The file, relative to the project root, with forward slashes."""
    field: str
    """Where in the file: a dotted field path (`pl.definition`, `related[1]`) or a line and column."""
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


class BuildError(Exception):
    """Raised when the build cannot go on; carries the problems that stopped it."""

    def __init__(self, problems: list[Problem] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
