"""Presenter pages as the builder writes them: one screen per question after a title screen, every
option lettered in the authored order (even in a quiz that shuffles), the quiz's timer, the notes
page with the trainer's notes, and a QR code of the self-quiz only where the site says where it is
published. The browser tests drive the same pages; these read them as HTML."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from builder import presenter
from builder.load import load_project
from builder.render import RenderContext
from builder.sources.quizzes import Quiz

LANGS = ("en", "pl", "nl", "da")
SITE_URL = "https://intranet.example.com/training/"


class Slides(HTMLParser):
    """The slides of a presenter page: their numbers and the letters and options on each."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.slides: list[str] = []
        self.options: list[list[str]] = []
        self.letters: list[list[str]] = []
        self.qr_labels: list[str] = []
        self.timer: str | None = None
        self._letter = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "data-kb-present" in a:
            self.timer = a["data-timer"]
        if tag == "section" and "data-slide" in a:
            self.slides.append(a["data-slide"])
            self.options.append([])
            self.letters.append([])
        if tag == "li" and "data-option" in a:
            self.options[-1].append(a["data-option"])
        if tag == "span" and a.get("class") == "kb-letter":
            self._letter = True
            self.letters[-1].append("")
        if tag == "svg":
            self.qr_labels.append(a.get("aria-label", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self._letter = False

    def handle_data(self, data: str) -> None:
        if self._letter:
            self.letters[-1][-1] += data.strip()


def pages(root: Path, lang: str, quiz_id: str) -> tuple[Quiz, str, str]:
    project, problems = load_project(root)
    assert not problems
    ctx = RenderContext(project, project.config.language(lang), project.translations(lang))
    quiz = next(q for q in project.quizzes if q.id == quiz_id)
    screen, notes = presenter.presenter_pages(ctx, quiz)
    assert screen.path == f"quizzes/{quiz_id}/present/index.html"
    assert notes.path == f"quizzes/{quiz_id}/present/notes.html"
    assert screen.text and notes.text
    return quiz, screen.text, notes.text


@pytest.mark.parametrize("lang", LANGS)
def test_one_screen_per_question_in_the_authored_order(lang: str,
                                                       project: Callable[[str], Path]) -> None:
    quiz, screen, _ = pages(project("base"), lang, "shuffled")
    assert quiz.shuffle_options and quiz.draw
    slides = Slides(screen)
    # Every question, even in a quiz that draws some: the trainer chooses what to skip.
    assert slides.slides == [str(n) for n in range(len(quiz.questions) + 1)]
    assert slides.options[1:] == [[o.id for o in q.options] for q in quiz.questions]
    assert slides.letters[1:] == [list("ABCDEFGH"[:len(q.options)]) for q in quiz.questions]
    assert slides.timer == str(quiz.timer)


def test_the_timer_is_the_quizs(project: Callable[[str], Path]) -> None:
    root = project("base")
    basics = root / "quizzes" / "basics.yml"
    basics.write_text("timer: 90\n" + basics.read_text(encoding="utf-8"), encoding="utf-8")
    _, screen, _ = pages(root, "en", "basics")
    assert Slides(screen).timer == "90"


@pytest.mark.parametrize(("lang", "said"), [("en", "Ask who has"), ("da", "Spørg, hvem")])
def test_the_notes_page_has_the_trainers_notes(lang: str, said: str,
                                               project: Callable[[str], Path]) -> None:
    quiz, _, notes = pages(project("base"), lang, "basics")
    assert said in notes
    # The explanation and the misconception come with every question, notes or not.
    for question in quiz.questions:
        explanation = question.text(lang).explanation.split("[[")[0].strip()
        assert explanation[:20] in notes


@pytest.mark.parametrize("lang", LANGS)
def test_without_site_url_the_screen_says_how_to_get_a_qr_code(
        lang: str, project: Callable[[str], Path]) -> None:
    _, screen, _ = pages(project("base"), lang, "basics")
    assert "<svg" not in screen
    assert "site_url" in screen and "mkdocs.yml" in screen


@pytest.mark.parametrize("lang", LANGS)
def test_with_site_url_every_screen_shows_the_self_quiz(lang: str,
                                                        project: Callable[[str], Path]) -> None:
    root = project("base")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"site_url: {SITE_URL}\n",
                      encoding="utf-8")
    _, screen, _ = pages(root, lang, "basics")
    slides = Slides(screen)
    url = f"{SITE_URL}{lang}/quizzes/basics/index.html?room"
    assert len(slides.qr_labels) == len(slides.slides)
    assert all(url in label for label in slides.qr_labels)
    # The short address, breaking after slashes only.
    assert (f"intranet.example.com/<wbr>training/<wbr>{lang}/<wbr>quizzes/<wbr>basics/<wbr>?room"
            in screen)
    assert "site_url" not in screen
    # A QR code is a grid of dark modules drawn as one path, nothing fetched.
    svg = re.search(r"<svg.*?</svg>", screen, re.DOTALL)
    assert svg and "<path" in svg.group(0) and "href" not in svg.group(0)


@pytest.mark.parametrize(("url", "short"), [
    ("https://intranet.example.com/training/en/quizzes/basics/index.html?room",
     "intranet.example.com/training/en/quizzes/basics/?room"),
    ("http://10.0.0.5/pl/quizzes/x/index.html?room", "10.0.0.5/pl/quizzes/x/?room"),
])
def test_short_urls_are_what_people_type(url: str, short: str) -> None:
    assert presenter.short_url(url) == short


@pytest.mark.parametrize(("text", "short"), [
    ("Short enough.", "Short enough."),
    ("Which of these were confusing. Many buyers feel left alone once the contract is signed, "
     "and then?", "Which of these were confusing. Many buyers feel left alone once the contract "
     "is signed…"),
    ("Ends on a full stop after a long run of words that goes past ninety characters in all. "
     "Then more.", "Ends on a full stop after a long run of words that goes past ninety characters "
     "in all…"),
])
def test_the_overview_shortens_prompts_between_words(text: str, short: str) -> None:
    assert presenter.shorten(text) == short
    assert len(presenter.shorten(text)) <= 90
