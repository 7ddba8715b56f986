"""The personal review in Chromium, on a fixed clock: a question missed in a quiz is due the next
day on the quizzes index and the review page, then every right answer moves it up (2, 4, 8, 16
days, then learnt) and a wrong one sends it back to box 1; shown solutions and restored checks
are not recorded; each language keeps its own boxes; old quiz versions, flawed and hostile stored
values are dropped alone; storage that is full or turned off is said so; phones; axe-core."""

from __future__ import annotations

import datetime
import functools
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Page, Request, Route, expect

from tests.browser.conftest import Watched

pytestmark = pytest.mark.browser

AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
SITE = "post-purchase-dissonance"
DAY = datetime.date(2026, 12, 2)
"""The day the learner takes the quiz (a Wednesday)."""
COLOUR = "basics:{version}:colour"
"""The question the learner misses: "What is an apple?", right answer a."""
RIGHT = {"colour": ["a"], "fruits": ["a", "b"], "floats": ["true"], "spot": ["a"]}
NOT_SAVED = ("Your review could not be saved: the browser's storage is full or turned off. "
             "You can still answer, but nothing is remembered.")
QUIZ_NOT_SAVED = ("The questions you missed could not be kept for your personal review: the "
                  "browser's storage is full or turned off. The quiz itself works as before.")


# -- Fixtures and helpers ---------------------------------------------------------------------------

@pytest.fixture
def learner(browser: Browser) -> Iterator[Callable[..., Watched]]:
    """A browser profile in a time zone, its pages watched for errors and requests elsewhere."""
    contexts = []

    def make(locale: str = "en-US", timezone: str = "Europe/Warsaw",
             viewport: tuple[int, int] = (1280, 720)) -> Watched:
        context = browser.new_context(locale=locale, timezone_id=timezone,
                                      viewport={"width": viewport[0], "height": viewport[1]})
        contexts.append(context)
        page = context.new_page()
        watched = Watched(page)

        def guard(route: Route, request: Request) -> None:
            if request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
                route.continue_()
            else:
                watched.foreign.append(request.url)
                route.abort()

        context.route("**/*", guard)
        page.on("console", lambda m: m.type == "error" and watched.errors.append(m.text))
        page.on("pageerror", lambda e: watched.errors.append(str(e)))
        page.on("dialog", lambda d: (watched.errors.append(f"dialog {d.message}"), d.dismiss()))
        set_day(page, DAY)
        return watched

    yield make
    for context in contexts:
        context.close()


def set_day(page: Page, day: datetime.date, time: str = "12:00:00") -> None:
    """Fix the clock at `time` on `day` in the profile's time zone (an ISO date-time without an
    offset is local time); the next page loaded reads it."""
    page.clock.set_fixed_time(f"{day.isoformat()}T{time}")


def after(days: int) -> datetime.date:
    return DAY + datetime.timedelta(days=days)


def url(server: str, lang: str, page: str) -> str:
    return f"{server}/{lang}/quizzes/{page}index.html"


def quiz_version(page: Page, server: str, lang: str = "en") -> str:
    page.goto(url(server, lang, "basics/"))
    return page.locator("form.kb-quiz").get_attribute("data-version") or ""


def take_quiz(page: Page, server: str, lang: str, choices: dict[str, list[str]]) -> None:
    page.goto(url(server, lang, "basics/"))
    for question, options in choices.items():
        for option in options:
            page.check(f"#basics--{question}--{option}")
    page.locator("form.kb-quiz button[type=submit]").click()
    expect(page.locator("[data-summary] .kb-quiz__score")).to_be_visible()


def stored(page: Page, lang: str, site: str = SITE) -> Any:
    raw = page.evaluate("k => localStorage.getItem(k)", f"kb-review:v1:{site}:{lang}")
    return None if raw is None else json.loads(raw)


def store(page: Page, lang: str, value: Any, site: str = SITE) -> None:
    """Put a raw value (a string as it is, anything else as JSON) in the language's store."""
    raw = value if isinstance(value, str) else json.dumps(value)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"kb-review:v1:{site}:{lang}", raw])


def review(page: Page, server: str, lang: str = "en") -> None:
    page.goto(url(server, lang, "review/"))
    expect(page.locator(".kb-review--ready")).to_have_count(1)


