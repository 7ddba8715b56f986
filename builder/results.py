"""A learner's quiz result: the result file and the result code a quiz page hands out, read back
for the class statistics (`kb quiz-report`). The rules are those of docs/results.md ("A learner's
result"); the browser implements the same, and both are checked against the shared vectors in
tests/vectors/quiz_results.json.

- A result file is `{"format": "kb-quiz-result", "quiz", "version", "lang", "name"?, "answers",
  "score"}`: the chosen option ids of each question asked, and the score the page showed.
- A result code is `<quiz>.<version>.<lang>.<payload>.<check>`: one fixed-width base-36 token
  per question in authored order (0 not asked, else 1 + the mask of the chosen options), and an
  FNV-1a check. It holds neither the name nor the score.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping, Set
from dataclasses import dataclass
from pathlib import Path

from builder.assessment import _finite, _refuse
from builder.model import Project
from builder.scoring import score
from builder.sources.quizzes import Question, Quiz

FILE_FORMAT = "kb-quiz-result"
MAX_RESULT_FILE = 1_000_000
"""A result file is a few kilobytes; anything much larger is not one."""
NAME_LENGTH = 60
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
SINGLE_ANSWER = ("single", "true-false", "spot-misconception")

# JavaScript's String.prototype.trim and /\s/: Python's str.strip() differs (it keeps U+FEFF
# and strips U+001C-U+001F), and a name must be trimmed as the browser trims it.
_JS_SPACE = ("\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
             "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff")
_JS_SPACE_RE = re.compile(f"[{_JS_SPACE}]+")
_LINE_RE = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class QuizResult:
    quiz: str
    version: str
    lang: str
    name: str | None
    """Only in a file, when the learner typed one; never shown in a report."""
    answers: Mapping[str, frozenset[str]]
    """Question id → chosen option ids, for the questions asked only, in authored order."""


class ResultError(ValueError):
    """A result file or code that cannot be used; the message says why (in English). `key` names
    the kind of problem as the browser does (its message in the page's language)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


QuizSource = Project | Iterable[Quiz]
"""The quizzes a result may be for: a project's, or any (the vectors' synthetic quiz)."""


def _quizzes(source: QuizSource) -> dict[str, Quiz]:
    quizzes = source.quizzes if isinstance(source, Project) else source
    return {q.id: q for q in quizzes}


def _trim(text: str) -> str:
    return text.strip(_JS_SPACE)


# -- Result files ---------------------------------------------------------------------------------

def result_file(quiz: Quiz, lang: str, answers: Mapping[str, Set[str]],
                name: str | None = None) -> dict[str, object]:
    """The document a learner downloads: `answers` holds the questions asked (question id → the
    chosen option ids), written in authored order."""
    asked = [q for q in quiz.questions if q.id in answers]
    document: dict[str, object] = {"format": FILE_FORMAT, "quiz": quiz.id,
                                   "version": quiz.version, "lang": lang}
    if name is not None and _trim(name):
        document["name"] = _trim(name)
    document["answers"] = {q.id: [o.id for o in q.options if o.id in answers[q.id]]
                           for q in asked}
    document["score"] = score(quiz, answers, [q.id for q in asked]).percent
    return document


def read_result_file(quizzes: QuizSource, languages: Collection[str], text: str) -> QuizResult:
    """Check a learner's file as the class page does; raise ResultError on the first problem,
    in the order of docs/results.md."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_RESULT_FILE:
        raise ResultError("notJson", "not a result file (larger than 1,000,000 bytes)")
    try:
        # NaN and Infinity are not JSON (browsers refuse them too), nor is 1e309 a number.
        data = json.loads(text, parse_constant=_refuse, parse_float=_finite)
    except ValueError as error:
        raise ResultError("notJson", f"not a JSON file ({error.args[0].split(':')[0]})") from None
    except RecursionError:
        raise ResultError("notJson", "not a result file (nested too deeply)") from None
    if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
        raise ResultError("notResult", "not a quiz result file")
    quiz = _known_quiz(_quizzes(quizzes), data.get("quiz"))
    version = data.get("version")
    if version != quiz.version:
        raise ResultError("otherVersion", f"a result of version {str(version)[:10]!r} of the "
                          f"quiz; this is version {quiz.version!r}")
    lang = _language(languages, data.get("lang"))
    answers = _file_answers(quiz, data.get("answers"))
    given = data.get("score")
    # JSON has one number type: 67 and 67.0 are the same score, as in the browser.
    if (isinstance(given, bool) or not isinstance(given, int | float) or given != int(given)
            or not 0 <= given <= 100):
        raise ResultError("badScore", f"the score {str(given)[:20]!r} is not a whole percentage "
                          "from 0 to 100")
    percent = score(quiz, answers, list(answers)).percent
    if given != percent:
        raise ResultError("badScore", f"the score {int(given)} is not the score of the answers "
                          f"({percent})")
    name = data.get("name")
    if "name" in data:
        if not isinstance(name, str) or not 1 <= len(_trim(name)) <= NAME_LENGTH:
            raise ResultError("badName", f"the name must be text of 1 to {NAME_LENGTH} "
                              "characters")
        name = _trim(name)
    return QuizResult(quiz.id, quiz.version, lang, name, answers)


def _known_quiz(quizzes: Mapping[str, Quiz], quiz_id: object) -> Quiz:
    if not isinstance(quiz_id, str) or quiz_id not in quizzes:
        raise ResultError("unknownQuiz", f"a result of a quiz this site does not have "
                          f"({str(quiz_id)[:40]!r})")
    return quizzes[quiz_id]


def _language(languages: Collection[str], lang: object, fold: bool = False) -> str:
    # A code is read case-insensitively (`pt-BR` is written `pt-br` in it); a file is not.
    found = next((code for code in languages if isinstance(lang, str)
                  and (code.lower() == lang if fold else code == lang)), None)
    if found is None:
        raise ResultError("badLanguage", f"{str(lang)[:20]!r} is not a language of this site")
    return found


def _file_answers(quiz: Quiz, raw: object) -> dict[str, frozenset[str]]:
    if not isinstance(raw, dict):
        raise ResultError("badAnswers", "no answers in the file")
    by_id = {q.id: q for q in quiz.questions}
    chosen: dict[str, frozenset[str]] = {}
    for key, value in raw.items():
        question = by_id.get(key)
        if question is None:
            raise ResultError("badAnswers", f"an answer to an unknown question {key[:40]!r}")
        if not isinstance(value, list):
            raise ResultError("badAnswers", f"the answer to {key!r} is not a list of options")
        options = {o.id for o in question.options}
        for option in value:
            if not isinstance(option, str) or option not in options:
                raise ResultError("badAnswers", f"an unknown option {str(option)[:20]!r} in the "
                                  f"answer to {key!r}")
        if len(set(value)) != len(value):
            raise ResultError("badAnswers", f"an option repeated in the answer to {key!r}")
        if question.type in SINGLE_ANSWER and len(value) > 1:
            raise ResultError("badAnswers", f"more than one option for the single-answer "
                              f"question {key!r}")
        chosen[key] = frozenset(value)
    if not chosen:
        raise ResultError("badAnswers", "no answers in the file")
    return {q.id: chosen[q.id] for q in quiz.questions if q.id in chosen}


# -- Result codes ---------------------------------------------------------------------------------

def token_width(options: int) -> int:
    """The smallest k >= 1 with 36^k >= 2^options + 1: room for 0 (not asked) and 1 + any mask."""
    width = 1
    while 36 ** width < 2 ** options + 1:
        width += 1
    return width


def result_code(quiz: Quiz, lang: str, answers: Mapping[str, Set[str]]) -> str:
    """The short code of the answers (question id → chosen option ids, the questions asked)."""
    payload = "".join(_token(q, answers.get(q.id)) for q in quiz.questions)
    # All lower case, so that a code read case-insensitively has the same check.
    head = f"{quiz.id}.{quiz.version}.{lang.lower()}.{payload}"
    return f"{head}.{_check(head.replace('.', ':'))}"


def _token(question: Question, chosen: Set[str] | None) -> str:
    value = 0 if chosen is None else 1 + sum(
        1 << i for i, option in enumerate(question.options) if option.id in chosen)
    return _base36(value, token_width(len(question.options)))


def read_result_code(quizzes: QuizSource, languages: Collection[str], code: str) -> QuizResult:
    """Check a result code as the class page does; raise ResultError on the first problem."""
    parts = _JS_SPACE_RE.sub("", code).lower().split(".")
    if len(parts) != 5:
        raise ResultError("badCode", "not a quiz result code")
    quiz_id, version, lang, payload, check = parts
    if check != _check(":".join(parts[:4])):
        raise ResultError("badCode", "the code is incomplete or mistyped (its check does not "
                          "match)")
    quiz = _known_quiz(_quizzes(quizzes), quiz_id)
    if version != quiz.version:
        raise ResultError("otherVersion", f"a code for version {version[:10]!r} of the quiz; "
                          f"this is version {quiz.version!r}")
    lang = _language(languages, lang, fold=True)
    widths = [token_width(len(q.options)) for q in quiz.questions]
    if len(payload) != sum(widths) or any(c not in DIGITS for c in payload):
        raise ResultError("badCode", "the code is incomplete or mistyped (its answers do not "
                          "fit the quiz)")
    answers: dict[str, frozenset[str]] = {}
    start = 0
    for question, width in zip(quiz.questions, widths, strict=True):
        value = int(payload[start:start + width], 36)
        start += width
        if value == 0:
            continue
        mask = value - 1
        if mask >> len(question.options):
            raise ResultError("badAnswers", f"the code holds an option the question "
                              f"{question.id!r} does not have")
        chosen = frozenset(o.id for i, o in enumerate(question.options) if mask >> i & 1)
        if question.type in SINGLE_ANSWER and len(chosen) > 1:
            raise ResultError("badAnswers", f"the code holds more than one option for the "
                              f"single-answer question {question.id!r}")
        answers[question.id] = chosen
    if not answers:
        raise ResultError("badAnswers", "no question asked in the code")
    return QuizResult(quiz.id, quiz.version, lang, None, answers)


def _check(text: str) -> str:
    """FNV-1a (32 bit) of the text, modulo 36^4, as 4 base-36 digits (as the self-assessment's
    share code; the text is ASCII once checked, so code points are the browser's code units)."""
    value = 0x811C9DC5
    for char in text:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return _base36(value % 36 ** 4, 4)


def _base36(value: int, width: int) -> str:
    out = ""
    for _ in range(width):
        value, rest = divmod(value, 36)
        out = DIGITS[rest] + out
    return out


# -- Many files, for the command line -------------------------------------------------------------

def read_results(project: Project, files: list[Path]) -> tuple[list[QuizResult], list[str]]:
    """The results in the files in the order given: a file whose text starts with `{` is a result
    file, any other a list of result codes, one a line. Each problem is a `path: message` (a
    code's `path:line N: message`)."""
    results: list[QuizResult] = []
    errors: list[str] = []
    languages = project.config.codes
    for file in files:
        try:
            size = file.stat().st_size
            if size > MAX_RESULT_FILE:
                errors.append(f"{file}: is {size:,} bytes; a result file is a few kilobytes")
                continue
            text = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            errors.append(f"{file}: not UTF-8 text")
            continue
        except OSError as error:
            errors.append(f"{file}: cannot be read ({error.strerror or error})")
            continue
        if text.lstrip(_JS_SPACE).startswith("{"):
            try:
                results.append(read_result_file(project, languages, text))
            except ResultError as error:
                errors.append(f"{file}: {error}")
            continue
        found = 0
        for number, line in enumerate(_LINE_RE.split(text), start=1):
            if not _trim(line):
                continue
            found += 1
            try:
                results.append(read_result_code(project, languages, line))
            except ResultError as error:
                errors.append(f"{file}:line {number}: {error}")
        if not found:
            errors.append(f"{file}: holds neither a result nor a result code")
    return results, errors
