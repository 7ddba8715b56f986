"""Moodle XML: the quizzes as a question bank for Moodle's importer (Question bank → Import →
Moodle XML format). `quizzes-<lang>.moodle.xml` holds one language; `quizzes.multilang.moodle.xml`
holds every language in each text, as one `{mlang xx}…{mlang}` span per language in the project's
order, for the multi-language content filter (filter_multilang2). The first language's span is
`{mlang xx,other}`: the filter shows the `other` span to a reader whose language is none of ours,
who would otherwise see empty texts.

Each quiz is a category, `$course$/top/<title>`, with the quiz's intro as its description, then
its questions: single and spot-misconception as `multichoice` with one answer; multiple as
`multichoice` with partial credit, 100/n for each of its n correct options and -100/n for each
wrong one (Moodle adds the fractions chosen and keeps the sum within 0…100 %, which is our
scoring); true-false as `truefalse`. Texts are HTML in CDATA, every answer has its feedback (with
the misconception card it embodies, as the site shows it), the explanation is the general
feedback, and `<idnumber>` is `<quiz-id>.<question-id>`, so that a re-import can be matched.

What Moodle's importer requires, and where it says so:

- `question/format/xml/format.php`: a question needs `<name><text>` (import_headers); a text is
  a `<text>` in an element whose `format` is `html`; a category is `<category><text>`, and
  import_category reads the `format` attribute of its `<info>` unchecked; true/false answers
  are the texts `true` and `false`, the right one at fraction 100 (import_truefalse); a CDATA
  section that holds `]]>` is split in two (xml_escape); `answernumbering` is one of
  qtype_multichoice::get_numbering_styles (`question/type/multichoice/questiontype.php`).
- `question/format.php`: a `/` in a category name is written `//`, and a name that starts or
  ends with one is padded with a space (assemble_category_path, split_category_path); a name
  over 255 characters is cut (clean_question_name), which could cut a multilang span, so each
  language's part is shortened first; the import stops at a fraction that is not one of
  Moodle's grades within 0.00001 (importprocess; match_grade_options in `lib/questionlib.php`;
  the grades of question_bank::fraction_options_full in `question/engine/bank.php`).
- `question/type/multichoice/questiontype.php` (save_question_options): a single-answer
  question needs an answer at 100 %; a multiple-answer one needs positive fractions that add
  up to 100 % once rounded to two decimals of a fraction, or the import stops there. Where
  100/n is not a grade, the correct options get the two grades nearest it that add up to
  100 % (a warning says so).
- `<idnumber>`: at most 100 characters (the question form's field, `question_bank_entries`);
  Moodle drops one already used in the category. Categories get none: `question_categories`
  has a unique (context, idnumber) index, so re-importing after renaming a category in Moodle
  would stop on it.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from builder.exports import ExportFile, site_root
from builder.presenter import shorten
from builder.problems import Problems
from builder.sources.quizzes import LETTERS, question_views

if TYPE_CHECKING:
    from builder.model import Project
    from builder.render import RenderContext
    from builder.sources.quizzes import Question, Quiz

FORMAT = "moodle"
GRADES = ("1.0", "0.9", "0.8333333", "0.8", "0.75", "0.7", "0.6666667", "0.6", "0.5", "0.4",
          "0.3333333", "0.3", "0.25", "0.2", "0.1666667", "0.1428571", "0.125", "0.1111111",
          "0.1", "0.05")
"""Moodle's positive grades as fractions (question_bank::ensure_fraction_options_initialised):
with 0 and their negatives, the only fractions its importer accepts."""
TOLERANCE = Decimal("0.00001")
"""How far from a grade a fraction may be (match_grade_options)."""
NAME_LIMIT = 255
"""Characters of a question or category name (clean_question_name, question_categories.name)."""
NAME_CHARS = 80
"""A question's name: its number and the start of its prompt, as long as Moodle's own
(create_default_question_name)."""
IDNUMBER_LIMIT = 100
CATEGORY_ROOT = "$course$/top/"


# -- Scoring ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Scoring:
    percents: tuple[Decimal, ...]
    """Each option's fraction in percent, in authored order."""
    warning: str | None = None
    """Why the weights are not exactly our scoring (a multiple question's 100/n is no grade)."""