def notice(page: Page, server: str, lang: str = "en") -> str | None:
    """The quizzes index's "N questions to review today" link, None while it is hidden."""
    page.goto(url(server, lang, ""))
    due = page.locator("[data-kb-review-due]")
    return None if due.is_hidden() else due.get_by_role("link").inner_text()


def answer_review(page: Page, question: str, options: list[str]) -> None:
    item = page.locator(f".kb-review__items [data-question={question}]")
    for option in options:
        item.locator(f"input[value={option}]").check()
    item.get_by_role("button").click()
    expect(item.locator("[data-schedule]")).to_be_visible()


def items(page: Page, lang: str = "en") -> dict[str, Any]:
    value = stored(page, lang)
    return value["items"] if value else {}


# -- From a quiz to the review ----------------------------------------------------------------------

def test_a_missed_question_is_due_the_next_day_and_moves_up_when_answered_right(
        server: str, learner: Callable[..., Watched]) -> None:
    w = learner()
    page = w.page
    version = quiz_version(page, server)
    key = COLOUR.format(version=version)
    take_quiz(page, server, "en", {**RIGHT, "colour": ["b"]})
    assert stored(page, "en") == {"v": 1, "items": {key: {"box": 1, "due": "2026-12-03"}}}
    # Today nothing is due: no notice, and the review page says when the next one is.
    assert notice(page, server) is None
    review(page, server)
    expect(page.locator("[data-count]")).to_have_text("Nothing to review today.")
    expect(page.locator("[data-next]")).to_have_text(
        "The next question is due on Thursday, December 3, 2026.")
    expect(page.locator(".kb-review__items > li")).to_have_count(0)
    expect(page.get_by_role("heading", name="How the review works")).to_be_visible()

    set_day(page, after(1))
    assert notice(page, server) == "1 question to review today"
    page.get_by_role("link", name="1 question to review today").click()
    expect(page.locator("[data-count]")).to_have_text("1 question to review today")
    expect(page.get_by_role("heading", name="How the review works")).to_be_hidden()
    item = page.locator(".kb-review__items > li")
    expect(item).to_have_count(1)
    # As the quiz shows it: a fieldset whose legend is the prompt, radio buttons with labels.
    group = item.get_by_role("group", name="What is an apple?")
    expect(group.get_by_role("radio")).to_have_count(3)
    expect(group.get_by_label("A. A fruit")).to_be_visible()
    expect(item.get_by_role("link", name="Fruit basics")).to_have_attribute(
        "href", "../basics/index.html")
    answer_review(page, "colour", ["a"])
    expect(item.locator("[data-verdict]")).to_have_text("Correct")
    expect(item.locator("[data-verdict]")).to_be_focused()
    expect(item.locator("[data-schedule]")).to_have_text("Next review in 2 days.")
    expect(item.locator("[data-option=a] [data-feedback]")).to_have_text("Right.")
    expect(item.locator("[data-explanation]")).to_be_visible()
    # One answer per review: the inputs and the button are done with.
    expect(item.get_by_role("radio").first).to_be_disabled()
    expect(item.get_by_role("button")).to_be_hidden()
    expect(page.locator("[data-count]")).to_have_text("Nothing to review today.")
    expect(page.locator("[data-next]")).to_have_text(
        "The next question is due on Saturday, December 5, 2026.")
    assert items(page) == {key: {"box": 2, "due": "2026-12-05"}}
    assert notice(page, server) is None
    assert w.errors == [] and w.foreign == []


def test_the_whole_schedule_then_learnt(server: str, learner: Callable[..., Watched]) -> None:
    w = learner()
    page = w.page
    key = COLOUR.format(version=quiz_version(page, server))
    take_quiz(page, server, "en", {**RIGHT, "colour": ["c"]})
    day = 1
    for box, days in ((2, 2), (3, 4), (4, 8), (5, 16)):
        # Not yet on the day before it is due.
        set_day(page, after(day - 1))
        review(page, server)
        expect(page.locator(".kb-review__items > li")).to_have_count(0)
        set_day(page, after(day))
        review(page, server)
        answer_review(page, "colour", ["a"])
        expect(page.locator("[data-schedule]")).to_have_text(f"Next review in {days} days.")
        day += days
        assert items(page) == {key: {"box": box, "due": after(day).isoformat()}}
    assert day == 31
    set_day(page, after(day))
    assert notice(page, server) == "1 question to review today"
    review(page, server)
    answer_review(page, "colour", ["a"])
    expect(page.locator("[data-schedule]")).to_have_text(
        "Learnt: this question will not come back.")
    assert items(page) == {}
    expect(page.locator("[data-count]")).to_have_text("Nothing to review today.")
    expect(page.locator("[data-next]")).to_be_hidden()
    set_day(page, after(day + 365))
    review(page, server)
    expect(page.locator(".kb-review__items > li")).to_have_count(0)
    assert w.errors == []


