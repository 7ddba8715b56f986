"""Moodle XML export, read back with lxml and checked against what Moodle's importer requires, as
`question/format/xml/format.php`, `question/format.php`, `question/engine/bank.php`,
`lib/questionlib.php` and `question/type/multichoice/questiontype.php` say: a category before
each quiz's questions, a name and HTML texts for every question, only Moodle's grades as
fractions (the list rebuilt here from bank.php's rule, not copied from the exporter), one answer
at 100 % in single-answer questions and positive fractions that add up to 100 % in
multiple-answer ones, true/false answers as Moodle matches them, feedback for every answer,
unique idnumbers within 100 characters. The texts and weights equal the source in every
language (the repository's quizzes, the base fixture, and export-specials with every reserved
character and weights Moodle has no grade for), and the multilang file, filtered as
filter_multilang2 does, gives each language's file back.

The helpers here (`exported`, `source_question`, `moodle_accepts`) serve the GIFT tests too."""

from __future__ import annotations

import html
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from lxml import etree

from builder.exports import gift, moodle, site_root
from builder.load import load_project
from builder.problems import Problem, Problems
from builder.render import contexts
from builder.validate import validate
from tests.conftest import REPO, make_project, problem_lines

if TYPE_CHECKING:
    from builder.model import Project
    from builder.render import RenderContext
    from builder.sources.quizzes import Question, Quiz

CASES = ("repo", "base", "export-specials")
"""The repository's own quizzes, the base fixture, and the fixture of awkward texts."""
TOLERANCE = 0.00001
"""match_grade_options: how far a fraction may be from a grade."""
NUMBERING = ("abc", "ABCD", "123", "iii", "IIII", "none")
"""qtype_multichoice::get_numbering_styles."""
SPECIAL = "a < b & c ]]> d \\ e ~ = # { } : f"
"""What export-specials writes in its texts, as plain text."""
SPECIAL_HTML = "a &lt; b &amp; c ]]&gt; d \\ e ~ = # { } : f"
SPECIAL_NAME = "a &lt; b & c ]]&gt; d \\ e ~ = # { } : f"
"""As a name: text, with `<` and `>` as references."""


# -- Helpers shared with the GIFT tests -------------------------------------------------------------

@dataclass(frozen=True)
class Exported:
    project: Project
    contexts: dict[str, RenderContext]
    files: dict[str, bytes]
    warnings: list[Problem]


@cache
def exported(case: str, module: str) -> Exported:
    """One fixture's export in one format (`moodle` or `gift`), made once per test run."""
    root = REPO if case == "repo" else make_project(case, Path(tempfile.mkdtemp(prefix="kb-exp-")))
    project, problems = load_project(root)
    assert not problems and not validate(project)
    ctxs = contexts(project)
    warnings = Problems()
    files = {f.name: f.data for f in {"moodle": moodle, "gift": gift}[module].files(
        project, ctxs, warnings)}
    return Exported(project, ctxs, files, list(warnings))


def moodle_grades() -> list[float]:
    """Moodle's grades by the rule bank.php states (p/q for q <= 6, p/10, 1/q for q <= 10, 1/20)
    at its 7 decimals, and their negatives."""
    fractions = {Fraction(p, q) for q in range(1, 7) for p in range(q + 1)}
    fractions |= {Fraction(p, 10) for p in range(11)} | {Fraction(1, q) for q in range(1, 11)}
    fractions.add(Fraction(1, 20))
    positive = sorted({round(float(f), 7) for f in fractions})
    assert len(positive) == 21  # 0, 1 and the 19 in between
    return sorted({*positive, *(-g for g in positive)})


def is_grade(percent: float) -> bool:
    return any(abs(percent / 100 - g) < TOLERANCE for g in moodle_grades())


def moodle_accepts(percents: list[float], single: bool) -> None:
    """What importprocess and qtype_multichoice::save_question_options require of fractions."""
    assert all(is_grade(p) for p in percents), percents
    if single:
        assert max(percents) == 100 and percents.count(100) == 1, percents
    else:
        total = Decimal(str(sum(p for p in percents if p > 0) / 100))
        assert total.quantize(Decimal("0.01"), ROUND_HALF_UP) == 1, percents


def exact_weight(question: Question) -> float | None:
    """Our scoring's weight of a correct option in percent, if Moodle has that grade."""
    if question.type != "multiple":
        return 100
    weight = 100 / len(question.correct_ids)
    return round(weight, 5) if is_grade(weight) else None


