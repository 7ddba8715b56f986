"""Quizzes in Chromium: checking, feedback, plurals, storage, keyboard, shuffling, axe-core."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Page, expect

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


# -- Issue 13: solutions, layout, letters, storage, phones ---------------------------------------

LANGS = ["en", "pl", "nl", "da"]
ASSETS = Path(__file__).resolve().parents[2] / "builder" / "theme" / "assets"
EVENTS = """() => { window.kbEvents = [];
    document.addEventListener('kb-quiz:checked', e => window.kbEvents.push(e.detail)); }"""
STORED = "k => JSON.parse(localStorage.getItem(k))"
INPUT_X = """() => [...document.querySelectorAll('.kb-question:not([hidden]) .kb-option input')]
    .map(i => Math.round(i.getBoundingClientRect().left * 10) / 10)"""


def key(lang: str, quiz: str = "basics") -> str:
    return f"kb-quiz:v1:post-purchase-dissonance:{lang}:{quiz}"


def i18n(page: Page) -> dict[str, str]:
    return json.loads(page.locator("form.kb-quiz").get_attribute("data-i18n") or "{}")


def after_label(page: Page, selector: str) -> str:
    """The label the stylesheet shows under an option's text (the option's `::after`)."""
    return page.evaluate("s => getComputedStyle(document.querySelector(s), '::after').content",
                         selector)


def check_answers(page: Page) -> None:
    page.locator("form.kb-quiz button[type=submit]").click()


@pytest.mark.parametrize("lang", LANGS)
def test_show_solution_keeps_the_learners_answers_and_score(
        lang: str, server: str, open_page: Callable[..., Watched]) -> None:
    w = open_page()
    page = w.page
    page.goto(quiz_url(server, lang))
    page.evaluate(EVENTS)
    answer(page, "basics", {"colour": ["b"], "fruits": ["a"]})
    check_answers(page)
    earned = summary(page)
    page.locator("[data-action=solution]").click()
    # The learner's ticks stay; the right options are marked beside them.
    for option, ticked in (("a", False), ("b", True), ("c", False)):
        expect(page.locator(f"#basics--colour--{option}")).to_be_checked(checked=ticked)
    expect(page.locator("#basics--fruits--b")).not_to_be_checked()
    texts = i18n(page)
    colour = "[data-question=colour] [data-option=a]"
    assert after_label(page, colour) == json.dumps(texts["missed"], ensure_ascii=False)
    assert after_label(page, "[data-question=fruits] [data-option=a]") == json.dumps(
        texts["solution"], ensure_ascii=False)
    expect(page.locator("[data-question=colour] [data-option=c] [data-feedback]")).to_be_visible()
    # The score line is the earned one, failed, with a note; nothing says 100 % or passed.
    assert summary(page) == earned
    expect(page.locator(".kb-quiz__score")).to_have_attribute("data-passed", "false")
    expect(page.locator(".kb-quiz__shown")).to_have_text(texts["shown"])
    assert "100" not in page.locator("[data-summary]").inner_text()
    # The answers cannot be changed under the solution, nor checked again.
    expect(page.locator("#basics--colour--a")).to_be_disabled()
    expect(page.locator("form.kb-quiz button[type=submit]")).to_be_hidden()
    events = page.evaluate("window.kbEvents")
    assert [(e["solution"], e["passed"], e["percent"]) for e in events] == [
        (False, False, 12), (True, False, 12)]
    assert events[1]["answers"]["colour"] == ["b"]
    stored = page.evaluate(STORED, key(lang))
    assert stored["answers"] == {"colour": ["b"], "fruits": ["a"]} and stored["solution"] is True
    # A reload shows the same: the learner's answers, their score, the solution beside them.
    page.reload()
    expect(page.locator("#basics--colour--b")).to_be_checked()
    assert summary(page) == earned
    expect(page.locator(".kb-quiz__shown")).to_be_visible()
    page.locator("[data-action=retry]").click()
    expect(page.locator("#basics--colour--a")).to_be_enabled()
    expect(page.locator("form.kb-quiz button[type=submit]")).to_be_visible()
    assert w.errors == [] and w.foreign == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_missed_right_answer_is_labelled_not_praised(
        lang: str, server: str, open_page: Callable[..., Watched]) -> None:
    w = open_page()
    page = w.page
    page.goto(quiz_url(server, lang))
    answer(page, "basics", {"colour": ["b"], "fruits": ["a"]})
    check_answers(page)
    texts = i18n(page)
    assert lang == "en" or texts["missed"] != "Correct answer: you did not choose it"
    for question in ("colour", "fruits"):
        missed = f"[data-question={question}] [data-option={'a' if question == 'colour' else 'b'}]"
        expect(page.locator(missed)).to_have_attribute("data-state", "missed")
        # Its own feedback ("Right.") is not shown; the label and the explanation are.
        expect(page.locator(f"{missed} [data-feedback]")).to_be_hidden()
        assert after_label(page, missed) == json.dumps(texts["missed"], ensure_ascii=False)
        expect(page.locator(f"[data-question={question}] [data-explanation]")).to_be_visible()
    expect(page.locator("[data-question=colour] [data-option=b] [data-feedback]")).to_be_visible()
    assert w.errors == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", [1280, 390])
def test_inputs_stay_in_one_column_before_and_after_a_check(
        lang: str, width: int, server: str, open_page: Callable[..., Watched]) -> None:
    w = open_page()
    page = w.page
    page.set_viewport_size({"width": width, "height": 844 if width == 390 else 720})
    page.goto(quiz_url(server, lang))
    before = page.evaluate(INPUT_X)
    assert len(before) == 10 and len(set(before)) == 1, before
    answer(page, "basics", {"colour": ["b"], "fruits": ["a", "c"], "floats": ["true"]})
    check_answers(page)
    assert page.evaluate(INPUT_X) == before
    page.locator("[data-action=solution]").click()
    assert page.evaluate(INPUT_X) == before


@pytest.mark.parametrize("lang", LANGS)
def test_focus_goes_to_the_results_without_a_ring(
        lang: str, server: str, open_page: Callable[..., Watched]) -> None:
    w = open_page()
    page = w.page
    page.goto(quiz_url(server, lang))
    answer(page, "basics", {"colour": ["a"]})
    page.locator("#basics--colour--a").focus()
    page.keyboard.press("Enter")  # from the keyboard, where :focus-visible applies
    expect(page.locator("[data-summary] .kb-quiz__score")).to_be_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-summary')")
    assert page.evaluate("document.activeElement.getAttribute('tabindex')") == "-1"
    style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [s.outlineStyle, s.outlineWidth]; }""")
    assert style[0] == "none" or style[1] == "0px", style