@pytest.mark.parametrize(("question", "choice", "verdict"), [
    ("colour", ["b"], "Incorrect"), ("fruits", ["a"], "Partly correct"),
    ("floats", [], "Not answered")])
def test_a_missed_review_goes_back_to_box_1(question: str, choice: list[str], verdict: str,
                                            server: str, learner: Callable[..., Watched]) -> None:
    w = learner()
    page = w.page
    key = f"basics:{quiz_version(page, server)}:{question}"
    store(page, "en", {"v": 1, "items": {key: {"box": 4, "due": DAY.isoformat()}}})
    review(page, server)
    if choice:
        answer_review(page, question, choice)
    else:
        page.locator(f"[data-question={question}]").get_by_role("button").click()
    item = page.locator(f".kb-review__items [data-question={question}]")
    expect(item.locator("[data-verdict]")).to_have_text(verdict)
    expect(item.locator("[data-schedule]")).to_have_text("Next review in 1 day.")
    assert items(page) == {key: {"box": 1, "due": "2026-12-03"}}
    if question == "colour":  # the wrong answer's feedback and card, the right one shown
        expect(item.locator("[data-option=b] [data-feedback]")).to_contain_text(
            "Misconception: An apple is a kind of boat.")
        expect(item.locator("[data-option=a]")).to_have_attribute("data-state", "missed")
    assert w.errors == []


def test_right_answers_in_the_quiz_move_questions_that_are_due(
        server: str, learner: Callable[..., Watched]) -> None:
    w = learner()
    page = w.page
    version = quiz_version(page, server)
    colour, fruits, floats = (f"basics:{version}:{q}" for q in ("colour", "fruits", "floats"))
    store(page, "en", {"v": 1, "items": {
        colour: {"box": 2, "due": DAY.isoformat()},      # due, answered right: up to box 3
        fruits: {"box": 3, "due": after(3).isoformat()},  # not due, answered right: kept
        floats: {"box": 5, "due": after(-2).isoformat()}}})  # due in the last box: learnt
    take_quiz(page, server, "en", {**RIGHT, "spot": ["b"]})
    assert items(page) == {colour: {"box": 3, "due": after(4).isoformat()},
                           fruits: {"box": 3, "due": after(3).isoformat()},
                           f"basics:{version}:spot": {"box": 1, "due": after(1).isoformat()}}
    # "Try again" right away with the feedback in view does not move the new miss.
    page.get_by_role("button", name="Try again").click()
    for question, options in RIGHT.items():
        for option in options:
            page.check(f"#basics--{question}--{option}")
    page.locator("form.kb-quiz button[type=submit]").click()
    assert items(page)[f"basics:{version}:spot"] == {"box": 1, "due": after(1).isoformat()}
    assert w.errors == []


def test_shown_solutions_and_restored_checks_are_not_recorded(
        server: str, learner: Callable[..., Watched]) -> None:
    w = learner()
    page = w.page
    take_quiz(page, server, "en", {"colour": ["b"]})
    assert len(items(page)) == 4  # colour wrong, the others not answered
    store(page, "en", {"v": 1, "items": {}})
    # A reload shows the earlier check again: it was counted already.
    page.reload()
    expect(page.locator("[data-summary] .kb-quiz__score")).to_be_visible()
    assert items(page) == {}
    page.get_by_role("button", name="Show solution").click()
    # The solution is shown beside the answers; the score stays the one earned.
    expect(page.locator("[data-summary]")).to_contain_text("The solution is shown")
    expect(page.locator("[data-summary] .kb-quiz__score")).not_to_contain_text("100%")
    assert items(page) == {}
    page.reload()  # the restored solution neither
    assert items(page) == {}
    assert w.errors == []


