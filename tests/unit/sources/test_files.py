"""Finding and reading files: encodings, sizes, links out of the project, things that are not files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import problem_lines

EXPECTED = {
    "encoding-utf16": [
        "content/pl/about.md: (file): not a text file (it holds NUL bytes; saved as UTF-16 "
        "without a byte order mark?); save it as UTF-8",
        "glossary/boat.yml: (file): saved as UTF-16; save it as UTF-8",
    ],
    "encoding-latin1": [
        "glossary/boat.yml: line 15, column 10: not UTF-8: byte 0xE5 (it looks like "
        "Windows-1252 or Latin-1); save the file as UTF-8",
    ],
    "encoding-bom": [
    ],
    "size-file": [
        "glossary/boat.yml: (file): is 1.2 MB; a source file may be at most 1.0 MB (see Limits "
        "in docs/authoring.md)",
    ],
    "size-asset": [
        "content/en/film.mp4: (file): is 30 MB; a file beside the pages may be at most 25 MB "
        "(it is copied into every language's site)",
    ],
    "symlink-outside": [
        "content/en/shared: (folder): a symbolic link to '/usr/share/doc', outside the project; "
        "copy it into the project instead",
        "glossary/secret.yml: (file): a symbolic link to '/etc/hostname', outside the project; "
        "copy it into the project instead",
    ],
    "symlink-dangling": [
        "glossary/ghost.yml: (file): a symbolic link to 'missing.yml', which does not exist",
    ],
    "symlink-loop": [
        "glossary/loop.yml: (file): a symbolic link to 'loop.yml' that loops",
    ],
    "symlink-inside": [
    ],
    "special-files": [
        "glossary/folder.yml: (file): is a folder, not a file",
        "glossary/pipe.yml: (file): not a regular file (a device, socket or pipe)",
    ],
}


@pytest.mark.parametrize("scenario", sorted(EXPECTED))
def test_each_mistake_is_reported_exactly(scenario: str, project: Callable[[str], Path]) -> None:
    assert problem_lines(project(scenario)) == EXPECTED[scenario]

