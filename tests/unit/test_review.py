"""The personal review as the builder writes it: a page in every language holding every question
of every quiz under its storage key, the list of known keys the quizzes index drops others by,
the plural texts for the browser (three forms in Polish), the index's link, and a schedule that
agrees with the one kb-review.js runs. tests/browser/test_review.py drives the same pages."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from builder import review
from builder.load import load_project
from builder.model import Project
from builder.render import RenderContext
from builder.sources.quizzes import KIND

LANGS = ("en", "pl", "nl", "da")
SCRIPT = Path(review.__file__).parent / "theme" / "assets" / "javascripts" / "kb-review.js"


class Marked(HTMLParser):
    """The attributes of the elements carrying `data-kb-review`, `data-kb-review-due` and
    `data-item` (the review's questions), and the legends' text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.root: dict[str, str] = {}
        self.due: dict[str, str] = {}
        self.items: list[str] = []
        self.legends: list[str] = []
        self._legend: bool = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "data-kb-review" in a:
            self.root = a
        if "data-kb-review-due" in a:
            self.due = a
        if tag == "template" and "data-item" in a:
            self.items.append(a["data-item"])
        if tag == "legend":
            self._legend = True
            self.legends.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "legend":
            self._legend = False

    def handle_data(self, data: str) -> None:
        if self._legend:
            self.legends[-1] += data


def loaded(root: Path) -> Project:
    project, problems = load_project(root)
    assert not problems
    return project


def outputs(project: Project, lang: str) -> dict[str, str]:
    ctx = RenderContext(project, project.config.language(lang), project.translations(lang))
    return {out.path: out.text for out in KIND.render(ctx) if isinstance(out.text, str)}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Project:
    from tests.conftest import make_project

    return loaded(make_project("base", tmp_path_factory.mktemp("review")))


def expected_keys(project: Project) -> list[str]:
    return [f"{quiz.id}:{quiz.version}:{q.id}" for quiz in project.quizzes for q in quiz.questions]


@pytest.mark.parametrize("lang", LANGS)
def test_the_review_page_holds_every_question_in_every_language(lang: str,
                                                                base: Project) -> None:
    pages = outputs(base, lang)
    assert "quizzes/review/index.md" in pages
    page = Marked(pages["quizzes/review/index.md"])
    assert page.root["data-lang"] == lang
    assert page.root["data-site"] == "post-purchase-dissonance"
    assert page.root["data-max"] == str(review.MAX_DUE) == "20"
    assert page.items == expected_keys(base)
    prompts = [q.text(lang).prompt for quiz in base.quizzes for q in quiz.questions]
    assert page.legends == prompts
    i18n = json.loads(page.root["data-i18n"])
    assert set(i18n) >= {"correct", "partly", "incorrect", "unanswered", "missed", "nothingDue",
                         "nextOn", "learnt", "notSaved"}
    assert "%(date)s" in i18n["nextOn"]
    # The pool of questions is not searched: each would find this page as well as its quiz.
    assert re.search(r"<section [^>]*data-pool data-search-exclude hidden>",
                     pages["quizzes/review/index.md"])


def test_keys_are_what_the_script_accepts_and_the_index_knows(base: Project) -> None:
    keys = expected_keys(base)
    assert len(keys) == len(set(keys)) == 8
    pattern = re.search(r"var KEY = /(.+)/;", SCRIPT.read_text(encoding="utf-8"))
    assert pattern
    assert all(re.fullmatch(pattern.group(1), key) for key in keys)
    assert review.review_key("basics", "0badc0de", "colour") == "basics:0badc0de:colour"
    for lang in LANGS:
        index = Marked(outputs(base, lang)["quizzes/index.md"])
        assert json.loads(index.due["data-known"]) == keys
        assert index.due["data-lang"] == lang and index.due["data-site"] == "post-purchase-dissonance"


def test_a_new_quiz_version_gives_new_keys(project: Callable[[str], Path]) -> None:
    root = project("base")
    before = expected_keys(loaded(root))
    quiz = root / "quizzes" / "basics.yml"
    # Re-keying a question makes the learner's boxes for the old quiz unknown.
    text = quiz.read_text(encoding="utf-8")
    colour = "      - {id: a, correct: true}\n      - {id: b, misconception: apple-is-a-boat}\n"
    assert text.count(colour + "      - {id: c}\n") == 1
    quiz.write_text(text.replace(colour + "      - {id: c}\n", colour.replace(
        ", correct: true", "") + "      - {id: c, correct: true}\n"), encoding="utf-8")
    project_after, problems = load_project(root)
    after = expected_keys(project_after)
    assert not problems
    assert [k for k in after if k.startswith("basics:")] != [
        k for k in before if k.startswith("basics:")]
    assert [k for k in after if k.startswith("shuffled:")] == [
        k for k in before if k.startswith("shuffled:")]


@pytest.mark.parametrize(("lang", "categories"), [
    ("en", {"one", "other"}), ("pl", {"one", "few", "many"}), ("nl", {"one", "other"}),
    ("da", {"one", "other"})])
def test_plural_texts_have_one_form_per_category(lang: str, categories: set[str],
                                                 base: Project) -> None:
    pages = outputs(base, lang)
    page = Marked(pages["quizzes/review/index.md"])
    index = Marked(pages["quizzes/index.md"])
    for texts in (json.loads(page.root["data-due-texts"]), json.loads(page.root["data-next-texts"]),
                  json.loads(index.due["data-due-texts"])):
        assert set(texts) == categories
        assert all("%(num)d" in text for text in texts.values())
    if lang == "en":
        assert json.loads(page.root["data-next-texts"]) == {
            "one": "Next review in %(num)d day.", "other": "Next review in %(num)d days."}
        assert json.loads(index.due["data-due-texts"]) == {
            "one": "%(num)d question to review today",
            "other": "%(num)d questions to review today"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_index_links_to_the_review(lang: str, base: Project) -> None:
    index = outputs(base, lang)["quizzes/index.md"]
    # The count, filled in by the script and hidden until something is due ...
    assert re.search(r'<p class="kb-review-due" data-kb-review-due [^>]* hidden>'
                     r'<a href="review/index.html"></a></p>', index)
    # ... and a section of its own that is always there.
    assert "](review/index.md)" in index
    assert KIND.pages(base.inventory)[:2] == ("quizzes/index.md", "quizzes/review/index.md")


def test_the_schedule_agrees_with_the_script_and_the_page() -> None:
    script = SCRIPT.read_text(encoding="utf-8")
    found = re.search(r"var INTERVALS = \{ ([^}]*) \};", script)
    last = re.search(r"LAST_BOX = (\d+)", script)
    assert found and last
    intervals = {int(k): int(v) for k, v in re.findall(r"(\d+): (\d+)", found.group(1))}
    assert intervals == review.INTERVALS == {2: 2, 3: 4, 4: 8, 5: 16}
    assert int(last.group(1)) == max(review.INTERVALS)
    template = (Path(review.__file__).parent / "templates" / "quiz_review.html.j2").read_text(
        encoding="utf-8")
    assert "after 2 days, then 4, 8 and 16" in template


def test_the_theme_loads_the_script_and_its_styles() -> None:
    main = (Path(review.__file__).parent / "theme" / "main.html").read_text(encoding="utf-8")
    assert "'assets/javascripts/kb-review.js' | url" in main
    assert "'assets/stylesheets/kb-review.css' | url" in main
    # A classic script, usable from file://: no modules.
    assert not re.search(r"^\s*(import|export)\b", SCRIPT.read_text(encoding="utf-8"), re.M)
