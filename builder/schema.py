"""Field specifications of the YAML sources: one declaration serves validation and JSON Schema.

Each kind of YAML file is described once, here. `check_fields` turns a parsed mapping into
problems (unknown, missing, wrongly typed or empty fields); `json_schema` turns the same
declaration into the JSON Schema that editors use to validate and autocomplete while authors type.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from builder.problems import Problem

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""Ids are lowercase slugs: they become file and URL names, so nothing else is allowed."""

LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")
"""A BCP 47 language tag as used for folders and catalogues (`pl`, `pt-BR`)."""

Kind = Literal["slug", "text", "line", "line-list", "slug-list", "text-list", "mapping", "bool",
               "percent", "count", "quiz-type"]


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    required: bool
    description: str


# -- Field declarations -------------------------------------------------------------------------

PROJECT_FIELDS = (
    Field("default_language", "line", True,
          "Code of the default language; it must be listed in `languages`."),
    Field("languages", "mapping", True,
          "The site's languages, one line each: `- {code: da, alphabet: ...}`."),
)

LANGUAGE_FIELDS = (
    Field("code", "line", True, "BCP 47 code: folder name under content/, section key in glossary files."),
    Field("alphabet", "line", False, "The alphabet in its sort order, letters separated by spaces. "
          "Letters outside it sort as their unaccented base letter. Default: a to z."),
)

CONCEPT_FIELDS = (
    Field("id", "slug", True, "Lowercase slug; must equal the file name without `.yml`."),
    Field("related", "slug-list", False, "Ids of related concepts."),
    Field("confused_with", "slug-list", False, "Ids of concepts this one is often confused with."),
    Field("sources", "line-list", False, "Citations backing the definition."),
    Field("tags", "slug-list", False, "Free tags (lowercase slugs), e.g. `core`."),
)

CONCEPT_LANG_FIELDS = (
    Field("term", "line", True, "The preferred term, in lower case unless it is a name."),
    Field("synonyms", "line-list", False, "Admitted synonyms and near-synonyms."),
    Field("forms", "line-list", False, "Inflected forms of the term (dysonansu, dysonansem) that "
          "site search should find the concept by; they are indexed, not shown."),
    Field("definition", "text", True, "One or two sentences; the first sentence is the short definition."),
    Field("example", "text", True, "A concrete example from sales or service."),
    Field("notes", "text", False, "Usage notes, scope, pitfalls."),
)


MISCONCEPTION_FIELDS = (
    Field("id", "slug", True, "Lowercase slug; must equal the file name without `.yml`. Stable: "
          "quizzes use it."),
    Field("concept", "slug", True, "Id of the concept that is right, linked from the card."),
    Field("confused_with", "slug-list", False, "Ids of the concepts the wrong belief mixes it up with."),
)

MISCONCEPTION_LANG_FIELDS = (
    Field("claim", "text", True, "The wrong belief, stated as people say it."),
    Field("why_wrong", "text", True, "Why it is wrong, and what the right concept is."),
)


QUIZ_TYPES = ("single", "multiple", "true-false", "spot-misconception")

QUIZ_FIELDS = (
    Field("id", "slug", True, "Lowercase slug; must equal the file name without `.yml`."),
    Field("pass_mark", "percent", True, "Percent of the score needed to pass (0 to 100)."),
    Field("shuffle_questions", "bool", False, "Shuffle the questions (kept per reader). Default: no."),
    Field("shuffle_options", "bool", False, "Shuffle each question's options. Default: no."),
    Field("draw", "count", False, "Ask only this many questions, drawn at random from the pool."),
    Field("results", "mapping", True, "Score bands `{from: 0, to: 49}` covering 0 to 100 in order; "
          "each language gives one message per band."),
    Field("questions", "mapping", True, "The questions, in order."),
)

QUIZ_LANG_FIELDS = (
    Field("title", "line", True, "The quiz's title."),
    Field("intro", "text", True, "What the quiz checks, shown above the questions."),
    Field("results", "text-list", True, "One message per score band, in the bands' order."),
)

BAND_FIELDS = (
    Field("from", "percent", True, "Lowest percent of the band."),
    Field("to", "percent", True, "Highest percent of the band."),
)

QUESTION_FIELDS = (
    Field("id", "slug", True, "Stable id of the question within the quiz."),
    Field("type", "quiz-type", True, "single, multiple, true-false or spot-misconception."),
    Field("options", "mapping", False, "The options (not for true-false): `{id: a, correct: true}`."),
    Field("answer", "bool", False, "true-false only: whether the statement is true."),
    Field("misconception", "slug", False, "true-false only: the card the wrong answer embodies."),
)

