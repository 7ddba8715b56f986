"""What every kind of source has in common: the `Kind` interface, the `Source` record of one file
and the `Inventory` of every file found.

A kind is one module under `builder/sources/`: it finds its files, declares their fields, loads
them into frozen dataclasses, checks what needs other files, names the pages it generates and
renders them per language. The pipeline loops over `builder.sources.KINDS`; nothing else needs to
know a kind exists. `docs/architecture.md` shows how to add one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from builder.fields import INVALID, AuthorText, Record, Walk
from builder.problems import Problem, Problems
from builder.sources.files import Finder, Found, read_text
from builder.sources.yamlio import parse_yaml

if TYPE_CHECKING:
    from builder.model import Project
    from builder.render import RenderContext
    from builder.sources.project import ProjectConfig


@dataclass(frozen=True)
class Source:
    """One file found, loaded or not: what the later stages know of it, without the disk."""

    kind: str
    rel: str
    id: str | None
    """The id its file name gives it (`glossary/apple.yml` → `apple`), even if it failed: a
    reference to a broken file is not a second problem."""
    entry: Any = None
    """The loaded dataclass; None if the file has a problem of its own."""
    problems: tuple[Problem, ...] = ()
    texts: tuple[AuthorText, ...] = ()
    """Every Markdown text in it, with its field and language (for links and rendering)."""
    data: Mapping[str, Any] | None = None
    """The top-level fields as checked, a field with a problem as INVALID (`clean_or` reads
    them): a broken file's references are still checked."""


@dataclass(frozen=True)
class Inventory:
    """Every source found, in registry order, and the problems found while finding them."""

    sources: tuple[Source, ...]
    found_problems: tuple[Problem, ...] = ()

    def of(self, kind: str) -> tuple[Source, ...]:
        return self._by_kind.get(kind, ())

    def entries(self, kind: str) -> tuple[Any, ...]:
        return tuple(s.entry for s in self.of(kind) if s.entry is not None)

    def ids(self, kind: str) -> frozenset[str]:
        """Ids of every file of the kind found, loaded or not."""
        return frozenset(s.id for s in self.of(kind) if s.id is not None)

    @property
    def problems(self) -> list[Problem]:
        return [*self.found_problems, *(p for s in self.sources for p in s.problems)]

    @property
    def texts(self) -> Iterator[AuthorText]:
        for source in self.sources:
            if source.entry is not None:
                yield from source.texts

    @cached_property
    def _by_kind(self) -> dict[str, tuple[Source, ...]]:
        grouped: dict[str, list[Source]] = {}
        for source in self.sources:
            grouped.setdefault(source.kind, []).append(source)
        return {k: tuple(v) for k, v in grouped.items()}


@dataclass(frozen=True)
class Output:
    """A file a kind writes into one language's docs: Markdown text, or a copy of `copy`."""

    path: str
    text: str | None = None
    copy: Path | None = None


class Kind:
    """One kind of source. Subclasses set the class attributes and override what they need."""

    name: ClassVar[str]
    """The registry key (`glossary`); also the `Source.kind` of its files."""
    reserved: ClassVar[tuple[str, ...]] = ()
    """Site paths its pages use in every language; hand-written pages may not (`glossary/`)."""
    entry: ClassVar[str | None] = None
    """The page readers reach its pages from (`glossary/index.md`); when it has pages, the
    navigation must list it."""

    def find(self, finder: Finder, config: ProjectConfig) -> list[Found]:
        return []

    def load(self, found: Found, config: ProjectConfig) -> Source:
        raise NotImplementedError

    def check(self, project: Project, problems: Problems) -> None:
        """Checks that need other sources (references, duplicates across files)."""

    def pages(self, inventory: Inventory) -> tuple[str, ...]:
        """The pages it generates in every language, from the files found (loaded or not, so a
        broken file's page does not also count as missing)."""
        return ()

    def render(self, ctx: RenderContext) -> Iterator[Output]:
        """Its pages in one language."""
        return iter(())

    def origins(self, inventory: Inventory) -> dict[str, str]:
        """Each generated page's source, for MkDocs' warnings: the file whose id is in the
        page's path, or else the kind's first file."""
        sources = inventory.of(self.name)
        by_id = {s.id: s.rel for s in sources if s.id}
        default = sources[0].rel if sources else self.name
        return {page: next((rel for i, rel in by_id.items() if f"/{i}/" in f"/{page}"), default)
                for page in self.pages(inventory)}


class YamlKind(Kind):
    """A kind whose sources are YAML files in one folder, one entry per file, the entry's `id`
    equal to its file name, checked against a `Record` declaration."""

    folder: ClassVar[str]
    schema_file: ClassVar[str]
    schema_title: ClassVar[str] = ""
    has_id: ClassVar[bool] = True

    def declaration(self) -> Record:
        raise NotImplementedError

    def build(self, data: dict[str, Any], rel: str, config: ProjectConfig) -> Any:
        """The entry's dataclass, from clean data."""
        raise NotImplementedError

    def find(self, finder: Finder, config: ProjectConfig) -> list[Found]:
        return finder.files(self.folder, (".yml", ".yaml"))

    def check(self, project: Project, problems: Problems) -> None:
        """Ids equal file names, so a duplicate can only come from `x.yml` beside `x.yaml`."""
        seen: dict[str, str] = {}
        for source in project.inventory.of(self.name):
            if source.id is None:
                continue
            if source.id in seen:
                problems.add(source.rel, "id", f"duplicate id {source.id!r} (also {seen[source.id]})")
            seen.setdefault(source.id, source.rel)

    def load(self, found: Found, config: ProjectConfig) -> Source:
        problems = Problems()
        walk = Walk(found.rel, problems, config.codes)
        entry = cleaned = None
        text = read_text(found, problems)
        data = parse_yaml(text, found.rel, problems) if text is not None else None
        if text is not None and not problems:
            if data is None:
                problems.add(found.rel, "(file)", "is empty")
            else:
                cleaned = self.declaration().check(data, walk)
                entry_id = data.get("id") if isinstance(data, dict) else None
                if self.has_id and isinstance(entry_id, str) and entry_id != found.stem:
                    problems.add(found.rel, "id", f"{entry_id[:80]!r} does not match the file name "
                                 f"{found.stem!r}")
                if cleaned is not INVALID and not problems:
                    entry = self.build(cleaned, found.rel, config)
        return Source(self.name, found.rel, found.stem if self.has_id else None, entry,
                      tuple(problems), tuple(walk.texts),
                      cleaned if isinstance(cleaned, dict) else None)
