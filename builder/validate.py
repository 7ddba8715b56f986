"""Validate stage: the checks that need the whole project, and the translation-coverage table.

Each kind checks its own references (`Kind.check`); here are the checks across kinds, run over
the inventory (nothing is read from the disk): every `[[concept]]` link in every author text,
every link to a page in the YAML texts, every page the navigation lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder import downloads, handouts
from builder.fields import AuthorText, did_you_mean
from builder.markup import dangling, references
from builder.model import Project
from builder.problems import Problem, Problems
from builder.sources import KINDS
from builder.sources.pages import CONTENT_DIR
from builder.sources.site import BASE_CONFIG, NavItem

PAGE_LINK_RE = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
"""The target of a Markdown link `[label](target "title")`."""


def validate(project: Project) -> list[Problem]:
    """Every cross-file problem of the project, sorted by file."""
    problems = Problems()
    for kind in KINDS:
        kind.check(project, problems)
    texts = list(project.inventory.texts)
    _check_concept_links(project, texts, problems)
    _check_page_links(project, texts, problems)
    _check_nav(project, problems)
    handouts.check(project, problems)
    return problems.sorted()


def generated_pages(project: Project) -> set[str]:
    """The pages the builder writes into every language, from the files found (a quiz that fails
    to load is not also a missing page)."""
    return {*(page for kind in KINDS for page in kind.pages(project.inventory)),
            *handouts.pages(project), *downloads.pages(project)}


def page_paths(project: Project, lang: str | None = None) -> set[str]:
    """Hand-written page paths found in `lang` (every language if None), loaded or not."""
    return {source.rel.split("/", 2)[2] for source in project.inventory.of("pages")
            if lang is None or source.rel.split("/")[1] == lang}


def _check_concept_links(project: Project, texts: list[AuthorText], problems: Problems) -> None:
    # Files with problems of their own are not loaded, but their ids exist: referring to them is
    # not a second error.
    known = project.inventory.ids("glossary")
    for text in texts:
        for line in dangling(text.text):
            problems.add(text.source, text.field or f"line {line}", "a [[ that starts no concept "
                         "link, so it would be shown as it is: write [[concept-id]] or "
                         "[[concept-id|label]], closed within the paragraph")
        for ref in references(text.text):
            if ref.concept not in known:
                problems.add(text.source, text.field or f"line {ref.line}",
                             f"unknown concept {ref.concept!r} in [[{ref.concept}]]"
                             f"{did_you_mean(ref.concept, known)}")


def _check_page_links(project: Project, texts: list[AuthorText], problems: Problems) -> None:
    """Links to pages in YAML texts name a page of the same language (or a URL). Hand-written
    pages are checked by MkDocs, which builds them in strict mode."""
    # A page missing in only some languages is reported once, as a missing translation.
    pages = page_paths(project) | generated_pages(project)
    for text in texts:
        if not text.field or text.lang is None:
            continue
        for match in PAGE_LINK_RE.finditer(text.text):
            target = match.group(1)
            if "://" in target or target.startswith(("mailto:", "#")):
                continue
            page = target.split("#", 1)[0]
            if page not in pages:
                problems.add(text.source, text.field, f"link to {target!r}: no page {page!r} in "
                             f"{CONTENT_DIR}/{text.lang}/ (link pages by file name, e.g. "
                             "practices.md)")


def nav_paths(items: tuple[NavItem, ...]) -> list[str]:
    paths: list[str] = []
    for item in items:
        if item.path is not None:
            paths.append(item.path)
        paths.extend(nav_paths(item.children))
    return paths


def _check_nav(project: Project, problems: Problems) -> None:
    if project.site is None:
        return  # mkdocs.yml has problems of its own
    # A missing home page is reported by the pages kind, as every language needs one.
    known = page_paths(project) | generated_pages(project) | {"index.md"}
    listed = nav_paths(project.site.nav)
    for i, path in enumerate(listed):
        if path not in known and "://" not in path:
            problems.add(BASE_CONFIG, f"nav[{i}]", f"{path!r} is neither a page under "
                         f"{CONTENT_DIR}/<lang>/ nor a generated page")
    for kind in KINDS:
        if kind.entry and kind.entry not in listed and kind.pages(project.inventory):
            problems.add(BASE_CONFIG, "nav", f"{kind.entry!r} is not listed, so readers cannot "
                         f"reach the {kind.name} pages; add `- {kind.entry}`")


# -- Coverage -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Coverage:
    lang: str
    concepts: int
    pages: int


def coverage(project: Project, problems: list[Problem]) -> tuple[list[Coverage], int, int]:
    """Per language: concept files with no problem in that language's section, and pages."""
    files = {s.rel for s in project.inventory.of("glossary")}
    total_pages = len(page_paths(project))
    codes = project.config.codes

    def language_of(problem: Problem) -> str | None:
        return next((c for c in codes if problem.field == c or problem.field.startswith(f"{c}.")),
                    None)

    rows = []
    for lang in codes:
        # A problem in another language's section does not affect this one; any other does.
        broken = {p.path for p in problems if p.path in files and language_of(p) in (lang, None)}
        rows.append(Coverage(lang, len(files) - len(broken), len(project.pages_in(lang))))
    return rows, len(files), total_pages


def format_coverage(project: Project, problems: list[Problem]) -> str:
    rows, total_concepts, total_pages = coverage(project, problems)
    lines = [f"{'language':<20}{'concepts':>10}{'pages':>10}"]
    for row in rows:
        name = f"{row.lang} {project.config.language(row.lang).native_name}"
        lines.append(f"{name:<20}{f'{row.concepts}/{total_concepts}':>10}"
                     f"{f'{row.pages}/{total_pages}':>10}")
    return "\n".join(lines)
