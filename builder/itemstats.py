"""Class statistics of one quiz, language-independent: per question the facility, the
discrimination (item-rest correlation), the option counts and the most chosen wrong option; per
misconception card who was exposed and who fell for it; the score distribution, mean, median and
passes. The rules are docs/results.md ("Class statistics"); the browser computes the same, and
both are checked against tests/vectors/quiz_results.json.

Every sum is a plain loop, left to right, over the learners in the order their results were
loaded (and, within a learner, over the questions in authored order): Python's sum() of floats
compensates since 3.12 and the browser's loops do not, and both must give the same bits.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from builder.results import QuizResult
from builder.scoring import question_score, score
from builder.sources.quizzes import Question, Quiz

FLAGS_FROM = 5
"""Flags are only raised for a question asked this many learners or more."""
EASY = 0.9
HARD = 0.2
MIN_DISCRIMINATION = 3
"""Fewer learners than this give no correlation worth showing."""
BINS = 10


@dataclass(frozen=True)
class QuestionStats:
    question: str
    number: int
    """Authored number, from 1 (the presenter's `#q<number>`)."""
    asked: int
    facility: float | None
    """Mean item score of the learners asked; None when nobody was."""
    facility_percent: int | None
    discrimination: float | None
    """Item-rest correlation, rounded half up to two decimals; None when it cannot be told."""
    counts: Mapping[str, int]
    """Option id → learners who chose it, in authored order."""
    unanswered: int
    wrong: str | None
    """The wrong option chosen most often (at least once); a tie goes to the first."""
    misconception: str | None
    """The card that wrong option stands for, if any."""
    flags: tuple[str, ...]
    """`easy` or `hard`, then `negative`."""


@dataclass(frozen=True)
class MisconceptionStats:
    misconception: str
    fell: int
    exposed: int


@dataclass(frozen=True)
class QuizStats:
    quiz: str
    learners: int
    percents: tuple[int, ...]
    """Each learner's percentage, in the order loaded."""
    questions: tuple[QuestionStats, ...]
    """In authored order."""
    misconceptions: tuple[MisconceptionStats, ...]
    """The largest share who fell for it first; ties by card id."""
    distribution: tuple[int, ...]
    """Learners per score bin: 0-9, 10-19, …, 80-89, 90-100."""
    mean: float | None
    """Rounded half up to one decimal; None without learners."""
    median: float | None
    passed: int

    @property
    def by_facility(self) -> tuple[QuestionStats, ...]:
        """The questions most people missed first; ties (and questions nobody was asked, last)
        in authored order."""
        return tuple(sorted(self.questions, key=lambda q: (
            q.facility is None, q.facility if q.facility is not None else 0.0)))


def half_up(value: float, decimals: int) -> float:
    scale = 10 ** decimals
    return math.floor(value * scale + 0.5) / scale


def quiz_stats(quiz: Quiz, results: Sequence[QuizResult]) -> QuizStats:
    if any(r.quiz != quiz.id for r in results):
        raise ValueError(f"results of another quiz than {quiz.id!r}")
    # Each learner's item scores, over the questions asked, in authored order.
    items: list[dict[str, float]] = [
        {q.id: question_score(q, r.answers[q.id]) for q in quiz.questions if q.id in r.answers}
        for r in results]
    percents = tuple(score(quiz, r.answers, list(items[i])).percent
                     for i, r in enumerate(results))
    questions = tuple(_question(quiz, q, number, results, items)
                      for number, q in enumerate(quiz.questions, start=1))
    distribution = [0] * BINS
    total = 0
    for p in percents:
        distribution[min(p // 10, BINS - 1)] += 1
        total += p
    ordered = sorted(percents)
    n = len(ordered)
    median = (None if not n else float(ordered[n // 2]) if n % 2
              else (ordered[n // 2 - 1] + ordered[n // 2]) / 2)
    return QuizStats(
        quiz=quiz.id, learners=n, percents=percents, questions=questions,
        misconceptions=_misconceptions(quiz, results, items),
        distribution=tuple(distribution), mean=half_up(total / n, 1) if n else None,
        median=None if median is None else half_up(median, 1),
        passed=sum(p >= quiz.pass_mark for p in percents))


def _question(quiz: Quiz, question: Question, number: int, results: Sequence[QuizResult],
              items: list[dict[str, float]]) -> QuestionStats:
    counts = {o.id: 0 for o in question.options}
    asked = unanswered = 0
    points = 0.0
    for result, scores in zip(results, items, strict=True):
        if question.id not in scores:
            continue
        asked += 1
        points += scores[question.id]
        chosen = result.answers[question.id]
        unanswered += not chosen
        for option in chosen:
            counts[option] += 1
    facility = points / asked if asked else None
    discrimination = _discrimination(question.id, items)
    wrong = None
    for option in question.options:
        if not option.correct and counts[option.id] and (
                wrong is None or counts[option.id] > counts[wrong.id]):
            wrong = option
    flags: list[str] = []
    if facility is not None and asked >= FLAGS_FROM:
        if facility >= EASY:
            flags.append("easy")
        elif facility <= HARD:
            flags.append("hard")
        if discrimination is not None and discrimination < 0:
            flags.append("negative")
    return QuestionStats(
        question=question.id, number=number, asked=asked, facility=facility,
        facility_percent=None if facility is None else math.floor(100 * facility + 0.5),
        discrimination=discrimination, counts=counts, unanswered=unanswered,
        wrong=wrong.id if wrong else None, misconception=wrong.misconception if wrong else None,
        flags=tuple(flags))


def _discrimination(question: str, items: list[dict[str, float]]) -> float | None:
    """Pearson's r between the item score and the mean of the learner's other item scores,
    over the learners asked this question and at least one other."""
    xs: list[float] = []
    ys: list[float] = []
    for scores in items:
        if question not in scores or len(scores) < 2:
            continue
        rest = 0.0
        for other, value in scores.items():
            if other != question:
                rest += value
        xs.append(scores[question])
        ys.append(rest / (len(scores) - 1))
    m = len(xs)
    if m < MIN_DISCRIMINATION:
        return None
    sx = sy = 0.0
    for x, y in zip(xs, ys, strict=True):
        sx += x
        sy += y
    mx, my = sx / m, sy / m
    sxy = sxx = syy = 0.0
    for x, y in zip(xs, ys, strict=True):
        sxy += (x - mx) * (y - my)
        sxx += (x - mx) * (x - mx)
        syy += (y - my) * (y - my)
    if sxx == 0 or syy == 0:
        return None
    return half_up(sxy / math.sqrt(sxx * syy), 2)


def _misconceptions(quiz: Quiz, results: Sequence[QuizResult],
                    items: list[dict[str, float]]) -> tuple[MisconceptionStats, ...]:
    # Per card, the questions that test it: (question, wrong options standing for it, whether
    # it is a spot question whose right option is the card).
    tests: dict[str, list[tuple[Question, frozenset[str], bool]]] = {}
    for question in quiz.questions:
        cards: dict[str, tuple[frozenset[str], bool]] = {}
        for option in question.options:
            # Only a spot question's right option may stand for a card (the schema says so).
            if card := option.misconception:
                wrong, spot = cards.get(card, (frozenset(), False))
                cards[card] = (wrong, True) if option.correct else (wrong | {option.id}, spot)
        for card, (wrong, spot) in cards.items():
            tests.setdefault(card, []).append((question, wrong, spot))
    stats = []
    for card, questions in tests.items():
        exposed = fell = 0
        for result, scores in zip(results, items, strict=True):
            met = fallen = False
            for question, wrong, spot in questions:
                if question.id not in result.answers:
                    continue
                met = True
                chosen = result.answers[question.id]
                fallen = fallen or bool(chosen & wrong) or (spot and scores[question.id] != 1)
            exposed += met
            fell += fallen
        stats.append(MisconceptionStats(card, fell, exposed))
    return tuple(sorted(stats, key=lambda s: (-(s.fell / s.exposed if s.exposed else 0.0),
                                              s.misconception)))
