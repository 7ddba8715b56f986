"""Printed handouts: every one in every language, read back with an independent PDF reader (pypdf):
page counts, the texts with their diacritics in embedded fonts, no English on pl/nl/da handouts,
answer keys that agree with the quizzes, cards aligned for duplex printing, and a cache that
prints an unchanged handout only once."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from builder import handouts
from builder.load import load_project
from tests.conftest import problem_lines, run_cli

LANGS = ("en", "pl", "nl", "da")
PAGES = {"assessment-form": 2, "basics-answer-key": 1, "basics-worksheet": 1, "glossary": 1,
         "misconception-cards": 2, "scenario-cards": 2, "shuffled-answer-key": 1,
         "shuffled-worksheet": 1}
"""The base fixture's handouts and their page counts (the cards: one front, one back page)."""
ENGLISH = ("Worksheet", "Answer key", "Correct answer", "Explanation", "Name", "Date",
           "Misconception", "Scoring sheet", "Points", "Print on both sides", "Glossary",
           "Facilitator sheet", "Why it is wrong")
"""Interface words of the handouts that must be translated everywhere but in English."""
_KEY = r"([A-Z](?:, [A-Z])*)(?!\w)"
CORRECT = {"en": r"Correct answers?: " + _KEY, "pl": r"Poprawn\w+ odpowied\w+: " + _KEY,
           "nl": r"Juiste? antwoord(?:en)?: " + _KEY, "da": r"Rigtig\w* svar: " + _KEY}
"""The answer key's line of correct letters, in each language."""


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import make_project

    root = make_project("base", tmp_path_factory.mktemp("handouts"))
    result = run_cli("build", "--root", str(root))
    assert result.exit_code == 0, result.output
    return root


def text(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


@pytest.mark.parametrize("lang", LANGS)
def test_every_handout_in_every_language(lang: str, printed: Path) -> None:
    folder = printed / "site" / lang / "handouts"
    assert {p.stem: len(PdfReader(p).pages) for p in folder.glob("*.pdf")} == PAGES


@pytest.mark.parametrize("lang", LANGS)
def test_texts_keep_their_letters_in_embedded_fonts(lang: str, printed: Path) -> None:
    project, _ = load_project(printed)
    folder = printed / "site" / lang / "handouts"
    glossary = text(folder / "glossary.pdf")
    for concept in project.concepts:
        assert concept.text(lang).term.lower() in glossary.lower(), concept.id
    cards = text(folder / "misconception-cards.pdf")
    assert " ".join(project.misconceptions[0].text(lang).claim.split()[:4]) in " ".join(cards.split())
    for pdf in folder.glob("*.pdf"):
        for page in PdfReader(pdf).pages:
            for ref in page["/Resources"]["/Font"].values():
                font = ref.get_object()
                descriptor = (font.get("/FontDescriptor") or
                              font["/DescendantFonts"][0].get_object()["/FontDescriptor"])
                assert any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2",
                                                                   "/FontFile3")), pdf.name


def test_polish_danish_and_dutch_letters_survive(printed: Path) -> None:
    expected = {"pl": ("łódź", "jabłko", "śliwka"), "da": ("båd", "æble", "ørred"),
                "nl": ("boot", "appel")}
    for lang, words in expected.items():
        glossary = text(printed / "site" / lang / "handouts" / "glossary.pdf").lower()
        for word in words:
            assert word in glossary, (lang, word)


@pytest.mark.parametrize("lang", ["pl", "nl", "da"])
def test_no_english_on_other_languages_handouts(lang: str, printed: Path) -> None:
    for pdf in (printed / "site" / lang / "handouts").glob("*.pdf"):
        content = text(pdf)
        for word in ENGLISH:
            assert not re.search(rf"\b{word}\b", content), (pdf.name, word)


@pytest.mark.parametrize("lang", LANGS)
def test_answer_keys_agree_with_the_quizzes(lang: str, printed: Path) -> None:
    project, _ = load_project(printed)
    for quiz in project.quizzes:
        key = text(printed / "site" / lang / "handouts" / f"{quiz.id}-answer-key.pdf")
        found = [m.replace(" ", "") for m in re.findall(CORRECT[lang], key)]
        expected = [",".join("ABCDEFGH"[i] for i, o in enumerate(q.options) if o.correct)
                    for q in quiz.questions]
        assert found == expected, quiz.id
        worksheet = text(printed / "site" / lang / "handouts" / f"{quiz.id}-worksheet.pdf")
        assert not re.search(CORRECT[lang], worksheet)


