"""builder/assessment.py: scoring, team statistics, answer files and share codes, checked
against the vectors that the browser tests check kb-assessment.js against."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from builder.assessment import (
    AnswersError,
    answer_file,
    dimension_score,
    profile,
    read_answer_file,
    read_share_code,
    share_code,
    team,
)
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
    got = {s.dimension: [s.score, s.level, s.answered]
           for s in profile(VECTOR_INSTRUMENT, case["answers"])}
    assert got == case["expected"]


@pytest.mark.parametrize("case", VECTORS["teams"], ids=lambda c: c["name"])
def test_teams(case: dict[str, Any]) -> None:
    members = [VECTORS["profiles"][i]["answers"] for i in case["members"]]
    for stats in team(VECTOR_INSTRUMENT, members):
        want = case["expected"][stats.dimension]
        assert list(stats.scores) == want["scores"]
        assert (stats.low, stats.high, stats.disagree, stats.level) == (
            want["low"], want["high"], want["disagree"], want["level"])
        for name in ("mean", "sd"):
            got, expected = getattr(stats, name), want[name]
            assert got == expected or math.isclose(got, expected, rel_tol=1e-12), name


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
    assert dimension_score(d1, {"s3": 1}).score == 100
    assert dimension_score(d1, {"s3": 5}).score == 0
    assert dimension_score(d1, {"s3": "dont-know"}).score is None
    assert dimension_score(d1, {}).answered == 0


def test_every_score_from_0_to_100_lands_in_one_band() -> None:
    for dimension in VECTOR_INSTRUMENT.dimensions:
        for score in range(101):
            assert sum(b.holds(score) for b in dimension.bands) == 1
