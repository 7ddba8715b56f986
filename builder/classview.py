"""The class view (`quizzes/class/`, docs/results.md "Class statistics"): a trainer loads the
result files and codes a room shared, in any mix of languages, and kb-class.js shows per quiz the
figures of builder/itemstats.py (computed again in the browser by kb-results.js) and downloads the
CSV `kb quiz-report` writes. Nothing is sent anywhere, and nothing is kept after the page closes.

Everything the scripts need is in the page, as JSON in data attributes (escaped for HTML): each
quiz's questions and options with their ids, correctness and cards, their texts as plain text in
the page's language (the texts of builder/class_report.py's CSV), and the interface strings.
"""

from __future__ import annotations

from typing import Any

from builder.class_report import plain_text
from builder.render import RenderContext, plural_texts
from builder.results import NAME_LENGTH
from builder.sources.quizzes import Quiz

TO_ROOT = "../../"
"""The class page's way back to the language's root (quizzes/class/index.html)."""

INDICATIVE_BELOW = 5
"""With fewer results than this the page says the figures are only indicative."""


def class_page(ctx: RenderContext) -> str:
    """The class view (Markdown around one raw HTML block)."""
    _ = ctx.t.gettext
    view = ctx.render("quiz_class.html.j2", data=class_data(ctx), i18n=interface_strings(ctx),
                      plurals=plural_strings(ctx))
    title = _("Class results")
    intro = _("Collect the quiz results of a class and see which questions and misconceptions to "
              "discuss: load the result files your learners downloaded from a quiz, or paste "
              "their result codes. The results stay in this browser; nothing is sent anywhere.")
    return ctx.form_page(title, intro, ctx.links(intro, TO_ROOT), view)


def class_data(ctx: RenderContext) -> dict[str, Any]:
    """What kb-class.js needs of the site: the quizzes (as builder/results.py reads results
    against them), the misconception cards they name, and the languages a result may be in."""
    project = ctx.project
    used = {o.misconception for quiz in project.quizzes for q in quiz.questions
            for o in q.options if o.misconception}
    return {
        "quizzes": [_quiz(ctx, quiz) for quiz in project.quizzes],
        "cards": {m.id: _text(ctx, m.text(ctx.lang).claim)
                  for m in project.misconceptions if m.id in used},
        "languages": list(project.config.codes),
        "names": {lang.code: lang.native_name for lang in project.config.languages},
        "cardsPage": f"{TO_ROOT}misconceptions.html",
    }


def _text(ctx: RenderContext, text: str) -> str:
    return plain_text(ctx.project, ctx.lang, text)


def _quiz(ctx: RenderContext, quiz: Quiz) -> dict[str, Any]:
    _ = ctx.t.gettext
    labels = {"true": _("True"), "false": _("False")}
    return {
        "id": quiz.id, "version": quiz.version, "pass_mark": quiz.pass_mark,
        "title": _text(ctx, quiz.text(ctx.lang).title),
        # Each question's own presenter screen is `#q<n>`, n its authored number.
        "present": f"../{quiz.id}/present/index.html",
        "questions": [{
            "id": q.id, "type": q.type, "text": _text(ctx, q.text(ctx.lang).prompt),
            "options": [{
                "id": o.id, "correct": o.correct, "misconception": o.misconception,
                "text": _text(ctx, q.text(ctx.lang).options.get(o.id) or labels[o.id]),
            } for o in q.options],
        } for q in quiz.questions],
    }


