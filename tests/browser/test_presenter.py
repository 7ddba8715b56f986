"""Presenter mode in Chromium, in every language: a keyboard-only run (reveal order, timer,
overview, the notes window in step), no scrolling at 1280 x 720, no console error, no request to
another host, axe-core, file://, the self-quiz opened from the presenter in the same order, and QR
codes a phone can read."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Page, expect

from tests.browser.conftest import Watched
from tests.browser.test_real_site import serious_violations
from tests.conftest import make_project, run_cli

pytestmark = pytest.mark.browser

LANGS = ("en", "pl", "nl", "da")
QUIZ = "shuffled"
"""The fixture quiz that shuffles its options: the presenter must keep the authored order."""


def current(page: Page):  # type: ignore[no-untyped-def]
    return page.locator(".kb-slide:not([hidden])")


def visible_reveals(page: Page) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll('.kb-slide:not([hidden]) [data-reveal]')]
        .filter(el => !el.hidden).map(el => el.getAttribute('data-reveal'))""")


def fits(page: Page) -> bool:
    return page.evaluate("""() => {
        const slide = document.querySelector('.kb-slide:not([hidden])');
        const root = document.scrollingElement;
        return slide.scrollHeight <= slide.clientHeight + 1 && root.scrollHeight <= innerHeight
            && root.scrollWidth <= innerWidth;
    }""")


