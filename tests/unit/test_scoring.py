"""Quiz scoring rules; the browser module (kb-quiz.js) must agree (see tests/browser/test_quiz.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from builder.load import load_project
from builder.scoring import question_score, score
from builder.sources.quizzes import Quiz


@pytest.fixture
def quiz(project: Callable[[str], Path]) -> Quiz:
    loaded, problems = load_project(project("base"))
    assert problems == []
    return loaded.quizzes[0]


def test_single_true_false_and_spot_give_a_point_only_for_the_right_option(quiz: Quiz) -> None:
    colour, _, floats, spot = quiz.questions
    assert question_score(colour, {"a"}) == 1
    assert question_score(colour, {"b"}) == 0
    assert question_score(colour, set()) == 0
    assert question_score(floats, {"true"}) == 1
    assert question_score(floats, {"false"}) == 0
    assert question_score(spot, {"a"}) == 1


def test_multiple_gives_partial_credit_and_never_below_zero(quiz: Quiz) -> None:
    fruits = quiz.questions[1]
    assert question_score(fruits, {"a", "b"}) == 1
    assert question_score(fruits, {"a"}) == 0.5
    assert question_score(fruits, {"a", "c"}) == 0
    assert question_score(fruits, {"c"}) == 0
    assert question_score(fruits, {"a", "b", "c"}) == 0.5


@pytest.mark.parametrize(("answers", "percent", "passed", "band", "full"), [
    ({"colour": {"a"}, "fruits": {"a", "b"}, "floats": {"true"}, "spot": {"a"}}, 100, True, 1, 4),
    ({"colour": {"b"}, "fruits": {"a"}, "floats": {"true"}}, 37, False, 0, 1),
    ({"colour": {"a"}, "fruits": {"a"}, "floats": {"false"}, "spot": {"a"}}, 62, True, 1, 2),
    ({}, 0, False, 0, 0),
])
def test_quiz_score_pass_and_band(quiz: Quiz, answers: dict[str, set[str]], percent: int,
                                  passed: bool, band: int, full: int) -> None:
    result = score(quiz, answers)
    assert (result.percent, result.passed, result.band, result.fully_correct) == (
        percent, passed, band, full)


def test_only_the_questions_asked_count(quiz: Quiz) -> None:
    result = score(quiz, {"colour": {"a"}}, asked=["colour", "floats"])
    assert (result.asked, result.percent) == (2, 50)
