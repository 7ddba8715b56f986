"""A real build of the `base` fixture in four languages, checked page by page."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from builder.load import load_project
from builder.validate import generated_pages
from tests.conftest import run_cli

LANGS = ("en", "pl", "nl", "da")
CONCEPTS = ("apple", "boat", "eel", "lamp", "plum", "trout", "zebra")


class Page(HTMLParser):
    """What the tests need from one HTML page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.lang: str | None = None
        self.resources: list[str] = []  # everything the browser loads by itself
        self.selector: dict[str, str] = {}  # hreflang -> href in the language selector
        self.h1: list[str] = []
        self.h2: list[str] = []
        self.strong_links: list[str] = []
        self._capture: list[str] | None = None
        self._in_a_strong = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang")
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and a.get("src"):
            self.resources.append(a["src"])
        if tag == "link" and a.get("rel") not in ("canonical", "prev", "next", "alternate"):
            self.resources.append(a.get("href", ""))
        if tag == "a" and "md-select__link" in a.get("class", ""):
            self.selector[a["hreflang"]] = a["href"]
        if tag in ("h1", "h2"):
            self._capture = self.h1 if tag == "h1" else self.h2
            self._capture.append("")
        if tag == "strong":
            self._in_a_strong = True
            self.strong_links.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2") and self._capture is not None:
            self._capture[-1] = self._capture[-1].replace("¶", "").strip()
            self._capture = None
        if tag == "strong":
            self._in_a_strong = False

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._capture[-1] += data
        if self._in_a_strong:
            self.strong_links[-1] += data


