"""The built fixture site in Chromium: languages, switching, the chooser, file://, search."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Watched

pytestmark = pytest.mark.browser

LANGS = {"en": "Fixture home", "pl": "Strona główna", "nl": "Startpagina", "da": "Forside"}


def heading(text: str) -> re.Pattern[str]:
    """A heading's text, followed only by its permalink sign."""
    return re.compile(rf"^{re.escape(text)}¶?\s*$")


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_opens_in_its_language(lang: str, server: str,
                                             open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto(f"{server}/{lang}/index.html")
    expect(w.page.locator("html")).to_have_attribute("lang", lang)
    expect(w.page.locator("h1")).to_have_text(heading(LANGS[lang]))
    w.page.goto(f"{server}/{lang}/glossary/index.html")
    w.page.wait_for_load_state("networkidle")
    assert w.errors == []
    assert w.foreign == []


def test_switching_language_stays_on_the_same_glossary_page(
        server: str, open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto(f"{server}/pl/glossary/boat/index.html")
    expect(w.page.locator("h1")).to_have_text(heading("Łódź"))
    for lang, title in (("da", "Båd"), ("nl", "Boot"), ("en", "Boat"), ("pl", "Łódź")):
        w.page.locator(".md-header__option .md-select button").hover()
        w.page.locator(f".md-select__link[hreflang={lang}]").click()
        expect(w.page).to_have_url(f"{server}/{lang}/glossary/boat/index.html")
        expect(w.page.locator("html")).to_have_attribute("lang", lang)
        expect(w.page.locator("h1")).to_have_text(heading(title))
    assert w.errors == []
    assert w.foreign == []


@pytest.mark.parametrize(("locale", "lang"), [("da-DK", "da"), ("pl", "pl"), ("nl-BE", "nl"),
                                              ("fr-FR", None)])
def test_the_chooser_sends_the_browser_to_its_language(
        locale: str, lang: str | None, server: str, open_page: Callable[..., Watched]) -> None:
    w = open_page(locale=locale)
    w.page.goto(f"{server}/index.html")
    if lang is None:  # no match: the chooser stays, every language named in itself
        w.page.wait_for_timeout(300)
        expect(w.page).to_have_url(f"{server}/index.html")
        expect(w.page.locator("a[hreflang]")).to_have_text(
            [re.compile(name) for name in ("English", "Polski", "Nederlands", "Dansk")])
    else:
        expect(w.page).to_have_url(f"{server}/{lang}/index.html")
    assert w.errors == []


def test_the_chooser_stays_when_asked_to_choose(server: str,
                                                open_page: Callable[..., Watched]) -> None:
    w = open_page(locale="da-DK")
    w.page.goto(f"{server}/index.html#choose")
    w.page.wait_for_timeout(300)
    expect(w.page).to_have_url(f"{server}/index.html#choose")
    w.page.get_by_role("link", name=re.compile("Polski")).click()
    expect(w.page).to_have_url(f"{server}/pl/index.html")
    # The choice is remembered over the browser's preference.
    w.page.goto(f"{server}/index.html")
    expect(w.page).to_have_url(f"{server}/pl/index.html")


def test_the_site_works_from_file_urls(built_base: Path,
                                       open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto((built_base / "da/glossary/index.html").as_uri())
    w.page.get_by_role("link", name="æble").first.click()
    expect(w.page.locator("h1")).to_have_text(heading("Æble"))
    w.page.get_by_role("link", name="blomme").first.click()
    expect(w.page.locator("h1")).to_have_text(heading("Blomme"))
    # Offline search: the inlined index and the local iframe-worker, no server, no CDN.
    search(w, "ørred")
    expect(w.page.locator(".md-search-result__item").first).to_contain_text("Ørred")
    assert w.errors == []
    assert w.foreign == []


def search(w: Watched, query: str) -> None:
    # Material searches on keyup, so type rather than fill.
    w.page.locator(".md-search__input").click()
    w.page.locator(".md-search__input").fill("")
    w.page.keyboard.type(query)


@pytest.mark.parametrize(("lang", "query", "found"), [
    ("pl", "śliwka", "Śliwka"),       # no stemmer: words as written, diacritics intact
    ("pl", "śliw", "Śliwka"),         # prefix search
    ("pl", "jabłkiem", "Jabłko"),     # an inflected form listed in the entry's `forms`
    ("en", "apple", "Apple"),         # stem "appl": the whole word must still match
    ("nl", "begrippen", "Over dit project"),  # stem "begrip"
    ("nl", "begrip", "Over dit project"),
    ("da", "kunderne", "Om projektet"),       # stem "kund"
    ("da", "kunden", "Om projektet"),
])
def test_search_finds_whole_words_and_prefixes(lang: str, query: str, found: str, server: str,
                                               open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto(f"{server}/{lang}/index.html")
    search(w, query)
    expect(w.page.locator(".md-search-result__list")).to_contain_text(found)
    assert w.errors == []
    assert w.foreign == []
