"""The built fixture site in Chromium: languages, switching, the chooser, file://, search, the
language menu, the 404 pages; and the project's own site: no English interface words."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterator
from http import HTTPStatus
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Watched, _QuietHandler

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


# -- The language menu and heading anchors ------------------------------------------------------

PERMALINK = {"en": "Permanent link", "pl": "Odnośnik do tej sekcji",
             "nl": "Link naar dit onderdeel", "da": "Link til dette afsnit"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_language_menu_marks_the_current_language(lang: str, server: str,
                                                      open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto(f"{server}/{lang}/about.html")
    w.page.locator(".md-header__option .md-select button").hover()
    current = w.page.locator(".md-select__link[aria-current=page]")
    expect(current).to_have_count(1)
    expect(current).to_have_attribute("hreflang", lang)
    expect(current).to_be_visible()
    # Seen as well as announced: a tick and bold type, which the other languages do not have.
    assert current.inner_text().startswith("✓")
    weight = "el => +getComputedStyle(el).fontWeight"
    assert current.evaluate(weight) >= 600
    for other in w.page.locator(".md-select__link:not([aria-current])").all():
        assert "✓" not in other.inner_text()
        assert other.evaluate(weight) < 600
    assert w.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_heading_anchors_are_titled_in_the_language(lang: str, server: str,
                                                    open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto(f"{server}/{lang}/about.html")
    anchors = w.page.locator("article .headerlink")
    assert anchors.count() >= 1
    for anchor in anchors.all():
        expect(anchor).to_have_attribute("title", PERMALINK[lang])


# -- The 404 pages ------------------------------------------------------------------------------

NOT_FOUND = {"en": ("Page not found", "Go to the home page"),
             "pl": ("Nie znaleziono strony", "Przejdź do strony głównej"),
             "nl": ("Pagina niet gevonden", "Naar de startpagina"),
             "da": ("Siden blev ikke fundet", "Gå til forsiden")}


class _NotFoundHandler(_QuietHandler):
    """A static server as intranets set one up: a missing address under a language folder gets
    that language's 404.html, any other the root's, with status 404 and at the missing address."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != HTTPStatus.NOT_FOUND:
            super().send_error(code, message, explain)
            return
        root = Path(self.directory)
        first = self.path.lstrip("/").split("/")[0]
        page = root / first / "404.html" if first in LANGS else root / "404.html"
        body = page.read_bytes()
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def not_found_server(built_base: Path) -> Iterator[str]:
    handler = functools.partial(_NotFoundHandler, directory=str(built_base))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


OWN_STATUS = "Failed to load resource: the server responded with a status of 404 (Not Found)"
"""What Chromium logs for the missing page itself; a failed resource would log a second line."""


def failed_requests(w: Watched, address: str) -> list[str]:
    """Every request but the page itself that failed or was answered with an error."""
    failed: list[str] = []
    w.page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    w.page.on("response", lambda r: r.status >= 400 and r.url != address
              and failed.append(f"{r.status} {r.url}"))
    return failed


def check_not_found_page(w: Watched, lang: str) -> None:
    """Styled as the site is, logo at header size, in the language."""
    title, home = NOT_FOUND[lang]
    expect(w.page.locator("h1").first).to_have_text(title)
    header = w.page.locator(".kb-404__header").evaluate("el => getComputedStyle(el).backgroundColor")
    assert header == "rgb(64, 81, 181)"  # Material's indigo
    box = w.page.locator(".kb-404__logo svg").bounding_box()
    assert box is not None and 16 <= box["width"] <= 48 and 16 <= box["height"] <= 48
    font = w.page.locator("body").evaluate("el => getComputedStyle(el).fontFamily")
    assert "Times" not in font and "serif" in font
    expect(w.page.get_by_role("link", name=home)).to_be_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_a_deep_missing_address_shows_the_language_404(lang: str, not_found_server: str,
                                                       open_page: Callable[..., Watched]) -> None:
    w = open_page()
    address = f"{not_found_server}/{lang}/glossary/nothing/here/at/all.html"
    failed = failed_requests(w, address)
    response = w.page.goto(address)
    assert response is not None and response.status == HTTPStatus.NOT_FOUND
    w.page.wait_for_load_state("networkidle")
    expect(w.page.locator("html")).to_have_attribute("lang", lang)
    check_not_found_page(w, lang)
    w.page.get_by_role("link", name=NOT_FOUND[lang][1]).click()
    expect(w.page).to_have_url(f"{not_found_server}/{lang}/index.html")
    expect(w.page.locator("h1")).to_have_text(heading(LANGS[lang]))
    assert failed == []
    assert w.errors == [OWN_STATUS] and w.foreign == []