def test_the_local_calendar_day_counts(server: str, learner: Callable[..., Watched]) -> None:
    # 20:00 on 2 December in UTC is already 09:00 on 3 December in Auckland.
    w = learner(locale="en-NZ", timezone="Pacific/Auckland")
    page = w.page
    page.clock.set_fixed_time(datetime.datetime(2026, 12, 2, 20, tzinfo=datetime.UTC))
    key = COLOUR.format(version=quiz_version(page, server))
    take_quiz(page, server, "en", {**RIGHT, "colour": ["b"]})
    assert items(page) == {key: {"box": 1, "due": "2026-12-04"}}
    page.clock.set_fixed_time(datetime.datetime(2026, 12, 3, 10, 59, tzinfo=datetime.UTC))
    assert notice(page, server) is None  # 23:59 on 3 December there
    page.clock.set_fixed_time(datetime.datetime(2026, 12, 3, 11, 0, tzinfo=datetime.UTC))
    assert notice(page, server) == "1 question to review today"
    assert w.errors == []


# -- Languages, versions, order ---------------------------------------------------------------------

def test_each_language_has_its_own_review(server: str, learner: Callable[..., Watched]) -> None:
    w = learner(locale="pl-PL")
    page = w.page
    version = quiz_version(page, server, "pl")
    take_quiz(page, server, "pl", {**RIGHT, "colour": ["b"]})
    assert stored(page, "en") is None
    set_day(page, after(1))
    assert notice(page, server, "en") is None
    review(page, server, "en")
    expect(page.locator(".kb-review__items > li")).to_have_count(0)
    assert notice(page, server, "pl") is not None
    review(page, server, "pl")
    expect(page.locator(".kb-review__items legend")).to_have_text(["Czym jest jabłko?"])
    answer_review(page, "colour", ["a"])
    expect(page.locator("[data-verdict]")).to_have_text("Dobrze")
    assert items(page, "pl") == {f"basics:{version}:colour": {"box": 2, "due": "2026-12-05"}}
    # Polish counts with three forms (one, few, many): each count finds its own.
    keys = [f"{quiz}:{version}:{q}" for quiz in ("basics", "shuffled")
            for q in ("colour", "fruits", "floats", "spot")]
    for n, text in ((1, "1 pytanie"), (2, "2 pytania"), (5, "5 pytań")):
        store(page, "pl", {"v": 1, "items": {k: {"box": 1, "due": DAY.isoformat()}
                                             for k in keys[:n]}})
        assert notice(page, server, "pl") == f"{text} do powtórki na dziś"
    assert w.errors == []


def test_entries_of_another_quiz_version_or_gone_questions_are_dropped(
        server: str, learner: Callable[..., Watched]) -> None:
    w = learner()
    page = w.page
    version = quiz_version(page, server)
    kept = {f"basics:{version}:colour": {"box": 2, "due": DAY.isoformat()}}
    store(page, "en", {"v": 1, "items": {
        **kept,
        "basics:0badc0de:colour": {"box": 1, "due": DAY.isoformat()},  # before the quiz changed
        f"gone:{version}:colour": {"box": 1, "due": DAY.isoformat()},  # a quiz removed
        f"basics:{version}:removed": {"box": 1, "due": DAY.isoformat()}}})  # a question removed
    assert notice(page, server) == "1 question to review today"
    assert items(page) == kept
    store(page, "en", {"v": 1, "items": {**kept, "basics:0badc0de:fruits": {"box": 1,
                                                                            "due": DAY.isoformat()}}})
    review(page, server)
    expect(page.locator(".kb-review__items > li")).to_have_count(1)
    assert items(page) == kept
    assert w.errors == []


def test_the_longest_waiting_come_first_and_at_most_the_limit(
        server: str, learner: Callable[..., Watched]) -> None:
    w = learner()
    page = w.page
    version = quiz_version(page, server)
    dues = {"basics:colour": -1, "basics:fruits": -9, "basics:floats": 0, "basics:spot": -9,
            "shuffled:colour": -4, "shuffled:fruits": 1, "shuffled:floats": -2,
            "shuffled:spot": -30}
    store(page, "en", {"v": 1, "items": {
        f"{k.split(':')[0]}:{version}:{k.split(':')[1]}": {"box": 2, "due": after(d).isoformat()}
        for k, d in dues.items()}})
    review(page, server)
    shown = page.locator(".kb-review__items > li")
    # Earliest first; on the same day, in the order of the quizzes and their questions.
    expect(shown).to_have_count(7)
    assert [li.get_attribute("data-item") for li in shown.all()] == [
        f"{q.split(':')[0]}:{version}:{q.split(':')[1]}" for q in (
            "shuffled:spot", "basics:fruits", "basics:spot", "shuffled:colour",
            "shuffled:floats", "basics:colour", "basics:floats")]
    expect(page.locator("[data-count]")).to_have_text("7 questions to review today")
    # The builder's limit (20) is larger than this site's pool: serve the page with 3.
    def limit(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response,
                      body=response.text().replace('data-max="20"', 'data-max="3"'))

    page.route("**/quizzes/review/index.html", limit)
    review(page, server)
    expect(shown).to_have_count(3)
    assert [li.get_attribute("data-item") for li in shown.all()] == [
        f"shuffled:{version}:spot", f"basics:{version}:fruits", f"basics:{version}:spot"]
    answer_review(page, "fruits", ["a", "b"])
    expect(page.locator("[data-count]")).to_have_text("6 questions to review today")
    assert w.errors == []