@pytest.mark.parametrize("lang", LANGS)
def test_a_keyboard_only_run_with_notes_in_step(lang: str, server: str,
                                                open_page: Callable[..., Watched]) -> None:
    w = open_page()
    page = w.page
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{server}/{lang}/quizzes/{QUIZ}/present/index.html")
    expect(current(page)).to_have_attribute("data-slide", "0")
    assert fits(page)
    page.keyboard.press("ArrowRight")
    expect(current(page)).to_have_attribute("data-slide", "1")
    # Step by step: nothing, the right answer, every option's feedback, the explanation.
    assert visible_reveals(page) == []
    seen = []
    for _ in range(3):
        page.keyboard.press("r")
        seen.append(sorted(set(visible_reveals(page))))
        assert fits(page)
    assert seen == [["1"], ["1", "2"], ["1", "2", "3"]]
    marked = current(page).locator(".kb-slide__option[data-correct] .kb-slide__mark")
    expect(marked).to_be_visible()
    # The timer counts down while it runs, and stops.
    page.keyboard.press("t")
    page.wait_for_timeout(1300)
    timer = current(page).locator("[data-timer-display]")
    expect(timer).to_be_visible()
    assert timer.inner_text() in ("0:58", "0:59")
    page.keyboard.press("t")
    stopped = timer.inner_text()
    page.wait_for_timeout(1100)
    assert timer.inner_text() == stopped
    # The overview lists every question; choosing one goes there.
    page.keyboard.press("o")
    overview = page.locator("[data-overview]")
    expect(overview).to_be_visible()
    page.keyboard.press("Tab")
    overview.locator("[data-go='3']").focus()
    page.keyboard.press("Enter")
    expect(overview).to_be_hidden()
    expect(current(page)).to_have_attribute("data-slide", "3")
    # The notes window follows the screen, and drives it.
    with page.expect_popup() as popup:
        page.keyboard.press("n")
    notes = popup.value
    notes.wait_for_load_state()
    expect(notes.locator(".kb-note--current")).to_have_attribute("data-slide", "3")
    page.bring_to_front()
    page.keyboard.press("ArrowLeft")
    expect(notes.locator(".kb-note--current")).to_have_attribute("data-slide", "2")
    notes.bring_to_front()
    notes.keyboard.press("ArrowRight")
    expect(current(page)).to_have_attribute("data-slide", "3")
    notes.keyboard.press("r")
    expect(current(page)).to_have_attribute("data-step", "1")
    expect(notes.locator(".kb-note--current .kb-note__answer")).to_be_visible()
    assert w.errors == []
    assert w.foreign == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_room_sees_the_presenters_letters(lang: str, server: str,
                                              open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto(f"{server}/{lang}/quizzes/{QUIZ}/present/index.html")
    presented = w.page.evaluate("""() => [...document.querySelectorAll('.kb-slide[data-slide]')]
        .slice(1).map(s => [...s.querySelectorAll('.kb-slide__option')].map(o =>
          o.querySelector('.kb-letter').textContent + ' ' + o.querySelector('.kb-slide__text')
            .childNodes[0].textContent.trim()))""")
    w.page.locator("a[href='../index.html?room']").click()
    w.page.wait_for_selector("form.kb-quiz--ready")
    labels = r"""() => [...document.querySelectorAll('.kb-question:not([hidden])')]
        .map(q => [...q.querySelectorAll('.kb-option label')].map(l =>
          l.textContent.trim().replace(/^([A-Z])\.\s+/, '$1 ')))"""
    assert w.page.evaluate(labels) == presented
    # Without `?room` the options are shuffled, and the letters still run A, B, C down the page.
    w.page.goto(f"{server}/{lang}/quizzes/{QUIZ}/index.html")
    w.page.wait_for_selector("form.kb-quiz--ready")
    letters = [[label.split(" ", 1)[0] for label in q] for q in w.page.evaluate(labels)]
    assert letters == [["A", "B", "C", "D"][:len(q)] for q in letters]
    assert w.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_presenter_and_notes_pass_axe(lang: str, server: str,
                                      open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto(f"{server}/{lang}/quizzes/{QUIZ}/present/index.html")
    w.page.keyboard.press("ArrowRight")
    for _ in range(3):
        w.page.keyboard.press("r")
    assert serious_violations(w.page) == []
    w.page.goto(f"{server}/{lang}/quizzes/{QUIZ}/present/notes.html")
    assert serious_violations(w.page) == []


def test_presenter_mode_works_from_a_usb_stick(built_base: Path,
                                               open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto((built_base / "da/quizzes/basics/present/index.html").as_uri())
    w.page.get_by_role("button", name="Næste").click()
    expect(current(w.page)).to_have_attribute("data-slide", "1")
    with w.page.expect_popup() as popup:
        w.page.keyboard.press("n")
    notes = popup.value
    notes.wait_for_load_state()
    expect(notes.locator(".kb-note--current")).to_have_attribute("data-slide", "1")
    # The trainer's notes of the question are there, in Danish.
    expect(notes.locator(".kb-note--current .kb-note__notes")).to_contain_text("Spørg, hvem")
    assert w.errors == []
    assert w.foreign == []


SITE_URL = "https://intranet.example.com/training/"


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base fixture built with a site_url, as a team publishing it on an intranet does."""
    root = make_project("base", tmp_path_factory.mktemp("hosted"))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"site_url: {SITE_URL}\n",
                      encoding="utf-8")
    result = run_cli("build", "--root", str(root))
    assert result.exit_code == 0, result.output
    return root / "site"


def decode(png: bytes) -> list[str]:
    """What a phone's camera reads from a screenshot (zxing-cpp, independent of segno)."""
    return [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.mark.parametrize("lang", LANGS)
def test_phones_read_the_qr_code_on_every_screen(lang: str, hosted: Path,
                                                 open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.set_viewport_size({"width": 1280, "height": 720})
    w.page.goto((hosted / lang / "quizzes" / QUIZ / "present" / "index.html").as_uri())
    url = f"{SITE_URL}{lang}/quizzes/{QUIZ}/index.html?room"
    expect(current(w.page).locator(".kb-join__url")).to_have_text(
        f"intranet.example.com/training/{lang}/quizzes/{QUIZ}/?room")
    # The large code on the title screen, the small one in the corner of a question.
    for _ in range(2):
        code = current(w.page).locator(".kb-join__code svg")
        expect(code).to_be_visible()
        assert decode(code.screenshot()) == [url]
        assert fits(w.page)
        w.page.keyboard.press("ArrowRight")
    assert w.errors == []
    assert w.foreign == []
