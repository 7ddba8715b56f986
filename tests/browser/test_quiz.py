"""Quizzes in Chromium: checking, feedback, plurals, storage, keyboard, shuffling, axe-core."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import Page, expect

from builder.load import load_project
from builder.scoring import score
from tests.browser.conftest import Watched
from tests.conftest import ROOTS

pytestmark = pytest.mark.browser

AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def quiz_url(server: str, lang: str = "pl", quiz: str = "basics") -> str:
    return f"{server}/{lang}/quizzes/{quiz}/index.html"


def answer(page: Page, quiz: str, choices: dict[str, list[str]]) -> None:
    for question, options in choices.items():
        for option in options:
            page.check(f"#{quiz}--{question}--{option}")


def summary(page: Page) -> str:
    return page.locator("[data-summary] .kb-quiz__score").inner_text()


def test_right_and_wrong_answers_get_feedback_and_a_polish_score(
        server: str, open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto(quiz_url(server))
    answer(w.page, "basics", {"colour": ["b"], "fruits": ["a", "b"], "floats": ["true"]})
    w.page.get_by_role("button", name="Sprawdź odpowiedzi").click()
    colour = w.page.locator("[data-question=colour]")
    expect(colour.locator("[data-status]")).to_have_text("Źle")
    expect(colour.locator("[data-option=b] [data-feedback]")).to_contain_text(
        "Nie: pływa, ale to owoc.")
    expect(colour.locator("[data-option=b] [data-feedback]")).to_contain_text(
        "Błędne przekonanie: Jabłko to rodzaj łodzi.")
    expect(colour.locator("[data-option=a]")).to_have_attribute("data-state", "missed")
    expect(colour.locator("[data-explanation]")).to_be_visible()
    expect(w.page.locator("[data-question=fruits] [data-status]")).to_have_text("Dobrze")
    expect(w.page.locator("[data-question=spot] [data-status]")).to_have_text("Brak odpowiedzi")
    assert summary(w.page) == ("Poprawnie odpowiedziano na 2 pytania z 4. Wynik: 50%. "
                               "Zaliczone.")
    expect(w.page.locator("[data-summary]")).to_contain_text("Dobrze.")
    # Focus moves to the announced results.
    assert w.page.evaluate("document.activeElement.dataset.summary") == ""
    assert w.errors == [] and w.foreign == []


@pytest.mark.parametrize(("choices", "expected"), [
    ({"colour": ["a"]}, "Poprawnie odpowiedziano na 1 pytanie z 4."),
    ({}, "Poprawnie odpowiedziano na 0 pytań z 4."),
])
def test_polish_plurals(choices: dict[str, list[str]], expected: str, server: str,
                        open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto(quiz_url(server))
    answer(w.page, "basics", choices)
    w.page.get_by_role("button", name="Sprawdź odpowiedzi").click()
    assert summary(w.page).startswith(expected)


def test_browser_and_python_score_alike(server: str, open_page: Callable[..., Watched],
                                        project: Callable[[str], Path]) -> None:
    loaded, _ = load_project(ROOTS / "base")
    quiz = next(q for q in loaded.quizzes if q.id == "basics")
    cases = [
        {"colour": ["a"], "fruits": ["a", "c"], "floats": ["false"], "spot": ["a"]},
        {"fruits": ["a", "b", "c"], "floats": ["true"]},
        {"colour": ["c"], "fruits": ["b"], "spot": ["b"]},
    ]
    w = open_page(locale="en-GB")
    for case in cases:
        w.page.goto(quiz_url(server, "en"))
        w.page.get_by_role("button", name="Reset").click()
        answer(w.page, "basics", case)
        w.page.get_by_role("button", name="Check answers").click()
        expected = score(quiz, {k: set(v) for k, v in case.items()})
        assert f"Score: {expected.percent}%." in summary(w.page), case


def test_answers_survive_a_reload_and_reset_clears_them(
        server: str, open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto(quiz_url(server, "da"))
    answer(w.page, "basics", {"colour": ["a"], "fruits": ["b"]})
    w.page.reload()
    expect(w.page.locator("#basics--colour--a")).to_be_checked()
    expect(w.page.locator("#basics--fruits--b")).to_be_checked()
    w.page.get_by_role("button", name="Tjek svarene").click()
    w.page.reload()
    expect(w.page.locator("[data-summary] .kb-quiz__score")).to_contain_text("Resultat:")
    w.page.get_by_role("button", name="Start forfra").click()
    expect(w.page.locator("#basics--colour--a")).not_to_be_checked()
    expect(w.page.locator("[data-summary]")).to_have_text("")
    w.page.reload()
    expect(w.page.locator("#basics--colour--a")).not_to_be_checked()
    assert w.errors == []


def test_corrupted_or_old_storage_is_ignored(server: str,
                                             open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto(quiz_url(server, "nl"))
    key = "kb-quiz:v1:post-purchase-dissonance:nl:basics"
    for bad in ("{not json", json.dumps({"v": 0, "seed": 1, "answers": {}}),
                json.dumps({"v": 1, "seed": "x", "answers": []})):
        w.page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, bad])
        w.page.reload()
        answer(w.page, "basics", {"colour": ["a"]})
        w.page.get_by_role("button", name="Antwoorden controleren").click()
        expect(w.page.locator("[data-summary] .kb-quiz__score")).to_contain_text("Score:")
    assert w.errors == []


def test_keyboard_only(server: str, open_page: Callable[..., Watched]) -> None:
    w = open_page(locale="en-GB")
    page = w.page
    page.goto(quiz_url(server, "en"))
    page.locator("#basics--colour--a").focus()
    page.keyboard.press("Space")
    expect(page.locator("#basics--colour--a")).to_be_checked()
    page.keyboard.press("Tab")  # to the first checkbox of the next question
    page.keyboard.press("Space")
    expect(page.locator("#basics--fruits--a")).to_be_checked()
    page.locator("button[type=submit]").focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-summary] .kb-quiz__score")).to_be_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-summary')")
    page.keyboard.press("Tab")  # focus can leave the results for the rest of the page
    assert w.errors == []


def test_shuffle_and_draw_keep_their_order_on_reload(
        server: str, open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto(quiz_url(server, "en", "shuffled"))
    visible = w.page.locator(".kb-question:not([hidden])")
    expect(visible).to_have_count(3)

    def order() -> list[str]:
        return [q.get_attribute("data-question") or "" for q in visible.all()] + [
            o.get_attribute("data-option") or ""
            for o in w.page.locator(".kb-question:not([hidden]) .kb-option").all()]

    first = order()
    w.page.reload()
    assert order() == first
    # Hidden (not drawn) questions cannot be answered.
    assert w.page.locator(".kb-question[hidden] input:not([disabled])").count() == 0


@pytest.mark.parametrize("lang", ["en", "pl", "nl", "da"])
def test_axe_finds_no_serious_violations(lang: str, server: str,
                                         open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto(quiz_url(server, lang))
    answer(w.page, "basics", {"colour": ["b"]})
    w.page.locator("button[type=submit]").click()  # check the page with feedback shown too
    w.page.add_script_tag(content=AXE)
    result = w.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert w.foreign == []