def parse(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def html_pages(site: Path) -> list[Path]:
    """The languages' pages (not the root's chooser and 404 page)."""
    return sorted(p for p in site.rglob("*.html") if p.parent != site)


def test_every_language_has_every_page_at_the_same_path(built_base: Path) -> None:
    known = {"index.html", "about.html", "examples.html", "404.html", "misconceptions.html",
             "glossary/index.html", "quizzes/index.html", "quizzes/basics/index.html",
             "quizzes/shuffled/index.html",
             *(f"quizzes/{q}/present/{p}" for q in ("basics", "shuffled")
               for p in ("index.html", "notes.html")),
             "assessment/index.html", "assessment/team/index.html",
             *(f"glossary/{c}/index.html" for c in CONCEPTS)}
    # And every page a kind says it generates (a kind added later brings its own).
    project, _ = load_project(built_base.parent)
    declared = {p.removesuffix(".md") + ".html" if p.endswith(".md") else p
                for p in generated_pages(project) if p.endswith((".md", ".html"))}
    for lang in LANGS:
        pages = {p.relative_to(built_base / lang).as_posix()
                 for p in (built_base / lang).rglob("*.html")}
        assert pages == known | declared, lang


def test_every_page_declares_its_language(built_base: Path) -> None:
    for path in html_pages(built_base):
        lang = path.relative_to(built_base).parts[0]
        assert parse(path).lang == lang, path


def test_language_selector_leads_to_the_same_page(built_base: Path) -> None:
    for path in html_pages(built_base):
        # Presenter mode's pages stand outside the theme: a projector needs no menu.
        if path.name == "404.html" or path.parent.name == "present":
            continue
        page = parse(path)
        rel = path.relative_to(built_base)
        assert set(page.selector) == set(LANGS), path
        for lang, href in page.selector.items():
            target = urljoin(rel.as_posix(), href)
            assert target == "/".join((lang, *rel.parts[1:])), (path, href)
            assert (built_base / target).is_file()


@pytest.mark.parametrize("where", [*LANGS, ""])
def test_the_404_pages_need_no_path(built_base: Path, where: str) -> None:
    """A server shows a 404 page at any depth: it loads nothing by a path, and its links are
    relative to its own file (its script starts them from the site's root elsewhere)."""
    path = built_base / where / "404.html"
    page = parse(path)
    assert page.resources == [r for r in page.resources if r.startswith("data:")] != []
    text = path.read_text(encoding="utf-8")
    assert 'href="/' not in text and 'src="/' not in text
    # As a browser reads them (Zensical's templates escape "/" as "&#x2f;").
    homes = [html.unescape(h) for h in re.findall(r'class="kb-404__home" href="([^"]+)"', text)]
    if where:
        assert page.lang == where and homes == [f"../{where}/index.html"]
        assert parse(built_base / where / "404.html").h1 == [
            {"en": "Page not found", "pl": "Nie znaleziono strony", "nl": "Pagina niet gevonden",
             "da": "Siden blev ikke fundet"}[where]]
    else:  # the root's: every language, the default first
        assert homes == [f"{lang}/index.html" for lang in LANGS]


def test_titles_are_in_each_language(built_base: Path) -> None:
    assert parse(built_base / "pl/glossary/index.html").h1 == ["Słownik"]
    assert parse(built_base / "nl/glossary/index.html").h1 == ["Woordenlijst"]
    assert parse(built_base / "da/glossary/index.html").h1 == ["Ordliste"]
    assert parse(built_base / "da/glossary/apple/index.html").h1 == ["Æble"]
    assert "<title>Om projektet - Efterkøbsdissonans</title>" in (
        built_base / "da/about.html").read_text(encoding="utf-8")


def _index(site: Path, lang: str) -> tuple[list[str], list[str]]:
    page = parse(site / lang / "glossary/index.html")
    return page.h2, page.strong_links


def test_polish_glossary_order(built_base: Path) -> None:
    headings, terms = _index(built_base, "pl")
    assert headings == ["A", "J", "L", "Ł", "P", "Ś", "W", "Z"]
    assert terms == ["jabłko", "lampa", "łódź", "pstrąg", "śliwka", "węgorz", "zebra"]


def test_danish_glossary_order(built_base: Path) -> None:
    headings, terms = _index(built_base, "da")
    assert headings == ["B", "L", "Z", "Æ", "Ø", "Å"]
    assert terms == ["blomme", "båd", "lampe", "zebra", "æble", "ørred", "ål"]


def test_nothing_is_loaded_from_another_host(built_base: Path) -> None:
    for path in [*html_pages(built_base), built_base / "index.html",
                 built_base / "404.html"]:
        for url in parse(path).resources:
            assert url.startswith("data:") or (not urlsplit(url).scheme and not url.startswith(
                "//")), (path, url)
    for css in built_base.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(
                r"@import\s+['\"]([^'\"]+)", text):
            assert url.startswith(("data:", "#")) or not urlsplit(url).scheme, (css, url)
        assert "fonts.googleapis" not in text


def test_search_is_configured_per_language(built_base: Path) -> None:
    def config(lang: str) -> dict[str, object]:
        index = json.loads((built_base / lang / "search/search_index.json").read_text("utf-8"))
        return index["config"]

    assert config("nl")["lang"] == ["nl"]
    assert config("da")["lang"] == ["da"]
    assert "stemmer" in config("nl")["pipeline"] and "stemmer" in config("da")["pipeline"]
    # Polish: lunr-languages' stemmer, vendored in the theme and loaded from the site.
    assert config("pl")["lang"] == ["pl"]
    assert config("pl")["pipeline"] == ["stemmer", "stopWordFilter", "trimmer"]
    # Beside the search worker the languages share (builder/slim.py); the others' stemmers too.
    assert (built_base / "assets/javascripts/lunr/min/lunr.pl.min.js").is_file()
    assert not (built_base / "pl/assets/javascripts").exists()
    # Offline search: the index is also inlined as a script, for file://.
    assert (built_base / "pl/search/search_index.js").read_text("utf-8").startswith("var __index")


def test_root_chooser_names_each_language_in_itself(built_base: Path) -> None:
    text = (built_base / "index.html").read_text(encoding="utf-8")
    for code, name in (("en", "English"), ("pl", "Polski"), ("nl", "Nederlands"),
                       ("da", "Dansk")):
        assert re.search(rf'href="{code}/index.html" hreflang="{code}" lang="{code}"', text)
        assert f'<span class="name">{name}</span>' in text
    assert "Wybierz język" in text and "Vælg dit sprog" in text and "Kies je taal" in text


@pytest.mark.parametrize("lang", LANGS)
def test_no_unresolved_markdown_links(built_base: Path, lang: str) -> None:
    for path in (built_base / lang).rglob("*.html"):
        assert not re.search(r'href="[^"]+\.md(#[^"]*)?"', path.read_text(encoding="utf-8")), path


def test_valid_but_unusual_inputs_build_sort_and_link(
        project: Callable[[str], Path]) -> None:
    """A .yaml file with an anchor and a merge key whose keys are overridden, quotes and
    brackets in a definition's first sentence, a Polish term typed with a combining accent, a
    page in a subfolder with an image beside it."""
    root = project("unusual")
    result = run_cli("build", "--root", str(root))
    assert result.exit_code == 0, result.output
    site = root / "site"
    headings, terms = _index(site, "pl")
    # NFC on load: "ćma" typed as c + a combining accent is filed under Ć, not C.
    assert headings == ["A", "Ć", "J", "L", "Ł", "P", "Ś", "W", "Z"]
    assert terms[:2] == ["ćma", "jabłko"] and "pigwa (owoc)" in terms
    assert parse(site / "nl/glossary/quince/index.html").h1 == ["Kweepeer"]  # merge, overridden
    deep = (site / "en/guides/deep.html").read_text(encoding="utf-8")
    assert ('<a href="../glossary/quince/index.html" title="A &quot;quince&quot; (Cydonia '
            'oblonga) is a fruit; it is hard when raw.">quince</a>') in deep
    assert '<img alt="" src="pic.png" />' in deep and (site / "en/guides/pic.png").is_file()
    meta = (site / "en/glossary/quince/index.html").read_text(encoding="utf-8")
    assert ('<meta name="description" content="A &#34;quince&#34; (Cydonia oblonga) is a fruit; '
            'it is hard when raw.">') in meta
