"""Quizzes: questions, options, feedback and bands, each mistake reported once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import problem_lines

EXPECTED = {
    "quiz-reserved-id": [
        "quizzes/review.yml: id: 'review' is the address of the quizzes' review page; choose "
        "another id (and file name)",
    ],
    "quiz-single-two-correct": [
        "quizzes/bad.yml: questions[0].options: a single question needs exactly one correct "
        "option, found 2",
    ],
    "quiz-multiple-no-correct": [
        "quizzes/bad.yml: questions[0].options: a multiple question needs at least one correct "
        "option",
    ],
    "quiz-unknown-feedback": [
        "quizzes/bad.yml: questions[0].da.feedback.c: unknown option 'c' (expected: a, b)",
        "quizzes/bad.yml: questions[0].en.feedback.c: unknown option 'c' (expected: a, b)",
        "quizzes/bad.yml: questions[0].nl.feedback.c: unknown option 'c' (expected: a, b)",
        "quizzes/bad.yml: questions[0].pl.feedback.c: unknown option 'c' (expected: a, b)",
    ],
    "quiz-missing-language": [
        "quizzes/bad.yml: da: missing language section (every entry needs en, pl, nl, da)",
        "quizzes/bad.yml: questions[0].da: missing language section (every question needs en, "
        "pl, nl, da)",
        "quizzes/bad.yml: questions[0].xx: language 'xx' is not configured in project.yml "
        "(configured: en, pl, nl, da)",
    ],
    "quiz-unknown-reference": [
        "quizzes/bad.yml: questions[0].da.explanation: unknown concept 'pear' in [[pear]]",
        "quizzes/bad.yml: questions[0].en.explanation: unknown concept 'pear' in [[pear]]",
        "quizzes/bad.yml: questions[0].nl.explanation: unknown concept 'pear' in [[pear]]",
        "quizzes/bad.yml: questions[0].pl.explanation: unknown concept 'pear' in [[pear]]",
    ],
    "quiz-unknown-page": [
        "quizzes/bad.yml: questions[0].da.explanation: link to 'nowhere.md': no page "
        "'nowhere.md' in content/da/ (link pages by file name, e.g. practices.md)",
        "quizzes/bad.yml: questions[0].en.explanation: link to 'nowhere.md': no page "
        "'nowhere.md' in content/en/ (link pages by file name, e.g. practices.md)",
        "quizzes/bad.yml: questions[0].nl.explanation: link to 'nowhere.md': no page "
        "'nowhere.md' in content/nl/ (link pages by file name, e.g. practices.md)",
        "quizzes/bad.yml: questions[0].pl.explanation: link to 'nowhere.md': no page "
        "'nowhere.md' in content/pl/ (link pages by file name, e.g. practices.md)",
    ],
    "quiz-bad-bands": [
        "quizzes/bad.yml: results[1]: bands must cover 0 to 100 in order without gaps: expected "
        "from 60",
    ],
    "quiz-unknown-misconception": [
        "quizzes/bad.yml: questions[0].options[1].misconception: unknown misconception "
        "'apples-are-pears'",
    ],
    "cascade-question-type": [
        "quizzes/basics.yml: questions[0].type: 'singel' is not a question type (did you mean "
        "'single'? single, multiple, true-false, spot-misconception)",
    ],
}


@pytest.mark.parametrize("scenario", sorted(EXPECTED))
def test_each_mistake_is_reported_exactly(scenario: str, project: Callable[[str], Path]) -> None:
    assert problem_lines(project(scenario)) == EXPECTED[scenario]