# -- Storage that fails, stored values that are flawed or hostile -----------------------------------

FULL = """Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };"""
DENIED = """Object.defineProperty(window, "localStorage", { get: function () {
  throw new DOMException("Access is denied for this document.", "SecurityError"); } });"""


def test_storage_that_is_full_says_so(server: str, learner: Callable[..., Watched]) -> None:
    w = learner()
    page = w.page
    version = quiz_version(page, server)
    kept = {f"basics:{version}:colour": {"box": 1, "due": DAY.isoformat()}}
    store(page, "en", {"v": 1, "items": kept})
    page.add_init_script(FULL)
    review(page, server)
    alert = page.get_by_role("alert")
    expect(alert).to_be_hidden()
    answer_review(page, "colour", ["a"])
    expect(alert).to_have_text(NOT_SAVED)
    expect(page.locator("[data-schedule]")).to_have_text("Next review in 2 days.")
    assert items(page) == kept
    unsaved = page.locator("[data-kb-review-unsaved]")
    page.goto(url(server, "en", "basics/"))
    expect(unsaved).to_be_hidden()
    take_quiz(page, server, "en", {"colour": ["b"]})  # the quiz works on, and says what is lost
    expect(unsaved).to_have_text(QUIZ_NOT_SAVED)
    expect(unsaved).to_have_attribute("role", "alert")
    assert items(page) == kept
    assert w.errors == []


def test_storage_that_is_turned_off_says_so(server: str, learner: Callable[..., Watched]) -> None:
    w = learner()
    page = w.page
    page.add_init_script(DENIED)
    review(page, server)
    expect(page.get_by_role("alert")).to_have_text(NOT_SAVED)
    expect(page.locator("[data-count]")).to_have_text("Nothing to review today.")
    assert notice(page, server) is None
    take_quiz(page, server, "en", {"colour": ["b"]})
    expect(page.locator("[data-kb-review-unsaved]")).to_have_text(QUIZ_NOT_SAVED)
    # Material's own head script reads localStorage unguarded, so each page logs the denial
    # once; what this site's scripts do is checked above (the message, the count, the quiz).
    assert set(w.errors) == {"Access is denied for this document."}


HOSTILE_KEYS = ["<img src=x onerror=alert(1)>", "__proto__", "constructor",
                "basics:<b>x</b>:colour", "basics:{v}:colour\"><svg onload=alert(2)>"]
FLAWED_ENTRIES = [None, 1, "box", [], {"box": "2", "due": "2026-12-02"},
                  {"box": 6, "due": "2026-12-02"}, {"box": 0, "due": "2026-12-02"},
                  {"box": 1.5, "due": "2026-12-02"}, {"box": 1}, {"box": 1, "due": 20261202},
                  {"box": 1, "due": "2026-02-30"}, {"box": 1, "due": "<script>alert(3)</script>"},
                  {"box": 1, "due": "2026-12-02T00:00"}]


def test_flawed_and_hostile_entries_are_dropped_alone(
        server: str, learner: Callable[..., Watched]) -> None:
    w = learner()
    page = w.page
    version = quiz_version(page, server)
    good = f'"basics:{version}:colour": {{"box": 3, "due": "2026-12-01"}}'
    bad = [f'"basics:{version}:fruits": {json.dumps(entry)}' for entry in FLAWED_ENTRIES] + [
        f'{json.dumps(key.format(v=version))}: {{"box": 1, "due": "2026-12-02"}}'
        for key in HOSTILE_KEYS]
    for entry in bad:
        # Raw JSON, so that "__proto__" is a key of its own as JSON.parse reads it.
        store(page, "en", f'{{"v": 1, "items": {{{entry}, {good}}}}}')
        review(page, server)
        expect(page.locator(".kb-review__items > li")).to_have_count(1)
        expect(page.locator(".kb-review__items legend")).to_have_text("What is an apple?")
        assert items(page) == {f"basics:{version}:colour": {"box": 3, "due": "2026-12-01"}}, entry
        assert page.locator(".kb-review__items img, .kb-review__items svg, "
                            ".kb-review__items b").count() == 0
    assert w.errors == []


