"""builder/results.py against the shared vectors (tests/vectors/quiz_results.json, which the browser
tests read too): result codes both ways, every bad code and file refused with its own key, the
good files read as worked out; then the real project's quizzes, whose results read back and whose
edited versions refuse them."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from builder.load import load_project
from builder.results import (
    QuizResult,
    ResultError,
    read_result_code,
    read_result_file,
    read_results,
    result_code,
    result_file,
    token_width,
)
from builder.sources.bands import Band
from builder.sources.quizzes import Option, Question, Quiz
from tests.conftest import REPO

VECTORS: dict[str, Any] = json.loads(
    (Path(__file__).parent.parent / "vectors" / "quiz_results.json").read_text(encoding="utf-8"))
LANGUAGES: list[str] = VECTORS["languages"]


def vector_quiz() -> Quiz:
    """The vectors' quiz: structure only (no texts; nothing here shows one)."""
    data = VECTORS["quiz"]
    questions = tuple(
        Question(id=q["id"], type=q["type"], texts={}, options=tuple(
            Option(o["id"], o["correct"], o["misconception"]) for o in q["options"]))
        for q in data["questions"])
    return Quiz(id=data["id"], source="quizzes/vectors.yml", pass_mark=data["pass_mark"],
                shuffle_questions=False, shuffle_options=False, draw=None,
                bands=(Band(0, 100),), questions=questions, texts={})


QUIZ = vector_quiz()


