"""Team self-assessment: scoring, team statistics, answer files and share codes.

The browser module (kb-assessment.js) implements the same rules; both are checked against the
shared vectors in tests/vectors/assessment.json.

- An answer is 1 (never) to 5 (always), or "dont-know". A statement scores answer - 1 points
  (0-4); a reverse-worded one 5 - answer. "Don't know" and unanswered statements count in no score.
- A dimension's score is its points as a share of the maximum over the statements answered,
  0-100, rounded half up with integers only: floor((50 * points + n) / (2 * n)). No statement
  answered: no score, no level.
- The level is the dimension band that holds the score.
- A team: per dimension, over the members with a score, the mean, the lowest and highest score and
  the population standard deviation. Members disagree where the standard deviation is at least
  one scale point (25 on the 0-100 scale). The team's level is the band of the mean, rounded
  half up.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from builder.sources.assessment import DONT_KNOW, SCALE, Assessment, Dimension

Answer = int | str
"""1 (never) to 5 (always), or DONT_KNOW."""
Answers = Mapping[str, Answer]
"""Statement id → answer; unanswered statements are absent."""

FILE_FORMAT = "kb-assessment-answers"
SCALE_POINT = 100 / (len(SCALE) - 1)
"""One step on the five-point scale, on the 0-100 score scale (25)."""


# -- One member ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class DimensionScore:
    dimension: str
    score: int | None
    """0-100, or None when no statement was answered."""
    level: str | None
    answered: int
    total: int


def points(answer: Answer, reverse: bool) -> int | None:
    if answer == DONT_KNOW or isinstance(answer, bool) or not isinstance(answer, int):
        return None
    return len(SCALE) - answer if reverse else answer - 1


def dimension_score(dimension: Dimension, answers: Answers) -> DimensionScore:
    earned = [p for s in dimension.statements if s.id in answers
              if (p := points(answers[s.id], s.reverse)) is not None]
    n = len(earned)
    if not n:
        return DimensionScore(dimension.id, None, None, 0, len(dimension.statements))
    score = (50 * sum(earned) + n) // (2 * n)
    return DimensionScore(dimension.id, score, dimension.band(score).level, n,
                          len(dimension.statements))


def profile(assessment: Assessment, answers: Answers) -> tuple[DimensionScore, ...]:
    return tuple(dimension_score(d, answers) for d in assessment.dimensions)


# -- A team -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TeamDimension:
    dimension: str
    scores: tuple[int | None, ...]
    """Each member's score, in the members' order."""
    mean: float | None
    low: int | None
    high: int | None
    sd: float | None
    """Population standard deviation of the members' scores."""
    disagree: bool
    level: str | None


def round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


def team(assessment: Assessment, members: Sequence[Answers]) -> tuple[TeamDimension, ...]:
    result = []
    for dimension in assessment.dimensions:
        scores = tuple(dimension_score(dimension, answers).score for answers in members)
        given = [s for s in scores if s is not None]
        if not given:
            result.append(TeamDimension(dimension.id, scores, None, None, None, None, False, None))
            continue
        # The same float operations in the same order as kb-assessment.js (sum() of floats
        # compensates since Python 3.12, which the browser does not).
        mean = sum(given) / len(given)
        squares = 0.0
        for s in given:
            squares += (s - mean) * (s - mean)
        sd = math.sqrt(squares / len(given))
        result.append(TeamDimension(
            dimension.id, scores, mean, min(given), max(given), sd, sd >= SCALE_POINT,
            dimension.band(round_half_up(mean)).level))
    return tuple(result)


# -- Answer files and share codes ---------------------------------------------------------------