OPTION_FIELDS = (
    Field("id", "slug", True, "Stable id of the option within the question."),
    Field("correct", "bool", False, "Whether choosing it is right. Default: no."),
    Field("misconception", "slug", False, "Id of the misconception card this wrong option embodies."),
)

QUESTION_LANG_FIELDS = (
    Field("prompt", "text", True, "The question, or for true-false the statement to judge."),
    Field("options", "mapping", False, "Option id → its text (not for true-false)."),
    Field("feedback", "mapping", True, "Option id (true/false for true-false) → why it is right or wrong."),
    Field("explanation", "text", True, "The key idea, shown after checking; may link concepts."),
)


# -- Team self-assessment (quizzes/assessment/<id>.yml) -----------------------------------------

SCALE = ("never", "rarely", "sometimes", "often", "always")
"""The five-point frequency scale; answers are stored as 1 (never) to 5 (always)."""
DONT_KNOW = "dont-know"
"""The extra answer that counts in no score."""

ASSESSMENT_FIELDS = (
    Field("id", "slug", True, "Lowercase slug; must equal the file name without `.yml`. Stable: "
          "members' answer files name it."),
    Field("version", "count", True, "The instrument's version; raise it when statements change "
          "meaning, so that older answer files are refused rather than misread."),
    Field("bands", "mapping", True, "Score bands `{from: 0, to: 44, level: attention}` covering 0 "
          "to 100 in order; each dimension uses them unless it has its own."),
    Field("dimensions", "mapping", True, "The dimensions, in order."),
)

ASSESSMENT_LANG_FIELDS = (
    Field("title", "line", True, "The instrument's title."),
    Field("intro", "text", True, "Who answers and how, shown above the statements."),
    Field("scale", "mapping", True, "Labels of the answers: " + ", ".join((*SCALE, DONT_KNOW)) + "."),
    Field("levels", "mapping", True, "Level id → its name, for every level the bands use."),
)

LEVEL_BAND_FIELDS = (
    Field("from", "percent", True, "Lowest score of the band."),
    Field("to", "percent", True, "Highest score of the band."),
    Field("level", "slug", True, "The level this band stands for."),
)

DIMENSION_FIELDS = (
    Field("id", "slug", True, "Stable id of the dimension."),
    Field("statements", "mapping", True, "The statements: `{id: thanks-same-day}`, with "
          "`reverse: true` for one that describes a bad practice."),
    Field("bands", "mapping", False, "This dimension's own score bands, if it needs other cut points."),
)

STATEMENT_FIELDS = (
    Field("id", "slug", True, "Stable id of the statement, unique in the instrument; answer files "
          "use it."),
    Field("reverse", "bool", False, "Reverse-worded: \"always\" scores lowest. Default: no."),
)

DIMENSION_LANG_FIELDS = (
    Field("title", "line", True, "The dimension's name."),
    Field("description", "text", True, "One sentence on what it covers."),
    Field("statements", "mapping", True, "Statement id → its text."),
    Field("bands", "mapping", True, "Level id → `{message, recommendations}`."),
)

DIMENSION_BAND_LANG_FIELDS = (
    Field("message", "text", True, "Where a team at this level stands."),
    Field("recommendations", "text-list", True, "Two or three next steps, with glossary or page links."),
)


# -- Checking -----------------------------------------------------------------------------------

_KIND_NAMES = {
    "slug": "a lowercase slug",
    "text": "a text",
    "line": "a single-line text",
    "line-list": "a list of single-line texts",
    "slug-list": "a list of lowercase slugs",
    "text-list": "a list of texts",
    "mapping": "a list or mapping",
    "bool": "true or false",
    "percent": "a whole number from 0 to 100",
    "count": "a whole number of at least 1",
    "quiz-type": "one of " + ", ".join(QUIZ_TYPES),
}


def type_name(value: object) -> str:
    """Name a parsed YAML value's type the way an author thinks of it."""
    names = {bool: "true/false", int: "a number", float: "a number", str: "a text",
             list: "a list", dict: "a mapping", type(None): "nothing"}
    return names.get(type(value), type(value).__name__)


