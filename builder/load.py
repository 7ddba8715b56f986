"""Load stage: YAML and Markdown sources into the content model, collecting every problem.

Loading checks each file on its own (syntax, fields, types). Checks that need the whole project
(references, duplicates, coverage) belong to `validate`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from builder.config import ProjectConfig, load_config
from builder.model import (
    BaseSite,
    Concept,
    ConceptText,
    Misconception,
    MisconceptionText,
    NavItem,
    Page,
    Project,
)
from builder.problems import BuildError, Problem
from builder.schema import (
    CONCEPT_FIELDS,
    CONCEPT_LANG_FIELDS,
    LANG_RE,
    MISCONCEPTION_FIELDS,
    MISCONCEPTION_LANG_FIELDS,
    Field,
    check_fields,
    type_name,
)
from builder.yamlio import describe_yaml_error, parse_yaml, read_yaml

GLOSSARY_DIR = "glossary"
MISCONCEPTIONS_DIR = "glossary/misconceptions"
CONTENT_DIR = "content"
BASE_CONFIG = "mkdocs.yml"
GENERATED_DIRS = ("glossary",)
"""Folders of each language's site that the builder writes; hand-written pages may not use them."""
GENERATED_PAGES = ("misconceptions.md",)
"""Pages the builder writes at the top of each language's site."""

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.DOTALL)
_H1_RE = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def load_project(root: Path) -> tuple[Project, list[Problem]]:
    """Load everything under `root`. A broken `project.yml` or `mkdocs.yml` raises BuildError,
    since nothing else can be checked without them; other problems are returned."""
    config = load_config(root)
    site = load_base_site(root)
    concepts, concept_problems = load_glossary(config)
    misconceptions, misconception_problems = load_misconceptions(config)
    pages, page_problems = load_pages(config)
    project = Project(config=config, site=site, concepts=tuple(concepts), pages=tuple(pages),
                      misconceptions=tuple(misconceptions))
    return project, [*concept_problems, *misconception_problems, *page_problems]


# -- Glossary -----------------------------------------------------------------------------------

def glossary_files(root: Path) -> list[Path]:
    folder = root / GLOSSARY_DIR
    return sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]) if folder.is_dir() else []


def load_glossary(config: ProjectConfig) -> tuple[list[Concept], list[Problem]]:
    concepts: list[Concept] = []
    problems: list[Problem] = []
    for file in glossary_files(config.root):
        concept, file_problems = load_concept(file, config)
        problems.extend(file_problems)
        if concept is not None:
            concepts.append(concept)
    return concepts, problems


def load_concept(file: Path, config: ProjectConfig) -> tuple[Concept | None, list[Problem]]:
    """Load one concept file; return the concept only if the file has no problem of its own."""
    rel, data, problems = load_multilingual(file, config, CONCEPT_FIELDS, CONCEPT_LANG_FIELDS)
    if data is None:
        return None, problems
    return Concept(
        id=data["id"],
        source=rel,
        related=tuple(data.get("related") or ()),
        confused_with=tuple(data.get("confused_with") or ()),
        sources=tuple(data.get("sources") or ()),
        tags=tuple(data.get("tags") or ()),
        texts={lang: _concept_text(data[lang]) for lang in config.codes},
    ), []


