"""Quizzes: `quizzes/<id>.yml`, questions with stable ids, options, feedback and scoring, plus one
section per language. Each becomes a real HTML form on `quizzes/<id>/index.md`, listed on
`quizzes/index.md`; `kb-quiz.js` checks it in the browser.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from babel.numbers import format_percent

from builder.fields import (
    INVALID,
    Bool,
    Field,
    Keyed,
    ListOf,
    Number,
    OneOf,
    Record,
    Rule,
    Slug,
    Text,
    Walk,
    did_you_mean,
    ids_of,
)
from builder.problems import Problems
from builder.sources.bands import BAND, Band, bands, covers, to_bands
from builder.sources.base import Inventory, Output, YamlKind

if TYPE_CHECKING:
    from builder.model import Project
    from builder.render import RenderContext
    from builder.sources.project import ProjectConfig

QUIZ_TYPES = ("single", "multiple", "true-false", "spot-misconception")
TRUE_FALSE = ("true", "false")
PAGE_IDS = ("class", "review")
"""Pages of their own under `quizzes/` (the class results, the personal review): no quiz may
take these ids."""


@dataclass(frozen=True)
class Option:
    id: str
    correct: bool
    misconception: str | None
    """The misconception card this wrong option embodies, if any."""


@dataclass(frozen=True)
class QuestionText:
    prompt: str
    options: Mapping[str, str]
    """Option id → text; empty for true/false, whose labels come from the catalogue."""
    feedback: Mapping[str, str]
    """Option id → why it is right or wrong."""
    explanation: str
    notes: str | None = None
    """Speaker notes for the presenter: talking points, what to ask the room."""


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    """single, multiple, true-false or spot-misconception."""
    options: tuple[Option, ...]
    texts: Mapping[str, QuestionText]

    def text(self, lang: str) -> QuestionText:
        return self.texts[lang]

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.options if o.correct)


@dataclass(frozen=True)
class QuizText:
    title: str
    intro: str
    results: tuple[str, ...]
    """One message per band, in the order of Quiz.bands."""


@dataclass(frozen=True)
class Quiz:
    id: str
    source: str
    pass_mark: int
    """Percent needed to pass."""
    shuffle_questions: bool
    shuffle_options: bool
    draw: int | None
    """Ask only this many questions, drawn from the pool (None: all)."""
    bands: tuple[Band, ...]
    questions: tuple[Question, ...]
    texts: Mapping[str, QuizText]
    timer: int = 60
    """Seconds per question on the presenter's timer."""

    def text(self, lang: str) -> QuizText:
        return self.texts[lang]

    @property
    def version(self) -> str:
        """What a learner's answers are valid for: a hash of the questions', options' and keys'
        ids, so that editing a text keeps the shared results and the review schedule, while
        adding, removing or re-keying a question makes them refer to another quiz."""
        return quiz_version(self.questions)


def quiz_version(questions: tuple[Question, ...]) -> str:
    shape = [[q.id, q.type, [[o.id, o.correct] for o in q.options]] for q in questions]
    return hashlib.sha256(json.dumps(shape, separators=(",", ":")).encode()).hexdigest()[:8]


# -- Declaration ------------------------------------------------------------------------------------