def answers_of(raw: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    return {question: frozenset(options) for question, options in raw.items()}


def test_the_vector_quiz_has_the_vectors_version() -> None:
    assert QUIZ.version == VECTORS["quiz"]["version"]


# -- Codes ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", VECTORS["codes"], ids=lambda c: c["code"])
def test_codes_are_written_and_read_back(case: dict[str, Any]) -> None:
    answers = answers_of(case["answers"])
    assert result_code(QUIZ, case["lang"], answers) == case["code"]
    result = read_result_code([QUIZ], LANGUAGES, case["code"])
    assert result == QuizResult("vectors", QUIZ.version, case["lang"], None, answers)
    # Read case-insensitively and with white space removed (as typed from a screen).
    assert read_result_code([QUIZ], LANGUAGES, f"  {case['code'].upper()[:9]} \n"
                            f"{case['code'].upper()[9:]}\t") == result


@pytest.mark.parametrize("case", VECTORS["bad_codes"], ids=lambda c: c["code"] or "empty")
def test_bad_codes_are_refused_each_with_its_key(case: dict[str, Any]) -> None:
    with pytest.raises(ResultError) as refused:
        read_result_code([QUIZ], LANGUAGES, case["code"])
    assert refused.value.key == case["key"]
    assert str(refused.value)


def test_token_widths_follow_the_number_of_options() -> None:
    assert [token_width(n) for n in (1, 2, 5, 6, 10, 11, 15, 16, 26)] == [1, 1, 1, 2, 2, 3, 3, 4, 6]


# -- Files ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", VECTORS["bad_files"], ids=lambda c: f"{c['key']}:{c['text'][:60]}")
def test_bad_files_are_refused_each_with_its_key(case: dict[str, Any]) -> None:
    with pytest.raises(ResultError) as refused:
        read_result_file([QUIZ], LANGUAGES, case["text"])
    assert refused.value.key == case["key"]


@pytest.mark.parametrize("case", VECTORS["good_files"], ids=lambda c: c["result"]["lang"])
def test_good_files_are_read_as_worked_out(case: dict[str, Any]) -> None:
    expected = case["result"]
    result = read_result_file([QUIZ], LANGUAGES, case["text"])
    assert result == QuizResult(expected["quiz"], expected["version"], expected["lang"],
                                expected["name"], answers_of(expected["answers"]))
    # Answers keep the authored order, whatever order the file gave.
    assert list(result.answers) == [q.id for q in QUIZ.questions if q.id in result.answers]


def test_refusals_never_echo_much_of_the_file() -> None:
    """A message quotes at most a short piece of what the file holds (it goes to a terminal)."""
    text = json.dumps({"format": "kb-quiz-result", "quiz": "x" * 5000, "version": "v",
                       "lang": "pl", "answers": {}, "score": 0})
    with pytest.raises(ResultError) as refused:
        read_result_file([QUIZ], LANGUAGES, text)
    assert refused.value.key == "unknownQuiz" and len(str(refused.value)) < 120


def test_a_file_larger_than_a_megabyte_is_refused_unread() -> None:
    text = '{"format": "kb-quiz-result", "pad": "' + "x" * 1_000_000 + '"}'
    with pytest.raises(ResultError) as refused:
        read_result_file([QUIZ], LANGUAGES, text)
    assert refused.value.key == "notJson"


# -- The real project's quizzes -------------------------------------------------------------------

@pytest.fixture(scope="module")
def repository() -> Any:
    project, problems = load_project(REPO)
    # Only the quizzes matter here (the catalogues have tests of their own).
    assert not [p for p in problems if p.path.startswith("quizzes/")], problems
    assert project.quizzes
    return project


def _sample_answers(quiz: Quiz) -> dict[str, frozenset[str]]:
    """Every other question asked (as a drawn quiz would); of those, the first left unanswered,
    the others with their first option, or for a multiple question every option but the first."""
    asked = quiz.questions[::2]
    answers: dict[str, frozenset[str]] = {asked[0].id: frozenset()}
    for q in asked[1:]:
        ids = [o.id for o in q.options]
        answers[q.id] = frozenset(ids[1:] if q.type == "multiple" else ids[:1])
    return answers


def test_the_projects_results_read_back(repository: Any) -> None:
    languages = repository.config.codes
    for quiz in repository.quizzes:
        answers = _sample_answers(quiz)
        for lang in languages:
            document = result_file(quiz, lang, answers, name="  Ola ")
            assert document["name"] == "Ola" and list(document["answers"]) == [
                q.id for q in quiz.questions if q.id in answers]
            result = read_result_file(repository, languages, json.dumps(document))
            assert result == QuizResult(quiz.id, quiz.version, lang, "Ola", answers)
            code = result_code(quiz, lang, answers)
            assert read_result_code(repository, languages, code) == dataclasses.replace(
                result, name=None)


def test_a_new_version_of_a_quiz_refuses_the_old_results(repository: Any) -> None:
    languages = repository.config.codes
    for quiz in repository.quizzes:
        answers = _sample_answers(quiz)
        text = json.dumps(result_file(quiz, "en", answers))
        code = result_code(quiz, "en", answers)
        # Re-keying an option makes another quiz: the old answers no longer say what was chosen.
        first = quiz.questions[0]
        rekeyed = dataclasses.replace(first, options=(
            dataclasses.replace(first.options[0], id="renamed"), *first.options[1:]))
        edited = dataclasses.replace(quiz, questions=(rekeyed, *quiz.questions[1:]))
        assert edited.version != quiz.version
        others = [edited if q.id == quiz.id else q for q in repository.quizzes]
        for read, given in ((read_result_file, text), (read_result_code, code)):
            with pytest.raises(ResultError) as refused:
                read(others, languages, given)
            assert refused.value.key == "otherVersion"
        # Editing a text keeps the version: the results still count.
        retitled = dataclasses.replace(quiz, texts={})
        assert read_result_file([retitled], languages, text).quiz == quiz.id


def test_files_and_codes_are_read_in_the_order_given(repository: Any, tmp_path: Path) -> None:
    quiz = repository.quizzes[0]
    answers = _sample_answers(quiz)
    file = tmp_path / "one.json"
    file.write_text(json.dumps(result_file(quiz, "pl", answers, "Ola")), encoding="utf-8")
    codes = tmp_path / "codes.txt"
    # A BOM, blank lines and CRLF, as a text editor on any system may save them.
    codes.write_text("\ufeff" + result_code(quiz, "da", answers) + "\r\n\r\n"
                     + result_code(quiz, "en", answers).upper() + "\r\nnot-a-code\r\n",
                     encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n", encoding="utf-8")
    results, errors = read_results(repository, [file, codes, empty, tmp_path / "missing.json",
                                                tmp_path])
    assert [(r.lang, r.name) for r in results] == [("pl", "Ola"), ("da", None), ("en", None)]
    assert errors == [
        f"{codes}:line 4: not a quiz result code",
        f"{empty}: holds neither a result nor a result code",
        f"{tmp_path / 'missing.json'}: cannot be read (No such file or directory)",
        f"{tmp_path}: cannot be read (Is a directory)",
    ]