def text_only(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def name_text(markup: str) -> str:
    """A name as Moodle must get it: text, but a `<` or `>` as a character reference, since
    Moodle shows names as HTML."""
    return text_only(markup).replace("<", "&lt;").replace(">", "&gt;")


def source_question(ctx: RenderContext, question: Question) -> dict[str, Any]:
    """A question's texts as the site renders them, straight from the source."""
    root = site_root(ctx.project, ctx.lang)
    text = question.text(ctx.lang)
    _ = ctx.t.gettext
    labels = {"true": _("True"), "false": _("False")}
    cards = {m.id: m for m in ctx.project.misconceptions}
    return {
        "prompt": str(ctx.html(text.prompt, root, inline=True)).strip(),
        "explanation": str(ctx.html(text.explanation, root)).strip(),
        "options": [{
            "id": o.id, "correct": o.correct,
            "text": str(ctx.html(text.options.get(o.id) or labels[o.id], root, inline=True)).strip(),
            "feedback": str(ctx.html(text.feedback[o.id], root)).strip(),
            "card": o.misconception and (
                o.misconception, " ".join(ctx.plain(cards[o.misconception].text(ctx.lang).claim)
                                          .split())),
        } for o in question.options],
    }


def check_feedback(ctx: RenderContext, option: dict[str, Any], feedback: str) -> None:
    """The option's feedback, then the card it embodies (linked with site_url), as on the site."""
    assert feedback.startswith(option["feedback"]), (feedback, option["feedback"])
    if option["card"]:
        card, claim = option["card"]
        rest = feedback[len(option["feedback"]):]
        assert text_only(rest) == f"{ctx.t.gettext('Misconception:')} {claim}", rest
        root = site_root(ctx.project, ctx.lang)
        assert (f'href="{root}misconceptions.html#{card}"' in rest) == bool(root)
    else:
        assert feedback == option["feedback"]


def check_name(name: str, number: int, prompt: str, limit: int = moodle.NAME_CHARS) -> None:
    """`<number>. <start of the prompt>`, cut between words with an ellipsis if it is long."""
    plain = f"{number}. {name_text(prompt)}"
    assert len(name) <= limit
    assert name == plain or (name.endswith("…") and plain.startswith(name[:-1])), (name, plain)


def split_category_path(path: str) -> list[str]:
    """qformat_default::split_category_path."""
    return [name.replace("//", "/").strip() for name in re.split(r"(?<!/)/(?!/)", path)]


def check_idnumbers(idnumbers: list[str], quiz_question_ids: list[str]) -> None:
    """`<quiz-id>.<question-id>`, unique and within Moodle's 100 characters."""
    assert len(set(idnumbers)) == len(idnumbers)
    for idnumber, full in zip(idnumbers, quiz_question_ids, strict=True):
        assert len(idnumber) <= 100
        assert idnumber == full if len(full) <= 100 else idnumber.startswith(full[:80])


# -- Moodle XML --------------------------------------------------------------------------------------

def parse(data: bytes) -> etree._Element:
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    parser = etree.XMLParser(resolve_entities=False, no_network=True, strip_cdata=True)
    return etree.fromstring(data, parser)


def text(element: etree._Element, path: str) -> str:
    found = element.find(path)
    assert found is not None, path
    return found.text or ""


def quizzes_in(root: etree._Element) -> Iterator[tuple[etree._Element, list[etree._Element]]]:
    """Each category and the questions after it."""
    questions = root.findall("question")
    assert questions and questions[0].get("type") == "category"
    starts = [i for i, q in enumerate(questions) if q.get("type") == "category"]
    for start, end in zip(starts, [*starts[1:], len(questions)], strict=True):
        yield questions[start], questions[start + 1:end]


def check_question(element: etree._Element, quiz: Quiz, question: Question, number: int,
                   ctx: RenderContext) -> None:
    source = source_question(ctx, question)
    check_name(text(element, "name/text"), number, source["prompt"])
    for tag in ("questiontext", "generalfeedback"):
        assert element.find(tag).get("format") == "html"  # type: ignore[union-attr]
    assert text(element, "questiontext/text") == source["prompt"]
    assert text(element, "generalfeedback/text") == source["explanation"]
    assert text(element, "defaultgrade") == "1"
    answers = element.findall("answer")
    assert len(answers) == len(source["options"]) >= 2
    percents = [float(a.get("fraction", "")) for a in answers]
    if question.type == "true-false":
        assert element.get("type") == "truefalse"
        # import_truefalse: the answer texts `true` and `false`; the right one at 100.
        assert [text(a, "text") for a in answers] == ["true", "false"]
        assert percents == [100 if o["correct"] else 0 for o in source["options"]]
    else:
        assert element.get("type") == "multichoice"
        single = question.type != "multiple"
        assert text(element, "single") == ("true" if single else "false")
        assert text(element, "shuffleanswers") == ("true" if quiz.shuffle_options else "false")
        assert text(element, "answernumbering") == "ABCD" and "ABCD" in NUMBERING
        assert [text(a, "text") for a in answers] == [o["text"] for o in source["options"]]
        assert all(a.get("format") == "html" for a in answers)
        moodle_accepts(percents, single)
        weight = exact_weight(question)
        if weight is not None:
            assert percents == [weight if o["correct"] else (0 if single else -weight)
                                for o in source["options"]]
        else:
            assert [p > 0 for p in percents] == [o["correct"] for o in source["options"]]
    for answer, option in zip(answers, source["options"], strict=True):
        assert answer.find("feedback").get("format") == "html"  # type: ignore[union-attr]
        check_feedback(ctx, option, text(answer, "feedback/text"))


@pytest.mark.parametrize("case", CASES)
def test_each_language_file_is_what_moodle_imports_and_holds_the_source(case: str) -> None:
    done = exported(case, "moodle")
    project = done.project
    for lang, ctx in done.contexts.items():
        root = parse(done.files[f"quizzes-{lang}.moodle.xml"])
        assert root.tag == "quiz"
        found = list(quizzes_in(root))
        assert len(found) == len(project.quizzes)
        idnumbers = []
        for quiz, (category, questions) in zip(project.quizzes, found, strict=True):
            title = name_text(str(ctx.html(quiz.text(lang).title, None, inline=True)))
            assert split_category_path(text(category, "category/text")) == [
                "$course$", "top", title]
            # import_category reads the format of <info> without checking it is there.
            assert category.find("info").get("format") == "html"  # type: ignore[union-attr]
            assert category.find("idnumber") is None
            assert len(questions) == len(quiz.questions)
            for number, (element, question) in enumerate(zip(questions, quiz.questions,
                                                             strict=True), start=1):
                check_question(element, quiz, question, number, ctx)
                idnumbers.append(text(element, "idnumber"))
        check_idnumbers(idnumbers, [f"{quiz.id}.{q.id}" for quiz in project.quizzes
                                    for q in quiz.questions])


def keep_language(value: str, lang: str) -> str:
    """What filter_multilang2 shows a reader in `lang`: the spans of that language, or if there
    are none, those marked `other` (filter_multilang2\\text_filter::filter)."""
    span = re.compile(r"{\s*mlang\s+([a-z0-9_-]+(?:\s*,\s*[a-z0-9_-]+\s*)*)\s*}(.*?){\s*mlang\s*}",
                      re.IGNORECASE | re.DOTALL)

    def shown(want: str) -> tuple[str, bool]:
        found = False

        def replace(match: re.Match[str]) -> str:
            nonlocal found
            langs = match.group(1).lower().replace(" ", "").replace("-", "_").split(",")
            found = found or want in langs
            return match.group(2) if want in langs else ""
        return span.sub(replace, value), found

    result, found = shown(lang)
    return result if found else shown("other")[0]


@pytest.mark.parametrize("case", CASES)
def test_the_multilang_file_filtered_gives_each_language_file(case: str) -> None:
    done = exported(case, "moodle")
    langs = list(done.contexts)
    multilang = parse(done.files["quizzes.multilang.moodle.xml"])
    spans = re.compile(r"\{mlang ([a-z,]+)\}.*?\{mlang\}", re.DOTALL)
    texts = list(multilang.iter("text"))
    for element in texts:
        value = element.text or ""
        if value in ("true", "false"):
            continue  # true/false answers: import_truefalse matches them by these texts
        found = spans.findall(value.removeprefix(moodle.CATEGORY_ROOT))
        assert found == [f"{langs[0]},other", *langs[1:]], value
        kind = element.getparent().tag  # type: ignore[union-attr]
        if kind in ("name", "category"):
            assert len(split_category_path(value)[-1] if kind == "category" else value) <= 255
    for lang in langs:
        single = list(parse(done.files[f"quizzes-{lang}.moodle.xml"]).iter("text"))
        assert len(single) == len(texts)
        for mine, theirs in zip(texts, single, strict=True):
            kind = mine.getparent().tag  # type: ignore[union-attr]
            want = theirs.text or ""
            if kind == "category":
                # Moodle splits the path on import and filters the name it stored on display.
                got = keep_language(split_category_path(mine.text or "")[-1], lang)
                want = split_category_path(want)[-1]
            else:
                got = keep_language(mine.text or "", lang)
            if kind in ("name", "category") and got != want:
                # Shortened so that every language fits Moodle's 255 characters.
                assert got.endswith("…") and want.startswith(got[:-1]), (got, want)
            else:
                assert got == want
    assert keep_language(texts[0].text or "", "de") == keep_language(texts[0].text or "", langs[0])


def test_texts_with_markup_characters_survive_cdata_and_escaping() -> None:
    done = exported("export-specials", "moodle")
    data = done.files["quizzes-en.moodle.xml"]
    root = parse(data)
    category, questions = list(quizzes_in(root))[-1]
    # Names are shown as HTML by Moodle: a `<` written as text must not open a tag there.
    assert split_category_path(text(category, "category/text"))[-1] == (
        "Specials EN: a/b ~ = # { } \\ & &lt; ]]&gt;")
    single = questions[0]
    assert text(single, "name/text").startswith(f"1. EN: {SPECIAL_NAME}, see")
    assert text(single, "questiontext/text").startswith(f"EN: {SPECIAL_HTML}, see <a href=")
    assert 'href="https://kb.example.org/training/en/glossary/apple/index.html"' in text(
        single, "questiontext/text")
    assert [text(a, "text") for a in single.findall("answer")][:2] == [
        "%50% of EN", "[plain] EN looks like a format"]
    assert text(single, "answer/feedback/text") == f"<p>EN right: {SPECIAL_HTML}</p>"
    nl = parse(done.files["quizzes-nl.moodle.xml"])
    nl_category = list(quizzes_in(nl))[-1][0]
    # assemble_category_path: a name that starts with a slash is padded, or `//` would escape it.
    assert text(nl_category, "category/text") == "$course$/top/ //Specials NL: a//b"
    assert split_category_path(text(nl_category, "category/text"))[-1] == "/Specials NL: a/b"


def test_cdata_holds_any_text() -> None:
    """xml_escape: a `]]>` in a text ends one CDATA section and starts another."""
    cdata = moodle._cdata("a ]]> b ]]]> c")
    assert cdata == "<![CDATA[a ]]]]><![CDATA[> b ]]]]]><![CDATA[> c]]>"
    assert etree.fromstring(f"<text>{cdata}</text>").text == "a ]]> b ]]]> c"


def test_weights_moodle_has_no_grade_for_are_warned_of_once() -> None:
    done = exported("export-specials", "moodle")
    assert [(w.path, w.field) for w in done.warnings] == [("quizzes/specials.yml", "questions[2]")]
    message = done.warnings[0].message
    assert "'specials-eleven'" in message and "100/11 = 9.09091 %" in message
    assert "10 % (A, B, C, D, E, F, G, H, I) and 5 % (J, K)" in message and "-10 %" in message
    eleven = list(quizzes_in(parse(done.files["quizzes-en.moodle.xml"])))[-1][1][2]
    assert [a.get("fraction") for a in eleven.findall("answer")] == ["10"] * 9 + ["5"] * 2 + ["-10"]
    three = list(quizzes_in(parse(done.files["quizzes-en.moodle.xml"])))[-1][1][1]
    assert [a.get("fraction") for a in three.findall("answer")] == ["33.33333"] * 3 + ["-33.33333"]
    for case in ("repo", "base"):
        assert exported(case, "moodle").warnings == []


def test_idnumbers_past_moodles_limit_stay_unique() -> None:
    root = parse(exported("export-specials", "moodle").files["quizzes-en.moodle.xml"])
    long = [text(q, "idnumber") for q in list(quizzes_in(root))[-1][1][4:]]
    assert len(long) == 2 and long[0] != long[1] and all(len(i) == 100 for i in long)
    quiz = exported("export-specials", "moodle").project.quizzes[-1]
    assert [i[:80] for i in long] == [f"{quiz.id}.{q.id}"[:80] for q in quiz.questions[4:]]


def test_the_export_is_deterministic_and_the_specials_fixture_loads_cleanly(
        tmp_path: Path) -> None:
    assert problem_lines(make_project("export-specials", tmp_path)) == []
    first = exported("export-specials", "moodle")
    again = Problems()
    files = {f.name: f.data for f in moodle.files(first.project, contexts(first.project),
                                                  again)}
    assert files == first.files
    assert sorted(files) == ["quizzes-da.moodle.xml", "quizzes-en.moodle.xml",
                             "quizzes-nl.moodle.xml", "quizzes-pl.moodle.xml",
                             "quizzes.multilang.moodle.xml"]