def _option_ids(question: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    if question.get("type") == "true-false":
        return {"option": TRUE_FALSE}
    options = question.get("options")
    return {"option": ids_of()(options)} if isinstance(options, list) else {}


def _question_shape(q: dict[str, Any], walk: Walk) -> None:
    kind = q["type"]
    if kind == "true-false":
        if "options" in q:
            walk.report("a true-false question has no options; give `answer: true` or "
                        "`answer: false`", at="options")
        if "answer" not in q:
            walk.report("a true-false question needs `answer: true` or `answer: false`",
                        at="answer")
        for lang in walk.languages:
            if isinstance(q.get(lang), dict) and "options" in q[lang]:
                walk.report("a true-false question's answers are True and False, from the "
                            "interface strings; remove these texts", at=f"{lang}.options")
        return
    for name in ("answer", "misconception"):
        if name in q:
            walk.report("only true-false questions have it; put it on the options", at=name)
    if "options" not in q:
        walk.report(f"a {kind} question needs a list of at least 2 options", at="options")
        return
    for lang in walk.languages:
        if isinstance(q.get(lang), dict) and "options" not in q[lang]:
            walk.report("missing required field (the text of each option)", at=f"{lang}.options")
    options = q["options"]
    if options is INVALID:
        return
    correct = sum(bool(o.get("correct")) for o in options)
    if kind in ("single", "spot-misconception") and correct != 1:
        walk.report(f"a {kind} question needs exactly one correct option, found {correct}",
                    at="options")
    if kind == "multiple" and correct == 0:
        walk.report("a multiple question needs at least one correct option", at="options")
    for j, option in enumerate(options):
        # In "spot the misconception", the right answer is the misconception itself.
        if option.get("misconception") and option.get("correct") and kind != "spot-misconception":
            walk.report("a correct option cannot be a misconception", at=f"options[{j}]")


def _messages_per_band(quiz: dict[str, Any], walk: Walk) -> None:
    for lang in walk.languages:
        section = quiz.get(lang)
        messages = section.get("results") if isinstance(section, dict) else None
        if isinstance(messages, list) and len(messages) != len(quiz["results"]):
            walk.report(f"expected {len(quiz['results'])} messages, one per score band, got "
                        f"{len(messages)}", at=f"{lang}.results")


def _draw(quiz: dict[str, Any], walk: Walk) -> None:
    if quiz["draw"] > len(quiz["questions"]):
        walk.report(f"cannot draw {quiz['draw']} questions from {len(quiz['questions'])}",
                    at="draw")


OPTION = Record("option", (
    Field("id", Slug(), True, "Stable id of the option within the question."),
    Field("correct", Bool(), False, "Whether choosing it is right. Default: no."),
    Field("misconception", Slug(), False, "Id of the misconception card this wrong option embodies."),
), noun="option", example="{id: a, correct: true}")

QUESTION_TEXT = Record("question_text", (
    Field("prompt", Text(1000), True, "The question, or for true-false the statement to judge."),
    Field("options", Keyed(Text(500), ids="option", what="option"), False,
          "Option id → its text (not for true-false)."),
    Field("feedback", Keyed(Text(1500), ids="option", what="option"), True,
          "Option id (true/false for true-false) → why it is right or wrong."),
    Field("explanation", Text(2000), True, "The key idea, shown after checking; may link concepts."),
    Field("notes", Text(2000), False, "Speaker notes for presenter mode: talking points, what to "
          "ask the room. The explanation and the misconception are shown beside them."),
), description="The question in one language.")

QUESTION = Record("question", (
    Field("id", Slug(), True, "Stable id of the question within the quiz."),
    Field("type", OneOf(QUIZ_TYPES, "question type"), True,
          "single, multiple, true-false or spot-misconception."),
    Field("options", ListOf(OPTION, min_items=2, max_items=26, unique="id"), False,
          "The options (not for true-false): `{id: a, correct: true}`."),
    Field("answer", Bool(), False, "true-false only: whether the statement is true."),
    Field("misconception", Slug(), False, "true-false only: the card the wrong answer embodies."),
), languages=QUESTION_TEXT, scope=_option_ids, rules=(Rule(("type",), _question_shape),),
    noun="question")

QUIZ_TEXT = Record("quiz_text", (
    Field("title", Text(150, line=True), True, "The quiz's title."),
    Field("intro", Text(2000), True, "What the quiz checks, shown above the questions."),
    Field("results", ListOf(Text(1000), min_items=1, max_items=100), True,
          "One message per score band, in the bands' order."),
), description="The quiz in one language.")

QUIZ = Record("quiz", (
    Field("id", Slug(), True, "Lowercase slug; must equal the file name without `.yml`."),
    Field("pass_mark", Number(0, 100), True, "Percent of the score needed to pass (0 to 100)."),
    Field("shuffle_questions", Bool(), False, "Shuffle the questions (kept per reader). Default: no."),
    Field("shuffle_options", Bool(), False, "Shuffle each question's options. Default: no."),
    Field("draw", Number(1, 10**6), False, "Ask only this many questions, drawn at random from the "
          "pool."),
    Field("timer", Number(10, 3600), False, "Seconds per question on the presenter's timer. "
          "Default: 60."),
    Field("results", bands(BAND), True, "Score bands `{from: 0, to: 49}` covering 0 to 100 in "
          "order; each language gives one message per band."),
    Field("questions", ListOf(QUESTION, min_items=1, max_items=500, unique="id"), True,
          "The questions, in order."),
), languages=QUIZ_TEXT, rules=(Rule(("results",), covers("results")),
                               Rule(("results",), _messages_per_band),
                               Rule(("draw", "questions"), _draw)),
    title="Quiz", description="A quiz: language-independent structure and scoring, plus one "
    "section per language.")


# -- The kind ---------------------------------------------------------------------------------------

class Quizzes(YamlKind):
    name = "quizzes"
    folder = "quizzes"
    schema_file = "quiz.schema.json"
    reserved = ("quizzes/",)
    entry = "quizzes/index.md"

    def declaration(self) -> Record:
        return QUIZ

    def build(self, data: dict[str, Any], rel: str, config: ProjectConfig) -> Quiz:
        return Quiz(
            id=data["id"], source=rel, pass_mark=data["pass_mark"],
            shuffle_questions=data.get("shuffle_questions", False),
            shuffle_options=data.get("shuffle_options", False), draw=data.get("draw"),
            timer=data.get("timer", 60),
            bands=to_bands(data["results"]),
            questions=tuple(_question(q, config) for q in data["questions"]),
            texts={lang: QuizText(data[lang]["title"], data[lang]["intro"],
                                  tuple(data[lang]["results"])) for lang in config.codes})

    def check(self, project: Project, problems: Problems) -> None:
        super().check(project, problems)
        for source in project.inventory.of(self.name):
            if source.id in PAGE_IDS:
                problems.add(source.rel, "id", f"{source.id!r} is the address of the quizzes' "
                             f"{source.id} page; choose another id (and file name)")
        cards = project.inventory.ids("misconceptions")
        for quiz in project.quizzes:
            for i, question in enumerate(quiz.questions):
                for j, option in enumerate(question.options):
                    if option.misconception and option.misconception not in cards:
                        field = (f"questions[{i}].misconception" if question.type == "true-false"
                                 else f"questions[{i}].options[{j}].misconception")
                        problems.add(quiz.source, field,
                                     f"unknown misconception {option.misconception!r}"
                                     f"{did_you_mean(option.misconception, cards)}")

    def pages(self, inventory: Inventory) -> tuple[str, ...]:
        ids = sorted(inventory.ids(self.name))
        each = [(f"quizzes/{i}/index.md", f"quizzes/{i}/present/index.html",
                 f"quizzes/{i}/present/notes.html") for i in ids]
        return ("quizzes/index.md", "quizzes/review/index.md", "quizzes/class/index.md",
                *(page for pages in each for page in pages)) if ids else ()

    def render(self, ctx: RenderContext) -> Iterator[Output]:
        from builder.classview import class_page
        from builder.presenter import presenter_pages
        from builder.review import review_page, review_settings

        quizzes = ctx.project.quizzes
        if quizzes:
            yield Output("quizzes/index.md", ctx.render("quizzes_index.md.j2", quizzes=quizzes,
                                                        review=review_settings(ctx)))
            yield Output("quizzes/review/index.md", review_page(ctx))
            yield Output("quizzes/class/index.md", class_page(ctx))
        for quiz in quizzes:
            yield Output(f"quizzes/{quiz.id}/index.md", quiz_page(ctx, quiz))
            yield from presenter_pages(ctx, quiz)


def _question(q: dict[str, Any], config: ProjectConfig) -> Question:
    if q["type"] == "true-false":
        answer, card = q["answer"], q.get("misconception")
        options: tuple[Option, ...] = (Option("true", answer, None if answer else card),
                                       Option("false", not answer, card if answer else None))
    else:
        options = tuple(Option(o["id"], o.get("correct", False), o.get("misconception"))
                        for o in q["options"])
    return Question(id=q["id"], type=q["type"], options=options, texts={
        lang: QuestionText(prompt=q[lang]["prompt"], options=q[lang].get("options", {}),
                           feedback=q[lang]["feedback"], explanation=q[lang]["explanation"],
                           notes=q[lang].get("notes"))
        for lang in config.codes})


LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
"""Options are lettered in their authored order: the presenter, the worksheets and the self-quiz
opened from the room agree on A, B, C."""


def question_views(ctx: RenderContext, quiz: Quiz, to_root: str | None) -> list[dict[str, Any]]:
    """What every rendering of a quiz shows of its questions, in one language: the texts as HTML
    (links `to_root` away, or text only with None), options lettered in authored order.
    Each caller gets its own copy of the views, to add to."""
    key = ("question_views", quiz.id, to_root)
    if key not in ctx.memo:
        ctx.memo[key] = _question_views(ctx, quiz, to_root)
    return [dict(view) for view in ctx.memo[key]]


def _question_views(ctx: RenderContext, quiz: Quiz, to_root: str | None) -> list[dict[str, Any]]:
    code = ctx.lang
    _ = ctx.t.gettext
    cards = {m.id: m for m in ctx.project.misconceptions}
    labels = {"true": _("True"), "false": _("False")}
    views = []
    for number, question in enumerate(quiz.questions, start=1):
        text = question.text(code)
        options = [{
            "id": option.id, "letter": LETTERS[i], "correct": option.correct,
            "text": ctx.html(text.options.get(option.id) or labels[option.id], to_root,
                             inline=True),
            "feedback": ctx.html(text.feedback[option.id], to_root),
            "misconception": option.misconception and {
                "id": option.misconception,
                "claim": ctx.plain(cards[option.misconception].text(code).claim)},
        } for i, option in enumerate(question.options)]
        # The card a question is about: its wrong options' (its right one's in "spot" questions).
        targets = [o["misconception"] for o in options if o["misconception"]]
        views.append({
            "id": question.id, "type": question.type, "number": number,
            "correct": sorted(question.correct_ids),
            "letters": [o["letter"] for o in options if o["correct"]],
            "hint": (_("Choose every answer that applies.") if question.type == "multiple"
                     else _("Choose one answer.")),
            "prompt": ctx.html(text.prompt, to_root, inline=True),
            "explanation": ctx.html(text.explanation, to_root),
            "notes": ctx.html(text.notes, to_root) if text.notes else None,
            "misconceptions": list({m["id"]: m for m in targets}.values()),
            "options": options,
        })
    return views


def quiz_form(ctx: RenderContext, quiz: Quiz, to_root: str | None, in_site: bool = True) -> str:
    """The quiz as one HTML form. Links lead `to_root` away (relative in the site, absolute in
    an export; None keeps their text only); `in_site` adds the link to the presenter screen."""
    from builder.render import site_key

    code, project = ctx.lang, ctx.project
    # Named as Babel's extractor expects (`_`, `ngettext`), so `make i18n` finds these strings.
    _, ngettext = ctx.t.gettext, ctx.t.ngettext
    asked = quiz.draw or len(quiz.questions)
    return ctx.render(
        "quiz.html.j2", quiz=quiz, questions=question_views(ctx, quiz, to_root), asked=asked,
        cards=None if to_root is None else f"{to_root}misconceptions.html",
        present="present/index.html" if in_site else None, site_key=site_key(project),
        pass_mark=format_percent(quiz.pass_mark / 100, locale=ctx.language.locale),
        bands=[[b.low, b.high] for b in quiz.bands],
        messages=[ctx.html(m, to_root) for m in quiz.text(code).results],
        score_texts=[ngettext("You answered %(num)d question correctly out of %(total)d.",
                              "You answered %(num)d questions correctly out of %(total)d.", n)
                     % {"num": n, "total": asked} for n in range(asked + 1)],
        i18n={"correct": _("Correct"), "partly": _("Partly correct"),
              "incorrect": _("Incorrect"), "unanswered": _("Not answered"),
              "passed": _("Passed."), "failed": _("Not passed yet."),
              "score": _("Score: %(percent)s."), "solution": _("Correct answer"),
              # A right answer the learner did not tick: its own feedback may say "Right.".
              "missed": _("Correct answer: you did not choose it"),
              "shown": _("The solution is shown beside your answers. It does not change your "
                         "score.")},
    )


def quiz_page(ctx: RenderContext, quiz: Quiz) -> str:
    """The quiz page: Markdown around one HTML form (raw HTML, so links point to .html files)."""
    text = quiz.text(ctx.lang)
    return ctx.form_page(text.title, ctx.plain(text.intro), ctx.links(text.intro, "../../"),
                         quiz_form(ctx, quiz, "../../"))


KIND = Quizzes()
