"""Class report from the command line: learners' quiz results (files or codes) in, a standalone
HTML report and a CSV out (`kb quiz-report`), the same figures as the class view in the browser.
The figures are builder/itemstats.py's; the CSV follows docs/results.md ("The CSV") to the letter,
as the class view's download must equal it byte for byte.

Learners are counted, never named: a result's name is not passed to any template.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from babel.dates import format_date
from babel.numbers import format_percent, get_decimal_symbol

from builder.itemstats import BINS, QuestionStats, QuizStats, quiz_stats
from builder.markup import plain
from builder.model import Project
from builder.render import RenderContext, markdown_links_to_text
from builder.report import MINUS, one_decimal, to_csv
from builder.results import QuizResult
from builder.safety import url_scheme
from builder.sources.quizzes import LETTERS, Question, Quiz

if TYPE_CHECKING:
    import gettext

    from builder.sources.misconceptions import Misconception

DEFAULT_SITE_URL = "site/"
"""Where the presenter screens are, seen from the report: `kb build` writes the site into the
project's `site/` folder, so a report saved in the project folder (beside `site/`, as
`kb quiz-report … -o report.html` run there does) links them without a server. `--site-url`
gives another place: the published site's root, or a relative path from wherever the report is
kept. Either way it is the site's root, above the language folders."""
SITE_SCHEMES = (None, "http", "https", "file")
"""A relative path or an address a browser opens as a page; never a script."""
INDICATIVE_BELOW = 5
"""With fewer results than this the figures are only indicative (as the class view says)."""
FORMULA_STARTS = ("=", "+", "-", "@")
"""A spreadsheet runs a cell starting with one of these as a formula."""


@dataclass(frozen=True)
class ClassReport:
    html: str
    csv: str
    learners: int
    """Results reported on, of every quiz."""
    quizzes: int


# -- Statistics -----------------------------------------------------------------------------------

def group_results(results: Sequence[QuizResult]) -> dict[str, list[QuizResult]]:
    """Quiz id → its results in the order loaded; quizzes in the order they first appear."""
    groups: dict[str, list[QuizResult]] = {}
    for result in results:
        groups.setdefault(result.quiz, []).append(result)
    return groups


def class_stats(project: Project, results: Sequence[QuizResult]) -> tuple[QuizStats, ...]:
    """One QuizStats per quiz loaded, in the order the quizzes first appear."""
    quizzes = {q.id: q for q in project.quizzes}
    return tuple(quiz_stats(quizzes[quiz], group)
                 for quiz, group in group_results(results).items())


# -- Texts and figures, shared by the report and the CSV ------------------------------------------

def plain_text(project: Project, lang: str, text: str) -> str:
    """An author text as plain text: concept references by their label, Markdown links by their
    text (as a standalone report shows them; the CSV's cells and the class view use the same)."""
    return markdown_links_to_text(plain(text, project, lang))


def option_text(project: Project, lang: str, question: Question, option: str,
                labels: Mapping[str, str]) -> str:
    """An option's text; true/false options are the catalogue's True and False (`labels`)."""
    return plain_text(project, lang, question.text(lang).options.get(option) or labels[option])


def discrimination_text(value: float, sign: str) -> str:
    """Two decimals with the language's decimal sign; below 0 with the Unicode minus (U+2212), so
    that no spreadsheet takes it for a formula. `value` is already rounded to hundredths."""
    hundredths = round(value * 100)
    prefix = MINUS if hundredths < 0 else ""
    return f"{prefix}{abs(hundredths) // 100}{sign}{abs(hundredths) % 100:02d}"


def _flag_names(_: Callable[[str], str]) -> dict[str, str]:
    # The argument is named `_` so that the extractor finds the strings.
    return {"easy": _("too easy"), "hard": _("too hard"),
            "negative": _("negative discrimination")}


def _columns(_: Callable[[str], str]) -> dict[str, str]:
    """The CSV's headers, in order (the report shows some of them too)."""
    return {"quiz": _("Quiz"), "number": _("No."), "question": _("Question"),
            # Every message is formatted, as Jinja's gettext formats them: `%%` is a percent sign.
            "learners": _("Learners"), "facility": _("Facility (%%)") % {},
            "discrimination": _("Discrimination"), "flags": _("Flags"),
            "wrong": _("Most chosen wrong option"), "misconception": _("Misconception"),
            "unanswered": _("Not answered")}


