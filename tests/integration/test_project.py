"""The project's own content: valid, complete in every language, and buildable."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest

from builder.load import load_project
from builder.validate import coverage, validate
from tests.conftest import REPO, run_cli

CORE = ("cognitive-dissonance", "post-purchase-dissonance", "buyers-remorse")


def test_the_real_project_has_no_problems() -> None:
    project, problems = load_project(REPO)
    assert [str(p) for p in [*problems, *validate(project)]] == []


def test_every_concept_and_page_exists_in_every_language() -> None:
    project, problems = load_project(REPO)
    rows, concepts, pages = coverage(project, problems)
    assert {r.lang for r in rows} == {"en", "pl", "nl", "da"}
    for row in rows:
        assert (row.concepts, row.pages) == (concepts, pages), row.lang
    ids = {c.id for c in project.concepts}
    assert set(CORE) <= ids
    for concept in project.concepts:
        assert set(concept.texts) == {"en", "pl", "nl", "da"}


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("real") / "site"
    result = run_cli("build", "--root", str(REPO), "--site-dir", str(site))
    assert result.exit_code == 0, result.output
    return site


def test_the_real_project_builds_four_sites(real_site: Path) -> None:
    for lang in ("en", "pl", "nl", "da"):
        for concept in CORE:
            assert (real_site / lang / "glossary" / concept / "index.html").is_file()
    text = (real_site / "pl/glossary/post-purchase-dissonance/index.html").read_text("utf-8")
    assert '<html lang="pl"' in text
    assert "Dysonans pozakupowy" in text
    assert not list(REPO.glob(".build-*"))


# -- No language leaks into another -------------------------------------------------------------

CITATION_TITLES = (
    "A Theory of Cognitive Dissonance",
    "Cognitive dissonance after purchase: a multidimensional scale",
    "Post-transaction communications and dissonance reduction",
)
"""Titles of cited works, which keep their original language in every page."""


def _visible_text(html: str) -> tuple[str, list[str]]:
    """The text a reader sees (without hidden search forms, scripts, the language menu),
    and the headings of the article."""
    article = re.search(r"<article[^>]*>(.*)</article>", html, re.DOTALL)
    body = article.group(1) if article else html
    body = re.sub(r"<(script|style)\b.*?</\1>|<p class=\"kb-forms\" hidden>.*?</p>", " ", body,
                  flags=re.DOTALL)
    headings = [re.sub(r"<[^>]+>|¶", "", h).strip()
                for h in re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", body, re.DOTALL)]
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", body))
    for title in CITATION_TITLES:
        text = text.replace(title, " ")
    return " ".join(text.split()), headings


def test_no_page_shows_another_languages_terms_or_english_headings(real_site: Path) -> None:
    project, _ = load_project(REPO)
    codes = project.config.codes

    def names(lang: str) -> set[str]:
        return {t.casefold() for c in project.concepts
                for t in (*c.text(lang).all_terms, *c.text(lang).forms)}

    template = next(c for c in project.inventory.entries("catalogues") if c.lang is None)
    english_ids = {m.id for m in template.catalog if isinstance(m.id, str)}
    leaks = []
    for lang in codes:
        own = names(lang)
        foreign = {term for other in codes if other != lang for term in names(other)
                   if term not in own and " " in term}
        for page in (real_site / lang).rglob("*.html"):
            if page.name == "404.html":
                continue
            text, headings = _visible_text(page.read_text(encoding="utf-8"))
            # The language's own terms may contain a foreign one ("customer lifetime value").
            folded = text.casefold()
            for term in sorted(own, key=len, reverse=True):
                folded = folded.replace(term, " ")
            where = page.relative_to(real_site).as_posix()
            leaks += [f"{where}: {term!r}" for term in foreign
                      if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", folded)]
            if lang != "en":
                leaks += [f"{where}: English heading {h!r}" for h in headings if h in english_ids]
    assert leaks == []


# -- The printed handouts ------------------------------------------------------------------------

HANDOUT_TEMPLATES = REPO / "builder" / "templates" / "handouts"


def _pdf_text(pdf: Path) -> str:
    from pypdf import PdfReader

    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    return _joined(text)


def _joined(text: str) -> str:
    # A line may break after a hyphen ("post-|aankoop"); "aan- en verkoop" becomes "aan-en" on
    # both sides of a comparison.
    return re.sub(r"(\w)- (\w)", r"\1-\2", text)


def _flat(markup: str) -> str:
    """An author's text as printed: no markup, links as their label, one space between words."""
    text = re.sub(r"\[\[[^]|]+\|([^]]+)\]\]", r"\1", markup)
    text = re.sub(r"\[\[([^]]+)\]\]", r"\1", text)
    text = re.sub(r"\[([^]]+)\]\([^)]+\)|[*_`]", r"\1", text)
    return _joined(" ".join(text.split()))


