"""Glossary concepts: every mistake in a concept file, named by file and field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import problem_lines

EXPECTED = {
    "unknown-field": [
        "glossary/apple.yml: colour: unknown field (allowed: id, related, confused_with, "
        "sources, tags, en, pl, nl, da)",
        "glossary/apple.yml: pl.plural: unknown field (allowed: term, synonyms, forms, "
        "definition, example, notes)",
    ],
    "missing-field": [
        "glossary/apple.yml: id: missing required field",
        "glossary/apple.yml: pl.definition: missing required field",
    ],
    "wrong-type": [
        "glossary/apple.yml: da: expected a mapping of fields, got a text",
        "glossary/apple.yml: en.synonyms: expected a list of single-line texts, got a text",
        "glossary/apple.yml: pl.term: expected a single-line text, got a list",
        "glossary/apple.yml: related: expected a list of lowercase slugs, got a text",
        "glossary/apple.yml: tags[1]: expected a lowercase slug, got a number (put it in quotes "
        "if it is a text)",
    ],
    "missing-language": [
        "glossary/apple.yml: da: missing language section (every entry needs en, pl, nl, da)",
    ],
    "empty-text": [
        "glossary/apple.yml: nl.example: is empty",
        "glossary/apple.yml: pl.definition: is empty",
    ],
    "bad-id": [
        "glossary/Bad_Name.yml: id: 'Bad_Name' is not a lowercase slug (a-z, 0-9, single "
        "hyphens)",
    ],
    "path-traversal": [
        "glossary/escape.yml: id: '../../etc/passwd' does not match the file name 'escape'",
        "glossary/escape.yml: id: '../../etc/passwd' is not a lowercase slug (a-z, 0-9, single "
        "hyphens)",
    ],
    "id-mismatch": [
        "glossary/apple.yml: id: 'pear' does not match the file name 'apple'",
    ],
    "duplicate-id": [
        "glossary/apple.yml: id: duplicate id 'apple' (also glossary/apple.yaml)",
    ],
    "duplicate-term": [
        "glossary/pear.yml: en.synonyms[0]: duplicate term 'Apple' (also in glossary/apple.yml)",
        "glossary/pear.yml: pl.term: duplicate term 'Łódź' (also in glossary/boat.yml)",
    ],
    "unknown-reference": [
        "glossary/lamp.yml: confused_with[1]: unknown concept 'nothing'",
        "glossary/lamp.yml: related[0]: unknown concept 'pear'",
        "glossary/lamp.yml: related[1]: a concept cannot refer to itself",
    ],
    "raw-html": [
        "glossary/lamp.yml: en.definition: raw HTML is not allowed; use Markdown",
        "glossary/lamp.yml: pl.example: raw HTML is not allowed; use Markdown",
    ],
    "unicode-duplicate": [
        "glossary/fig.yml: en.term: duplicate term 'ﬁg' (also in glossary/fig-tree.yml)",
        "glossary/pear.yml: da.term: duplicate term 'båd' (also in glossary/boat.yml)",
    ],
    "size-text": [
        "glossary/boat.yml: en.definition: is 5,008 characters long; the limit is 1,200",
    ],
    "size-first-sentence": [
        "glossary/boat.yml: en.definition: its first sentence is 412 characters long; it is "
        "every link's tooltip, keep it under 300",
    ],
}


@pytest.mark.parametrize("scenario", sorted(EXPECTED))
def test_each_mistake_is_reported_exactly(scenario: str, project: Callable[[str], Path]) -> None:
    assert problem_lines(project(scenario)) == EXPECTED[scenario]

