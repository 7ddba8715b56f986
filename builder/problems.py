"""Problems found in the sources: values collected while loading and validating, reported together.

One convention everywhere: a check receives a `Problems` sink and adds to it; nothing raises for
a bad input. Only the stages that cannot go on (a broken `project.yml`, a failed MkDocs build)
raise `BuildError`, carrying every problem found so far.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field (or line) of one source file."""

    path: str
    """The file or folder, relative to the project root, with forward slashes."""
    field: str
    """Where in the file: a field path (`pl.definition`, `related[1]`), `line 4, column 2`, or
    `(file)` / `(folder)` for the whole thing."""
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"

    def __lt__(self, other: Problem) -> bool:
        """By file, then field in reading order: line 9 before line 10, [2] before [10]."""
        return self._key() < other._key()

    def _key(self) -> tuple[object, ...]:
        return (self.path, *_natural(self.field), self.message)


def _natural(text: str) -> list[tuple[int, object]]:
    return [(0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text)]


class Problems(list[Problem]):
    """The sink every check adds to."""

    def add(self, path: str, field: str, message: str) -> None:
        self.append(Problem(path, field, message))

    def sorted(self) -> list[Problem]:
        return sorted(set(self))


class BuildError(Exception):
    """Raised when the build cannot go on; carries the problems that stopped it."""

    def __init__(self, problems: Iterable[Problem] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
