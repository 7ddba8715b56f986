"""Search on the project's own site in Chromium: inflected words find their concept in every
language, over http and from file://, with the stemmers loaded from the site itself."""

from __future__ import annotations

import functools
import json
import re
import tempfile
import threading
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Watched, _QuietHandler
from tests.conftest import REPO, run_cli

pytestmark = pytest.mark.browser

# Real words of the glossary and the pages, inflected as no page writes them and no `forms:`
# lists them: only the language's stemmer leads from them to the concept.
INFLECTED = {
    "pl": {"satysfakcjami": "purchase-satisfaction", "komunikacjach": "post-purchase-communication",
           "dezaprobatach": "social-disapproval", "grywalizacjach": "recognition-and-gamification",
           "ewaluatywnych": "evaluative-conditioning", "pantoflowych": "negative-word-of-mouth",
           "życiowymi": "customer-lifetime-value", "lojalnościom": "customer-loyalty"},
    "nl": {"klantverwachtingen": "customer-expectation", "teleurstellingen": "ordinary-disappointment",
           "geruststellingen": "reassurance", "afkeuringen": "social-disapproval",
           "conditioneringen": "evaluative-conditioning", "erkenningen": "recognition-and-gamification",
           "klantloyaliteiten": "customer-loyalty"},
    "da": {"skuffelserne": "ordinary-disappointment", "tilfredshedsgarantierne": "satisfaction-guarantee",
           "kundeloyaliteter": "customer-loyalty", "returneringen": "return-and-refund",
           "misbilligelser": "social-disapproval", "påvirkninger": "social-influence",
           "forventningskløfterne": "expectation-gap"},
    "en": {"disappointments": "ordinary-disappointment", "refunding": "return-and-refund",
           "endorsements": "third-party-endorsement", "remorseful": "buyers-remorse",
           "loyalties": "customer-loyalty", "reassured": "reassurance",
           "communicating": "post-purchase-communication"},
}


@functools.cache
def real_site() -> Path:
    """The project's own site, built once per test process (test_site.py uses it too)."""
    site = Path(tempfile.mkdtemp(prefix="kb-real-site-")) / "site"
    result = run_cli("build", "--root", str(REPO), "--site-dir", str(site))
    assert result.exit_code == 0, result.output
    return site


@pytest.fixture(scope="module")
def real_server() -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(real_site()))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def indexed_words(lang: str) -> tuple[dict[str, object], set[str]]:
    index = json.loads((real_site() / lang / "search/search_index.json").read_text("utf-8"))
    text = " ".join(f"{d['title']} {d['text']}" for d in index["docs"])
    words = re.split(index["config"]["separator"], re.sub(r"<[^>]+>", " ", text).lower())
    return index["config"], {w for w in words if w}


@pytest.mark.parametrize("lang", INFLECTED)
def test_the_queries_need_the_stemmer(lang: str) -> None:
    """No indexed word starts with a query, so a prefix or exact match cannot find it."""
    config, words = indexed_words(lang)
    assert config["lang"] == [lang]
    assert config["pipeline"] == ["stemmer", "stopWordFilter", "trimmer"]
    assert len(INFLECTED[lang]) >= 6
    for query in INFLECTED[lang]:
        assert not [w for w in words if w.startswith(query)], query
    # Polish: Material's worker loads the vendored stemmer from the site, licence header kept.
    # (Kept once, beside the search worker all the languages share: builder/slim.py.)
    assert (real_site() / "assets/javascripts/lunr/min/lunr.pl.min.js").read_text(
        "utf-8").startswith("/*!\n * Lunr languages, `Polish` language")


def search(w: Watched, query: str) -> None:
    # Material searches on keyup, so type rather than fill.
    w.page.locator(".md-search__input").click()
    w.page.locator(".md-search__input").fill("")
    w.page.keyboard.type(query)


@pytest.mark.parametrize("where", ["http", "file"])
@pytest.mark.parametrize("lang", INFLECTED)
def test_inflected_words_find_their_concept(lang: str, where: str, real_server: str,
                                            open_page: Callable[..., Watched]) -> None:
    w = open_page()
    start = (f"{real_server}/{lang}/glossary/index.html" if where == "http"
             else (real_site() / lang / "glossary/index.html").as_uri())
    w.page.goto(start)
    for query, concept in INFLECTED[lang].items():
        search(w, query)
        found = w.page.locator(f'.md-search-result__list a[href*="/glossary/{concept}/index.html"]')
        expect(found.first, f"{lang}: {query}").to_be_attached()
    assert w.errors == []
    assert w.foreign == []
