"""The field declarations drive both validation and the JSON Schemas that editors use."""

from __future__ import annotations

import json

import jsonschema
import yaml

from builder.problems import Problem
from builder.schema import CONCEPT_LANG_FIELDS, check_fields, json_schemas
from tests.conftest import REPO, ROOTS


def test_committed_schemas_match_the_field_declarations() -> None:
    for name, schema in json_schemas().items():
        committed = json.loads((REPO / "schemas" / name).read_text(encoding="utf-8"))
        assert committed == schema, f"schemas/{name} is stale: run `make schemas`"


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json_schemas()[name]
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_glossary_schema_accepts_every_real_and_fixture_concept() -> None:
    validator = _validator("glossary.schema.json")
    files = [*(REPO / "glossary").glob("*.yml"), *(ROOTS / "base" / "glossary").glob("*.yml")]
    assert len(files) > 10
    for file in files:
        errors = list(validator.iter_errors(yaml.safe_load(file.read_text(encoding="utf-8"))))
        assert errors == [], f"{file}: {errors[0].message}"


def test_the_glossary_schema_rejects_what_validation_rejects() -> None:
    validator = _validator("glossary.schema.json")
    for scenario in ("unknown-field", "missing-field", "wrong-type", "empty-text", "bad-id"):
        for file in (ROOTS / scenario / "glossary").glob("*.yml"):
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
            assert list(validator.iter_errors(data)), f"{scenario}/{file.name} passed the schema"


def test_the_project_schema_accepts_the_real_configuration() -> None:
    data = yaml.safe_load((REPO / "project.yml").read_text(encoding="utf-8"))
    assert list(_validator("project.schema.json").iter_errors(data)) == []
    data["languages"].append({"code": "xx", "colour": "red"})
    assert list(_validator("project.schema.json").iter_errors(data))


def test_check_fields_suggests_the_field_meant() -> None:
    data = {"term": "x", "defintion": "y", "example": "z"}
    assert check_fields(data, CONCEPT_LANG_FIELDS, "g.yml", "en.") == [
        Problem("g.yml", "en.defintion", "unknown field (did you mean 'definition'? allowed: "
                "term, synonyms, forms, definition, example, notes)"),
        Problem("g.yml", "en.definition", "missing required field"),
    ]


def test_single_line_fields_refuse_line_breaks() -> None:
    data = {"term": "two\nlines", "definition": "d", "example": "e"}
    assert check_fields(data, CONCEPT_LANG_FIELDS, "g.yml", "pl.") == [
        Problem("g.yml", "pl.term", "must be a single line")]