def load_multilingual(file: Path, config: ProjectConfig, fields: tuple[Field, ...],
                      lang_fields: tuple[Field, ...]) -> tuple[str, dict[str, Any] | None,
                                                               list[Problem]]:
    """Read a YAML entry with an `id` equal to its file name, language-independent `fields` and
    one section per configured language; return its data only if it has no problem."""
    rel = file.relative_to(config.root).as_posix()
    data, problems = read_yaml(file, rel)
    if problems:
        return rel, None, problems
    if data is None:
        return rel, None, [Problem(rel, "(file)", "is empty")]
    langs = frozenset(config.codes)
    field_names = {f.name for f in fields}
    # Keys that look like language codes but are not configured get their own message.
    unconfigured = frozenset(
        k for k in (data if isinstance(data, dict) else ())
        if isinstance(k, str) and LANG_RE.match(k) and k not in langs and k not in field_names)
    problems = check_fields(data, fields, rel, extra_keys=config.codes,
                            reported_elsewhere=unconfigured)
    if not isinstance(data, dict):
        return rel, None, problems
    for key in sorted(unconfigured):
        problems.append(Problem(rel, key, f"language {key!r} is not configured in project.yml "
                                f"(configured: {', '.join(config.codes)})"))
    entry_id = data.get("id")
    if isinstance(entry_id, str) and entry_id != file.stem:
        problems.append(Problem(rel, "id", f"{entry_id!r} does not match the file name "
                                f"{file.stem!r}"))
    for lang in config.codes:
        if lang not in data or data[lang] is None:
            problems.append(Problem(rel, lang, "missing language section "
                                    f"(every entry needs {', '.join(config.codes)})"))
        else:
            problems.extend(check_fields(data[lang], lang_fields, rel, f"{lang}."))
    return rel, (None if problems else data), problems


def _concept_text(data: dict[str, Any]) -> ConceptText:
    return ConceptText(
        term=data["term"].strip(),
        synonyms=tuple(s.strip() for s in data.get("synonyms") or ()),
        forms=tuple(s.strip() for s in data.get("forms") or ()),
        definition=data["definition"].strip(),
        example=data["example"].strip(),
        notes=(data.get("notes") or "").strip() or None,
    )


# -- Misconceptions ------------------------------------------------------------------------------

def misconception_files(root: Path) -> list[Path]:
    folder = root / MISCONCEPTIONS_DIR
    return sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]) if folder.is_dir() else []


def load_misconceptions(config: ProjectConfig) -> tuple[list[Misconception], list[Problem]]:
    cards: list[Misconception] = []
    problems: list[Problem] = []
    for file in misconception_files(config.root):
        rel, data, file_problems = load_multilingual(file, config, MISCONCEPTION_FIELDS,
                                                     MISCONCEPTION_LANG_FIELDS)
        problems.extend(file_problems)
        if data is not None:
            cards.append(Misconception(
                id=data["id"], source=rel, concept=data["concept"],
                confused_with=tuple(data.get("confused_with") or ()),
                texts={lang: MisconceptionText(claim=data[lang]["claim"].strip(),
                                               why_wrong=data[lang]["why_wrong"].strip())
                       for lang in config.codes}))
    return cards, problems


# -- Pages --------------------------------------------------------------------------------------

def load_pages(config: ProjectConfig) -> tuple[list[Page], list[Problem]]:
    pages: list[Page] = []
    problems: list[Problem] = []
    content = config.root / CONTENT_DIR
    if not content.is_dir():
        return pages, [Problem(CONTENT_DIR, "(folder)", "missing; it holds one folder per language")]
    for folder in sorted(p for p in content.iterdir() if p.is_dir()):
        if folder.name not in config.codes:
            problems.append(Problem(f"{CONTENT_DIR}/{folder.name}", "(folder)",
                                    f"language {folder.name!r} is not configured in project.yml "
                                    f"(configured: {', '.join(config.codes)})"))
    for lang in config.codes:
        folder = content / lang
        if not folder.is_dir():
            problems.append(Problem(f"{CONTENT_DIR}/{lang}", "(folder)", "missing language folder"))
            continue
        for file in sorted(folder.rglob("*.md")):
            page, page_problems = load_page(file, lang, folder, config.root)
            problems.extend(page_problems)
            if page is not None:
                pages.append(page)
    return pages, problems