def test_a_missing_address_outside_the_languages_shows_the_root_404(
        not_found_server: str, open_page: Callable[..., Watched]) -> None:
    w = open_page()
    address = f"{not_found_server}/old/training/material.html"
    failed = failed_requests(w, address)
    w.page.goto(address)
    w.page.wait_for_load_state("networkidle")
    for lang, (title, home) in NOT_FOUND.items():
        section = w.page.locator(f".kb-404__message[lang={lang}]")
        expect(section.locator("h1")).to_have_text(title)
        expect(section.get_by_role("link", name=home)).to_have_attribute(
            "href", f"/{lang}/index.html")
    check_not_found_page(w, "en")
    w.page.locator(".kb-404__message[lang=da] a").click()
    expect(w.page).to_have_url(f"{not_found_server}/da/index.html")
    assert failed == []
    assert w.errors == [OWN_STATUS] and w.foreign == []


@pytest.mark.parametrize("lang", [*LANGS, None])
def test_the_404_pages_work_from_file_urls(lang: str | None, built_base: Path,
                                           open_page: Callable[..., Watched]) -> None:
    w = open_page()
    page = built_base / lang / "404.html" if lang else built_base / "404.html"
    failed = failed_requests(w, page.as_uri())
    w.page.goto(page.as_uri())
    check_not_found_page(w, lang or "en")
    w.page.get_by_role("link", name=NOT_FOUND[lang or "en"][1]).click()
    expect(w.page).to_have_url((built_base / (lang or "en") / "index.html").as_uri())
    assert failed == []
    assert w.errors == [] and w.foreign == []


# -- No English interface words on the other languages' pages (the project's own site) ----------

SAMPLE = ["index.html", "post-purchase-dissonance.html", "glossary/index.html",
          "glossary/cognitive-dissonance/index.html", "misconceptions.html", "quizzes/index.html",
          "quizzes/concepts/index.html", "quizzes/concepts/present/index.html",
          "quizzes/review/index.html", "quizzes/class/index.html", "assessment/index.html",
          "assessment/team/index.html", "downloads.html", "for-trainers.html", "404.html"]
"""A page of every type; on the first, the search is opened and shows results and none."""
SAME_IN_LANGUAGE = {"nl": {"Tabs", "Metadata", "RSS feed", "in"},
                    "da": {"Navigation", "Metadata", "RSS feed"}, "pl": set()}
"""Material's English texts that are also the right word in the language."""

COLLECT = """() => {
    const texts = [document.title];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode())
        if (!n.parentElement.closest('script, style')) texts.push(n.data);
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]'))
        for (const name of ['title', 'aria-label', 'placeholder', 'alt'])
            if (el.hasAttribute(name)) texts.push(el.getAttribute(name));
    return texts.map(t => t.replace(/\\s+/g, ' ').trim()).filter(Boolean);
}"""


def english_interface_strings() -> list[str]:
    """Material's English texts (partials/languages/en.html) and Python-Markdown's anchor title;
    '#' stands for a number."""
    import material

    en = (Path(material.__file__).parent / "templates/partials/languages/en.html").read_text("utf-8")
    pairs = re.findall(r'^\s*"([^"]+)": "(.*)",?$', en, flags=re.MULTILINE)
    skip = ("language", "direction", "search.config.")
    return [value for key, value in pairs if not key.startswith(skip)] + ["Permanent link"]


def english_found(texts: list[str], allowed: set[str]) -> set[str]:
    found = set()
    for english in english_interface_strings():
        if english in allowed:
            continue
        pattern = re.escape(english).replace("\\#", r"\d+")
        whole = re.compile(rf"^{pattern}$")
        inside = re.compile(rf"(?<!\w){pattern}(?!\w)") if " " in english else whole
        if any(whole.match(t) or inside.search(t) for t in texts):
            found.add(english)
    return found


@pytest.mark.parametrize("lang", ["pl", "nl", "da"])
def test_no_english_interface_words(lang: str, open_page: Callable[..., Watched]) -> None:
    from tests.browser.test_search import real_site

    site = real_site()
    w = open_page()
    findings: dict[str, set[str]] = {}
    for path in SAMPLE:
        w.page.goto((site / lang / path).as_uri())
        w.page.wait_for_load_state("load")
        texts = w.page.evaluate(COLLECT)
        if path == SAMPLE[0]:
            for query in ("dissonan", "qqqzzz"):
                search(w, query)
                w.page.wait_for_timeout(700)
                texts += w.page.evaluate(COLLECT)
        found = english_found(texts, SAME_IN_LANGUAGE[lang])
        if found:
            findings[path] = found
    assert findings == {}
    # The check can fail: the English pages are full of these texts.
    w.page.goto((site / "en" / SAMPLE[0]).as_uri())
    assert {"Back to top", "Search", "Permanent link"} <= english_found(
        w.page.evaluate(COLLECT), set())
