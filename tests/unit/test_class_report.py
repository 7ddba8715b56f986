"""builder/class_report.py: the class report and its CSV for the first class of
tests/vectors/quiz_results.json, on the `quiz-vectors` fixture (the vectors' quiz with texts in
four languages). The CSV is the one the class view in the browser must download byte for byte."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from builder.class_report import class_csv, class_report, class_stats, discrimination_text
from builder.load import load_project
from builder.model import Project
from builder.results import QuizResult
from builder.sources.quizzes import Question
from tests.unit.test_results import VECTORS, answers_of

DAY = date(2026, 12, 2)
NAMES = ("Zofia Secretname", "<b>Bold</b>", "=HYPERLINK(\"x\")")
"""Names learners typed; none may reach the report or the CSV."""


def load(root: Path) -> Project:
    project, problems = load_project(root)
    # Only the sources matter here (the catalogues have tests of their own).
    assert not [p for p in problems if not p.path.startswith("locales/")], problems
    return project


@pytest.fixture
def vectors(project: Callable[[str], Path]) -> Project:
    return load(project("quiz-vectors"))


def class_results(index: int = 0) -> list[QuizResult]:
    case = VECTORS["classes"][index]
    return [QuizResult("vectors", VECTORS["quiz"]["version"], r["lang"], NAMES[i % len(NAMES)],
                       answers_of(r["answers"])) for i, r in enumerate(case["results"])]


def section(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


# -- The report -----------------------------------------------------------------------------------

def test_the_report_of_the_first_class(vectors: Project) -> None:
    html = class_report(vectors, class_results(), "en", today=DAY).html
    assert '<html lang="en">' in html and "<h1>Class report</h1>" in html
    assert "6 learners · 1 quiz · December 2, 2026" in html
    assert "<h2>Fruit check</h2>" in html
    # A result's language only counts in this line, in the order first loaded.
    assert "Languages: Polski (3), English (1), Dansk (1), Nederlands (1)" in html
    assert "Fewer than" not in html
    assert '<th scope="row">Mean</th><td class="num">55.5</td>' in html
    assert '<th scope="row">Median</th><td class="num">60.0</td>' in html
    assert "4 of 6 passed (pass mark 60%)" in html
    # Ten bins, the tallest (60–69: 3) full height, the text alternative giving every count.
    assert re.findall(r'class="bin-count"[^>]*>(\d+)<', html) == [
        "0", "0", "0", "1", "1", "0", "3", "0", "1", "0"]
    assert "60–69: 3, 70–79: 0, 80–89: 1, 90–100: 0" in html
    # The questions most people missed first: facilities 17, 33, 67, 67 (authored order), 94.
    questions = html.split('<article class="question">')[1:]
    assert [re.search(r"<h4>(.*?)</h4>", q).group(1) for q in questions] == [  # type: ignore[union-attr]
        "Question 3 of 5: An apple floats.",
        "Question 5 of 5: =1+1? Which cell is &#34;safe&#34;; which, if any, is not?",
        "Question 1 of 5: What is an apple?",
        "Question 4 of 5: Which statement is a misconception?",
        "Question 2 of 5: Which are fruit?"]
    floats, cells, apple, _, fruit = questions
    assert ("Learners: 6 · Facility: 17% · Discrimination (corrected item–rest point-biserial "
            "correlation): 0.31 <span class=\"flag flag--hard\">too hard</span>") in floats
    assert '<th scope="row">A ✓</th><td>True</td>' in floats
    assert '<tr class="wrong"><th scope="row">B</th><td>False</td>' in floats
    assert re.search(r"<td>Not answered</td><td class=\"count\">1</td>", floats)
    assert ('Most chosen wrong option: B: False (4) — Misconception: <a href="site/en/'
            'misconceptions.html#m-float">Apples sink.</a>') in floats
    assert '<a href="site/en/quizzes/vectors/present/index.html#q3">' in floats
    assert "Discrimination (corrected item–rest point-biserial correlation): \u22120.87" in apple
    assert '<span class="flag flag--negative">negative discrimination</span>' in apple
    assert '<span class="flag flag--easy">too easy</span>' in fruit
    # Option counts, lettered in authored order, with the texts as plain text (a link's text).
    counts = re.findall(r'<th scope="row">([A-G])(?: ✓)?</th><td>(.*?)</td><td class="count">'
                        r'<span class="bar" style="width: [0-9.]+rem"></span> (\d+)</td>', cells)
    assert counts == [("A", "=1+1", "1"), ("B", "+2", "0"), ("C", "Three", "2"), ("D", "-4", "0"),
                      ("E", "@five", "0"),
                      ("F", "Six &#34;quoted&#34;, with a comma; and a semicolon", "0"),
                      ("G", "Seven, see the list", "3")]
    assert "Most chosen wrong option: G: Seven, see the list (3)</p>" in cells
    # Per misconception, the largest share first, ties by id.
    table = section(html, "<h3>Misconceptions</h3>", "</table>")
    assert re.findall(r'#(m-[a-z]+)">(.*?)</a></th><td>(.*?)</td><td class="num">(.*?)</td>',
                      table) == [
        ("m-float", "Apples sink.", "4 of 6 learners", "67%"),
        ("m-spot", "Apples sink like stones.", "2 of 6 learners", "33%"),
        ("m-boat", "An apple is a kind of boat.", "1 of 6 learners", "17%"),
        ("m-lamp", "A lamp is a fruit.", "1 of 6 learners", "17%")]


def test_the_report_speaks_the_report_language(vectors: Project) -> None:
    t = vectors.translations("pl")
    html = class_report(vectors, class_results(), "pl", today=DAY).html
    assert '<html lang="pl">' in html and "<h2>Sprawdzian owoców</h2>" in html
    # Concept references by their label; the figures with a decimal comma and a real minus.
    assert "Czym jest jabłko?</h4>" in html and "Jabłko pływa.</h4>" in html
    assert '<td class="num">55,5</td>' in html and "\u22120,87" in html
    assert f'<th scope="row">B</th><td>{t.gettext("False")}</td>' in html
    assert '<a href="site/pl/quizzes/vectors/present/index.html#q1">' in html
    assert "Jabłko to rodzaj łodzi." in html


def test_few_results_are_only_indicative(vectors: Project) -> None:
    html = class_report(vectors, class_results(3), "en", today=DAY).html
    assert "Fewer than 5 results: the figures are only indicative." in html
    assert "2 learners" in html and "Discrimination (corrected item–rest point-biserial " \
        "correlation): –" in html


@pytest.mark.parametrize(("site_url", "link"), [
    ("site/", "site/en/quizzes/vectors/present/index.html#q3"),
    ("../kb-site", "../kb-site/en/quizzes/vectors/present/index.html#q3"),
    ("https://kb.example.org/", "https://kb.example.org/en/quizzes/vectors/present/index.html#q3"),
    ("", "en/quizzes/vectors/present/index.html#q3"),
])
def test_links_start_at_the_site_url(vectors: Project, site_url: str, link: str) -> None:
    html = class_report(vectors, class_results(), "en", site_url=site_url, today=DAY).html
    assert f'<a href="{link}">' in html


@pytest.mark.parametrize("site_url", ["javascript:alert(1)", " JavaScript:alert(1)",
                                      "data:text/html,x"])
def test_a_script_site_url_is_refused(vectors: Project, site_url: str) -> None:
    with pytest.raises(ValueError, match="not a relative path or a web address"):
        class_report(vectors, class_results(), "en", site_url=site_url)


def test_the_report_is_standalone_and_names_nobody(vectors: Project) -> None:
    report = class_report(vectors, class_results(), "en", today=DAY)
    assert report.learners == 6 and report.quizzes == 1
    for text in (report.html, report.csv):
        for name in ("Zofia", "Secretname", "Bold", "HYPERLINK"):
            assert name not in text
    # Nothing is fetched from anywhere: no script, style sheet, image or font from outside.
    assert not re.search(r"<(script|link|img|iframe|object)\b|@import|url\(|https?:", report.html)


# -- The CSV --------------------------------------------------------------------------------------

EXPECTED_CSV_EN = (
    "\ufeffQuiz,No.,Question,Learners,Facility (%),Discrimination,Flags,"
    "Most chosen wrong option,Misconception,Not answered,A,B,C,D,E,F,G\r\n"
    "Fruit check,1,What is an apple?,6,67,\u22120.87,negative discrimination,B: A boat,"
    "An apple is a kind of boat.,0,4,1,1,,,,\r\n"
    "Fruit check,2,Which are fruit?,6,94,0.54,too easy,D: Lamp,A lamp is a fruit.,0,6,6,6,1,0,,\r\n"
    "Fruit check,3,An apple floats.,6,17,0.31,too hard,B: False,Apples sink.,1,1,4,,,,,\r\n"
    "Fruit check,4,Which statement is a misconception?,6,67,0.47,,B: Apples are fruit.,,0,4,2,0,"
    ",,,\r\n"
    "Fruit check,5,\"'=1+1? Which cell is \"\"safe\"\"; which, if any, is not?\",6,33,0.07,,"
    "\"G: Seven, see the list\",,0,1,0,2,0,0,0,3\r\n")


def test_the_csv_of_the_first_class(vectors: Project) -> None:
    report = class_report(vectors, class_results(), "en", today=DAY)
    assert report.csv.encode("utf-8") == EXPECTED_CSV_EN.encode("utf-8")
    assert report.csv == class_csv(vectors, class_stats(vectors, class_results()), "en")


def test_the_csv_follows_the_language(vectors: Project) -> None:
    """pl: `;` between cells (its decimal sign is a comma), a decimal comma; the headers and
    flag names from the Polish catalogue, the texts from the Polish sections."""
    _ = vectors.translations("pl").gettext
    header = [_("Quiz"), _("No."), _("Question"), _("Learners"), _("Facility (%%)") % {},
              _("Discrimination"), _("Flags"), _("Most chosen wrong option"), _("Misconception"),
              _("Not answered"), "A", "B", "C", "D", "E", "F", "G"]
    csv = class_report(vectors, class_results(), "pl", today=DAY).csv
    lines = csv.split("\r\n")
    assert csv.startswith("\ufeff") and lines[-1] == "" and "\n" not in csv.replace("\r\n", "")
    assert lines[0] == "\ufeff" + ";".join(header)
    assert lines[1] == (f"Sprawdzian owoców;1;Czym jest jabłko?;6;67;\u22120,87;"
                        f"{_('negative discrimination')};B: Łodzią;Jabłko to rodzaj łodzi.;0;4;1;1;;;;")
    assert lines[3] == (f"Sprawdzian owoców;3;Jabłko pływa.;6;17;0,31;{_('too hard')};"
                        f"B: {_('False')};Jabłka toną.;1;1;4;;;;;")
    # Quoted for the `"` and the `;`; the comma alone would not be quoted in pl.
    assert lines[5] == ("Sprawdzian owoców;5;\"'=1+1? Która komórka jest \"\"bezpieczna\"\"; która, "
                        "jeśli któraś, nie?\";6;33;0,07;;G: Siedem, zob. lista;;0;1;0;2;0;0;0;3")


@pytest.mark.parametrize("lang", ["nl", "da"])
def test_comma_decimal_languages_use_semicolons(vectors: Project, lang: str) -> None:
    lines = class_report(vectors, class_results(), lang, today=DAY).csv.split("\r\n")
    assert lines[1].split(";")[4:6] == ["67", "\u22120,87"]


def test_a_question_nobody_was_asked(vectors: Project) -> None:
    lines = class_report(vectors, class_results(2), "en", today=DAY).csv.split("\r\n")
    assert lines[5].endswith(",0,,,,,,0,0,0,0,0,0,0,0")
    assert lines[4] == ("Fruit check,4,Which statement is a misconception?,3,67,\u22120.50,,"
                        "C: Plums are fruit.,,0,2,0,1,,,,")


def test_several_quizzes_in_the_order_they_first_appear(vectors: Project) -> None:
    basics = next(q for q in vectors.quizzes if q.id == "basics")
    mine = QuizResult("basics", basics.version, "da", None,
                      {"colour": frozenset({"b"}), "fruits": frozenset({"a", "b"})})
    results = [mine, *class_results(), mine]
    report = class_report(vectors, results, "en", today=DAY)
    assert report.quizzes == 2 and report.learners == 8
    lines = report.csv.split("\r\n")
    # Letters up to the most options of any quiz loaded (7); basics' rows leave the rest empty.
    assert lines[0].endswith(",A,B,C,D,E,F,G")
    assert [line.split(",")[0] for line in lines[1:-1]] == ["Fruit basics"] * 4 + ["Fruit check"] * 5
    assert lines[1] == ("Fruit basics,1,What is an apple?,2,0,,,B: A boat,"
                        "An apple is a kind of boat.,0,0,2,0,,,,")
    assert lines[4] == "Fruit basics,4,Which statement is a misconception?,0,,,,,,0,0,0,,,,,"
    html = report.html
    assert html.index("<h2>Fruit basics</h2>") < html.index("<h2>Fruit check</h2>")
    assert "Languages: Dansk (2)" in html
    # Only basics loaded: three option columns.
    assert class_report(vectors, [mine], "en").csv.split("\r\n")[0].endswith(",A,B,C")


@pytest.mark.parametrize(("value", "sign", "text"), [
    (-0.87, ".", "\u22120.87"), (0.07, ",", "0,07"), (0.5, ".", "0.50"), (-1.0, ",", "\u22121,00"),
    (0.0, ".", "0.00"), (1.0, ".", "1.00"), (-0.29, ".", "\u22120.29")])
def test_discrimination_text(value: float, sign: str, text: str) -> None:
    assert discrimination_text(value, sign) == text


# -- Hostile text ---------------------------------------------------------------------------------

HOSTILE = {
    "q1": ("<script>alert(1)</script>", {"b": "<img src=x onerror=alert(2)>"}),
    "q2": ("-2+3", {"d": "\"><svg onload=alert(3)>"}),
    "q3": ("+1 \"quoted\"", {}),
    "q5": ("@SUM(A1)", {"g": "</td></tr></table><script>alert(4)</script>"}),
}
"""Question id → its English prompt and option texts."""


def _with_english(question: Question) -> Question:
    if question.id not in HOSTILE:
        return question
    prompt, options = HOSTILE[question.id]
    en = question.text("en")
    return dataclasses.replace(question, texts={**question.texts, "en": dataclasses.replace(
        en, prompt=prompt, options={**en.options, **options})})


def _hostile(project: Project) -> Project:
    """The project with hostile texts where the loader would refuse them (raw HTML), to show that
    the report escapes whatever it is given; and texts a spreadsheet would run as formulas."""
    quiz = next(q for q in project.quizzes if q.id == "vectors")
    hostile = dataclasses.replace(
        quiz, questions=tuple(_with_english(q) for q in quiz.questions),
        texts={**quiz.texts, "en": dataclasses.replace(
            quiz.text("en"), title="</title><script>alert(5)</script>")})
    boat = next(m for m in project.misconceptions if m.id == "m-boat")
    boat = dataclasses.replace(boat, texts={**boat.texts, "en": dataclasses.replace(
        boat.text("en"), claim="=cmd|' /C calc'!A0 <iframe src=x>")})
    # Past the loader's checks: the cached properties are what every stage reads.
    vars(project)["quizzes"] = tuple(hostile if q.id == "vectors" else q for q in project.quizzes)
    vars(project)["misconceptions"] = tuple(boat if m.id == "m-boat" else m
                                            for m in project.misconceptions)
    return project


def test_hostile_text_never_becomes_html(vectors: Project) -> None:
    project = _hostile(vectors)
    html = class_report(project, class_results(), "en", today=DAY).html
    assert not re.search(r"<(script|img|svg onload|iframe)\b", html.replace("<svg role=", ""))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&#34;&gt;&lt;svg onload=alert(3)&gt;" in html
    assert "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(4)&lt;/script&gt;" in html
    assert "<h2>&lt;/title&gt;&lt;script&gt;alert(5)&lt;/script&gt;</h2>" in html
    assert html.count("</table>") == html.count("<table>")


def test_formulas_are_kept_from_spreadsheets(vectors: Project) -> None:
    """A cell starting with =, +, - or @ gets a leading `'`; the CSV is text, so markup in it
    stays as it is (a spreadsheet shows it as text)."""
    lines = class_report(_hostile(vectors), class_results(), "en", today=DAY).csv.split("\r\n")
    assert lines[1] == ("</title><script>alert(5)</script>,1,<script>alert(1)</script>,6,67,"
                        "\u22120.87,negative discrimination,B: <img src=x onerror=alert(2)>,"
                        "'=cmd|' /C calc'!A0 <iframe src=x>,0,4,1,1,,,,")
    assert lines[2].split(",")[2] == "'-2+3"
    # A wrong option's cell starts with its letter, so its text never starts a formula.
    assert ',"D: ""><svg onload=alert(3)>",' in lines[2]
    assert lines[3].split(",")[2] == "\"'+1 \"\"quoted\"\"\""
    assert lines[5].split(",")[2] == "'@SUM(A1)"
