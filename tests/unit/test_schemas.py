"""The JSON Schemas editors use are written from the declarations that validate, at every depth."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from builder.schemas import json_schemas
from tests.conftest import REPO, ROOTS

LANGUAGES = ("en", "pl", "nl", "da")
SOURCES = {
    "glossary.schema.json": "glossary/*.yml",
    "misconception.schema.json": "glossary/misconceptions/*.yml",
    "quiz.schema.json": "quizzes/*.yml",
    "assessment.schema.json": "quizzes/assessment/*.yml",
    "project.schema.json": "project.yml",
}


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json_schemas(LANGUAGES)[name]
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_committed_schemas_match_the_field_declarations() -> None:
    for name, schema in json_schemas(LANGUAGES).items():
        committed = json.loads((REPO / "schemas" / name).read_text(encoding="utf-8"))
        assert committed == schema, f"schemas/{name} is stale: run `make schemas`"


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_each_schema_accepts_every_real_and_fixture_file(name: str) -> None:
    validator = _validator(name)
    files = [*REPO.glob(SOURCES[name]), *(ROOTS / "base").glob(SOURCES[name])]
    assert files
    for file in files:
        errors = list(validator.iter_errors(_load(file)))
        assert errors == [], f"{file}: {errors[0].message} at {list(errors[0].path)}"


def test_the_glossary_schema_rejects_what_validation_rejects() -> None:
    validator = _validator("glossary.schema.json")
    for scenario in ("unknown-field", "missing-field", "wrong-type", "empty-text", "bad-id",
                     "missing-language", "unconfigured-language"):
        for file in (ROOTS / scenario / "glossary").glob("*.yml"):
            assert list(validator.iter_errors(_load(file))), f"{scenario}/{file.name} passed"


def _mutated(data: dict[str, Any], path: list[str | int], value: object) -> dict[str, Any]:
    data = copy.deepcopy(data)
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize(("name", "path", "value"), [
    # Deep in a quiz: an option's flag, an option's text, a feedback text, a band's bound.
    ("quiz.schema.json", ["questions", 0, "options", 0, "correct"], "yes"),
    ("quiz.schema.json", ["questions", 0, "options", 0, "colour"], "red"),
    ("quiz.schema.json", ["questions", 0, "pl", "options", "a"], ""),
    ("quiz.schema.json", ["questions", 0, "da", "feedback", "a"], 7),
    ("quiz.schema.json", ["results", 0, "to"], 101),
    ("quiz.schema.json", ["questions", 0, "type"], "singel"),
    # Deep in the assessment: a statement flag, a level's recommendations, a scale label.
    ("assessment.schema.json", ["dimensions", 0, "statements", 0, "reverse"], "no"),
    ("assessment.schema.json", ["dimensions", 0, "en", "bands", "attention", "recommendations"],
     "one text"),
    ("assessment.schema.json", ["nl", "scale", "never"], ""),
    ("assessment.schema.json", ["dimensions", 0, "pl", "title"], "two\nlines"),
])
def test_schemas_check_every_depth(name: str, path: list[str | int], value: object) -> None:
    file = next((ROOTS / "base").glob(SOURCES[name]))
    validator = _validator(name)
    assert list(validator.iter_errors(_load(file))) == []
    assert list(validator.iter_errors(_mutated(_load(file), path, value))), path


def test_the_project_schema_knows_the_languages_fields() -> None:
    data = _load(REPO / "project.yml")
    assert list(_validator("project.schema.json").iter_errors(data)) == []
    data["languages"].append({"code": "xx", "colour": "red"})
    assert list(_validator("project.schema.json").iter_errors(data))
