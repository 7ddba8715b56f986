"""Load stage: YAML and Markdown sources into the content model, collecting every problem.

Loading checks each file on its own (syntax, fields, types). Checks that need the whole project
(references, duplicates, coverage) belong to `validate`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from builder.config import ProjectConfig, load_config
from builder.model import (
    Assessment,
    AssessmentText,
    Band,
    BaseSite,
    Concept,
    ConceptText,
    Dimension,
    DimensionText,
    LevelText,
    Misconception,
    MisconceptionText,
    NavItem,
    Option,
    Page,
    Project,
    Question,
    QuestionText,
    Quiz,
    QuizText,
    Statement,
)
from builder.problems import BuildError, Problem
from builder.schema import (
    ASSESSMENT_FIELDS,
    ASSESSMENT_LANG_FIELDS,
    BAND_FIELDS,
    CONCEPT_FIELDS,
    CONCEPT_LANG_FIELDS,
    DIMENSION_BAND_LANG_FIELDS,
    DIMENSION_FIELDS,
    DIMENSION_LANG_FIELDS,
    DONT_KNOW,
    LANG_RE,
    LEVEL_BAND_FIELDS,
    MISCONCEPTION_FIELDS,
    MISCONCEPTION_LANG_FIELDS,
    OPTION_FIELDS,
    QUESTION_FIELDS,
    QUESTION_LANG_FIELDS,
    QUIZ_FIELDS,
    QUIZ_LANG_FIELDS,
    SCALE,
    STATEMENT_FIELDS,
    Field,
    check_fields,
    type_name,
)
from builder.yamlio import describe_yaml_error, parse_yaml, read_yaml

GLOSSARY_DIR = "glossary"
MISCONCEPTIONS_DIR = "glossary/misconceptions"
QUIZZES_DIR = "quizzes"
ASSESSMENT_DIR = "quizzes/assessment"
CONTENT_DIR = "content"
BASE_CONFIG = "mkdocs.yml"
GENERATED_DIRS = ("glossary", "quizzes", "assessment")
"""Folders of each language's site that the builder writes; hand-written pages may not use them."""
GENERATED_PAGES = ("misconceptions.md",)
"""Pages the builder writes at the top of each language's site."""

