"""Team self-assessment: scoring, team statistics, answer files and share codes.

The browser module (kb-assessment.js) implements the same rules; both are checked against the
shared vectors in tests/vectors/assessment.json.

- An answer is 1 (never) to 5 (always), or "dont-know". A statement scores answer - 1 points
  (0-4); a reverse-worded one 5 - answer. "Don't know" and unanswered statements count in no score.
- A dimension's score is its points as a share of the maximum over the statements answered,
  0-100, rounded half up with integers only: floor((50 * points + n) / (2 * n)). No statement
  answered: no score, no level. Fewer answers than `needed(total)` (but at least one): no score,
  no level, and "too few answers", so that one answer never makes a dimension "strong, 100".
- The level is the dimension band that holds the score.
- A team: per dimension, over the members with a score, the mean, the lowest and highest score and
  the population standard deviation. Members disagree where the standard deviation is at least
  one scale point (25 on the 0-100 scale) or the range at least two (50). The team's level is
  the band of the mean, rounded half up.
- A comparison of two sessions: per dimension, the change of the mean in tenths, rounded half away
  from zero from the exact means (integers only, so +4.95 is +5.0 in both languages), and a trend:
  up from +5.0, down from -5.0, steady between.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from builder.sources.assessment import DONT_KNOW, SCALE, Assessment, Dimension

Answer = int | str
"""1 (never) to 5 (always), or DONT_KNOW."""
Answers = Mapping[str, Answer]
"""Statement id → answer; unanswered statements are absent."""

FILE_FORMAT = "kb-assessment-answers"
TEAM_FORMAT = "kb-assessment-team"
"""A saved team session: members' answers, the date saved and an optional label."""
LABEL_MAX = 80
TREND_TENTHS = 50
"""A change of at least 5.0 points (in tenths) is a trend up or down."""
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
    too_few: bool = False
    """Answered, but fewer statements than `needed(total)`: no score and no level."""