def check_fields(data: object, fields: tuple[Field, ...], path: str, prefix: str = "",
                 extra_keys: tuple[str, ...] = (),
                 reported_elsewhere: frozenset[str] = frozenset()) -> list[Problem]:
    """Check one mapping against its declared fields.

    `extra_keys` are allowed besides the fields (a concept's language sections);
    `reported_elsewhere` are unknown keys the caller reports with a better message.
    """
    where = prefix.rstrip(".") or "(top level)"
    if not isinstance(data, dict):
        return [Problem(path, where, f"expected a mapping of fields, got {type_name(data)}")]
    problems: list[Problem] = []
    known = {f.name: f for f in fields}
    allowed = [*known, *extra_keys]
    for key in data:
        if str(key) in known or str(key) in extra_keys or str(key) in reported_elsewhere:
            continue
        guess = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f"did you mean {guess[0]!r}? " if guess else ""
        problems.append(Problem(path, f"{prefix}{key}",
                                f"unknown field ({hint}allowed: {', '.join(allowed)})"))
    for field in fields:
        name = f"{prefix}{field.name}"
        if field.name not in data or data[field.name] is None:
            if field.required:
                problems.append(Problem(path, name, "missing required field"))
            continue
        problems.extend(_check_value(data[field.name], field.kind, path, name))
    return problems


def _check_value(value: Any, kind: Kind, path: str, name: str) -> list[Problem]:
    if kind == "mapping":
        return []  # checked by the caller, which knows the nested fields
    if kind == "bool":
        return [] if isinstance(value, bool) else [
            Problem(path, name, f"expected true or false, got {type_name(value)}")]
    if kind in ("percent", "count"):
        low, high = (0, 100) if kind == "percent" else (1, 10**6)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return [Problem(path, name, f"expected {_KIND_NAMES[kind]}, got {value!r}")]
        return []
    if kind == "quiz-type":
        return [] if value in QUIZ_TYPES else [
            Problem(path, name, f"{value!r} is not a question type ({', '.join(QUIZ_TYPES)})")]
    if kind.endswith("-list"):
        if not isinstance(value, list):
            return [Problem(path, name, f"expected {_KIND_NAMES[kind]}, got {type_name(value)}")]
        item_kind: Kind = kind.removesuffix("-list")  # type: ignore[assignment]
        problems: list[Problem] = []
        for i, item in enumerate(value):
            problems.extend(_check_value(item, item_kind, path, f"{name}[{i}]"))
        return problems
    if not isinstance(value, str):
        return [Problem(path, name, f"expected {_KIND_NAMES[kind]}, got {type_name(value)}")]
    if not value.strip():
        return [Problem(path, name, "is empty")]
    if kind == "line" and "\n" in value.strip():
        return [Problem(path, name, "must be a single line")]
    if kind == "slug" and not SLUG_RE.match(value):
        return [Problem(path, name, f"{value!r} is not a lowercase slug (a-z, 0-9, single hyphens)")]
    if kind in ("text", "line") and _RAW_HTML_RE.search(value):
        return [Problem(path, name, "raw HTML is not allowed; use Markdown")]
    return []


_RAW_HTML_RE = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*|/[A-Za-z]|!--)")


# -- JSON Schema --------------------------------------------------------------------------------

def _json_type(kind: Kind) -> dict[str, Any]:
    if kind == "bool":
        return {"type": "boolean"}
    if kind == "percent":
        return {"type": "integer", "minimum": 0, "maximum": 100}
    if kind == "count":
        return {"type": "integer", "minimum": 1}
    if kind == "quiz-type":
        return {"enum": list(QUIZ_TYPES)}
    if kind.endswith("-list"):
        return {"type": "array", "items": _json_type(kind.removesuffix("-list"))}  # type: ignore[arg-type]
    if kind == "slug":
        return {"type": "string", "pattern": SLUG_RE.pattern}
    if kind == "line":
        return {"type": "string", "minLength": 1, "pattern": r"^[^\n]*\S[^\n]*$"}
    return {"type": "string", "minLength": 1, "pattern": r"\S"}


def _object(fields: tuple[Field, ...], **extra: Any) -> dict[str, Any]:
    properties = {f.name: {"description": f.description, **_json_type(f.kind)}
                  for f in fields if f.kind != "mapping"}
    return {
        "type": "object",
        "properties": properties,
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
        **extra,
    }


def _language_key_pattern(fields: tuple[Field, ...]) -> str:
    """LANG_RE, except for field names that happen to look like language codes (`id`)."""
    clashes = "|".join(f.name for f in fields if LANG_RE.match(f.name))
    return f"^(?!(?:{clashes})$)" + LANG_RE.pattern[1:] if clashes else LANG_RE.pattern


