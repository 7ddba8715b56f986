"""The kinds of source, one module each, and the registry the pipeline loops over.

`project.yml` (the languages) and `mkdocs.yml` (the shared MkDocs configuration) come first and
are read by `project.py` and `site.py`; every other kind is in `KINDS`, in the order it is loaded
and rendered. To add a kind, write its module (see docs/architecture.md) and list it here.
"""

from __future__ import annotations

from builder.sources import assessment, catalogues, glossary, misconceptions, pages, quizzes
from builder.sources.base import Kind, YamlKind

KINDS: tuple[Kind, ...] = (
    glossary.KIND,
    misconceptions.KIND,
    quizzes.KIND,
    assessment.KIND,
    pages.KIND,
    catalogues.KIND,
)

YAML_KINDS: tuple[YamlKind, ...] = tuple(k for k in KINDS if isinstance(k, YamlKind))
"""The kinds with a JSON Schema for editors."""
