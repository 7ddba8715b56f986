"""The project's own site in Chromium: every quiz and the self-assessment in every language."""

from __future__ import annotations

import functools
import io
import random
import threading
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from builder.load import load_project
from tests.browser.conftest import Watched, _QuietHandler
from tests.browser.test_quiz import AXE
from tests.conftest import REPO, run_cli

pytestmark = pytest.mark.browser

LANGS = ("en", "pl", "nl", "da")
PROJECT, _ = load_project(REPO)


@pytest.fixture(scope="module")
def real_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("real") / "site"
    result = run_cli("build", "--root", str(REPO), "--site-dir", str(site))
    assert result.exit_code == 0, result.output
    httpd = ThreadingHTTPServer(("127.0.0.1", 0),
                                functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def serious_violations(page: Page) -> list[tuple[str, str, list[object]]]:
    page.add_script_tag(content=AXE)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def answer_at_random(page: Page, groups: str, seed: int) -> None:
    rnd = random.Random(seed)
    for group in page.locator(groups).all():
        inputs = group.locator("input").all()
        inputs[rnd.randrange(len(inputs))].check()


@pytest.mark.parametrize("lang", LANGS)
def test_every_quiz_works(lang: str, real_server: str,
                          open_page: Callable[..., Watched]) -> None:
    assert len(PROJECT.quizzes) >= 3
    w = open_page()
    for quiz in PROJECT.quizzes:
        assert len(quiz.questions) >= 10
        w.page.goto(f"{real_server}/{lang}/quizzes/{quiz.id}/index.html")
        assert w.page.locator("legend").count() == len(quiz.questions)
        answer_at_random(w.page, ".kb-question", 7)
        w.page.locator(".kb-quiz button[type=submit]").click()
        expect(w.page.locator("[data-summary] .kb-quiz__score")).to_be_visible()
        assert w.page.locator("[data-explanation]:visible").count() == len(quiz.questions)
        assert serious_violations(w.page) == [], quiz.id
    assert w.errors == [] and w.foreign == []


def test_polish_quiz_plurals_on_the_real_site(real_server: str,
                                              open_page: Callable[..., Watched]) -> None:
    page = open_page().page
    page.goto(f"{real_server}/pl/quizzes/index.html")
    expect(page.get_by_text("11 pytań")).to_be_visible()
    expect(page.get_by_text("10 pytań").first).to_be_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_the_assessment_and_its_one_page_report(lang: str, real_server: str,
                                                open_page: Callable[..., Watched]) -> None:
    assert PROJECT.assessment is not None and len(PROJECT.assessment.dimensions) >= 7
    w = open_page()
    w.page.goto(f"{real_server}/{lang}/assessment/index.html")
    answer_at_random(w.page, ".kb-statement", 3)
    w.page.locator(".kb-assessment button[type=submit]").click()
    expect(w.page.locator("[data-results]")).to_be_visible()
    assert w.page.locator("[data-steps] .kb-step").count() == len(PROJECT.assessment.dimensions)
    assert serious_violations(w.page) == []
    w.page.emulate_media(media="print")
    assert len(PdfReader(io.BytesIO(w.page.pdf(format="A4"))).pages) == 1
    assert w.errors == [] and w.foreign == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_presenter_screen_fits_a_projector(lang: str, real_server: str,
                                                 open_page: Callable[..., Watched]) -> None:
    """Every question of every quiz, fully revealed, at 1280 x 720 and 1920 x 1080: no scrolling, and
    base type of at least 16 px."""
    w = open_page()
    # The screen's own buttons, pressed in the page: one round trip per quiz, not per key.
    walk = """async () => {
        const press = name => document.querySelector(`[data-command=${name}]`).click();
        const frame = () => new Promise(done => requestAnimationFrame(() => setTimeout(done)));
        const states = [];
        const count = document.querySelectorAll('.kb-slide').length - 1;
        for (let i = 0; i < count; i++) {
            press('next');
            for (let r = 0; r < 3; r++) press('reveal');
            await frame();
            const s = document.querySelector('.kb-slide:not([hidden])');
            states.push({fits: s.scrollHeight <= s.clientHeight + 1
                           && document.scrollingElement.scrollHeight <= innerHeight,
                         size: parseFloat(s.style.fontSize), slide: s.dataset.slide,
                         step: s.dataset.step});
        }
        return states;
    }"""
    for width, height in ((1280, 720), (1920, 1080)):
        w.page.set_viewport_size({"width": width, "height": height})
        for quiz in PROJECT.quizzes:
            w.page.goto(f"{real_server}/{lang}/quizzes/{quiz.id}/present/index.html")
            states = w.page.evaluate(walk)
            assert [s["slide"] for s in states] == [str(n) for n in range(1, len(quiz.questions) + 1)]
            for state in states:
                assert state["step"] == "3", (quiz.id, state)
                assert state["fits"], (quiz.id, state, width)
                assert state["size"] >= 16, (quiz.id, state, width)
    assert w.errors == []
    assert w.foreign == []