def load_page(file: Path, lang: str, folder: Path, root: Path) -> tuple[Page | None, list[Problem]]:
    rel = file.relative_to(root).as_posix()
    path = file.relative_to(folder).as_posix()
    if path in GENERATED_PAGES:
        return None, [Problem(rel, "(path)", f"{path} is generated by the builder; rename the page")]
    if path.split("/", 1)[0] in GENERATED_DIRS:
        return None, [Problem(rel, "(path)", f"{path.split('/', 1)[0]}/ is generated by the "
                              "builder; move the page elsewhere")]
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return None, [Problem(rel, "(file)", f"not UTF-8 text: {error.reason}")]
    meta: Any = {}
    body = text
    match = _FRONT_MATTER_RE.match(text)
    if match:
        meta, problems = parse_yaml(match.group(1) or "", rel)
        if problems:
            # Front matter starts on the file's second line.
            return None, [_shift_line(p, 1) for p in problems]
        body = text[match.end():]
        if meta is None:
            meta = {}
        if not isinstance(meta, dict):
            return None, [Problem(rel, "front matter", f"expected a mapping, got {type_name(meta)}")]
    title = meta.get("title")
    if title is not None and (not isinstance(title, str) or not title.strip()):
        return None, [Problem(rel, "front matter.title", "expected a non-empty single-line text")]
    if title is None:
        heading = _H1_RE.search(body)
        if heading is None:
            return None, [Problem(rel, "title", "no `# Heading` and no `title:` in front matter")]
        title = heading.group(1)
    return Page(lang=lang, path=path, file=file, title=title.strip()), []


def _shift_line(problem: Problem, by: int) -> Problem:
    match = re.match(r"line (\d+)(.*)", problem.field)
    if not match:
        return problem
    return Problem(problem.path, f"line {int(match.group(1)) + by}{match.group(2)}", problem.message)


# -- Shared MkDocs configuration ----------------------------------------------------------------

class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose MkDocs-specific tags (!ENV, !!python/name) we only pass through."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_base_site(root: Path) -> BaseSite:
    file = root / BASE_CONFIG
    try:
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except FileNotFoundError:
        raise BuildError([Problem(BASE_CONFIG, "(file)", "missing")]) from None
    except yaml.MarkedYAMLError as error:
        raise BuildError([Problem(BASE_CONFIG, *describe_yaml_error(error))]) from None
    if not isinstance(data, dict):
        raise BuildError([Problem(BASE_CONFIG, "(file)", "expected a mapping")])
    problems: list[Problem] = []
    site_name = data.get("site_name")
    if not isinstance(site_name, str) or not site_name.strip():
        problems.append(Problem(BASE_CONFIG, "site_name", "missing required field"))
    nav = _nav_items(data.get("nav"), "nav", problems)
    plugins = data.get("plugins") or ()
    if not isinstance(plugins, list):
        problems.append(Problem(BASE_CONFIG, "plugins", "expected a list"))
        plugins = []
    if problems:
        raise BuildError(problems)
    return BaseSite(file=file, site_name=str(site_name), nav=nav, plugins=tuple(plugins),
                    site_description=data.get("site_description"),
                    site_url=data.get("site_url") or None)


def _nav_items(value: object, field: str, problems: list[Problem]) -> tuple[NavItem, ...]:
    if not isinstance(value, list):
        problems.append(Problem(BASE_CONFIG, field, "expected a list of pages and sections"))
        return ()
    items: list[NavItem] = []
    for i, entry in enumerate(value):
        where = f"{field}[{i}]"
        if isinstance(entry, str):
            items.append(NavItem(title=None, path=entry))
        elif isinstance(entry, dict) and len(entry) == 1:
            ((title, target),) = entry.items()
            if isinstance(target, str):
                items.append(NavItem(title=str(title), path=target))
            else:
                items.append(NavItem(title=str(title), path=None,
                                     children=_nav_items(target, f"{where}.{title}", problems)))
        else:
            problems.append(Problem(BASE_CONFIG, where, "expected `page.md` or `Title: page.md` "
                                    "or `Title: [...]`"))
    return tuple(items)
