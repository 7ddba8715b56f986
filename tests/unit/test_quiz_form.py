"""scripts/quiz_form.py: the quizzes' form patterns that give answers away. Each fixture quiz
sits just at a threshold (passes) or one item over it (fails); see the comment atop each file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, load_script

qf = load_script("quiz_form")
Scopes = dict[str, object]


def _scopes(project: Callable[[str], Path], name: str) -> Scopes:
    return {s.scope: s for s in qf.analyse_root(project(name)).scopes}


@pytest.fixture
def keys(project: Callable[[str], Path]) -> Scopes:
    return _scopes(project, "quiz-form-keys")


# -- (a) key positions, (e) true/false ------------------------------------------------------------

def test_key_share_at_the_limit_passes_one_more_fails(keys: Scopes) -> None:
    assert keys["keys-limit"].keys.counts == {"A": 4, "B": 3, "C": 3}
    assert keys["keys-limit"].keys.over == ()
    assert keys["keys-over"].keys.over == ("A",)


def test_key_shares_need_enough_questions(keys: Scopes) -> None:
    assert qf.MIN_KEY_ITEMS == 5
    assert keys["keys-few"].keys.over == ()  # 4 of 4 at A: reported only
    assert keys["keys-five"].keys.over == ("A",)  # 3 of 5


def test_the_most_balanced_arrangement_is_not_flagged(keys: Scopes) -> None:
    assert keys["keys-rounded"].keys.share("A") > qf.MAX_KEY_SHARE  # 3 of 7
    assert keys["keys-rounded"].keys.over == ()
    assert keys["keys-two"].keys.over == ()  # 3 and 3 of two-option questions


def test_all_quizzes_together_are_a_scope(keys: Scopes) -> None:
    assert keys[qf.ALL].keys.items == sum(s.keys.items for n, s in keys.items() if n != qf.ALL)
    assert keys[qf.ALL].keys.over == ("A",)


def test_true_false_balance(keys: Scopes) -> None:
    assert keys["tf-limit"].true_false.counts == {"true": 6, "false": 4}
    assert keys["tf-limit"].true_false.over == ()
    assert keys["tf-over"].true_false.over == ("true",)


# -- (b) multiple-answer patterns -----------------------------------------------------------------

def test_multiple_answer_patterns(project: Callable[[str], Path]) -> None:
    scopes = _scopes(project, "quiz-form-multiple")
    limit = scopes["multi-limit"].multiple
    assert (len(limit.all_but_one), len(limit.all_correct), len(limit.one_correct)) == (3, 2, 3)
    assert limit.over == ()
    assert scopes["multi-all-but-one"].multiple.over == ("all_but_one",)
    assert scopes["multi-all"].multiple.over == ("all_correct",)
    assert scopes["multi-one"].multiple.over == ("one_correct",)
    assert scopes["multi-few"].multiple.over == ()  # 3 of 3, below MIN_MULTIPLE_ITEMS


# -- (c) option length ----------------------------------------------------------------------------

def test_key_longest_per_language(project: Callable[[str], Path]) -> None:
    longest = _scopes(project, "quiz-form-length")["longest"].lengths
    assert len(longest["en"].longest) == 4
    assert longest["en"].over == ()
    assert len(longest["pl"].longest) == 5
    assert longest["pl"].over == ("longest",)
    assert longest["nl"].longest == ()  # equal lengths: a tie gives nothing away


def test_length_ratio_per_language(project: Callable[[str], Path]) -> None:
    ratio = _scopes(project, "quiz-form-length")["ratio"].lengths
    assert ratio["en"].mean_ratio == pytest.approx(1.25)
    assert ratio["en"].over == ()
    assert ratio["pl"].mean_ratio == pytest.approx(1.3)
    assert ratio["pl"].over == ("ratio",)
    assert ratio["pl"].longest == ()


# -- (d) prompts that name the card ---------------------------------------------------------------

def test_prompts_that_name_the_card(project: Callable[[str], Path]) -> None:
    cues = _scopes(project, "quiz-form-prompts")["spot"].cues
    found = {lang: {(c.question, c.words) for c in cs} for lang, cs in cues.items()}
    assert found == {
        "en": {("lantern", ("lantern",))},
        "pl": {("snail", ("ślimakiem", "ogrodowym"))},  # inflected forms from the glossary
        "nl": set(),  # "appel" is in every card: the topic
        "da": {("snail", ("snegl",))},  # the head of the compound havesnegl
    }


def test_topic_words_name_no_card(project: Callable[[str], Path]) -> None:
    from builder.load import load_project

    loaded, _ = load_project(project("quiz-form-prompts"))
    named, topic = qf.card_words(loaded, "en")
    assert "apple" in topic
    assert named["apple-is-a-lantern"] >= {"paper", "lantern"}


@pytest.mark.parametrize(("a", "b", "same"), [
    ("satysfakcją", "satysfakcja", True),
    ("rozczarowaniem", "rozczarowanie", True),
    ("tevredenheid", "aankooptevredenheid", True),
    ("kunder", "kundeservicen", False),
    ("positive", "position", False),
    ("boat", "boats", False),  # shorter than MIN_CUE_WORD_CHARS
])
def test_same_word(a: str, b: str, same: bool) -> None:
    assert qf.same_word(a, b) is same


# -- The command ----------------------------------------------------------------------------------

def test_exit_status_and_json(project: Callable[[str], Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert qf.main(["--root", str(project("base"))]) == 0
    capsys.readouterr()
    assert qf.main(["--root", str(project("quiz-form-keys")), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["thresholds"]["MAX_KEY_SHARE"] == qf.MAX_KEY_SHARE
    assert {"scope": "keys-over", "lang": None, "check": "key-position",
            "message": "5 of 10 keys at A (50% > 40%)"} in report["findings"]


def test_the_real_project_gives_nothing_away() -> None:
    """The project's own banks, rebalanced in issue 14, stay free of every giveaway pattern."""
    report = qf.analyse_root(REPO)
    assert [s.scope for s in report.scopes][-1] == qf.ALL
    assert "0 thresholds broken" in qf.format_report(report), qf.format_report(report)
