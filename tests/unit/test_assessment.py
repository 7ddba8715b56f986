"""builder/assessment.py: scoring, team statistics, answer files and share codes, checked
against the vectors that the browser tests check kb-assessment.js against."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from builder.assessment import (
    AnswersError,
    answer_file,
    compare,
    dimension_score,
    needed,
    profile,
    read_answer_file,
    read_session_file,
    read_share_code,
    read_team_file,
    share_code,
    team,
    team_file,
)
from builder.report import signed
from builder.sources.assessment import Assessment, Dimension, Statement
from builder.sources.bands import Band

VECTORS = json.loads((Path(__file__).parent.parent / "vectors" / "assessment.json")
                     .read_text(encoding="utf-8"))


def instrument(structure: dict[str, Any]) -> Assessment:
    """The vectors' structure (the page's data-structure format) as the content model."""
    return Assessment(
        id=structure["id"], source="vectors", version=structure["version"],
        levels=tuple(structure["levels"]),
        dimensions=tuple(
            Dimension(d["id"], tuple(Statement(i, r) for i, r in d["statements"]),
                      tuple(Band(low, high, level) for low, high, level in d["bands"]), {})
            for d in structure["dimensions"]),
        texts={})


VECTOR_INSTRUMENT = instrument(VECTORS["structure"])


@pytest.mark.parametrize("case", VECTORS["profiles"], ids=lambda c: c["name"])
def test_profiles(case: dict[str, Any]) -> None:
    got = {s.dimension: [s.score, s.level, s.answered, s.too_few]
           for s in profile(VECTOR_INSTRUMENT, case["answers"])}
    assert got == case["expected"]


@pytest.mark.parametrize("case", VECTORS["teams"], ids=lambda c: c["name"])
def test_teams(case: dict[str, Any]) -> None:
    members = [VECTORS["profiles"][i]["answers"] for i in case["members"]]
    for stats in team(VECTOR_INSTRUMENT, members):
        want = case["expected"][stats.dimension]
        assert list(stats.scores) == want["scores"]
        assert (stats.low, stats.high, stats.disagree, stats.level, stats.too_few) == (
            want["low"], want["high"], want["disagree"], want["level"], want["too_few"])
        assert list(stats.answered) == want["answered"]
        for name in ("mean", "sd"):
            got, expected = getattr(stats, name), want[name]
            assert got == expected or math.isclose(got, expected, rel_tol=1e-12), name


@pytest.mark.parametrize(("total", "want"), VECTORS["needed"]["cases"])
def test_answers_needed_for_a_score(total: int, want: int) -> None:
    assert needed(total) == want


@pytest.mark.parametrize("case", VECTORS["comparisons"], ids=lambda c: c["name"])
def test_comparisons(case: dict[str, Any]) -> None:
    for change in compare(VECTOR_INSTRUMENT, case["before"], case["after"]):
        want = case["expected"][change.dimension]
        assert (change.before, change.after, change.tenths, change.trend) == (
            want["before"], want["after"], want["tenths"], want["trend"])
        assert (change.level_before, change.level_after) == (
            want["level_before"], want["level_after"])
        if want["change"] is None:
            assert change.change is None
        else:
            assert change.change == pytest.approx(want["change"])
        # As the team view and the report show it: signed, one decimal, U+2212 for minus.
        assert (None if change.tenths is None else signed(change.tenths, ".")) == want["shown"]


def test_identical_answers_count_as_two_members() -> None:
    answers = VECTORS["profiles"][0]["answers"]
    one, two = team(VECTOR_INSTRUMENT, [answers]), team(VECTOR_INSTRUMENT, [answers, dict(answers)])
    assert [len(s.scores) for s in two] == [2, 2]
    # Twice the same answers weigh twice against a third member's.
    third = VECTORS["profiles"][1]["answers"]
    assert team(VECTOR_INSTRUMENT, [answers, answers, third])[0].mean == pytest.approx(184 / 3)
    assert [s.mean for s in one] == [s.mean for s in two]


def test_the_range_flags_a_split_the_sd_misses() -> None:
    """25, 75, 75: the sd is 23.6, under one scale point, but the range is two."""
    case = next(c for c in VECTORS["teams"] if c["name"].startswith("a 25-75 split"))
    d2 = team(VECTOR_INSTRUMENT, [VECTORS["profiles"][i]["answers"] for i in case["members"]])[1]
    assert d2.sd is not None and d2.sd < 25
    assert (d2.high, d2.low, d2.disagree) == (75, 25, True)


def test_a_single_answer_gives_too_few_not_a_level() -> None:
    d1 = VECTOR_INSTRUMENT.dimensions[0]
    score = dimension_score(d1, {"s1": 5})
    assert (score.score, score.level, score.too_few) == (None, None, True)


def test_the_worked_standard_deviation() -> None:
    """The vector's figure is the textbook one: sqrt(((67-60)² + (50-60)² + (63-60)²) / 3)."""
    assert VECTORS["teams"][0]["expected"]["d1"]["sd"] == pytest.approx(math.sqrt(158 / 3))


