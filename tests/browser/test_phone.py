"""Every kind of page of the project's own site on a phone (390 x 844, in every language), in the
states a learner or trainer sees it in: no sideways scrolling of the page, chart text of at least
12 px as rendered, and tap targets in the content that a thumb can hit.

Tap targets: each link, button and form field in the content is at least 44 px high (the label of
a radio button or a check box counts with it, as a tap on it chooses too), or else, as the spacing
exception of WCAG 2.5.8 allows, a circle of 44 px centred on it meets no other target nor another
small target's circle. Links inside running text (a sentence, a heading) are exempt, as WCAG 2.5.8
exempts inline targets: their size is the line's.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Watched, _QuietHandler
from tests.conftest import REPO, run_cli

pytestmark = pytest.mark.browser

LANGS = ("pl", "nl", "da", "en")
WIDTH, HEIGHT = 390, 844
TAP = 44
"""Tap targets: this high, or this far from the others (see the module's docstring)."""
CHART_TEXT = 12

# The layout measured in the page: what overflows the viewport outside a box that scrolls, chart
# text smaller than CHART_TEXT, tap targets too small and too close.
MEASURE = """([tap, chart]) => {
  const vw = document.documentElement.clientWidth;
  const scope = document.querySelector('.md-content') || document.body;
  const shown = e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && !e.closest('[hidden]'); };
  const cls = e => typeof e.className === 'string' && e.className.trim() ?
    '.' + e.className.trim().split(/\\s+/).join('.') : '';
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + cls(e) +
    ' "' + (e.textContent || e.value || '').trim().slice(0, 40) + '"';
  const scrolls = e => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll') return true;
    }
    return false; };
  const everything = '.md-main *, .md-header *, .md-footer *, body > :not(.md-container) *';
  const wide = [...document.querySelectorAll(everything)]
    .filter(e => !e.closest('.md-sidebar, .md-search, .md-tooltip, .md-dialog') && shown(e) && !scrolls(e))
    .filter(e => { const r = e.getBoundingClientRect(); return r.left < -1 || r.right > vw + 1; })
    .map(e => { const r = e.getBoundingClientRect();
      return name(e) + ' ' + Math.round(r.left) + '..' + Math.round(r.right); });
  const small = [...document.querySelectorAll('svg text')].filter(shown).map(t => {
    const ctm = t.getScreenCTM();
    const size = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b);
    return [name(t), size]; }).filter(([, size]) => size < chart - 0.01);
  const BLOCK = 'p, li, td, th, dd, dt, h1, h2, h3, h4, h5, h6, figcaption, caption, label, ' +
    'summary, legend';
  const TARGET = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
  const targets = [...scope.querySelectorAll(TARGET)].filter(e => shown(e) && !e.disabled &&
    !e.closest('[aria-hidden=true]') && !e.closest('label a, .headerlink'));
  // A link in running text: its block holds words that are not a target's.
  const inline = e => {
    const block = e.parentElement.closest(BLOCK);
    if (!block || e.tagName !== 'A') return false;
    const other = n => n.contains(e) || (n.nodeType === 1 && n.matches(TARGET)) ? '' : n.textContent;
    return /\\p{L}{2}/u.test([...block.childNodes].map(other).join('')); };
  // A field with its labels: a tap on either chooses.
  const box = e => {
    const r = e.getBoundingClientRect();
    let b = { l: r.left, t: r.top, r: r.right, b: r.bottom };
    for (const l of (e.labels || [])) {
      if (!shown(l)) continue;
      const q = l.getBoundingClientRect();
      b = { l: Math.min(b.l, q.left), t: Math.min(b.t, q.top),
            r: Math.max(b.r, q.right), b: Math.max(b.b, q.bottom) };
    }
    return b; };
  const all = targets.filter(e => !inline(e)).map(e => ({ e, b: box(e) }));
  const hits = (c, b) => {
    const x = Math.max(b.l, Math.min(c.x, b.r)), y = Math.max(b.t, Math.min(c.y, b.b));
    return Math.hypot(c.x - x, c.y - y) < tap / 2 - 0.5; };
  const centre = b => ({ x: (b.l + b.r) / 2, y: (b.t + b.b) / 2 });
  const apart = (t, u) => Math.hypot(centre(t.b).x - centre(u.b).x, centre(t.b).y - centre(u.b).y);
  const nested = (t, u) => u.e.contains(t.e) || t.e.contains(u.e) ||
    (u.e.labels && [...u.e.labels].some(l => l.contains(t.e)));
  const under = all.filter(t => t.b.b - t.b.t < tap - 0.5);
  // Two small targets: their circles must not meet; a small one and a big one: its circle and
  // the big one's box must not.
  const crowded = under.filter(t => all.some(u => u !== t && !nested(t, u) &&
    (under.includes(u) ? apart(t, u) < tap - 0.5 : hits(centre(t.b), u.b))))
    .map(t => name(t.e) + ' ' + Math.round(t.b.b - t.b.t) + 'px high');
  return { scrollWidth: document.documentElement.scrollWidth, wide, small, crowded };
}"""


@pytest.fixture(scope="module")
def real_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("phone") / "site"
    result = run_cli("build", "--root", str(REPO), "--site-dir", str(site))
    assert result.exit_code == 0, result.output
    httpd = ThreadingHTTPServer(("127.0.0.1", 0),
                                functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


# -- Getting each page into the state it is measured in -----------------------------------------------

def check_quiz(page: Page, base: str) -> None:
    """The first quiz, its first option of each question chosen, checked."""
    page.goto(f"{base}/quizzes/concepts/index.html")
    for question in page.locator(".kb-quiz .kb-question").all():
        question.locator("input").first.check()
    page.locator(".kb-quiz button[type=submit]").click()
    expect(page.locator("[data-summary] .kb-quiz__score")).to_be_visible()


def class_view(page: Page, base: str) -> None:
    check_quiz(page, base)
    code = page.locator("[data-share-code]").input_value()
    page.goto(f"{base}/quizzes/class/index.html")
    page.fill("#class-codes", code)
    page.locator(".kb-class__input button[type=submit]").click()
    expect(page.locator("section.kb-class__quiz")).to_have_count(1)


def review_due(page: Page, base: str) -> None:
    """Every question of the first quiz due, one of them answered."""
    page.goto(f"{base}/quizzes/concepts/index.html")
    form = page.locator("form.kb-quiz")
    prefix = f"concepts:{form.get_attribute('data-version')}:"
    site, lang = form.get_attribute("data-site"), form.get_attribute("data-lang")
    questions = [q.get_attribute("data-question") for q in page.locator(".kb-question").all()]
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))", [
        f"kb-review:v1:{site}:{lang}",
        {"v": 1, "items": {prefix + q: {"box": 1, "due": "2000-01-01"} for q in questions}}])
    page.goto(f"{base}/quizzes/review/index.html")
    item = page.locator(".kb-review__items > li").first
    item.locator("input").first.check()
    item.get_by_role("button").click()
    expect(item.locator("[data-schedule]")).to_be_visible()


