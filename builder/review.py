"""The personal review (`quizzes/review/`, docs/results.md "Personal review"): every question of
every quiz, as the quiz shows it, kept as a hidden template; kb-review.js shows the ones the
learner's Leitner boxes (localStorage) say are due today. The quizzes index says how many are due.
"""

from __future__ import annotations

from typing import Any

from builder.render import RenderContext, plural_texts, site_key
from builder.sources.quizzes import question_views

TO_ROOT = "../../"
"""The review page's way back to the language's root (quizzes/review/index.html)."""

MAX_DUE = 20
"""The most questions shown at a time (the earliest due first)."""

INTERVALS = {2: 2, 3: 4, 4: 8, 5: 16}
"""Box → days until its next review; box 1 is always tomorrow, right in box 5 retires. The
schedule itself runs in kb-review.js (its INTERVALS must match) and is told in the page's
"How the review works"."""


def review_key(quiz_id: str, version: str, question_id: str) -> str:
    """An entry's key in storage: a new version of a quiz makes its entries unknown."""
    return f"{quiz_id}:{version}:{question_id}"


def due_texts(ctx: RenderContext) -> dict[str, str]:
    """"N questions to review today", one form per CLDR plural category."""
    ngettext = ctx.t.ngettext
    return plural_texts(ctx.language.locale, lambda n: ngettext(
        "%(num)d question to review today", "%(num)d questions to review today", n))


def review_settings(ctx: RenderContext) -> dict[str, Any]:
    """What kb-review.js needs on the review page and on the quizzes index (its "N questions
    to review today" link)."""
    return {
        "site": site_key(ctx.project), "due_texts": due_texts(ctx),
        # Entries of questions the site no longer asks are dropped when read.
        "known": [review_key(quiz.id, quiz.version, q.id)
                  for quiz in ctx.project.quizzes for q in quiz.questions],
    }


def review_page(ctx: RenderContext) -> str:
    """The review page (Markdown around one raw HTML block)."""
    _, ngettext = ctx.t.gettext, ctx.t.ngettext
    items = [{"quiz": quiz, "title": quiz.text(ctx.lang).title, "question": view,
              "key": review_key(quiz.id, quiz.version, view["id"])}
             for quiz in ctx.project.quizzes for view in question_views(ctx, quiz, TO_ROOT)]
    form = ctx.render(
        "quiz_review.html.j2", items=items, cards=f"{TO_ROOT}misconceptions.html",
        max_due=MAX_DUE, **review_settings(ctx),
        next_texts=plural_texts(ctx.language.locale, lambda n: ngettext(
            "Next review in %(num)d day.", "Next review in %(num)d days.", n)),
        i18n={"correct": _("Correct"), "partly": _("Partly correct"),
              "incorrect": _("Incorrect"), "unanswered": _("Not answered"),
              "missed": _("Correct answer: you did not choose it"),
              "nothingDue": _("Nothing to review today."),
              "nextOn": _("The next question is due on %(date)s."),
              "learnt": _("Learnt: this question will not come back."),
              "notSaved": _("Your review could not be saved: the browser's storage is full or "
                            "turned off. You can still answer, but nothing is remembered.")})
    title = _("Personal review")
    intro = _("Questions you missed in a quiz come back here in the following days, until you "
              "know them. What you answer is kept in this browser only.")
    return ctx.form_page(title, intro, ctx.links(intro, TO_ROOT), form)
