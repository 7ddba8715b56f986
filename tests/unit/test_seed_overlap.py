"""scripts/seed_overlap.py: runs of 8+ words the site's texts share with the source articles."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.load import load_project
from tests.conftest import REPO, load_script

so = load_script("seed_overlap")
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture
def found(project: Callable[[str], Path]) -> list[object]:
    root = project("seed-overlap")
    return so.project_overlaps(root, root / "seeds")


def _runs(found: list[object]) -> dict[tuple[str, str, str], str]:
    return {(o.lang, o.source, o.field): o.run for o in found}


# -- Runs -----------------------------------------------------------------------------------------

def test_eight_shared_words_are_reported_whatever_their_case_and_punctuation(found: list[object]) -> None:
    overlap = next(o for o in found if o.field == "en.example")
    assert (overlap.run, overlap.words, overlap.seed) == ("the buyer is left out in the cold", 8, "en.txt")
    assert overlap.original == "THE Buyer is left... out in the COLD"


def test_seven_shared_words_pass(found: list[object]) -> None:
    assert ("en", "glossary/lamp.yml", "en.notes") not in _runs(found)


def test_a_seed_in_another_language_counts(found: list[object]) -> None:
    assert _runs(found)[("pl", "glossary/lamp.yml", "pl.notes")] == \
        "once the contract is signed the buyer is"


def test_numbers_are_words(found: list[object]) -> None:
    runs = _runs(found)
    assert runs[("da", "quizzes/seedy.yml", "questions[0].da.prompt")] == \
        "havde 60 af køberne oplevet det inden for"
    assert ("nl", "quizzes/seedy.yml", "questions[0].nl.prompt") not in runs  # 61, not 60


def test_pages_are_compared_as_plain_text_with_their_line(found: list[object]) -> None:
    page = next(o for o in found if o.source == "content/da/about.md")
    # A Markdown link and an HTML tag in the middle do not break the run.
    assert page.run == "køberen fortryder ofte købet et par dage efter beslutningen"
    assert (page.line, page.words, page.seed_line) == (7, 9, 1)
    assert page.where == "content/da/about.md: line 7"


def test_nothing_else_is_reported(found: list[object]) -> None:
    assert len(found) == 4


def test_a_run_is_one_contiguous_stretch_of_the_seed() -> None:
    seed = so.Seed("s.txt", (*"abcdefgh", "x", *"bcdefghi"), (1,) * 17)
    index = so.index_seeds([seed])
    words = list("abcdefghi")
    # a…h is at 0 in the seed, b…i only at 9: two runs, not one of nine words.
    assert list(so.shared_runs(words, index)) == [(0, 0, 8, 0), (0, 1, 9, 9)]
    assert list(so.shared_runs(words[:7], index)) == []


def test_plain_text_drops_markup_and_keeps_lines(project: Callable[[str], Path]) -> None:
    loaded, _ = load_project(project("base"))
    text = "---\ntitle: T\n---\n# Head\n\n[[apple|jabłka]] and <b>[a link](x.md)</b> https://e.org/x"
    plain = so.to_plain(loaded, "pl", text)
    assert plain.count("\n") == text.count("\n")
    assert [m.group(0) for m in so.words_of(plain)] == ["Head", "jabłka", "and", "a", "link"]


def test_the_command_exits_1_on_a_run_and_prints_json(project: Callable[[str], Path],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    root = project("seed-overlap")
    assert so.main(["--root", str(root), "--seeds", str(root / "seeds"), "--json"]) == 1
    assert len(json.loads(capsys.readouterr().out)) == 4
    assert so.main(["--root", str(project("base")), "--seeds", str(root / "seeds")]) == 0


# -- The real project -----------------------------------------------------------------------------

@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seeds are beside the checkout, in ../shared")
def test_no_site_text_repeats_a_seed() -> None:
    found = so.project_overlaps(REPO, SEEDS)
    assert not found, "\n" + so.format_report(found)