def _labels(page: Page) -> list[list[str]]:
    return page.evaluate(r"""() => [...document.querySelectorAll('.kb-question:not([hidden])')]
        .map(q => [...q.querySelectorAll('.kb-option label')].map(l =>
          l.textContent.trim().replace(/\s+/g, ' ')))""")


@pytest.mark.parametrize("lang", LANGS)
def test_letters_match_the_presenter_with_and_without_javascript(
        lang: str, server: str, browser: Browser, open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto(f"{server}/{lang}/quizzes/basics/present/index.html")
    presented = w.page.evaluate("""() => [...document.querySelectorAll('.kb-slide[data-slide]')]
        .slice(1).map(s => [...s.querySelectorAll('.kb-slide__option')].map(o =>
          o.querySelector('.kb-letter').textContent.trim() + '. ' +
          o.querySelector('.kb-slide__text').childNodes[0].textContent.trim()))""")
    w.page.goto(quiz_url(server, lang))
    w.page.wait_for_selector("form.kb-quiz--ready")
    assert _labels(w.page) == presented
    letter = w.page.locator("[data-question=colour] [data-option=b] .kb-option__letter")
    expect(letter).to_be_visible()
    expect(letter).to_have_text("B.")
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(quiz_url(server, lang))
        assert _labels(page) == presented
        expect(page.locator(".kb-option__letter").first).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_shuffled_letters_follow_the_order_shown(
        lang: str, server: str, open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto(quiz_url(server, lang, "shuffled"))
    w.page.wait_for_selector("form.kb-quiz--ready")
    letters = [[label.split(".", 1)[0] for label in q] for q in _labels(w.page)]
    assert letters == [[chr(65 + i) for i in range(len(q))] for q in letters]
    first = _labels(w.page)
    w.page.reload()
    assert _labels(w.page) == first  # the same letter for the same option after a reload


REFUSE = {
    "full": "Storage.prototype.setItem = function () { "
            "throw new DOMException('full', 'QuotaExceededError'); };",
    "off": "Object.defineProperty(window, 'localStorage', { get: function () { "
           "throw new DOMException('denied', 'SecurityError'); } });",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("how", sorted(REFUSE))
def test_storage_that_refuses_is_reported_near_the_quiz(
        lang: str, how: str, server: str, open_page: Callable[..., Watched]) -> None:
    w = open_page()
    page = w.page
    page.goto(quiz_url(server, lang))
    alert = page.locator("form.kb-quiz [data-not-saved]")
    expect(alert).to_be_hidden()  # storage works here
    english = "Your answers could not be saved"
    page.context.add_init_script(REFUSE[how])
    page.reload()
    expect(alert).to_be_visible()
    expect(alert).to_have_attribute("role", "alert")
    assert (english in alert.inner_text()) == (lang == "en")
    # The quiz works on.
    answer(page, "basics", {"colour": ["a"]})
    check_answers(page)
    expect(page.locator("[data-summary] .kb-quiz__score")).to_be_visible()
    # Material's own head script reads localStorage unguarded and logs the denial.
    assert set(w.errors) <= {"denied"}


def test_the_valid_part_of_a_stored_entry_is_kept(
        server: str, open_page: Callable[..., Watched]) -> None:
    w = open_page()
    page = w.page
    page.goto(quiz_url(server, "nl"))
    entry = {"v": 1, "seed": 5, "checked": "yes", "answers": {
        "colour": ["a"], "fruits": "a", "floats": ["maybe"], "gone": ["a"], "spot": ["b"]}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key("nl"), json.dumps(entry)])
    page.reload()
    expect(page.locator("#basics--colour--a")).to_be_checked()
    expect(page.locator("#basics--spot--b")).to_be_checked()
    assert page.locator("form.kb-quiz input:checked").count() == 2
    expect(page.locator("[data-summary]")).to_have_text("")  # "yes" is not a check
    assert page.evaluate(STORED, key("nl")) == {
        "v": 1, "seed": 5, "answers": {"colour": ["a"], "spot": ["b"]},
        "checked": False, "solution": False}
    assert w.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_phone_never_scrolls_sideways_and_options_are_big_enough_to_tap(
        lang: str, server: str, open_page: Callable[..., Watched]) -> None:
    w = open_page()
    page = w.page
    page.set_viewport_size({"width": 390, "height": 844})
    for quiz in ("basics", "shuffled"):
        page.goto(quiz_url(server, lang, quiz))
        page.locator(".kb-question:not([hidden]) .kb-option label").first.click()
        check_answers(page)
        page.locator("[data-action=solution]").click()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        heights = page.evaluate("""() => [...document.querySelectorAll(
            '.kb-question:not([hidden]) .kb-option > label')].map(l => l.getBoundingClientRect().height)""")
        assert heights and min(heights) >= 44, heights


def test_the_quiz_engine_is_small_and_uses_the_shared_helpers() -> None:
    quiz = (ASSETS / "javascripts/kb-quiz.js").read_text(encoding="utf-8")
    results = (ASSETS / "javascripts/kb-results.js").read_text(encoding="utf-8")
    size = len(quiz.encode()) + len((ASSETS / "stylesheets/kb-quiz.css").read_bytes())
    assert size < 15_000, size
    for script in (quiz, results):
        for helper in ("has", "all", "data", "isObject", "chars", "download", "copy"):
            assert f"function {helper}(" not in script, helper
        assert "localStorage" not in script  # through kb.store, which never throws