def json_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of each kind of YAML file, keyed by its file name under `schemas/`."""
    base = "https://json-schema.org/draft/2020-12/schema"
    concept_lang = _object(CONCEPT_LANG_FIELDS, description="The concept in one language.")
    concept = _object(CONCEPT_FIELDS, title="Glossary concept",
                      description="One concept; language-independent fields plus one section per "
                      "configured language, keyed by its code.",
                      patternProperties={_language_key_pattern(CONCEPT_FIELDS):
                                         {"$ref": "#/$defs/language_section"}})
    concept["$defs"] = {"language_section": concept_lang}
    misconception = _object(MISCONCEPTION_FIELDS, title="Misconception card",
                            description="A common wrong belief; one section per language.",
                            patternProperties={_language_key_pattern(MISCONCEPTION_FIELDS):
                                               {"$ref": "#/$defs/language_section"}})
    misconception["$defs"] = {"language_section": _object(MISCONCEPTION_LANG_FIELDS)}
    question = _object(QUESTION_FIELDS, patternProperties={
        _language_key_pattern(QUESTION_FIELDS): {"$ref": "#/$defs/question_text"}})
    question["properties"]["options"] = {"type": "array", "items": _object(OPTION_FIELDS)}
    question_text = _object(QUESTION_LANG_FIELDS)
    for name in ("options", "feedback"):
        question_text["properties"][name] = {
            "type": "object", "additionalProperties": {"type": "string", "minLength": 1}}
    quiz = _object(QUIZ_FIELDS, title="Quiz", description="A quiz: language-independent structure "
                   "and scoring, plus one section per language.",
                   patternProperties={_language_key_pattern(QUIZ_FIELDS):
                                      {"$ref": "#/$defs/quiz_text"}})
    quiz["properties"]["results"] = {"type": "array", "minItems": 1, "items": _object(BAND_FIELDS)}
    quiz["properties"]["questions"] = {"type": "array", "minItems": 1,
                                       "items": {"$ref": "#/$defs/question"}}
    quiz["$defs"] = {"quiz_text": _object(QUIZ_LANG_FIELDS), "question": question,
                     "question_text": question_text}
    texts = {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}}
    level_bands = {"type": "array", "minItems": 1, "items": _object(LEVEL_BAND_FIELDS)}
    assessment_text = _object(ASSESSMENT_LANG_FIELDS)
    assessment_text["properties"]["scale"] = {
        "type": "object", "required": [*SCALE, DONT_KNOW], "additionalProperties": False,
        "properties": {k: {"type": "string", "minLength": 1} for k in (*SCALE, DONT_KNOW)}}
    assessment_text["properties"]["levels"] = texts
    dimension_text = _object(DIMENSION_LANG_FIELDS)
    dimension_text["properties"]["statements"] = texts
    dimension_text["properties"]["bands"] = {
        "type": "object", "additionalProperties": _object(DIMENSION_BAND_LANG_FIELDS)}
    dimension = _object(DIMENSION_FIELDS, patternProperties={
        _language_key_pattern(DIMENSION_FIELDS): {"$ref": "#/$defs/dimension_text"}})
    dimension["properties"]["statements"] = {"type": "array", "minItems": 1,
                                             "items": _object(STATEMENT_FIELDS)}
    dimension["properties"]["bands"] = level_bands
    assessment = _object(ASSESSMENT_FIELDS, title="Team self-assessment",
                         description="The instrument: dimensions of statements answered on a "
                         "five-point frequency scale, score bands with levels, and one section "
                         "per language.",
                         patternProperties={_language_key_pattern(ASSESSMENT_FIELDS):
                                            {"$ref": "#/$defs/assessment_text"}})
    assessment["properties"]["bands"] = level_bands
    assessment["properties"]["dimensions"] = {"type": "array", "minItems": 1,
                                              "items": {"$ref": "#/$defs/dimension"}}
    assessment["$defs"] = {"assessment_text": assessment_text, "dimension": dimension,
                           "dimension_text": dimension_text}
    project = _object(PROJECT_FIELDS, title="Project configuration")
    project["properties"]["languages"] = {
        "description": PROJECT_FIELDS[1].description,
        "type": "array", "minItems": 1,
        "items": _object(LANGUAGE_FIELDS) | {
            "properties": {**_object(LANGUAGE_FIELDS)["properties"],
                           "code": {"type": "string", "pattern": LANG_RE.pattern,
                                    "description": LANGUAGE_FIELDS[0].description}}},
    }
    project["properties"]["default_language"]["pattern"] = LANG_RE.pattern
    return {
        "glossary.schema.json": {"$schema": base, **concept},
        "misconception.schema.json": {"$schema": base, **misconception},
        "quiz.schema.json": {"$schema": base, **quiz},
        "assessment.schema.json": {"$schema": base, **assessment},
        "project.schema.json": {"$schema": base, **project},
    }


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas().items():
        path = folder / name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