@pytest.mark.parametrize("case", VECTORS["codes"], ids=lambda c: c["code"])
def test_share_codes_round_trip(case: dict[str, Any]) -> None:
    assert share_code(VECTOR_INSTRUMENT, case["answers"]) == case["code"]
    assert read_share_code(VECTOR_INSTRUMENT, case["code"]) == case["answers"]
    # Spaces and upper case from a chat message or a printout do not matter.
    assert read_share_code(VECTOR_INSTRUMENT, " " + case["code"].upper() + "\n") == case["answers"]


@pytest.mark.parametrize("case", VECTORS["bad_codes"], ids=lambda c: c["why"])
def test_bad_share_codes(case: dict[str, Any]) -> None:
    with pytest.raises(AnswersError) as error:
        read_share_code(VECTOR_INSTRUMENT, case["code"])
    assert error.value.key == case["error"]


@pytest.mark.parametrize("case", VECTORS["bad_files"], ids=lambda c: c["why"])
def test_bad_answer_files(case: dict[str, Any]) -> None:
    with pytest.raises(AnswersError) as error:
        read_answer_file(VECTOR_INSTRUMENT, case["text"])
    assert error.value.key == case["error"]
    assert str(error.value)  # a message for the command line


@pytest.mark.parametrize("case", VECTORS["good_files"], ids=str)
def test_good_answer_files(case: dict[str, Any]) -> None:
    assert read_answer_file(VECTOR_INSTRUMENT, case["text"]) == case["answers"]


def test_an_answer_file_round_trips_and_holds_no_language() -> None:
    answers = {"s1": 4, "s3": "dont-know", "s5": 1}
    document = answer_file(VECTOR_INSTRUMENT, answers)
    assert document == {"format": "kb-assessment-answers", "instrument": "vectors",
                        "version": 2, "answers": answers}
    assert read_answer_file(VECTOR_INSTRUMENT, json.dumps(document)) == answers


def test_reverse_items_and_dont_know() -> None:
    d1 = VECTOR_INSTRUMENT.dimensions[0]
    # "Never" on a reverse-worded statement is the best answer.
    assert dimension_score(d1, {"s1": 5, "s3": 1}).score == 100
    assert dimension_score(d1, {"s1": 1, "s3": 5}).score == 0
    # "Don't know" is not an answer: one answer and one "don't know" are too few.
    assert dimension_score(d1, {"s1": 5, "s3": "dont-know"}).too_few
    assert dimension_score(d1, {}).answered == 0


def test_every_score_from_0_to_100_lands_in_one_band() -> None:
    for dimension in VECTOR_INSTRUMENT.dimensions:
        for score in range(101):
            assert sum(b.holds(score) for b in dimension.bands) == 1


@pytest.mark.parametrize("case", VECTORS["good_team_files"], ids=lambda c: c["saved"])
def test_good_team_files(case: dict[str, Any]) -> None:
    session = read_team_file(VECTOR_INSTRUMENT, case["text"])
    assert [dict(m) for m in session.members] == case["members"]
    assert (session.label, session.saved) == (case["label"], case["saved"])


@pytest.mark.parametrize("case", VECTORS["bad_team_files"], ids=lambda c: c["why"])
def test_bad_team_files(case: dict[str, Any]) -> None:
    with pytest.raises(AnswersError) as error:
        read_team_file(VECTOR_INSTRUMENT, case["text"])
    assert error.value.key == case["error"]
    assert str(error.value)


def test_a_team_file_round_trips() -> None:
    members = [VECTORS["profiles"][0]["answers"], {"s1": "dont-know", "s5": 2}]
    document = team_file(VECTOR_INSTRUMENT, members, date(2026, 12, 2), "Q4 workshop")
    assert document["format"] == "kb-assessment-team"
    session = read_session_file(VECTOR_INSTRUMENT, json.dumps(document))
    assert [dict(m) for m in session.members] == members
    assert session.label == "Q4 workshop"
    # One member's own answer file is a session of one.
    single = read_session_file(VECTOR_INSTRUMENT, json.dumps(answer_file(VECTOR_INSTRUMENT,
                                                                          members[0])))
    assert [dict(m) for m in single.members] == [members[0]]
