"""The class view as the builder writes it (builder/classview.py): one page per language, with
everything kb-class.js needs as JSON in data attributes: the quizzes' ids, versions, correctness
and cards, their texts in the page's language, a message per error key, the CSV's headers and
plural forms. Hostile texts stay inside their attribute. The browser tests drive the page."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from builder.class_report import plain_text
from builder.classview import class_page
from builder.load import load_project
from builder.render import RenderContext
from builder.sources.quizzes import KIND, quiz_form

LANGS = ("en", "pl", "nl", "da")
ERROR_KEYS = ("notJson", "notResult", "unknownQuiz", "otherVersion", "badLanguage", "badAnswers",
              "badScore", "badName", "badCode")
"""docs/results.md's keys, each with its own message."""


class Page(HTMLParser):
    """The attributes of every element of a page, in order."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def find(self, attribute: str) -> dict[str, str]:
        found = [a for _, a in self.elements if attribute in a]
        assert len(found) == 1, attribute
        return found[0]


def context(root: Path, lang: str) -> RenderContext:
    project, problems = load_project(root)
    assert not problems
    return RenderContext(project, project.config.language(lang), project.translations(lang))


def view(ctx: RenderContext) -> tuple[str, dict[str, Any], dict[str, str], dict[str, Any]]:
    text = class_page(ctx)
    root = Page(text).find("data-kb-class")
    return (text, json.loads(root["data-class"]), json.loads(root["data-i18n"]),
            json.loads(root["data-plurals"]))


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_holds_what_the_script_needs(lang: str,
                                              project: Callable[[str], Path]) -> None:
    ctx = context(project("base"), lang)
    text, data, i18n, plurals = view(ctx)
    p = ctx.project
    assert text.startswith("---\ntitle: ")
    assert Page(text).find("data-kb-class")["data-lang"] == lang
    # The quizzes as builder/results.py reads results against them, in the site's order.
    assert [(q["id"], q["version"], q["pass_mark"]) for q in data["quizzes"]] == [
        (q.id, q.version, q.pass_mark) for q in p.quizzes]
    for got, quiz in zip(data["quizzes"], p.quizzes, strict=True):
        assert got["title"] == plain_text(p, lang, quiz.text(lang).title)
        assert got["present"] == f"../{quiz.id}/present/index.html"
        assert [(q["id"], q["type"], [(o["id"], o["correct"], o["misconception"])
                                      for o in q["options"]]) for q in got["questions"]] == [
            (q.id, q.type, [(o.id, o.correct, o.misconception) for o in q.options])
            for q in quiz.questions]
        for q, question in zip(got["questions"], quiz.questions, strict=True):
            assert q["text"] == plain_text(p, lang, question.text(lang).prompt)
    # True and False in the page's language; concept links as their label, never Markdown.
    floats = data["quizzes"][0]["questions"][2]["options"]
    assert [o["text"] for o in floats] == [ctx.t.gettext("True"), ctx.t.gettext("False")]
    texts = [o["text"] for q in data["quizzes"] for x in q["questions"] for o in x["options"]]
    assert not any("[[" in t or "](" in t for t in texts)
    assert data["cards"] == {m.id: plain_text(p, lang, m.text(lang).claim)
                             for m in p.misconceptions}
    assert data["cardsPage"] == "../../misconceptions.html"
    assert data["languages"] == list(p.config.codes)
    assert set(data["names"]) == set(p.config.codes)
    # A message of its own per error key, each naming its source.
    for key in (*ERROR_KEYS, "noResults", "unreadable"):
        assert "%(source)s" in i18n[key], key
    assert len({i18n[k] for k in ERROR_KEYS}) == len(ERROR_KEYS)
    assert i18n["csvFacility"] == ctx.t.gettext("Facility (%%)") % {}
    # A form for every CLDR category a whole number can take in the language.
    categories = {"en": {"one", "other"}, "nl": {"one", "other"}, "da": {"one", "other"},
                  "pl": {"one", "few", "many"}}[lang]
    for name, forms in plurals.items():
        assert set(forms) == categories, name
        assert all("%(num)d" in f for f in forms.values()), name


def test_the_strings_follow_the_language(project: Callable[[str], Path]) -> None:
    root = project("base")
    english = view(context(root, "en"))
    polish = view(context(root, "pl"))
    assert english[1]["quizzes"][0]["title"] == "Fruit basics"
    assert polish[1]["quizzes"][0]["title"] == "Podstawy owoców"
    assert polish[1]["cards"]["apple-is-a-boat"] == "Jabłko to rodzaj łodzi."
    assert english[2]["line"] == "line %(num)s"
    assert polish[2]["csvUnanswered"] == "Brak odpowiedzi"
    assert polish[3]["learners"]["one"] != english[3]["learners"]["one"]


def test_hostile_texts_stay_in_their_attribute(project: Callable[[str], Path]) -> None:
    root = project("base")
    breaker = '" onmouseover="alert(1)" x="'
    quiz = root / "quizzes" / "basics.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8")
                    .replace("title: Fruit basics", f"title: '{breaker}'")
                    .replace("c: A lamp}", 'c: "&lt;/script&gt;&lt;img src=x&gt;"}'),
                    encoding="utf-8")
    text, data, _, _ = view(context(root, "en"))
    assert data["quizzes"][0]["title"] == breaker
    assert data["quizzes"][0]["questions"][0]["options"][2]["text"] == (
        "&lt;/script&gt;&lt;img src=x&gt;")
    page = Page(text)
    assert not any("onmouseover" in attrs for _, attrs in page.elements)
    assert [tag for tag, _ in page.elements if tag in ("img", "script")] == []
    # The JSON is escaped for HTML: no quote or angle bracket of it is markup.
    attribute = re.search(r'data-class="([^"]*)"', text)
    assert attribute and "<" not in attribute.group(1) and ">" not in attribute.group(1)


def test_the_class_page_is_a_page_of_the_quizzes(project: Callable[[str], Path]) -> None:
    ctx = context(project("base"), "da")
    assert "quizzes/class/index.md" in KIND.pages(ctx.project.inventory)
    outputs = {o.path: o for o in KIND.render(ctx)}
    assert outputs["quizzes/class/index.md"].text == class_page(ctx)


@pytest.mark.parametrize("lang", LANGS)
def test_the_quiz_page_shares_and_an_export_does_not(lang: str,
                                                     project: Callable[[str], Path]) -> None:
    ctx = context(project("base"), lang)
    quiz = next(q for q in ctx.project.quizzes if q.id == "shuffled")
    page = Page(quiz_form(ctx, quiz, "../../"))
    # The authored order and options, which a shuffled page no longer shows.
    questions = [a for _, a in page.elements if "data-question" in a and "data-number" in a]
    assert [(a["data-question"], a["data-number"], a["data-options"]) for a in questions] == [
        (q.id, str(n), " ".join(o.id for o in q.options))
        for n, q in enumerate(quiz.questions, start=1)]
    share = page.find("data-kb-share")
    assert share["data-kb-share"] == "shuffled" and "hidden" in share
    assert share["data-copy-by-hand"] == ctx.t.gettext(
        "The code is selected: press Ctrl+C (⌘C on a Mac) to copy it. On a phone, touch and hold "
        "the code, then choose Copy.")
    assert page.find("data-share-name")["maxlength"] == "60"
    # A SCORM package's quiz is recorded by the LMS: no share block.
    assert "data-kb-share" not in quiz_form(ctx, quiz, None, in_site=False)