def _labels(_: Callable[[str], str]) -> dict[str, str]:
    return {"true": _("True"), "false": _("False")}


# -- The CSV --------------------------------------------------------------------------------------

def class_csv(project: Project, stats: Sequence[QuizStats], lang: str) -> str:
    """docs/results.md "The CSV": one row per question of every quiz in `stats` (in that order),
    questions in authored order; UTF-8 with a BOM, CRLF, `;` where the decimal sign is a comma."""
    t = project.translations(lang)
    _ = t.gettext
    sign = get_decimal_symbol(project.config.language(lang).locale)
    quizzes = {q.id: q for q in project.quizzes}
    cards = {m.id: m for m in project.misconceptions}
    flags, labels = _flag_names(_), _labels(_)
    loaded = [quizzes[s.quiz] for s in stats]
    width = max((len(q.options) for quiz in loaded for q in quiz.questions), default=0)
    rows = [[*_columns(_).values(), *LETTERS[:width]]]
    for quiz, quiz_figures in zip(loaded, stats, strict=True):
        title = plain_text(project, lang, quiz.text(lang).title)
        for question, s in zip(quiz.questions, quiz_figures.questions, strict=True):
            letters = {o.id: LETTERS[i] for i, o in enumerate(question.options)}
            wrong = (f"{letters[s.wrong]}: {option_text(project, lang, question, s.wrong, labels)}"
                     if s.wrong else "")
            counts = [str(s.counts[o.id]) for o in question.options]
            rows.append([
                title, str(s.number), plain_text(project, lang, question.text(lang).prompt),
                str(s.asked), "" if s.facility_percent is None else str(s.facility_percent),
                "" if s.discrimination is None else discrimination_text(s.discrimination, sign),
                ", ".join(flags[f] for f in s.flags), wrong,
                plain_text(project, lang, cards[s.misconception].text(lang).claim)
                if s.misconception else "",
                str(s.unanswered), *counts, *[""] * (width - len(counts))])
    return to_csv([[_formula_guard(cell) for cell in row] for row in rows], sign)


def _formula_guard(cell: str) -> str:
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


# -- The report -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Formats:
    """One report's language: its texts, numbers and links."""

    project: Project
    lang: str
    t: gettext.NullTranslations
    root: str
    """The language's folder of the site, with a trailing slash."""

    @cached_property
    def sign(self) -> str:
        return get_decimal_symbol(self.project.config.language(self.lang).locale)

    @cached_property
    def cards(self) -> dict[str, Misconception]:
        return {m.id: m for m in self.project.misconceptions}

    @cached_property
    def flags(self) -> dict[str, str]:
        return _flag_names(self.t.gettext)

    @cached_property
    def labels(self) -> dict[str, str]:
        return _labels(self.t.gettext)

    def text(self, text: str) -> str:
        return plain_text(self.project, self.lang, text)

    def claim(self, card: str) -> str:
        return self.text(self.cards[card].text(self.lang).claim)

    def percent(self, whole: int) -> str:
        return format_percent(whole / 100, locale=self.project.config.language(self.lang).locale)

    def learners(self, n: int) -> str:
        return self.t.ngettext("%(num)d learner", "%(num)d learners", n) % {"num": n}


def class_report(project: Project, results: Sequence[QuizResult], lang: str,
                 site_url: str = DEFAULT_SITE_URL, today: date | None = None) -> ClassReport:
    """The report on `results` (of any quizzes, in any languages) in the language `lang`; links
    to the presenter screens and the misconception cards start at `site_url`, the site's root.
    ValueError if `site_url` is not a relative path or a web address."""
    if url_scheme(site_url) not in SITE_SCHEMES:
        raise ValueError(f"{site_url[:40]!r} is not a relative path or a web address")
    language = project.config.language(lang)
    t = project.translations(lang)
    ngettext = t.ngettext
    # An empty --site-url: the report is kept in the site's root folder itself.
    fmt = _Formats(project, lang, t, f"{site_url.rstrip('/')}/{lang}/" if site_url else f"{lang}/")
    quizzes = {q.id: q for q in project.quizzes}
    groups = group_results(results)
    stats = class_stats(project, results)
    html = RenderContext(project, language, t).render(
        "class_report.html.j2",
        quizzes=[_quiz_view(fmt, quizzes[s.quiz], s, groups[s.quiz]) for s in stats],
        columns=_columns(t.gettext),
        indicative_below=INDICATIVE_BELOW,
        site_name=t.gettext(project.site.site_name) if project.site else "",
        learners_text=fmt.learners(len(results)),
        quizzes_text=ngettext("%(num)d quiz", "%(num)d quizzes", len(stats)) % {"num": len(stats)},
        date=format_date(today or date.today(), format="long", locale=language.locale))
    return ClassReport(html=html, csv=class_csv(project, stats, lang), learners=len(results),
                       quizzes=len(stats))