def interface_strings(ctx: RenderContext) -> dict[str, str]:
    """The class view's strings in the page's language; error keys as builder/results.py names
    them (each refused file or code gets its own message)."""
    _ = ctx.t.gettext
    return {
        # One message per error key of docs/results.md, and two for files that hold no result.
        "notJson": _("%(source)s: not a JSON file, or larger than 1 MB."),
        "notResult": _("%(source)s: not a quiz result file."),
        "unknownQuiz": _("%(source)s: a result of a quiz this site does not have."),
        "otherVersion": _("%(source)s: a result of another version of the quiz (its questions "
                          "have changed since); it cannot be counted."),
        "badLanguage": _("%(source)s: the result's language is not a language of this site."),
        "badAnswers": _("%(source)s: the answers do not fit the quiz (an unknown question or "
                        "option, more than one option for a single-answer question, or no answer "
                        "at all)."),
        "badScore": _("%(source)s: the score is not a whole percentage or not the score of the "
                      "answers."),
        "badName": _("%(source)s: the name must be text of 1 to %(max)s characters."),
        "badCode": _("%(source)s: not a quiz result code, or mistyped."),
        "noResults": _("%(source)s: holds neither a result nor a result code."),
        "unreadable": _("%(source)s: the file could not be read as UTF-8 text."),
        "line": _("line %(num)s"),
        "fileLine": _("%(source)s, line %(num)s"),
        "nameMax": str(NAME_LENGTH),
        # The figures, in the words of the command line's report (builder/class_report.py).
        "languages": _("Languages: %(languages)s"),
        "indicative": _("Fewer than %(num)s results: the figures are only indicative.")
        % {"num": INDICATIVE_BELOW},
        "scores": _("Scores"), "mean": _("Mean"), "median": _("Median"), "passed": _("Passed"),
        "distribution": _("Score distribution: learners per score range, in percent"),
        "score": _("Score"),
        "missed": _("The questions most people missed"),
        "question": _("Question %(num)d of %(total)d"),
        "facility": _("Facility"),
        "discrimination": _("Discrimination (corrected item–rest point-biserial correlation)"),
        "nobody": _("Nobody was asked this question."),
        "easy": _("too easy"), "hard": _("too hard"), "negative": _("negative discrimination"),
        "option": _("Option"), "answer": _("Answer"), "chosenBy": _("Chosen by"),
        "correct": _("Correct answer"),
        "present": _("Open on the presenter screen"),
        "misconception": _("Misconception:"),
        "misconceptions": _("Misconceptions"),
        "fellCaption": _("How many learners fell for each misconception, of those asked a "
                         "question about it"),
        "fell": _("Fell for it"), "share": _("Share"),
        # The CSV's header, as builder/class_report.py writes it (`%%` formatted to a percent
        # sign, as Jinja's gettext formats every message).
        "csvQuiz": _("Quiz"), "csvNumber": _("No."), "csvQuestion": _("Question"),
        "csvLearners": _("Learners"), "csvFacility": _("Facility (%%)") % {},
        "csvDiscrimination": _("Discrimination"), "csvFlags": _("Flags"),
        "csvWrong": _("Most chosen wrong option"), "csvMisconception": _("Misconception"),
        "csvUnanswered": _("Not answered"),
    }


def plural_strings(ctx: RenderContext) -> dict[str, dict[str, str]]:
    """Counted texts, one form per CLDR plural category (kb-class.js picks one with
    Intl.PluralRules); the msgids are builder/class_report.py's where it says the same."""
    ngettext = ctx.t.ngettext
    locale = ctx.language.locale
    return {
        "learners": plural_texts(locale, lambda n: ngettext(
            "%(num)d learner", "%(num)d learners", n)),
        "quizzes": plural_texts(locale, lambda n: ngettext(
            "%(num)d quiz", "%(num)d quizzes", n)),
        "added": plural_texts(locale, lambda n: ngettext(
            "%(num)d result added.", "%(num)d results added.", n)),
        "passed": plural_texts(locale, lambda n: ngettext(
            "%(passed)d of %(num)d passed (pass mark %(mark)s)",
            "%(passed)d of %(num)d passed (pass mark %(mark)s)", n)),
        "fell": plural_texts(locale, lambda n: ngettext(
            "%(fell)d of %(num)d learner", "%(fell)d of %(num)d learners", n)),
    }