def scorings(project: Project, warnings: Problems) -> dict[str, dict[str, Scoring]]:
    """Quiz id → question id → its scoring; a weight Moodle can only approximate is warned of."""
    result: dict[str, dict[str, Scoring]] = {}
    for quiz in project.quizzes:
        result[quiz.id] = {}
        for i, question in enumerate(quiz.questions):
            scoring = _scoring(question)
            if scoring.warning:
                warnings.add(quiz.source, f"questions[{i}]", scoring.warning)
            result[quiz.id][question.id] = scoring
    return result


def _scoring(question: Question) -> Scoring:
    if question.type != "multiple":
        return Scoring(tuple(Decimal(100 if o.correct else 0) for o in question.options))
    n = len(question.correct_ids)
    high, low, count = _split(n)
    want = Decimal(1) / n
    penalty = min(_grades(), key=lambda g: abs(g - want))
    correct = [i for i, o in enumerate(question.options) if o.correct]
    rank = {option: r for r, option in enumerate(correct)}
    # The first `count` correct options, in authored order, get the higher grade.
    fractions = [-penalty if i not in rank else high if rank[i] < count else low
                 for i in range(len(question.options))]
    percents = tuple(f * 100 for f in fractions)
    if all(abs(abs(f) - want) < TOLERANCE for f in fractions):
        return Scoring(percents)
    weighs = (f"{percent_text(high * 100)} %" if count == n else
              f"{percent_text(high * 100)} % ({_letters(correct[:count])}) and "
              f"{percent_text(low * 100)} % ({_letters(correct[count:])})")
    wanted = percent_text((100 * want).quantize(TOLERANCE))
    return Scoring(percents, f"question {question.id!r}: Moodle has no grade of 100/{n} = "
                   f"{wanted} %; its correct options weigh {weighs}, and each wrong option "
                   f"-{percent_text(penalty * 100)} %")


@cache
def _grades() -> tuple[Decimal, ...]:
    return tuple(Decimal(g) for g in GRADES)


@cache
def _split(n: int) -> tuple[Decimal, Decimal, int]:
    """Two grades and a count: that many of n correct options at the first grade and the rest at
    the second add up to what Moodle takes for 100 %, each as near 1/n as the grades allow."""
    want = Decimal(1) / n
    grades = (*_grades(), Decimal(0))
    candidates = [(high, low, count) for high in grades for low in grades if low <= high
                  for count in range(1, n + 1) if _whole(count * high + (n - count) * low)]
    return min(candidates, key=lambda c: c[2] * (c[0] - want) ** 2 + (n - c[2]) * (c[1] - want) ** 2)


def _whole(total: Decimal) -> bool:
    # save_question_options: round($totalfraction, 2) == 1 (PHP rounds halves away from zero).
    return total.quantize(Decimal("0.01"), ROUND_HALF_UP) == 1


def _letters(indexes: list[int]) -> str:
    return ", ".join(LETTERS[i] for i in indexes)


def percent_text(percent: Decimal) -> str:
    """A fraction as Moodle writes it in percent: `100`, `33.33333`, `-12.5`."""
    return f"{percent.normalize():f}"


# -- What each format writes of a question, in one language -----------------------------------------

@dataclass(frozen=True)
class Choice:
    percent: Decimal
    text: str
    """HTML; for true-false, `true` or `false`."""
    feedback: str
    """HTML."""