def positions(page: object, pattern: str) -> list[tuple[float, float]]:
    """Where on the page (x, y in points from the bottom left) text matching pattern starts."""
    found: list[tuple[float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if re.search(pattern, text, re.IGNORECASE):
            found.append((cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return found


def test_card_backs_meet_their_fronts_when_printed_on_both_sides(
        project: Callable[[str], Path]) -> None:
    root = project("base")
    # Seven cards: a full sheet of six and a sheet with one card, whose back is on the right.
    for n in range(2, 8):
        (root / "glossary" / "misconceptions" / f"plum-{n}.yml").write_text(
            f"id: plum-{n}\nconcept: plum\nconfused_with: [boat]\n" + "".join(
                f"{lang}: {{claim: Claim {n}., why_wrong: Why {n}.}}\n" for lang in LANGS),
            encoding="utf-8")
    assert run_cli("build", "--root", str(root)).exit_code == 0
    reader = PdfReader(root / "site" / "en" / "handouts" / "misconception-cards.pdf")
    assert len(reader.pages) == 4
    width = float(reader.pages[0].mediabox.width)
    for n in range(1, 8):
        sheet = 2 * ((n - 1) // handouts.CARDS_PER_PAGE)
        [(fx, fy)] = positions(reader.pages[sheet], rf"Misconception {n} of 7")
        [(bx, by)] = positions(reader.pages[sheet + 1], rf"Why it is wrong · {n} of 7")
        # Flipped on the long edge: the same row, mirrored across the page's vertical axis.
        assert abs(fy - by) < 2, n
        assert (fx < width / 2) != (bx < width / 2), n


def test_the_scenario_cards_keep_the_resolution_for_the_facilitator(printed: Path) -> None:
    content = text(printed / "site" / "en" / "handouts" / "scenario-cards.pdf")
    cards, sheet = content.split("Facilitator sheet")
    assert "A customer buys an apple and doubts it." in cards
    assert "Calls the next day" not in cards
    assert "Calls the next day about the apple." in sheet
    assert "Which case did you know?" in sheet


def test_the_examples_page_must_have_examples(project: Callable[[str], Path]) -> None:
    root = project("base")
    (root / "content" / "nl" / "examples.md").write_text(
        "# Voorbeelden\n\n## Zomaar\n\nGeen labels.\n\n## Half\n\n**Alleen dit.** Eén alinea.\n",
        encoding="utf-8")
    assert problem_lines(root) == [
        "content/nl/examples.md: line 7: the example 'Half' has one labelled paragraph: its card "
        "would be empty (the last one is kept for the facilitator)"]
    (root / "content" / "nl" / "examples.md").write_text("# Voorbeelden\n\nGeen gevallen.\n",
                                                         encoding="utf-8")
    assert problem_lines(root) == [
        "content/nl/examples.md: (file): no example for the scenario cards: a `## ` section whose "
        "paragraphs start with bold labels (`**The situation.**`)"]


def test_an_unchanged_handout_is_printed_once(project: Callable[[str], Path],
                                              tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    root = project("base")
    assert run_cli("build", "--root", str(root)).exit_code == 0
    cache = tmp_path / "cache" / "handouts"
    first = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pdf")}
    assert len(first) == len(PAGES) * len(LANGS)
    # Nothing changed: not even the HTML is rendered again.
    printed: list[object] = []
    monkeypatch.setattr(handouts, "print_all", lambda jobs, workers: printed.append(jobs))
    monkeypatch.setattr(handouts, "render_html", lambda *a: pytest.fail("rendered again"))
    assert run_cli("build", "--root", str(root)).exit_code == 0
    assert printed == []
    monkeypatch.undo()
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    # One concept's definition changes: only the glossary is printed again, in one language.
    boat = root / "glossary" / "boat.yml"
    boat.write_text(boat.read_text(encoding="utf-8").replace(
        "Et testbegreb ved navn båd.", "Et nyt testbegreb ved navn båd."), encoding="utf-8")
    assert run_cli("build", "--root", str(root)).exit_code == 0
    second = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pdf")}
    new = set(second) - set(first)
    assert len(new) == 1 and len(set(first) - set(second)) == 1
    assert all(second[name] == first[name] for name in set(first) & set(second))


def test_letter_paper_by_configuration(project: Callable[[str], Path]) -> None:
    root = project("base")
    config = root / "project.yml"
    config.write_text(config.read_text(encoding="utf-8") + "paper: letter\n", encoding="utf-8")
    assert run_cli("build", "--root", str(root)).exit_code == 0
    box = PdfReader(root / "site" / "pl" / "handouts" / "glossary.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    worksheet = PdfReader(root / "site" / "pl" / "handouts" / "basics-worksheet.pdf")
    assert round(float(worksheet.pages[0].mediabox.width)) == 612


def test_a_site_without_handouts(project: Callable[[str], Path]) -> None:
    root = project("base")
    config = root / "project.yml"
    config.write_text(config.read_text(encoding="utf-8") + "handouts: false\n", encoding="utf-8")
    assert run_cli("build", "--root", str(root)).exit_code == 0
    assert not (root / "site" / "en" / "handouts").exists()


class _NoPango:
    """A meta path finder that fails `import weasyprint` as it fails without Pango."""

    def find_spec(self, name: str, *_: object) -> None:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open "
                          "shared object file: No such file or directory")


def test_without_pango_the_build_says_what_to_install(project: Callable[[str], Path],
                                                      tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "empty-cache"))
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NoPango(), *sys.meta_path])
    root = project("base")
    result = run_cli("build", "--root", str(root))
    assert result.exit_code == 1
    assert "project.yml: handouts: WeasyPrint cannot print the handouts here (cannot load " \
           "library 'libpango-1.0-0'" in result.output
    assert "libpangoft2-1.0-0" in result.output and "handouts: false" in result.output
    assert "Traceback" not in result.output
    assert not (root / "site").exists()


def test_pages_link_to_handouts_that_are_printed(project: Callable[[str], Path]) -> None:
    root = project("base")
    page = root / "content" / "pl" / "examples.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Karty](handouts/glosary.pdf) i "
                    "[klucz](handouts/basics-answer-key.pdf)\n", encoding="utf-8")
    [problem] = problem_lines(root)
    assert problem.startswith("content/pl/examples.md: line ")
    assert problem.split(": ", 2)[2].startswith(
        "a link to 'handouts/glosary.pdf': no such handout (did you mean 'glossary.pdf'?); the "
        "handouts are assessment-form.pdf, basics-answer-key.pdf")
    config = root / "project.yml"
    config.write_text(config.read_text(encoding="utf-8") + "handouts: false\n", encoding="utf-8")
    assert sorted(line.split(": ", 2)[2] for line in problem_lines(root)) == [
        "a link to 'handouts/basics-answer-key.pdf', but project.yml says `handouts: false`: "
        "remove the link, or print the handouts",
        "a link to 'handouts/glosary.pdf', but project.yml says `handouts: false`: remove the "
        "link, or print the handouts"]
