"""Misconception cards: their concepts exist; a broken card is one problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import problem_lines

EXPECTED = {
    "bad-misconception": [
        "glossary/misconceptions/wrong.yml: concept: unknown concept 'pear'",
        "glossary/misconceptions/wrong.yml: confused_with[1]: unknown concept 'sun'",
        "glossary/misconceptions/wrong.yml: en.why_wrong: unknown concept 'moon' in [[moon]]",
    ],
    "cascade-broken-card": [
        "glossary/misconceptions/apple-is-a-boat.yml: line 2, column 10: invalid YAML: a [ "
        "opens here and is never closed; if it is part of a text, put the text in quotes",
    ],
}


@pytest.mark.parametrize("scenario", sorted(EXPECTED))
def test_each_mistake_is_reported_exactly(scenario: str, project: Callable[[str], Path]) -> None:
    assert problem_lines(project(scenario)) == EXPECTED[scenario]