@pytest.mark.parametrize("value", [
    "{not json", "null", "[]", '"text"', "42", json.dumps({"v": 2, "items": {}}),
    json.dumps({"v": 1, "items": []}), json.dumps({"v": 1, "items": "<img src=x onerror=alert(1)>"}),
    json.dumps({"v": 1}), json.dumps({"v": "1", "items": {}})])
def test_unreadable_stores_start_afresh(value: str, server: str,
                                        learner: Callable[..., Watched]) -> None:
    w = learner()
    page = w.page
    page.goto(url(server, "en", ""))
    store(page, "en", value)
    review(page, server)
    expect(page.locator("[data-count]")).to_have_text("Nothing to review today.")
    assert stored(page, "en") == {"v": 1, "items": {}}
    store(page, "en", value)
    take_quiz(page, server, "en", {**RIGHT, "colour": ["b"]})
    assert len(items(page)) == 1
    assert w.errors == []


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base site with tags written as entities in every author text (tests/hostile.py)."""
    from http.server import ThreadingHTTPServer

    from tests.browser.conftest import _QuietHandler
    from tests.hostile import probe

    outcome = probe("entity-tags", tmp_path_factory.mktemp("hostile-review"))
    assert outcome.build_output is None and outcome.fired == set()
    handler = functools.partial(_QuietHandler, directory=str(outcome.site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_hostile_author_texts_stay_text_in_the_review(
        hostile_site: str, learner: Callable[..., Watched]) -> None:
    w = learner()
    page = w.page
    version = quiz_version(page, hostile_site, "pl")
    site = page.locator("form.kb-quiz").get_attribute("data-site") or ""  # the name is hostile too
    keys = [f"{quiz}:{version}:{q}" for quiz in ("basics", "shuffled")
            for q in ("colour", "fruits", "floats", "spot")]
    store(page, "pl", {"v": 1, "items": {k: {"box": 1, "due": DAY.isoformat()} for k in keys}},
          site)
    assert notice(page, hostile_site, "pl") == "8 pytań do powtórki na dziś"
    review(page, hostile_site, "pl")
    shown = page.locator(".kb-review__items > li")
    expect(shown).to_have_count(8)
    for item in shown.all():
        item.locator("input").first.check()
        item.get_by_role("button").click()
    expect(page.locator("[data-schedule]:visible")).to_have_count(8)
    assert page.locator(".kb-review__items img, .kb-review__items script").count() == 0
    assert w.errors == []


# -- Phones, accessibility --------------------------------------------------------------------------

def _due_everywhere(page: Page, server: str, lang: str) -> None:
    version = quiz_version(page, server, lang)
    store(page, lang, {"v": 1, "items": {f"basics:{version}:{q}": {"box": 1, "due": DAY.isoformat()}
                                         for q in ("colour", "fruits", "floats", "spot")}})


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_no_sideways_scrolling_on_a_phone(lang: str, server: str,
                                          learner: Callable[..., Watched]) -> None:
    w = learner(viewport=(390, 844))
    page = w.page
    _due_everywhere(page, server, lang)
    for path in ("", "review/"):
        page.goto(url(server, lang, path))
        if path:
            answer_review(page, "colour", ["b"])
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    assert w.errors == []


@pytest.mark.parametrize("lang", ["en", "pl", "nl", "da"])
def test_axe_finds_no_serious_violations(lang: str, server: str,
                                         learner: Callable[..., Watched]) -> None:
    w = learner()
    page = w.page
    _due_everywhere(page, server, lang)
    for path in ("", "review/"):
        page.goto(url(server, lang, path))
        if path:  # with feedback shown too
            answer_review(page, "colour", ["b"])
            answer_review(page, "fruits", ["a", "b"])
        page.add_script_tag(content=AXE)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], path
    assert w.foreign == []