def _quiz_view(fmt: _Formats, quiz: Quiz, stats: QuizStats,
               results: list[QuizResult]) -> dict[str, Any]:
    """What the template shows of one quiz, in the report's language."""
    ngettext = fmt.t.ngettext
    config = fmt.project.config
    by_id = {q.id: q for q in quiz.questions}
    languages: dict[str, int] = {}
    for result in results:
        languages[result.lang] = languages.get(result.lang, 0) + 1
    tallest = max(stats.distribution, default=0) or 1
    return {
        "id": quiz.id, "title": fmt.text(quiz.text(fmt.lang).title),
        "learners_text": fmt.learners(stats.learners),
        "languages": ", ".join(f"{config.language(code).native_name} ({n})"
                               for code, n in languages.items()),
        "indicative": stats.learners < INDICATIVE_BELOW,
        "mean": "–" if stats.mean is None else one_decimal(stats.mean, fmt.sign),
        "median": "–" if stats.median is None else one_decimal(stats.median, fmt.sign),
        "passed": ngettext("%(passed)d of %(num)d passed (pass mark %(mark)s)",
                           "%(passed)d of %(num)d passed (pass mark %(mark)s)", stats.learners)
        % {"passed": stats.passed, "num": stats.learners, "mark": fmt.percent(quiz.pass_mark)},
        # The score distribution's ten bars, 0 to 100 high (the tallest is 100).
        "bins": [{"label": "90–100" if i == BINS - 1 else f"{10 * i}–{10 * i + 9}", "count": n,
                  "height": round(100 * n / tallest)} for i, n in enumerate(stats.distribution)],
        "questions": [_question_view(fmt, quiz, by_id[s.question], s) for s in stats.by_facility],
        "misconceptions": [{
            "claim": fmt.claim(m.misconception),
            "href": f"{fmt.root}misconceptions.html#{m.misconception}",
            "text": ngettext("%(fell)d of %(num)d learner", "%(fell)d of %(num)d learners",
                             m.exposed) % {"fell": m.fell, "num": m.exposed},
            "share": fmt.percent(math.floor(100 * m.fell / m.exposed + 0.5)) if m.exposed
            else "–",
        } for m in stats.misconceptions],
    }


def _question_view(fmt: _Formats, quiz: Quiz, question: Question,
                   s: QuestionStats) -> dict[str, Any]:
    options = [{
        "letter": LETTERS[i], "correct": o.correct, "wrong": o.id == s.wrong,
        "text": option_text(fmt.project, fmt.lang, question, o.id, fmt.labels),
        "count": s.counts[o.id],
        # The bar's length in rem: 8 when everyone asked chose it.
        "bar": f"{8 * s.counts[o.id] / s.asked:.2f}" if s.asked else "0",
    } for i, o in enumerate(question.options)]
    return {
        "number": s.number, "total": len(quiz.questions), "asked": s.asked,
        "unanswered": s.unanswered, "prompt": fmt.text(question.text(fmt.lang).prompt),
        "facility": "–" if s.facility_percent is None else fmt.percent(s.facility_percent),
        "discrimination": ("–" if s.discrimination is None
                           else discrimination_text(s.discrimination, fmt.sign)),
        "flags": [{"key": f, "name": fmt.flags[f]} for f in s.flags],
        "options": options,
        "wrong": next((o for o in options if o["wrong"]), None),
        "misconception": s.misconception and {
            "claim": fmt.claim(s.misconception),
            "href": f"{fmt.root}misconceptions.html#{s.misconception}"},
        # Each question's own presenter screen (`#q<n>`, authored number), for the debrief.
        "present": f"{fmt.root}quizzes/{quiz.id}/present/index.html#q{s.number}",
    }
