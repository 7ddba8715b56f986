"""Finding and reading source files: the only place the sources touch the disk.

Discovery refuses what would leak or hang: a symbolic link that leads outside the project (or
nowhere, or in a loop), a folder or a device where a file is expected. Hidden files (`.DS_Store`,
the `._name` copies macOS leaves on USB sticks, editor swap files) are skipped.

Reading refuses what is not UTF-8 text, naming the line of the first bad byte and guessing the
encoding it was saved in, and a file over the size limit, before reading it. A UTF-8 byte order
mark is accepted and dropped, Windows line ends become `\\n`, and the text is NFC-normalised, so
that `ó` typed on a Mac (o + combining accent) is the same letter as `ó` typed elsewhere.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from builder.problems import Problems
from builder.safety import nfc

MAX_SOURCE_BYTES = 1_000_000
"""The largest YAML, Markdown or catalogue file accepted (documented in docs/authoring.md)."""
MAX_ASSET_BYTES = 25_000_000
"""The largest image or other file copied from `content/` into every language's site."""

_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
         (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


@dataclass(frozen=True)
class Found:
    """A source file found in the project."""

    rel: str
    """Relative to the project root, with forward slashes, NFC."""
    path: Path

    @property
    def stem(self) -> str:
        return nfc(self.path.stem)


class Finder:
    """Lists the files of the project's folders, refusing links out of it."""

    def __init__(self, root: Path, problems: Problems) -> None:
        self.root = root.resolve()
        self.problems = problems

    def rel(self, path: Path) -> str:
        return nfc(path.relative_to(self.root).as_posix())

    def file(self, rel: str) -> Found | None:
        """One named file (`project.yml`); None if it does not exist or is refused."""
        path = self.root / rel
        if not (path.exists() or path.is_symlink()):
            return None
        return self._admit(path, rel, expect_dir=False)

    def folder(self, rel: str) -> Path | None:
        """A named folder, if it exists and is admitted."""
        path = self.root / rel
        if not (path.exists() or path.is_symlink()):
            return None
        admitted = self._admit(path, rel, expect_dir=True)
        return admitted.path if admitted else None

    def files(self, rel: str, suffixes: tuple[str, ...], recursive: bool = False) -> list[Found]:
        """The files directly in (or, `recursive`, anywhere under) folder `rel` whose name ends in
        one of `suffixes` (any case; an empty tuple: every file), sorted by path."""
        folder = self.folder(rel)
        if folder is None:
            return []
        return sorted(self._scan(folder, rel, suffixes, recursive, {os.path.realpath(folder)}),
                      key=lambda f: f.rel)

    def _scan(self, folder: Path, rel: str, suffixes: tuple[str, ...], recursive: bool,
              seen: set[str]) -> Iterator[Found]:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            self.problems.add(rel, "(folder)", f"cannot be read: {error.strerror}")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            entry_rel = nfc(f"{rel}/{entry.name}")
            matches = not suffixes or entry.name.lower().endswith(suffixes)
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()  # follows a link; a dangling one is neither
            except OSError:
                is_dir = False  # a link that loops: reported by _admit
            if is_dir and recursive:
                admitted = self._admit(path, entry_rel, expect_dir=True)
                real = os.path.realpath(path)
                if admitted and real not in seen:
                    yield from self._scan(path, entry_rel, suffixes, recursive, seen | {real})
            elif matches:
                admitted = self._admit(path, entry_rel, expect_dir=False)
                if admitted:
                    yield admitted

    def _admit(self, path: Path, rel: str, expect_dir: bool) -> Found | None:
        """The file or folder, if it is what it should be and stays inside the project."""
        where = "(folder)" if expect_dir else "(file)"
        if path.is_symlink():
            target = str(path.readlink())
            try:
                real = Path(os.path.realpath(path, strict=True))
            except FileNotFoundError:
                self.problems.add(rel, where, f"a symbolic link to {target!r}, which does not exist")
                return None
            except OSError:
                self.problems.add(rel, where, f"a symbolic link to {target!r} that loops")
                return None
            if not real.is_relative_to(self.root):
                self.problems.add(rel, where, f"a symbolic link to {str(real)!r}, outside the "
                                  "project; copy it into the project instead")
                return None
        try:
            mode = path.stat().st_mode
        except OSError as error:
            self.problems.add(rel, where, f"cannot be read: {error.strerror}")
            return None
        if expect_dir and not stat.S_ISDIR(mode):
            self.problems.add(rel, where, "expected a folder, found a file")
            return None
        if not expect_dir and stat.S_ISDIR(mode):
            self.problems.add(rel, where, "is a folder, not a file")
            return None
        if not expect_dir and not stat.S_ISREG(mode):
            self.problems.add(rel, where, "not a regular file (a device, socket or pipe)")
            return None
        return Found(rel, path)


def read_text(found: Found, problems: Problems, limit: int = MAX_SOURCE_BYTES) -> str | None:
    """The file's text, or None after adding a problem saying why it cannot be used."""
    try:
        size = found.path.stat().st_size
        if size > limit:
            problems.add(found.rel, "(file)", f"is {_size(size)}; a source file may be at most "
                         f"{_size(limit)} (see Limits in docs/authoring.md)")
            return None
        data = found.path.read_bytes()
    except OSError as error:
        problems.add(found.rel, "(file)", f"cannot be read: {error.strerror}")
        return None
    return decode(data, found.rel, problems)


def decode(data: bytes, rel: str, problems: Problems) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            problems.add(rel, "(file)", f"saved as {name}; save it as UTF-8")
            return None
    if b"\x00" in data:
        problems.add(rel, "(file)", "not a text file (it holds NUL bytes; saved as UTF-16 without "
                     "a byte order mark?); save it as UTF-8")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[:error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        guess = ""
        try:
            data.decode("cp1252")
            guess = " (it looks like Windows-1252 or Latin-1)"
        except UnicodeDecodeError:
            pass
        problems.add(rel, f"line {line}, column {column}",
                     f"not UTF-8: byte 0x{data[error.start]:02X}{guess}; save the file as UTF-8")
        return None
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n"))


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.0f} kB"