@dataclass(frozen=True)
class Item:
    """A question as Moodle's formats write it, in one language."""

    quiz: Quiz
    question: Question
    name: str
    """Plain text: the question's number and the start of its prompt."""
    text: str
    general: str
    """The explanation, shown once the question is answered."""
    choices: tuple[Choice, ...]

    @property
    def idnumber(self) -> str:
        """`<quiz-id>.<question-id>`; past Moodle's 100 characters, its start and a hash."""
        full = f"{self.quiz.id}.{self.question.id}"
        if len(full) <= IDNUMBER_LIMIT:
            return full
        digest = hashlib.sha256(full.encode()).hexdigest()[:12]
        return f"{full[:IDNUMBER_LIMIT - len(digest) - 1]}-{digest}"

    @property
    def trace(self) -> str:
        return f"{self.quiz.id}/{self.question.id}"


def quiz_items(ctx: RenderContext, quiz: Quiz, scoring: Mapping[str, Scoring]) -> list[Item]:
    """The quiz's questions in the context's language; links lead to the published site when
    `site_url` is set, and are text otherwise."""
    to_root = site_root(ctx.project, ctx.lang)
    items = []
    for question, view in zip(quiz.questions, question_views(ctx, quiz, to_root), strict=True):
        choices = tuple(
            Choice(percent, option["id"] if question.type == "true-false"
                   else str(option["text"]).strip(), _feedback(ctx, option, to_root))
            for percent, option in zip(scoring[question.id].percents, view["options"], strict=True))
        name = shorten(f"{view['number']}. {text_of(view['prompt'])}", NAME_CHARS)
        items.append(Item(quiz, question, name, str(view["prompt"]).strip(),
                          str(view["explanation"]).strip(), choices))
    return items


def _feedback(ctx: RenderContext, option: dict[str, Any], to_root: str | None) -> str:
    """An option's feedback, and the misconception card it embodies, as the site shows them."""
    _ = ctx.t.gettext
    feedback = str(option["feedback"]).strip()
    card = option["misconception"]
    if not card:
        return feedback
    claim = html.escape(card["claim"], quote=False)
    if to_root:
        href = html.escape(f"{to_root}misconceptions.html#{card['id']}")
        claim = f'<a href="{href}">{claim}</a>'
    return f"{feedback}\n<p>{html.escape(_('Misconception:'), quote=False)} {claim}</p>"


def text_of(markup: object) -> str:
    """Rendered HTML as text on one line, for a name. Moodle shows names as HTML
    (format_string), so a `<` or `>` an author wrote as text stays a character reference and
    cannot open a tag there; the rest is text, as Moodle's own forms store it."""
    text = " ".join(html.unescape(re.sub(r"<[^>]*>", "", str(markup))).split())
    return text.replace("<", "&lt;").replace(">", "&gt;")


def quiz_title(ctx: RenderContext, quiz: Quiz) -> str:
    return text_of(ctx.html(quiz.text(ctx.lang).title, None, inline=True))


def category_path(name: str) -> str:
    """`$course$/top/<name>`, a `/` in the name doubled as Moodle splits paths at single ones."""
    escaped = name.replace("/", "//")
    escaped = f" {escaped}" if escaped.startswith("/") else escaped
    escaped = f"{escaped} " if escaped.endswith("/") else escaped
    return CATEGORY_ROOT + escaped


# -- Moodle XML ---------------------------------------------------------------------------------------

def files(project: Project, contexts: Mapping[str, RenderContext],
          warnings: Problems) -> Iterator[ExportFile]:
    scoring = scorings(project, warnings)
    for lang, ctx in contexts.items():
        yield ExportFile(f"quizzes-{lang}.moodle.xml", _document(project, {lang: ctx}, scoring),
                         FORMAT, lang)
    if len(contexts) > 1:
        yield ExportFile("quizzes.multilang.moodle.xml", _document(project, contexts, scoring),
                         FORMAT)