def assessment_done(page: Page, base: str) -> None:
    page.goto(f"{base}/assessment/index.html")
    for statement in page.locator(".kb-statement").all():
        statement.locator("label").nth(2).click()  # as a thumb does: on the label
    page.locator(".kb-assessment button[type=submit]").click()
    expect(page.locator("[data-results]")).to_be_visible()


def team_view(page: Page, base: str, folder: Path) -> None:
    assessment_done(page, base)
    with page.expect_download() as info:
        page.locator("[data-action=download]").click()
    files = [folder / "a.json", folder / "b.json"]
    for file in files:
        info.value.save_as(file)
    page.goto(f"{base}/assessment/team/index.html")
    page.set_input_files("#team-files", [str(f) for f in files])
    expect(page.locator("[data-count]")).not_to_be_empty()


def visit(path: str) -> Callable[[Page, str], None]:
    return lambda page, base: page.goto(f"{base}/{path}")


PAGES: dict[str, Callable[..., None]] = {
    "home": visit("index.html"),
    "topic": visit("post-purchase-dissonance.html"),
    "consequences": visit("consequences.html"),
    "practices (tables)": visit("practices.html"),
    "examples": visit("examples.html"),
    "glossary": visit("glossary/index.html"),
    "concept": visit("glossary/post-purchase-dissonance/index.html"),
    "misconceptions": visit("misconceptions.html"),
    "quizzes": visit("quizzes/index.html"),
    "quiz": visit("quizzes/concepts/index.html"),
    "quiz checked": check_quiz,
    "class view with results": class_view,
    "review with items due": review_due,
    "assessment": visit("assessment/index.html"),
    "assessment results": assessment_done,
    "team view with members": team_view,
    "downloads": visit("downloads.html"),
    "for trainers": visit("for-trainers.html"),
    "sources": visit("sources.html"),
    "404": visit("404.html"),
    # "#choose" keeps the chooser from sending the browser on to its language.
    "language chooser": lambda page, base: page.goto(base.rsplit("/", 1)[0] + "/index.html#choose"),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", list(PAGES))
def test_every_page_fits_a_phone(kind: str, lang: str, real_server: str,
                                 open_page: Callable[..., Watched], tmp_path: Path) -> None:
    w = open_page(locale={"pl": "pl-PL", "nl": "nl-NL", "da": "da-DK", "en": "en-GB"}[lang])
    page = w.page
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    prepare = PAGES[kind]
    base = f"{real_server}/{lang}"
    if kind == "team view with members":
        prepare(page, base, tmp_path)
    else:
        prepare(page, base)
    page.wait_for_load_state("load")
    found = page.evaluate(MEASURE, [TAP, CHART_TEXT])
    assert found["scrollWidth"] <= WIDTH, found["wide"]
    assert found["wide"] == [], "wider than the screen"
    assert found["small"] == [], f"chart text under {CHART_TEXT} px"
    assert found["crowded"] == [], f"tap targets under {TAP} px and too close"
    assert w.errors == [] and w.foreign == []
