"""Hand-written pages: `content/<lang>/**.md`, the same file names in every language, and the
images and other files beside them. Pages are trusted: they may hold HTML (authors of pages are
the site's editors); their `[[concept]]` links are checked and resolved like any author text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from builder.fields import AuthorText, describe
from builder.markup import glossary_prefix, resolve
from builder.problems import Problems
from builder.safety import find_control
from builder.sources.base import Inventory, Kind, Output, Source
from builder.sources.files import MAX_ASSET_BYTES, Finder, Found, read_text
from builder.sources.yamlio import parse_yaml

if TYPE_CHECKING:
    from builder.model import Project
    from builder.render import RenderContext
    from builder.sources.project import ProjectConfig

CONTENT_DIR = "content"
PAGE_SUFFIXES = (".md",)
OTHER_MARKDOWN = (".markdown", ".mdown", ".mkdn", ".mkd")
"""Suffixes MkDocs would also build as pages; the builder wants `.md`, the same in every language."""

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_H1_RE = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


@dataclass(frozen=True)
class Page:
    """A hand-written Markdown page in one language."""

    lang: str
    path: str
    """Path inside the language's folder, with forward slashes (`practices.md`)."""
    source: str
    """The file, relative to the project root (`content/pl/practices.md`)."""
    title: str
    text: str
    """The whole file, NFC, with `\\n` line ends."""


@dataclass(frozen=True)
class Asset:
    """A file beside the pages (an image), copied as it is."""

    lang: str
    path: str
    file: Path


class Pages(Kind):
    name = "pages"

    def find(self, finder: Finder, config: ProjectConfig) -> list[Found]:
        content = finder.folder(CONTENT_DIR)
        if content is None:
            if not finder.problems:
                finder.problems.add(CONTENT_DIR, "(folder)", "missing; it holds one folder per "
                                    "language")
            return []
        found: list[Found] = []
        unconfigured: set[str] = set()
        for entry in finder.files(CONTENT_DIR, (), recursive=True):
            parts = entry.rel.split("/")
            if len(parts) == 2:
                finder.problems.add(entry.rel, "(file)", f"pages go in a language folder "
                                    f"({CONTENT_DIR}/<lang>/)")
            elif parts[1] in config.codes:
                found.append(entry)
            else:
                unconfigured.add(parts[1])
        for name in sorted(unconfigured):
            finder.problems.add(f"{CONTENT_DIR}/{name}", "(folder)",
                                f"language {name!r} is not configured in project.yml "
                                f"(configured: {', '.join(config.codes)})")
        for lang in config.codes:
            if finder.folder(f"{CONTENT_DIR}/{lang}") is None:
                finder.problems.add(f"{CONTENT_DIR}/{lang}", "(folder)", "missing language folder")
        return found

    def load(self, found: Found, config: ProjectConfig) -> Source:
        _, lang, path = found.rel.split("/", 2)
        problems = Problems()
        if not path.lower().endswith(PAGE_SUFFIXES):
            if path.lower().endswith(OTHER_MARKDOWN):
                problems.add(found.rel, "(file)", "pages end in .md; rename it")
            elif found.path.stat().st_size > MAX_ASSET_BYTES:
                problems.add(found.rel, "(file)", f"is {found.path.stat().st_size / 1e6:.0f} MB; "
                             f"a file beside the pages may be at most {MAX_ASSET_BYTES // 10**6} "
                             "MB (it is copied into every language's site)")
            else:
                return Source("assets", found.rel, None, Asset(lang, path, found.path))
            return Source("assets", found.rel, None, None, tuple(problems))
        text = read_text(found, problems)
        page = None
        if text is not None:
            title = _title(text, found.rel, problems)
            control = find_control(text)
            if control is not None:
                problems.add(found.rel, f"line {text.count(chr(10), 0, control) + 1}",
                             f"holds the control character U+{ord(text[control]):04X}; delete it")
            if title is not None and not problems:
                page = Page(lang=lang, path=path, source=found.rel, title=title, text=text)
        texts = (AuthorText(found.rel, "", lang, text),) if page is not None and text else ()
        return Source(self.name, found.rel, f"{lang}/{path}", page, tuple(problems), texts)

    def check(self, project: Project, problems: Problems) -> None:
        from builder.sources import KINDS

        codes = project.config.codes
        reserved = [r for kind in KINDS for r in kind.reserved]
        # Files found, not pages loaded: a page that failed to load has its own problem.
        by_path: dict[str, set[str]] = defaultdict(set)
        for source in project.inventory.of(self.name):
            lang, path = (source.id or "/").split("/", 1)
            taken = next((prefix for prefix in reserved if path == prefix
                          or (prefix.endswith("/") and path.startswith(prefix))), None)
            if taken:
                problems.add(source.rel, "(path)", f"{taken} is generated by the builder; move "
                             "or rename the page")
            else:  # a page in a reserved place is not also missing elsewhere
                by_path[path].add(lang)
        # A missing language folder is one problem, not one per page.
        present = {s.rel.split("/")[1] for s in project.inventory.of(self.name)} | {
            s.rel.split("/")[1] for s in project.inventory.of("assets")}
        for path, langs in sorted(by_path.items()):
            for lang in codes:
                if lang not in langs and lang in present:
                    have = ", ".join(c for c in codes if c in langs)
                    problems.add(f"{CONTENT_DIR}/{lang}/{path}", "(file)",
                                 f"missing translation of a page that exists in {have}")
        if present and "index.md" not in by_path:
            lang = next(c for c in codes if c in present)
            problems.add(f"{CONTENT_DIR}/{lang}/index.md", "(file)", "missing: every language needs "
                         "a home page (the language chooser links to it)")

    def origins(self, inventory: Inventory) -> dict[str, str]:
        return {(s.id or "/").split("/", 1)[1]: f"{CONTENT_DIR}/<lang>/{(s.id or '/').split('/', 1)[1]}"
                for s in inventory.of(self.name)}

    def render(self, ctx: RenderContext) -> Iterator[Output]:
        for page in ctx.project.pages_in(ctx.lang):
            yield Output(page.path, resolve(page.text, ctx.project, ctx.lang,
                                            glossary_prefix(page.path)))
        for asset in ctx.project.inventory.entries("assets"):
            if asset.lang == ctx.lang:
                yield Output(asset.path, copy=asset.file)


def _title(text: str, rel: str, problems: Problems) -> str | None:
    meta: Any = {}
    body = text
    match = _FRONT_MATTER_RE.match(text)
    if match:
        meta = parse_yaml(match.group(1) or "", rel, problems, line_offset=1)
        if problems:
            return None
        body = text[match.end():]
        meta = {} if meta is None else meta
        if not isinstance(meta, dict):
            problems.add(rel, "front matter", f"expected a mapping of fields, got {describe(meta)}")
            return None
    title = meta.get("title")
    if title is not None:
        if not isinstance(title, str) or not title.strip() or "\n" in title.strip():
            problems.add(rel, "front matter.title", f"expected a single-line text, got "
                         f"{describe(title) if not isinstance(title, str) else 'an empty text'}")
            return None
        return title.strip()
    heading = _H1_RE.search(body)
    if heading is None:
        problems.add(rel, "title", "no `# Heading` and no `title:` in front matter")
        return None
    return heading.group(1).strip()


KIND = Pages()
