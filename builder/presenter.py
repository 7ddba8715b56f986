"""Presenter mode: each quiz projected question by question, with a notes window for the trainer.

Two standalone pages per quiz and language, beside the quiz page (MkDocs copies them as they are,
outside the theme, so that a question fills the screen): `present/index.html`, the projected
screen, and `present/notes.html`, the speaker notes, opened by the screen with `window.open` and
kept in step with `postMessage` (BroadcastChannel is not reliable from file://). Both work from a
USB stick; `kb-present.js` drives them.

When `site_url` is set, every screen shows a QR code of the self-quiz, in the presenter's order
(`?room`: authored order, every question), so the phones in the room show the same letters.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import segno
from markupsafe import Markup

from builder.sources.base import Output

if TYPE_CHECKING:
    from builder.render import RenderContext
    from builder.sources.quizzes import Quiz

ROOM = "room"
"""The query the self-quiz reads to keep the presenter's order (`index.html?room`)."""
TO_ROOT = "../../../"


def self_quiz_url(ctx: RenderContext, quiz: Quiz) -> str | None:
    """The self-quiz's address for phones, when the site says where it is published."""
    site = ctx.project.site
    if site is None or not site.site_url:
        return None
    return f"{site.site_url.rstrip('/')}/{ctx.lang}/quizzes/{quiz.id}/index.html?{ROOM}"


def short_url(url: str) -> str:
    """The address as people type it: no scheme, no `index.html`."""
    return url.split("://", 1)[-1].replace("index.html?", "?")


def qr_svg(url: str, label: str) -> Markup:
    """An inline SVG QR code (segno: error correction M, quiet zone of 2)."""
    svg = segno.make(url, error="m").svg_inline(scale=1, border=2, omitsize=True,
                                                title=label, dark="#000", light="#fff")
    # str() first: adding a plain str to Markup would escape the str.
    attrs = f'<svg role="img" aria-label="{Markup.escape(label)!s}" '
    return Markup(svg.replace("<svg ", attrs, 1))


def shorten(text: str, width: int = 90) -> str:
    """At most `width` characters, cut between words, with one ellipsis and no dangling stop."""
    if len(text) <= width:
        return text
    cut = text[:width - 1]
    cut = cut[:cut.rfind(" ")] if " " in cut else cut
    return cut.rstrip(" .,;:–-") + "…"


def presenter_pages(ctx: RenderContext, quiz: Quiz) -> Iterator[Output]:
    from builder.sources.quizzes import question_views

    _, ngettext = ctx.t.gettext, ctx.t.ngettext
    text = quiz.text(ctx.lang)
    url = self_quiz_url(ctx, quiz)
    join = None
    if url:
        short = short_url(url)
        # Lines may break after a slash, not inside a word.
        join = {"url": url, "short": short, "short_html": Markup("/<wbr>").join(short.split("/")),
                "qr": qr_svg(url, _("QR code of the quiz for phones: %(url)s") % {"url": url})}
    questions = question_views(ctx, quiz, TO_ROOT)
    for question in questions:
        question["short_prompt"] = shorten(question["prompt"].striptags())
    count = len(questions)
    context = {
        "quiz": quiz, "title": text.title, "intro": ctx.html(text.intro, TO_ROOT),
        "questions": questions, "join": join, "to_root": TO_ROOT,
        "count_text": ngettext("%(num)d question", "%(num)d questions", count) % {"num": count},
        "positions": [_("Question %(num)d of %(total)d") % {"num": n, "total": count}
                      for n in range(1, count + 1)],
        "i18n": {
            "timeUp": _("Time is up."),
            "notesBlocked": _("The browser blocked the notes window; allow pop-ups for this "
                              "page and press N again."),
            "revealed": _("Everything is shown for this question."),
        },
    }
    yield Output(f"quizzes/{quiz.id}/present/index.html", ctx.render("present.html.j2", **context))
    yield Output(f"quizzes/{quiz.id}/present/notes.html",
                 ctx.render("present_notes.html.j2", **context))
