"""JSON Schemas of the YAML sources, written from the same declarations that validate them.

Editors that understand JSON Schema (VS Code's YAML extension, JetBrains IDEs) validate and
autocomplete while authors type, through the `# yaml-language-server: $schema=...` line at the
top of each file. The language sections are the project's configured languages.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from builder.fields import json_schema
from builder.sources import YAML_KINDS
from builder.sources.project import PROJECT

PROJECT_SCHEMA = "project.schema.json"


def json_schemas(languages: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The JSON Schema of each kind of YAML file, keyed by its file name under `schemas/`."""
    schemas = {kind.schema_file: json_schema(kind.declaration(), languages)
               for kind in YAML_KINDS}
    schemas[PROJECT_SCHEMA] = json_schema(PROJECT, ())
    return schemas


def write_schemas(folder: Path, languages: Sequence[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas(languages).items():
        path = folder / name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