class AnswersError(ValueError):
    """An answer file or share code that cannot be used; the message says why. `key` names the
    kind of problem as kb-assessment.js does (its message in the team view's language)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def answer_file(assessment: Assessment, answers: Answers) -> dict[str, object]:
    """The language-free JSON document a member downloads."""
    return {"format": FILE_FORMAT, "instrument": assessment.id, "version": assessment.version,
            "answers": {s.id: answers[s.id] for s in assessment.statements if s.id in answers}}


def read_answer_file(assessment: Assessment, text: str) -> dict[str, Answer]:
    """Check a member's file as the team view does; raise AnswersError on the first problem."""
    try:
        # NaN and Infinity are not JSON (browsers refuse them too), nor is 1e309 a number.
        data = json.loads(text, parse_constant=_refuse, parse_float=_finite)
    except ValueError as error:
        raise AnswersError("notJson", f"not a JSON file ({error.args[0].split(':')[0]})") from None
    except RecursionError:
        raise AnswersError("notJson", "not an answer file (nested too deeply)") from None
    if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
        raise AnswersError("notAnswers", "not an answer file of this self-assessment")
    if data.get("instrument") != assessment.id:
        raise AnswersError("notAnswers", "answers to another instrument "
                           f"({str(data.get('instrument'))[:40]!r})")
    version = data.get("version")
    if isinstance(version, bool) or version != assessment.version:
        raise AnswersError("otherVersion", f"answers to version {str(data.get('version'))[:10]} of the "
                           f"instrument; this is version {assessment.version}")
    raw = data.get("answers")
    if not isinstance(raw, dict):
        raise AnswersError("empty", "no answers in the file")
    return check_answers(assessment, raw)


def _refuse(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:20]} is too large a number")
    return value


def check_answers(assessment: Assessment, raw: Mapping[str, object]) -> dict[str, Answer]:
    known = {s.id for s in assessment.statements}
    answers: dict[str, Answer] = {}
    for key, value in raw.items():
        if key not in known:
            raise AnswersError("outOfRange", f"unknown statement {str(key)[:40]!r}")
        if value == DONT_KNOW:
            answers[key] = DONT_KNOW
        # JSON has one number type: 4 and 4.0 are the same answer, as in the browser.
        elif (isinstance(value, int | float) and not isinstance(value, bool)
              and value == int(value) and 1 <= value <= len(SCALE)):
            answers[key] = int(value)
        else:
            raise AnswersError("outOfRange", f"answer to {key!r} out of range: {str(value)[:20]!r} "
                               f"(expected 1 to {len(SCALE)} or {DONT_KNOW!r})")
    if not answers:
        raise AnswersError("empty", "no answers in the file")
    return answers


# A share code is `<version>-<one digit per statement>-<check>`: 0 unanswered, 1-5 the answer,
# 6 don't know; the check (FNV-1a over instrument, version and digits) catches typos and codes
# of another instrument.
_DONT_KNOW_DIGIT = str(len(SCALE) + 1)


def share_code(assessment: Assessment, answers: Answers) -> str:
    digits = "".join(
        _DONT_KNOW_DIGIT if answers.get(s.id) == DONT_KNOW else str(answers.get(s.id, 0))
        for s in assessment.statements)
    return f"{assessment.version}-{digits}-{_check(assessment, digits)}"


def read_share_code(assessment: Assessment, code: str) -> dict[str, Answer]:
    parts = "".join(code.split()).split("-")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
        raise AnswersError("badCode", "not a share code of this self-assessment")
    version, digits, check = parts
    if int(version) != assessment.version:
        raise AnswersError("otherVersion", f"a code for version {version} of the instrument; this is version "
                           f"{assessment.version}")
    statements = assessment.statements
    if len(digits) != len(statements) or check.lower() != _check(assessment, digits):
        raise AnswersError("badCode", "the code is incomplete or mistyped (its check does not match)")
    answers: dict[str, Answer] = {}
    for statement, digit in zip(statements, digits, strict=True):
        if digit == _DONT_KNOW_DIGIT:
            answers[statement.id] = DONT_KNOW
        elif digit != "0":
            if int(digit) > len(SCALE):
                raise AnswersError("badCode", "the code holds an answer out of range")
            answers[statement.id] = int(digit)
    if not answers:
        raise AnswersError("empty", "no answers in the code")
    return answers


def _check(assessment: Assessment, digits: str) -> str:
    value = 0x811C9DC5
    for char in f"{assessment.id}:{assessment.version}:{digits}":
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    value %= 36 ** 4
    out = ""
    for _ in range(4):
        value, rest = divmod(value, 36)
        out = "0123456789abcdefghijklmnopqrstuvwxyz"[rest] + out
    return out