@pytest.mark.parametrize("lang", ["en", "pl", "nl", "da"])
def test_every_handout_prints_the_sources_in_their_language(lang: str, real_site: Path) -> None:
    from pypdf import PdfReader

    from builder.handouts import CARDS_PER_PAGE, SCENARIO_PAGE, scenarios
    from builder.sources.quizzes import LETTERS
    from tests.unit.test_handouts import CORRECT

    project, _ = load_project(REPO)
    folder = real_site / lang / "handouts"
    quizzes = [q.id for q in project.quizzes]
    expected = {f"{q}-{kind}.pdf" for q in quizzes for kind in ("worksheet", "answer-key")}
    expected |= {"glossary.pdf", "misconception-cards.pdf", "scenario-cards.pdf",
                 "assessment-form.pdf"}
    assert {p.name for p in folder.glob("*.pdf")} == expected
    pages = {p.name: len(PdfReader(p).pages) for p in folder.glob("*.pdf")}
    cards = -(-len(project.misconceptions) // CARDS_PER_PAGE)
    assert pages["misconception-cards.pdf"] == 2 * cards
    for quiz in project.quizzes:
        # A question to a half page at most on the worksheet; the key has room for feedback.
        worksheet, key = pages[f"{quiz.id}-worksheet.pdf"], pages[f"{quiz.id}-answer-key.pdf"]
        assert 1 <= worksheet <= key <= len(quiz.questions), quiz.id
    missing = []

    def check(pdf: str, *texts: str) -> None:
        printed = _pdf_text(folder / pdf)
        # Case aside: the glossary's headwords start with a capital.
        missing.extend(f"{pdf}: {t[:60]!r}" for t in map(_flat, texts)
                       if t.casefold() not in printed.casefold())

    check("glossary.pdf", *(c.text(lang).term for c in project.concepts))
    check("misconception-cards.pdf", *(m.text(lang).claim for m in project.misconceptions))
    for quiz in project.quizzes:
        prompts = [q.text(lang).prompt for q in quiz.questions]
        check(f"{quiz.id}-worksheet.pdf", quiz.text(lang).title, *prompts)
        check(f"{quiz.id}-answer-key.pdf", *prompts)
        key = _pdf_text(folder / f"{quiz.id}-answer-key.pdf")
        letters = [m.replace(" ", "") for m in re.findall(CORRECT[lang], key)]
        assert letters == [",".join(LETTERS[i] for i, o in enumerate(q.options) if o.correct)
                           for q in quiz.questions], quiz.id
    page = next(p for p in project.pages_in(lang) if p.path == SCENARIO_PAGE)
    check("scenario-cards.pdf", *(title for _, title, _ in scenarios(page.text)))
    assessment = project.assessment
    assert assessment is not None
    check("assessment-form.pdf", *(text for d in assessment.dimensions
                                   for text in d.text(lang).statements.values()))
    assert missing == []


@pytest.mark.parametrize("lang", ["pl", "nl", "da"])
def test_no_handout_prints_an_english_interface_word(lang: str, real_site: Path) -> None:
    project, _ = load_project(REPO)
    translations = project.translations(lang)
    used = set()
    for template in HANDOUT_TEMPLATES.glob("*.j2"):
        used |= set(re.findall(r'_\("([^"]+)"\)', template.read_text(encoding="utf-8")))
    # Words the language shares with English ("Team", "Score" in Danish and Dutch) may show.
    used = {msgid for msgid in used if translations.gettext(msgid) != msgid}
    # The fixed words of each message, placeholders left out: "Question %(num)d" → "Question".
    words = {piece.strip(" :·.,") for msgid in used for piece in re.split(r"%\(\w+\)\w", msgid)}
    words = {w for w in words if len(w) > 3}
    assert len(words) > 15
    leaks = []
    for pdf in sorted((real_site / lang / "handouts").glob("*.pdf")):
        printed = _pdf_text(pdf)
        leaks += [f"{pdf.name}: {w!r}" for w in words
                  if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", printed)]
    assert leaks == []
