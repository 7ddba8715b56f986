"""Quiz scoring, language-independent. The browser module (kb-quiz.js) implements the same rules;
tests check both against the same cases.

- single, true-false, spot-misconception: 1 point if the chosen option is the correct one.
- multiple: partial credit, (right choices - wrong choices) / correct options, never below 0.
- The score is the sum over the questions asked, as a percentage rounded down to a whole number;
  the quiz is passed at `pass_mark` percent or more, and the band is the one holding the percentage.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Set
from dataclasses import dataclass

from builder.sources.bands import Band
from builder.sources.quizzes import Question, Quiz


def question_score(question: Question, chosen: Set[str]) -> float:
    correct = question.correct_ids
    if question.type == "multiple":
        right = len(chosen & correct)
        wrong = len(chosen - correct)
        return max(0.0, (right - wrong) / len(correct))
    return 1.0 if len(chosen) == 1 and chosen <= correct else 0.0


@dataclass(frozen=True)
class Result:
    points: float
    asked: int
    fully_correct: int
    percent: int
    passed: bool
    band: int
    """Index into Quiz.bands (and each language's result messages)."""


def score(quiz: Quiz, answers: Mapping[str, Set[str]], asked: list[str] | None = None) -> Result:
    """Score the answers (question id → chosen option ids) over the questions asked."""
    ids = asked if asked is not None else [q.id for q in quiz.questions]
    by_id = {q.id: q for q in quiz.questions}
    points = [question_score(by_id[i], answers.get(i, frozenset())) for i in ids]
    total = sum(points)
    # A tiny epsilon keeps 0.7 * 100 from flooring to 69.
    percent = math.floor(total / len(ids) * 100 + 1e-9) if ids else 0
    return Result(points=total, asked=len(ids), fully_correct=sum(p == 1.0 for p in points),
                  percent=percent, passed=percent >= quiz.pass_mark,
                  band=band_index(quiz.bands, percent))


def band_index(bands: tuple[Band, ...], percent: int) -> int:
    return next(i for i, b in enumerate(bands) if b.low <= percent <= b.high)