def needed(total: int) -> int:
    """Answers a dimension of `total` statements needs for a score: half of them (rounded up),
    and at least two where it has two or more."""
    return max(min(2, total), -(-total // 2))


def points(answer: Answer, reverse: bool) -> int | None:
    if answer == DONT_KNOW or isinstance(answer, bool) or not isinstance(answer, int):
        return None
    return len(SCALE) - answer if reverse else answer - 1


def dimension_score(dimension: Dimension, answers: Answers) -> DimensionScore:
    earned = [p for s in dimension.statements if s.id in answers
              if (p := points(answers[s.id], s.reverse)) is not None]
    n, total = len(earned), len(dimension.statements)
    if n < needed(total):
        return DimensionScore(dimension.id, None, None, n, total, too_few=n > 0)
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
    answered: tuple[int, ...] = ()
    """Each member's number of statements answered (a member with answers but no score answered
    too few)."""
    too_few: bool = False
    """Nobody has a score, but someone answered too few statements."""


def round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


def team(assessment: Assessment, members: Sequence[Answers]) -> tuple[TeamDimension, ...]:
    result = []
    for dimension in assessment.dimensions:
        each = [dimension_score(dimension, answers) for answers in members]
        scores = tuple(m.score for m in each)
        answered = tuple(m.answered for m in each)
        given = [s for s in scores if s is not None]
        if not given:
            result.append(TeamDimension(dimension.id, scores, None, None, None, None, False, None,
                                        answered, any(m.too_few for m in each)))
            continue
        # The same float operations in the same order as kb-assessment.js (sum() of floats
        # compensates since Python 3.12, which the browser does not).
        mean = sum(given) / len(given)
        squares = 0.0
        for s in given:
            squares += (s - mean) * (s - mean)
        sd = math.sqrt(squares / len(given))
        low, high = min(given), max(given)
        # The population sd is at most half the range; the range also catches one outlier
        # among many (25 and seven times 75: sd 16.5, range 50).
        disagree = sd >= SCALE_POINT or high - low >= 2 * SCALE_POINT
        result.append(TeamDimension(
            dimension.id, scores, mean, low, high, sd, disagree,
            dimension.band(round_half_up(mean)).level, answered))
    return tuple(result)


# -- Two sessions -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    dimension: str
    before: float | None
    """The team's mean before, or None without a score."""
    after: float | None
    change: float | None
    """after - before, or None when either has no score."""
    tenths: int | None
    """The change in tenths, rounded half away from zero from the exact means."""
    trend: str | None
    """"up", "down" or "steady"; None when either has no score."""
    level_before: str | None
    level_after: str | None


def compare(assessment: Assessment, before: Sequence[Answers],
            after: Sequence[Answers]) -> tuple[Change, ...]:
    result = []
    for b, a in zip(team(assessment, before), team(assessment, after), strict=True):
        if b.mean is None or a.mean is None:
            result.append(Change(b.dimension, b.mean, a.mean, None, None, None, b.level, a.level))
            continue
        # mean = sum / count, so the change is an exact fraction; rounding it with integers
        # keeps 4.95 from becoming 4.9499… (as floats do) and the JS gives the same tenths.
        sb, nb = _sum_count(b.scores)
        sa, na = _sum_count(a.scores)
        num, den = sa * nb - sb * na, na * nb
        tenths = (1 if num >= 0 else -1) * ((20 * abs(num) + den) // (2 * den))
        trend = ("up" if tenths >= TREND_TENTHS else "down" if tenths <= -TREND_TENTHS
                 else "steady")
        result.append(Change(b.dimension, b.mean, a.mean, a.mean - b.mean, tenths, trend,
                             b.level, a.level))
    return tuple(result)


def _sum_count(scores: Sequence[int | None]) -> tuple[int, int]:
    given = [s for s in scores if s is not None]
    return sum(given), len(given)


# -- Answer files and share codes ---------------------------------------------------------------

class AnswersError(ValueError):
    """An answer file or share code that cannot be used; the message says why. `key` names the
    kind of problem as kb-assessment.js does (its message in the team view's language)."""

    def __init__(self, key: str, message: str, member: int | None = None) -> None:
        super().__init__(message)
        self.key = key
        self.member = member
        """In a team file: the position (from 1) of the member whose answers are at fault."""


@dataclass(frozen=True)
class Session:
    """Members' answers, from answer files or team files; a team file's label and date."""

    members: tuple[dict[str, Answer], ...]
    label: str | None = None
    saved: str | None = None
    """yyyy-mm-dd."""


def answer_file(assessment: Assessment, answers: Answers) -> dict[str, object]:
    """The language-free JSON document a member downloads."""
    return {"format": FILE_FORMAT, "instrument": assessment.id, "version": assessment.version,
            "answers": {s.id: answers[s.id] for s in assessment.statements if s.id in answers}}


def team_file(assessment: Assessment, members: Sequence[Answers], saved: date,
              label: str | None = None) -> dict[str, object]:
    """The team file the team view saves: each member's answers as in an answer file."""
    document: dict[str, object] = {"format": TEAM_FORMAT, "instrument": assessment.id,
                                   "version": assessment.version, "saved": saved.isoformat()}
    if label:
        document["label"] = label
    document["members"] = [answer_file(assessment, m)["answers"] for m in members]
    return document


def read_answer_file(assessment: Assessment, text: str) -> dict[str, Answer]:
    """Check a member's file as the team view does; raise AnswersError on the first problem."""
    return _answers_of(assessment, _parse(text))


def read_team_file(assessment: Assessment, text: str) -> Session:
    """Check a team file as the team view does; raise AnswersError on the first problem."""
    return _team_of(assessment, _parse(text))


def read_session_file(assessment: Assessment, text: str) -> Session:
    """An answer file (one member) or a team file, told apart by its format."""
    data = _parse(text)
    if isinstance(data, dict) and data.get("format") == TEAM_FORMAT:
        return _team_of(assessment, data)
    return Session((_answers_of(assessment, data),))


def _parse(text: str) -> object:
    try:
        # NaN and Infinity are not JSON (browsers refuse them too), nor is 1e309 a number.
        return json.loads(text, parse_constant=_refuse, parse_float=_finite)
    except ValueError as error:
        raise AnswersError("notJson", f"not a JSON file ({error.args[0].split(':')[0]})") from None
    except RecursionError:
        raise AnswersError("notJson", "not an answer file (nested too deeply)") from None


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _team_of(assessment: Assessment, data: object) -> Session:
    if not isinstance(data, dict) or data.get("format") != TEAM_FORMAT:
        raise AnswersError("notTeam", "not a team file of this self-assessment")
    if data.get("instrument") != assessment.id:
        raise AnswersError("notTeam", "a team file of another instrument "
                           f"({str(data.get('instrument'))[:40]!r})")
    version = data.get("version")
    if isinstance(version, bool) or version != assessment.version:
        raise AnswersError("otherVersion", f"a team file of version {str(version)[:10]} of the "
                           f"instrument; this is version {assessment.version}")
    label = data.get("label")
    if "label" in data and not (isinstance(label, str) and 1 <= len(label) <= LABEL_MAX):
        raise AnswersError("badLabel", f"the label must be a text of 1 to {LABEL_MAX} characters")
    saved = data.get("saved")
    if not isinstance(saved, str) or not _is_date(saved):
        raise AnswersError("badDate", "the date saved must be a date as yyyy-mm-dd, not "
                           f"{str(saved)[:20]!r}")
    raw = data.get("members")
    if not isinstance(raw, list) or not raw:
        raise AnswersError("noMembers", "no members in the team file")
    members = []
    for i, member in enumerate(raw, 1):
        try:
            if not isinstance(member, dict):
                raise AnswersError("empty", "not a set of answers")
            members.append(check_answers(assessment, member))
        except AnswersError as error:
            raise AnswersError("badMember", f"member {i} of {len(raw)}: {error}", i) from None
    return Session(tuple(members), label, saved)


def _is_date(text: str) -> bool:
    if not _DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _answers_of(assessment: Assessment, data: object) -> dict[str, Answer]:
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
