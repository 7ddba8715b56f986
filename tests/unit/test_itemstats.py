"""builder/itemstats.py against the hand-worked classes of tests/vectors/quiz_results.json (the
browser's kb-results.js is checked against the same): every figure of every question, the
misconceptions in the page's order, the scores; then the rules the vectors do not spell out."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from builder.itemstats import QuizStats, half_up, quiz_stats
from builder.results import QuizResult
from tests.unit.test_results import QUIZ, VECTORS, answers_of

CLASSES = VECTORS["classes"]


def results_of(case: dict[str, Any]) -> list[QuizResult]:
    return [QuizResult(QUIZ.id, QUIZ.version, r["lang"], None, answers_of(r["answers"]))
            for r in case["results"]]


def stats_of(case: dict[str, Any]) -> QuizStats:
    return quiz_stats(QUIZ, results_of(case))


@pytest.mark.parametrize("case", CLASSES, ids=lambda c: c["name"][:40])
def test_questions_as_worked_out(case: dict[str, Any]) -> None:
    stats = stats_of(case)
    assert [q.question for q in stats.questions] == [q.id for q in QUIZ.questions]
    assert [q.number for q in stats.questions] == list(range(1, len(QUIZ.questions) + 1))
    for q in stats.questions:
        expected = case["expected"]["questions"][q.question]
        got = {"asked": q.asked, "facility_percent": q.facility_percent,
               "discrimination": q.discrimination, "counts": dict(q.counts),
               "unanswered": q.unanswered, "wrong": q.wrong, "misconception": q.misconception,
               "flags": list(q.flags)}
        assert got == expected, q.question
        # Counts keep the authored order of the options.
        assert list(q.counts) == list(expected["counts"])


@pytest.mark.parametrize("case", CLASSES, ids=lambda c: c["name"][:40])
def test_misconceptions_and_scores_as_worked_out(case: dict[str, Any]) -> None:
    stats = stats_of(case)
    expected = case["expected"]
    assert [(m.misconception, [m.fell, m.exposed]) for m in stats.misconceptions] == list(
        expected["misconceptions"].items())
    assert list(stats.distribution) == expected["distribution"]
    assert (stats.mean, stats.median, stats.passed) == (
        expected["mean"], expected["median"], expected["passed"])
    assert stats.learners == len(case["results"])


def test_the_questions_most_people_missed_come_first() -> None:
    # Class 1: facilities 67, 94, 17, 67, 33 -> q3, q5, then q1 and q4 (a tie: authored order), q2.
    assert [q.question for q in stats_of(CLASSES[0]).by_facility] == ["q3", "q5", "q1", "q4", "q2"]
    # Class 3: nobody was asked q5; it comes last, not first.
    assert [q.question for q in stats_of(CLASSES[2]).by_facility] == ["q2", "q3", "q4", "q1", "q5"]


def test_identical_results_are_two_learners() -> None:
    one = results_of(CLASSES[0])[0]
    stats = quiz_stats(QUIZ, [one, dataclasses.replace(one, lang="en")])
    assert stats.learners == 2 and stats.questions[0].counts["b"] == 2


def test_no_results_give_no_figures() -> None:
    stats = quiz_stats(QUIZ, [])
    assert (stats.learners, stats.mean, stats.median, stats.passed) == (0, None, None, 0)
    assert all(q.facility is None and q.discrimination is None for q in stats.questions)
    assert stats.misconceptions and all(m.exposed == 0 for m in stats.misconceptions)


def test_results_of_another_quiz_are_refused() -> None:
    other = dataclasses.replace(results_of(CLASSES[0])[0], quiz="basics")
    with pytest.raises(ValueError, match="another quiz"):
        quiz_stats(QUIZ, [other])


def test_flags_need_five_learners_asked() -> None:
    # Class 2's q4 correlates perfectly negatively (-1.00) but four learners raise no flag;
    # class 1 has six learners and raises easy (q2), hard (q3) and negative (q1).
    assert all(not q.flags for q in stats_of(CLASSES[1]).questions)
    assert {q.question: q.flags for q in stats_of(CLASSES[0]).questions if q.flags} == {
        "q1": ("negative",), "q2": ("easy",), "q3": ("hard",)}


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (55.5, 1, 55.5), (0.125, 2, 0.13), (-0.865, 2, -0.86), (-0.8667, 2, -0.87), (-0.5, 2, -0.5),
    (64.05, 1, 64.1), (2 / 3, 2, 0.67)])
def test_half_up_rounds_halves_towards_plus_infinity(value: float, decimals: int,
                                                     expected: float) -> None:
    assert half_up(value, decimals) == expected
