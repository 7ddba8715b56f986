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
