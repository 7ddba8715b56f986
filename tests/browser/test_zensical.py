"""The fixture project built with Zensical (`kb build --engine zensical`) in Chromium, over
http and from file://: a quiz answered and scored in Polish, the self-assessment taken, search
finding a Polish concept, the language selector staying on the page; no script error and no
request to another host."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Watched, _QuietHandler
from tests.browser.test_assessment import fill
from tests.conftest import make_project, run_cli
from tests.unit.test_report import MEMBERS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project("base", tmp_path_factory.mktemp("zensical"))
    result = run_cli("build", "--root", str(root), "--engine", "zensical")
    assert result.exit_code == 0, result.output
    return root / "site"


@pytest.fixture(scope="module", params=["http", "file"])
def base_url(request: pytest.FixtureRequest, zensical_site: Path) -> Iterator[str]:
    if request.param == "file":
        yield zensical_site.as_uri()
        return
    handler = functools.partial(_QuietHandler, directory=str(zensical_site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_a_quiz_is_answered_and_scored(base_url: str, open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto(f"{base_url}/pl/quizzes/basics/index.html")
    for option in ("colour--b", "fruits--a", "fruits--b", "floats--true"):
        w.page.check(f"#basics--{option}")
    w.page.get_by_role("button", name="Sprawdź odpowiedzi").click()
    expect(w.page.locator("[data-question=colour] [data-status]")).to_have_text("Źle")
    expect(w.page.locator("[data-question=colour] [data-option=b] [data-feedback]")).to_contain_text(
        "Nie: pływa, ale to owoc.")
    expect(w.page.locator("[data-summary] .kb-quiz__score")).to_have_text(
        "Poprawnie odpowiedziano na 2 pytania z 4. Wynik: 50%. Zaliczone.")
    # Kept in the browser: a reload shows the same answers.
    w.page.reload()
    expect(w.page.locator("#basics--fruits--b")).to_be_checked()
    assert w.errors == [] and w.foreign == []


def test_the_self_assessment_is_taken(base_url: str, open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto(f"{base_url}/pl/assessment/index.html")
    fill(w.page, MEMBERS["ania-pl.json"])
    expect(w.page.locator("[data-progress]")).to_have_text("Odpowiedzi: 7 z 7.")
    w.page.get_by_role("button", name="Pokaż wyniki").click()
    expect(w.page.locator("[data-results]")).to_be_visible()
    expect(w.page.locator(".kb-results__table")).to_contain_text("Mocna strona")
    assert w.errors == [] and w.foreign == []


def test_search_finds_a_concept_in_the_language(base_url: str,
                                                open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto(f"{base_url}/pl/index.html")
    w.page.locator(".md-search__button").first.click()
    w.page.get_by_role("combobox").fill("jabłko")
    first = w.page.get_by_role("option").first
    expect(first).to_contain_text("Jabłko")
    first.click()
    expect(w.page).to_have_url(f"{base_url}/pl/glossary/apple/index.html")
    assert w.errors == [] and w.foreign == []


def test_the_language_selector_stays_on_the_page(base_url: str,
                                                open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto(f"{base_url}/pl/glossary/apple/index.html")
    links = w.page.locator(".md-select__link")
    assert links.evaluate_all("els => els.map(a => a.href)") == [
        f"{base_url}/{lang}/glossary/apple/index.html" for lang in ("en", "pl", "nl", "da")]
    w.page.goto(f"{base_url}/da/glossary/apple/index.html")
    expect(w.page.locator("html")).to_have_attribute("lang", "da")
    assert w.errors == [] and w.foreign == []
