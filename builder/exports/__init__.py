"""Exports: the quizzes and the glossary in the formats other tools read, from the one source.

One module per format, each with `FORMAT` (its name on the command line) and
`files(project, contexts, warnings)`, which yields the files it makes (`ExportFile`: a name under
`downloads/`, its bytes) and adds to `warnings` what a user should know but that does not stop
the export (a partial-credit weight Moodle can only round). Every file is deterministic: the same
sources give the same bytes, so a re-export can be compared and cached.

Links in author texts: when `site_url` is set in `mkdocs.yml`, concept and page links become
absolute links to the published site (`site_root`); without it, they keep only their text, since
a file imported elsewhere has no site beside it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from builder.problems import Problem, Problems
from builder.progress import processing

if TYPE_CHECKING:
    from builder.model import Project
    from builder.render import RenderContext

DOWNLOADS_DIR = "downloads"
MODULES = ("moodle", "gift", "scorm", "tbx", "glossary_csv", "anki")
"""The format modules, in the order their files are listed on the downloads page."""


@dataclass(frozen=True)
class ExportFile:
    name: str
    """The file name under `downloads/` (`quizzes-pl.gift`)."""
    data: bytes
    format: str
    """The `FORMAT` of the module that made it."""
    lang: str | None = None
    """The language it holds, or None for a file with every language."""
    written: int | None = None
    """Once written to disk and its bytes let go (`export_all(into=…)`): how many there were."""

    @property
    def size(self) -> int:
        return len(self.data) if self.written is None else self.written


class Exporter(Protocol):
    FORMAT: str

    def files(self, project: Project, contexts: Mapping[str, RenderContext],
              warnings: Problems) -> Iterator[ExportFile]: ...


def exporters(formats: Iterable[str] | None = None) -> list[Exporter]:
    """The format modules, or those of the `formats` named (by their `FORMAT`)."""
    wanted = set(formats) if formats is not None else None
    modules = [importlib.import_module(f"builder.exports.{name}") for name in MODULES]
    return [m for m in modules if wanted is None or m.FORMAT in wanted]  # type: ignore[misc]


def formats() -> list[str]:
    return [e.FORMAT for e in exporters()]


def export_all(project: Project, wanted: Iterable[str] | None = None,
               ctxs: Mapping[str, RenderContext] | None = None, into: Path | None = None
               ) -> tuple[list[ExportFile], list[Problem]]:
    """Every file of the formats `wanted` (default: all), and the warnings they raised; `ctxs`
    are the languages' rendering contexts, if the caller has them already. With `into`, each
    file is written there as it is made and kept without its bytes (`ExportFile.written`): a
    build of thousands of concepts then never holds all its exports in memory at once, nor
    hands them to the processes it forks."""
    from builder.render import contexts

    warnings = Problems()
    ctxs = ctxs or contexts(project)
    made: list[ExportFile] = []
    for exporter in exporters(wanted):
        with processing(f"export {exporter.FORMAT}"):
            for file in exporter.files(project, ctxs, warnings):
                if into is None:
                    made.append(file)
                    continue
                write([file], into)
                made.append(replace(file, data=b"", written=len(file.data)))
    return made, warnings.sorted()


def write(files: Iterable[ExportFile], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for file in files:
        path = folder / file.name
        path.write_bytes(file.data)
        paths.append(path)
    return paths


def site_root(project: Project, lang: str) -> str | None:
    """The absolute address of a language's home on the published site (ending in `/`), or None
    without `site_url`: links then keep only their text."""
    url = project.site.site_url if project.site else None
    return f"{url.rstrip('/')}/{lang}/" if url else None
