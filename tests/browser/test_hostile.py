"""Hostile author texts in Chromium: the payloads validation lets through (as text) stay text when
the site's scripts use them: tooltips, search results, quiz feedback, the assessment's results
and the team view. Any dialog or page error fails."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import _QuietHandler
from tests.hostile import probe

pytestmark = pytest.mark.browser

# Accepted in every field as text (an attribute breaker, tags written as entities), or refused in
# YAML but escaped in the site name and nav titles (img-onerror).
ACCEPTED = ("double-quote-break", "entity-tags", "img-onerror")


@pytest.fixture(scope="module", params=ACCEPTED)
def hostile_site(request: pytest.FixtureRequest,
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The payload's site, in one language each (the scripts are the same in every language)."""
    outcome = probe(request.param, tmp_path_factory.mktemp(request.param))
    assert outcome.build_output is None and outcome.fired == set()
    handler = functools.partial(_QuietHandler, directory=str(outcome.site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    lang = ("en", "pl", "da")[ACCEPTED.index(request.param)]
    yield f"http://127.0.0.1:{httpd.server_address[1]}/{lang}"
    httpd.shutdown()


def _search(page: Page, query: str) -> None:
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill("")
    page.keyboard.type(query)
    page.wait_for_timeout(700)
    results = page.locator(".md-search-result__item")
    if results.count():
        results.first.hover()
    page.keyboard.press("Escape")


def test_nothing_runs_when_the_scripts_use_the_texts(hostile_site: str, browser: Browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    ran: list[str] = []
    page.on("dialog", lambda d: (ran.append(f"{page.url}: dialog {d.message}"), d.dismiss()))
    page.on("pageerror", lambda e: ran.append(f"{page.url}: {e}"))
    base = hostile_site
    page.goto(f"{base}/glossary/apple/index.html")
    for link in page.locator("article a[title]").all():
        link.hover()
        page.wait_for_timeout(50)
    for query in ("onerror", "alert", "onmouseover"):
        _search(page, query)
    page.goto(f"{base}/misconceptions.html")
    page.goto(f"{base}/quizzes/basics/index.html")
    page.locator(".kb-question input").first.check()
    page.locator(".kb-quiz button[type=submit]").click()
    page.locator("[data-action=solution]").click()
    page.locator("[data-action=retry]").click()
    page.goto(f"{base}/assessment/index.html")
    for radio in page.locator(".kb-statement input[value='2']").all():
        radio.check()
    page.locator(".kb-assessment button[type=submit]").click()
    page.wait_for_selector("[data-results]:not([hidden])")
    code = page.locator("[data-code]").input_value()
    page.goto(f"{base}/assessment/team/index.html")
    page.locator("[data-codes]").fill(code)
    page.locator(".kb-team__input button[type=submit]").click()
    page.wait_for_selector(".kb-team__results:not([hidden])")
    page.wait_for_timeout(200)
    context.close()
    assert ran == []
