"""Validate stage: the checks that need the whole project, and the translation-coverage table."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from builder.i18n import check_catalogues
from builder.load import (
    BASE_CONFIG,
    CONTENT_DIR,
    GENERATED_PAGES,
    assessment_files,
    glossary_files,
    misconception_files,
    quiz_files,
)
from builder.markup import references
from builder.model import NavItem, Project
from builder.problems import Problem


def validate(project: Project) -> list[Problem]:
    """Every cross-file problem of the project, sorted by file."""
    problems = [
        *_check_ids(project),
        *_check_terms(project),
        *_check_references(project),
        *_check_misconceptions(project),
        *_check_links(project),
        *_check_quizzes(project),
        *_check_page_links(project),
        *_check_pages(project),
        *check_catalogues(project.config),
    ]
    return sorted(set(problems))


def _check_ids(project: Project) -> list[Problem]:
    """Ids equal file names, so a duplicate can only come from `x.yml` beside `x.yaml`."""
    seen: dict[str, str] = {}
    problems = []
    for file in glossary_files(project.root):
        rel = file.relative_to(project.root).as_posix()
        if file.stem in seen:
            problems.append(Problem(rel, "id", f"duplicate id {file.stem!r} (also {seen[file.stem]})"))
        seen.setdefault(file.stem, rel)
    return problems


def _check_terms(project: Project) -> list[Problem]:
    """Within one language, a term (preferred or synonym) may name only one concept."""
    problems = []
    for lang in project.config.codes:
        owner: dict[str, tuple[str, str]] = {}
        for concept in project.concepts:
            text = concept.text(lang)
            for i, term in enumerate(text.all_terms):
                field = f"{lang}.term" if i == 0 else f"{lang}.synonyms[{i - 1}]"
                key = " ".join(term.casefold().split())
                if key in owner and owner[key][0] != concept.id:
                    problems.append(Problem(concept.source, field,
                                            f"duplicate term {term!r} (also in {owner[key][1]})"))
                owner.setdefault(key, (concept.id, concept.source))
    return problems


def _check_references(project: Project) -> list[Problem]:
    # Files with problems of their own are not in project.concepts, but their ids exist:
    # referring to them is not a second error.
    known = {file.stem for file in glossary_files(project.root)}
    problems = []
    for concept in project.concepts:
        for i, target in enumerate(concept.confused_with):
            if target in concept.related:
                problems.append(Problem(concept.source, f"confused_with[{i}]",
                                        f"{target!r} is also in related; keep it in one list"))
        for field in ("related", "confused_with"):
            for i, target in enumerate(getattr(concept, field)):
                where = f"{field}[{i}]"
                if target == concept.id:
                    problems.append(Problem(concept.source, where, "a concept cannot refer to itself"))
                elif target not in known:
                    problems.append(Problem(concept.source, where, f"unknown concept {target!r}"))
    return problems


def _check_misconceptions(project: Project) -> list[Problem]:
    known = {file.stem for file in glossary_files(project.root)}
    seen: dict[str, str] = {}
    problems = []
    for file in misconception_files(project.root):
        rel = file.relative_to(project.root).as_posix()
        if file.stem in seen:
            problems.append(Problem(rel, "id", f"duplicate id {file.stem!r} (also {seen[file.stem]})"))
        seen.setdefault(file.stem, rel)
    for card in project.misconceptions:
        targets = [("concept", card.concept),
                   *((f"confused_with[{i}]", c) for i, c in enumerate(card.confused_with))]
        for field, target in targets:
            if target not in known:
                problems.append(Problem(card.source, field, f"unknown concept {target!r}"))
    return problems


def _check_links(project: Project) -> list[Problem]:
    """Every `[[concept-id]]` in pages, concept texts and cards names an existing concept."""
    known = {file.stem for file in glossary_files(project.root)}
    problems = []

    def check(text: str, path: str, field: str | None) -> None:
        for ref in references(text):
            if ref.concept not in known:
                where = field or f"line {ref.line}"
                problems.append(Problem(path, where, f"unknown concept {ref.concept!r} in "
                                        f"[[{ref.concept}]]"))

    for page in project.pages:
        check(page.file.read_text(encoding="utf-8"), page.file.relative_to(project.root)
              .as_posix(), None)
    for concept in project.concepts:
        for lang, text in concept.texts.items():
            for name in ("definition", "example", "notes"):
                check(getattr(text, name) or "", concept.source, f"{lang}.{name}")
    for card in project.misconceptions:
        for lang, text in card.texts.items():
            check(text.claim, card.source, f"{lang}.claim")
            check(text.why_wrong, card.source, f"{lang}.why_wrong")
    for source, field, text in [*quiz_texts(project), *assessment_texts(project)]:
        check(text, source, field)
    return problems


def assessment_texts(project: Project) -> list[tuple[str, str, str]]:
    """Every Markdown text of the assessment that may hold links: (file, field, text)."""
    assessment = project.assessment
    if assessment is None:
        return []
    source = assessment.source
    texts = [(source, f"{lang}.intro", text.intro) for lang, text in assessment.texts.items()]
    for i, dimension in enumerate(assessment.dimensions):
        for lang, dim_text in dimension.texts.items():
            where = f"dimensions[{i}].{lang}"
            texts.append((source, f"{where}.description", dim_text.description))
            for level, level_text in dim_text.levels.items():
                texts.append((source, f"{where}.bands.{level}.message", level_text.message))
                texts.extend((source, f"{where}.bands.{level}.recommendations[{j}]", r)
                             for j, r in enumerate(level_text.recommendations))
    return texts


PAGE_LINK_RE = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
"""The target of a Markdown link `[label](target "title")`."""


def quiz_texts(project: Project) -> list[tuple[str, str, str]]:
    """Every Markdown text of the quizzes that may hold links: (file, field, text)."""
    texts = []
    for quiz in project.quizzes:
        for lang, quiz_text in quiz.texts.items():
            texts.append((quiz.source, f"{lang}.intro", quiz_text.intro))
            texts.extend((quiz.source, f"{lang}.results[{j}]", m)
                         for j, m in enumerate(quiz_text.results))
        for i, question in enumerate(quiz.questions):
            for lang, text in question.texts.items():
                where = f"questions[{i}].{lang}"
                texts.append((quiz.source, f"{where}.prompt", text.prompt))
                texts.append((quiz.source, f"{where}.explanation", text.explanation))
                texts.extend((quiz.source, f"{where}.feedback.{option_id}", feedback)
                             for option_id, feedback in text.feedback.items())
    return texts


def _check_page_links(project: Project) -> list[Problem]:
    """Links to pages in quiz and assessment texts name a page of the same language (or a URL)."""
    problems = []
    # A page missing in only some languages is reported once, as a missing translation.
    pages = {path for lang in project.config.codes
             for path in _page_files(project.root / CONTENT_DIR / lang)} | generated_pages(project)
    for source, field, text in [*quiz_texts(project), *assessment_texts(project)]:
        lang = next(part for part in field.split(".") if part in project.config.codes)
        for match in PAGE_LINK_RE.finditer(text):
            target = match.group(1)
            if "://" in target or target.startswith("mailto:"):
                continue
            page = target.split("#", 1)[0]
            if page not in pages:
                problems.append(Problem(source, field, f"link to {target!r}: no page {page!r} in "
                                        f"{CONTENT_DIR}/{lang}/ (link pages by file name, "
                                        "e.g. practices.md)"))
    return problems


def _check_quizzes(project: Project) -> list[Problem]:
    """Misconceptions named by wrong options exist; quiz ids are unique."""
    cards = {file.stem for file in misconception_files(project.root)}
    problems = []
    for quiz in project.quizzes:
        for i, question in enumerate(quiz.questions):
            for j, option in enumerate(question.options):
                if option.misconception and option.misconception not in cards:
                    field = (f"questions[{i}].misconception" if question.type == "true-false"
                             else f"questions[{i}].options[{j}].misconception")
                    problems.append(Problem(quiz.source, field,
                                            f"unknown misconception {option.misconception!r}"))
                # In "spot the misconception", the right answer is the misconception itself.
                if option.misconception and option.correct and question.type != "spot-misconception":
                    problems.append(Problem(quiz.source, f"questions[{i}].options[{j}]",
                                            "a correct option cannot be a misconception"))
    return problems


def generated_pages(project: Project) -> set[str]:
    """The pages the builder writes into every language. Quizzes and the assessment count from
    their files, so one that fails to load is not also a missing page."""
    return {"glossary/index.md", *GENERATED_PAGES,
            *(f"glossary/{c.id}/index.md" for c in project.concepts),
            *(("quizzes/index.md",) if quiz_files(project.root) else ()),
            *(f"quizzes/{q.id}/index.md" for q in project.quizzes),
            *(("assessment/index.md", "assessment/team/index.md")
              if assessment_files(project.root) else ())}


def _page_files(folder: Path) -> set[str]:
    return {f.relative_to(folder).as_posix() for f in folder.rglob("*.md")} if folder.is_dir() else set()


def nav_paths(items: tuple[NavItem, ...]) -> list[str]:
    paths: list[str] = []
    for item in items:
        if item.path is not None:
            paths.append(item.path)
        paths.extend(nav_paths(item.children))
    return paths


def _check_pages(project: Project) -> list[Problem]:
    """Every page exists in every language, and every page the nav lists exists."""
    problems = []
    codes = project.config.codes
    # Files on disk, not loaded pages: a page that failed to load has its own problem.
    by_path: dict[str, set[str]] = defaultdict(set)
    for lang in codes:
        for path in _page_files(project.root / CONTENT_DIR / lang):
            by_path[path].add(lang)
    for path, langs in sorted(by_path.items()):
        for lang in codes:
            if lang not in langs:
                present = ", ".join(c for c in codes if c in langs)
                problems.append(Problem(f"{CONTENT_DIR}/{lang}/{path}", "(file)",
                                        f"missing translation of a page that exists in {present}"))
    generated = generated_pages(project)
    for i, path in enumerate(nav_paths(project.site.nav)):
        if path not in by_path and path not in generated and "://" not in path:
            problems.append(Problem(BASE_CONFIG, f"nav[{i}]",
                                    f"{path!r} is neither a page under {CONTENT_DIR}/<lang>/ "
                                    "nor a generated page"))
    return problems


# -- Coverage -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Coverage:
    lang: str
    concepts: int
    pages: int


def coverage(project: Project, problems: list[Problem]) -> tuple[list[Coverage], int, int]:
    """Per language: concept files with no problem in that language's section, and pages."""
    files = [f.relative_to(project.root).as_posix() for f in glossary_files(project.root)]
    total_pages = len({p.path for p in project.pages})
    codes = project.config.codes

    def language_of(problem: Problem) -> str | None:
        return next((c for c in codes if problem.field == c or problem.field.startswith(f"{c}.")),
                    None)

    rows = []
    for lang in codes:
        # A problem in another language's section does not affect this one; any other does.
        broken = {p.path for p in problems
                  if p.path in files and language_of(p) in (lang, None)}
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
