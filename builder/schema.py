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

Kind = Literal["slug", "text", "line", "line-list", "slug-list", "text-list", "mapping"]


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


# -- Checking -----------------------------------------------------------------------------------

_KIND_NAMES = {
    "slug": "a lowercase slug",
    "text": "a text",
    "line": "a single-line text",
    "line-list": "a list of single-line texts",
    "slug-list": "a list of lowercase slugs",
    "text-list": "a list of texts",
    "mapping": "a list or mapping",
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