T = TypeVar("T")

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.DOTALL)
_H1_RE = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def load_project(root: Path) -> tuple[Project, list[Problem]]:
    """Load everything under `root`. A broken `project.yml` or `mkdocs.yml` raises BuildError,
    since nothing else can be checked without them; other problems are returned."""
    config = load_config(root)
    site = load_base_site(root)
    concepts, concept_problems = load_glossary(config)
    misconceptions, misconception_problems = load_misconceptions(config)
    quizzes, quiz_problems = load_quizzes(config)
    assessment, assessment_problems = load_assessment(config)
    pages, page_problems = load_pages(config)
    project = Project(config=config, site=site, concepts=tuple(concepts), pages=tuple(pages),
                      misconceptions=tuple(misconceptions), quizzes=tuple(quizzes),
                      assessment=assessment)
    return project, [*concept_problems, *misconception_problems, *quiz_problems,
                     *assessment_problems, *page_problems]


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files directly in `folder`, sorted; none if it does not exist."""
    return sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]) if folder.is_dir() else []


def _load_each(files: list[Path], config: ProjectConfig,
               load_one: Callable[[Path, ProjectConfig], tuple[T | None, list[Problem]]],
               ) -> tuple[list[T], list[Problem]]:
    """Load every file; keep the entries that loaded and every problem."""
    entries: list[T] = []
    problems: list[Problem] = []
    for file in files:
        entry, file_problems = load_one(file, config)
        problems.extend(file_problems)
        if entry is not None:
            entries.append(entry)
    return entries, problems


# -- Glossary -----------------------------------------------------------------------------------

def glossary_files(root: Path) -> list[Path]:
    return yaml_files(root / GLOSSARY_DIR)


def load_glossary(config: ProjectConfig) -> tuple[list[Concept], list[Problem]]:
    return _load_each(glossary_files(config.root), config, load_concept)


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
    return yaml_files(root / MISCONCEPTIONS_DIR)


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


# -- Quizzes ------------------------------------------------------------------------------------

def quiz_files(root: Path) -> list[Path]:
    return yaml_files(root / QUIZZES_DIR)


def load_quizzes(config: ProjectConfig) -> tuple[list[Quiz], list[Problem]]:
    return _load_each(quiz_files(config.root), config, load_quiz)


def load_quiz(file: Path, config: ProjectConfig) -> tuple[Quiz | None, list[Problem]]:
    """One quiz file: its own structure, every question and option, every language."""
    rel, data, problems = load_multilingual(file, config, QUIZ_FIELDS, QUIZ_LANG_FIELDS)
    if data is None:
        # Without a readable top level there is nothing more to say about the questions.
        raw, _ = read_yaml(file, rel)
        if not isinstance(raw, dict) or not isinstance(raw.get("questions"), list):
            return None, problems
        data = raw
    bands = _load_bands(data.get("results"), rel, problems)
    questions = _load_questions(data.get("questions"), rel, config, problems)
    for lang in config.codes:
        section = data.get(lang)
        messages = section.get("results") if isinstance(section, dict) else None
        if bands and isinstance(messages, list) and len(messages) != len(bands):
            problems.append(Problem(rel, f"{lang}.results", f"expected {len(bands)} messages, one "
                                    f"per score band, got {len(messages)}"))
    draw = data.get("draw")
    if isinstance(draw, int) and questions and draw > len(questions):
        problems.append(Problem(rel, "draw", f"cannot draw {draw} questions from {len(questions)}"))
    if problems:
        return None, problems
    return Quiz(
        id=data["id"], source=rel, pass_mark=data["pass_mark"],
        shuffle_questions=bool(data.get("shuffle_questions")),
        shuffle_options=bool(data.get("shuffle_options")),
        draw=draw, bands=tuple(bands), questions=tuple(questions),
        texts={lang: QuizText(title=data[lang]["title"].strip(), intro=data[lang]["intro"].strip(),
                              results=tuple(m.strip() for m in data[lang]["results"]))
               for lang in config.codes},
    ), []


def _load_bands(value: object, rel: str, problems: list[Problem], name: str = "results",
                fields: tuple[Field, ...] = BAND_FIELDS) -> list[Band]:
    if not isinstance(value, list) or not value:
        if value is not None:
            problems.append(Problem(rel, name, "expected a list of score bands"))
        return []
    bands: list[Band] = []
    for i, entry in enumerate(value):
        entry_problems = check_fields(entry, fields, rel, f"{name}[{i}].")
        problems.extend(entry_problems)
        if not entry_problems:
            bands.append(Band(entry["from"], entry["to"], entry.get("level")))
    if len(bands) == len(value):
        expected = 0
        for i, band in enumerate(bands):
            if band.low != expected or band.high < band.low:
                problems.append(Problem(rel, f"{name}[{i}]", f"bands must cover 0 to 100 in order "
                                        f"without gaps: expected from {expected}"))
                break
            expected = band.high + 1
        else:
            if expected != 101:
                problems.append(Problem(rel, f"{name}[{len(bands) - 1}].to",
                                        "the last band must end at 100"))
    return bands


def _load_questions(value: object, rel: str, config: ProjectConfig,
                    problems: list[Problem]) -> list[Question]:
    if not isinstance(value, list):
        return []
    questions: list[Question] = []
    seen: set[str] = set()
    for i, entry in enumerate(value):
        where = f"questions[{i}]"
        before = len(problems)
        problems.extend(check_fields(entry, QUESTION_FIELDS, rel, f"{where}.",
                                     extra_keys=config.codes))
        if not isinstance(entry, dict):
            continue
        qid = entry.get("id")
        if isinstance(qid, str):
            if qid in seen:
                problems.append(Problem(rel, f"{where}.id", f"duplicate question id {qid!r}"))
            seen.add(qid)
        options = _load_options(entry, rel, where, problems)
        for lang in config.codes:
            if entry.get(lang) is None:
                problems.append(Problem(rel, f"{where}.{lang}", "missing language section "
                                        f"(every question needs {', '.join(config.codes)})"))
            _check_question_text(entry.get(lang), options, rel, f"{where}.{lang}", problems)
        if len(problems) == before:
            questions.append(Question(
                id=qid, type=entry["type"], options=tuple(options),
                texts={lang: _question_text(entry[lang], options) for lang in config.codes}))
    return questions


def _load_options(entry: dict[str, Any], rel: str, where: str,
                  problems: list[Problem]) -> list[Option]:
    kind = entry.get("type")
    if kind == "true-false":
        if "options" in entry:
            problems.append(Problem(rel, f"{where}.options", "a true-false question has no options; "
                                    "give `answer: true` or `answer: false`"))
        if not isinstance(entry.get("answer"), bool):
            problems.append(Problem(rel, f"{where}.answer", "a true-false question needs "
                                    "`answer: true` or `answer: false`"))
            return []
        answer = entry["answer"]
        card = entry.get("misconception")
        return [Option("true", answer, None if answer else card),
                Option("false", not answer, card if answer else None)]
    for name in ("answer", "misconception"):
        if name in entry:
            problems.append(Problem(rel, f"{where}.{name}", "only true-false questions have it; "
                                    "put it on the options"))
    value = entry.get("options")
    if not isinstance(value, list) or len(value) < 2:
        problems.append(Problem(rel, f"{where}.options", "expected a list of at least 2 options"))
        return []
    options: list[Option] = []
    for j, item in enumerate(value):
        item_problems = check_fields(item, OPTION_FIELDS, rel, f"{where}.options[{j}].")
        problems.extend(item_problems)
        if item_problems:
            continue
        if item["id"] in {o.id for o in options}:
            problems.append(Problem(rel, f"{where}.options[{j}].id",
                                    f"duplicate option id {item['id']!r}"))
        options.append(Option(item["id"], bool(item.get("correct")), item.get("misconception")))
    correct = sum(o.correct for o in options)
    if kind in ("single", "spot-misconception") and correct != 1 and len(options) == len(value):
        problems.append(Problem(rel, f"{where}.options", f"a {kind} question needs exactly one "
                                f"correct option, found {correct}"))
    if kind == "multiple" and correct == 0 and len(options) == len(value):
        problems.append(Problem(rel, f"{where}.options",
                                "a multiple question needs at least one correct option"))
    return options


def _check_question_text(section: object, options: list[Option], rel: str, where: str,
                         problems: list[Problem]) -> None:
    if not isinstance(section, dict):
        return  # reported by check_fields as missing or of the wrong type
    problems.extend(check_fields(section, QUESTION_LANG_FIELDS, rel, f"{where}."))
    ids = [o.id for o in options]
    is_true_false = ids == ["true", "false"] and not section.get("options")
    for name in ("options", "feedback"):
        value = section.get(name)
        if name == "options" and is_true_false:
            continue
        if not isinstance(value, dict):
            if value is not None or name == "options":
                problems.append(Problem(rel, f"{where}.{name}", "expected a mapping of option id "
                                        "to text"))
            continue
        for raw_key, text in value.items():
            # YAML reads a bare `true:` key as a boolean.
            key = str(raw_key).lower() if isinstance(raw_key, bool) else str(raw_key)
            if key not in ids:
                problems.append(Problem(rel, f"{where}.{name}.{key}", f"unknown option {key!r} "
                                        f"(options: {', '.join(ids)})"))
            problems.extend(_check_value_text(text, rel, f"{where}.{name}.{key}"))
        given = {str(k).lower() if isinstance(k, bool) else str(k) for k in value}
        for option_id in ids:
            if option_id not in given:
                problems.append(Problem(rel, f"{where}.{name}.{option_id}", "missing"))


def _check_value_text(value: object, rel: str, field: str) -> list[Problem]:
    """A single text value (an option's text or feedback), checked like any text field."""
    text_field = (Field("text", "text", True, ""),)
    return [Problem(p.path, field, p.message)
            for p in check_fields({"text": value}, text_field, rel)]


def _question_text(section: dict[str, Any], options: list[Option]) -> QuestionText:
    def keyed(value: dict[Any, str] | None) -> dict[str, str]:
        return {(str(k).lower() if isinstance(k, bool) else str(k)): v.strip()
                for k, v in (value or {}).items()}

    return QuestionText(prompt=section["prompt"].strip(), options=keyed(section.get("options")),
                        feedback=keyed(section["feedback"]),
                        explanation=section["explanation"].strip())


# -- Team self-assessment ------------------------------------------------------------------------

def assessment_files(root: Path) -> list[Path]:
    return yaml_files(root / ASSESSMENT_DIR)


def load_assessment(config: ProjectConfig) -> tuple[Assessment | None, list[Problem]]:
    """The one instrument under quizzes/assessment/ (the site has one assessment page)."""
    files = assessment_files(config.root)
    if not files:
        return None, []
    if len(files) > 1:
        names = ", ".join(f.name for f in files)
        return None, [Problem(ASSESSMENT_DIR, "(folder)", f"holds {len(files)} instruments "
                              f"({names}); the site has one assessment, keep one file")]
    file = files[0]
    rel, data, problems = load_multilingual(file, config, ASSESSMENT_FIELDS,
                                            ASSESSMENT_LANG_FIELDS)
    if data is None:
        raw, _ = read_yaml(file, rel)
        if not isinstance(raw, dict) or not isinstance(raw.get("dimensions"), list):
            return None, problems
        data = raw
    bands = _load_bands(data.get("bands"), rel, problems, "bands", LEVEL_BAND_FIELDS)
    levels = tuple(dict.fromkeys(b.level for b in bands if b.level))
    for lang in config.codes:
        section = data.get(lang)
        if isinstance(section, dict):
            _check_keyed_texts(section.get("scale"), (*SCALE, DONT_KNOW), rel, f"{lang}.scale",
                               problems, "answer")
            _check_keyed_texts(section.get("levels"), levels, rel, f"{lang}.levels", problems,
                               "level")
    dimensions = _load_dimensions(data.get("dimensions"), bands, rel, config, problems)
    if problems:
        return None, problems
    return Assessment(
        id=data["id"], source=rel, version=data["version"], levels=levels,
        dimensions=tuple(dimensions),
        texts={lang: AssessmentText(
            title=data[lang]["title"].strip(), intro=data[lang]["intro"].strip(),
            scale={k: v.strip() for k, v in data[lang]["scale"].items()},
            levels={k: v.strip() for k, v in data[lang]["levels"].items()})
            for lang in config.codes},
    ), []


def _load_dimensions(value: object, default_bands: list[Band], rel: str, config: ProjectConfig,
                     problems: list[Problem]) -> list[Dimension]:
    if not isinstance(value, list) or not value:
        if value is not None:
            problems.append(Problem(rel, "dimensions", "expected a list of dimensions"))
        return []
    dimensions: list[Dimension] = []
    seen_dimensions: set[str] = set()
    seen_statements: dict[str, str] = {}
    for i, entry in enumerate(value):
        where = f"dimensions[{i}]"
        before = len(problems)
        problems.extend(check_fields(entry, DIMENSION_FIELDS, rel, f"{where}.",
                                     extra_keys=config.codes))
        if not isinstance(entry, dict):
            continue
        did = entry.get("id")
        if isinstance(did, str):
            if did in seen_dimensions:
                problems.append(Problem(rel, f"{where}.id", f"duplicate dimension id {did!r}"))
            seen_dimensions.add(did)
        bands = (_load_bands(entry["bands"], rel, problems, f"{where}.bands", LEVEL_BAND_FIELDS)
                 if entry.get("bands") is not None else default_bands)
        levels = tuple(dict.fromkeys(b.level for b in bands if b.level))
        known_levels = {b.level for b in default_bands}
        for level in levels:
            if default_bands and level not in known_levels:
                problems.append(Problem(rel, f"{where}.bands", f"level {level!r} is not one of the "
                                        f"instrument's levels ({', '.join(sorted(known_levels))})"))
        statements: list[Statement] = []
        raw_statements = entry.get("statements")
        if isinstance(raw_statements, list) and raw_statements:
            for j, item in enumerate(raw_statements):
                item_problems = check_fields(item, STATEMENT_FIELDS, rel,
                                             f"{where}.statements[{j}].")
                problems.extend(item_problems)
                if item_problems:
                    continue
                if item["id"] in seen_statements:
                    problems.append(Problem(rel, f"{where}.statements[{j}].id",
                                            f"duplicate statement id {item['id']!r} (also in "
                                            f"{seen_statements[item['id']]}); answer files key "
                                            "answers by statement id"))
                seen_statements.setdefault(item["id"], where)
                statements.append(Statement(item["id"], bool(item.get("reverse"))))
        elif raw_statements is not None:
            problems.append(Problem(rel, f"{where}.statements", "expected a list of statements"))
        ids = [s.id for s in statements]
        for lang in config.codes:
            section = entry.get(lang)
            if section is None:
                problems.append(Problem(rel, f"{where}.{lang}", "missing language section "
                                        f"(every dimension needs {', '.join(config.codes)})"))
                continue
            section_problems = check_fields(section, DIMENSION_LANG_FIELDS, rel,
                                            f"{where}.{lang}.")
            problems.extend(section_problems)
            if not isinstance(section, dict):
                continue
            _check_keyed_texts(section.get("statements"), ids, rel, f"{where}.{lang}.statements",
                               problems, "statement")
            _check_level_texts(section.get("bands"), levels, rel, f"{where}.{lang}.bands",
                               problems)
        if len(problems) == before:
            dimensions.append(Dimension(
                id=did, statements=tuple(statements), bands=tuple(bands),
                texts={lang: _dimension_text(entry[lang]) for lang in config.codes}))
    return dimensions


def _check_keyed_texts(value: object, ids: tuple[str, ...] | list[str], rel: str, where: str,
                       problems: list[Problem], noun: str) -> None:
    """A mapping with one text for each id, and no other key."""
    if not isinstance(value, dict):
        return  # missing or of the wrong type: reported by check_fields
    for key, text in value.items():
        if str(key) not in ids:
            problems.append(Problem(rel, f"{where}.{key}", f"unknown {noun} {str(key)!r} "
                                    f"(expected: {', '.join(ids)})"))
        problems.extend(_check_value_text(text, rel, f"{where}.{key}"))
    for key in ids:
        if key not in value:
            problems.append(Problem(rel, f"{where}.{key}", "missing"))


def _check_level_texts(value: object, levels: tuple[str, ...], rel: str, where: str,
                       problems: list[Problem]) -> None:
    if not isinstance(value, dict):
        return
    for key, item in value.items():
        if str(key) not in levels:
            problems.append(Problem(rel, f"{where}.{key}", f"unknown level {str(key)!r} "
                                    f"(the bands use: {', '.join(levels)})"))
            continue
        problems.extend(check_fields(item, DIMENSION_BAND_LANG_FIELDS, rel, f"{where}.{key}."))
        steps = item.get("recommendations") if isinstance(item, dict) else None
        if isinstance(steps, list) and not 2 <= len(steps) <= 3:
            problems.append(Problem(rel, f"{where}.{key}.recommendations",
                                    f"give two or three next steps, not {len(steps)}"))
    for key in levels:
        if key not in value:
            problems.append(Problem(rel, f"{where}.{key}", "missing"))


def _dimension_text(section: dict[str, Any]) -> DimensionText:
    return DimensionText(
        title=section["title"].strip(), description=section["description"].strip(),
        statements={k: v.strip() for k, v in section["statements"].items()},
        levels={k: LevelText(message=v["message"].strip(),
                             recommendations=tuple(r.strip() for r in v["recommendations"]))
                for k, v in section["bands"].items()})


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