def _document(project: Project, contexts: Mapping[str, RenderContext],
              scoring: Mapping[str, Mapping[str, Scoring]]) -> bytes:
    """The XML of every quiz, in one language or (several contexts) in all, as multilang."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    for quiz in project.quizzes:
        lines += _category(quiz, contexts)
        items = {lang: quiz_items(ctx, quiz, scoring[quiz.id]) for lang, ctx in contexts.items()}
        for i in range(len(quiz.questions)):
            lines += _question({lang: each[i] for lang, each in items.items()},
                               quiz.shuffle_options)
    lines.append("</quiz>")
    return ("\n".join(lines) + "\n").encode()


def _category(quiz: Quiz, contexts: Mapping[str, RenderContext]) -> list[str]:
    titles = _fit({lang: quiz_title(ctx, quiz) for lang, ctx in contexts.items()})
    intro = {lang: str(ctx.html(quiz.text(lang).intro, site_root(ctx.project, lang))).strip()
             for lang, ctx in contexts.items()}
    return [f"  <!-- {quiz.id} -->",
            '  <question type="category">',
            "    <category>",
            f"      <text>{_cdata(category_path(_join(titles)))}</text>",
            "    </category>",
            *_field("info", _join(intro), 4),
            "  </question>"]


def _question(items: Mapping[str, Item], shuffle: bool) -> list[str]:
    first = next(iter(items.values()))
    true_false = first.question.type == "true-false"

    def texts(get: Callable[[Item], str]) -> str:
        return _join({lang: get(item) for lang, item in items.items()})

    lines = [f"  <!-- {first.trace} -->",
             f'  <question type="{"truefalse" if true_false else "multichoice"}">',
             "    <name>",
             f"      <text>{_cdata(_join(_fit({lang: i.name for lang, i in items.items()})))}</text>",
             "    </name>",
             *_field("questiontext", texts(lambda i: i.text), 4),
             *_field("generalfeedback", texts(lambda i: i.general), 4),
             "    <defaultgrade>1</defaultgrade>",
             f"    <idnumber>{html.escape(first.idnumber)}</idnumber>"]
    if not true_false:
        lines += [f"    <single>{_bool(first.question.type != 'multiple')}</single>",
                  f"    <shuffleanswers>{_bool(shuffle)}</shuffleanswers>",
                  "    <answernumbering>ABCD</answernumbering>",
                  "    <showstandardinstruction>1</showstandardinstruction>"]
    for j, choice in enumerate(first.choices):
        answers = {lang: item.choices[j] for lang, item in items.items()}
        # import_truefalse matches the answers by their text, `true` and `false`, in no language.
        text = choice.text if true_false else _cdata(_join({k: a.text for k, a in answers.items()}))
        answer_format = "moodle_auto_format" if true_false else "html"
        lines += [f'    <answer fraction="{percent_text(choice.percent)}" format="{answer_format}">',
                  f"      <text>{text}</text>",
                  *_field("feedback", _join({k: a.feedback for k, a in answers.items()}), 6),
                  "    </answer>"]
    return [*lines, "  </question>"]


def _field(tag: str, text: str, indent: int) -> list[str]:
    pad = " " * indent
    return [f'{pad}<{tag} format="html">', f"{pad}  <text>{_cdata(text)}</text>", f"{pad}</{tag}>"]


def _cdata(text: str) -> str:
    # A CDATA section ends at the first `]]>`: close it between `]]` and `>` (xml_escape).
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _join(texts: Mapping[str, str]) -> str:
    """One language's text as it is; several as multilang spans, the first also for `other`."""
    if len(texts) == 1:
        return next(iter(texts.values()))
    spans = [f"{{mlang {lang}{',other' if i == 0 else ''}}}{text}{{mlang}}"
             for i, (lang, text) in enumerate(texts.items())]
    return "".join(spans)


def _fit(texts: Mapping[str, str]) -> Mapping[str, str]:
    """Names whose join fits Moodle's 255 characters: each shortened alike if it would not."""
    if len(_join(texts)) <= NAME_LIMIT:
        return texts
    spare = NAME_LIMIT - len(_join(dict.fromkeys(texts, "")))
    return {lang: shorten(text, spare // len(texts)) for lang, text in texts.items()}
