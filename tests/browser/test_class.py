"""Quiz results in Chromium: the shared vectors (kb-results.js against builder/results.py and
builder/itemstats.py's hand-worked figures), sharing a result from a quiz page (after a shown
solution too, with and without the Clipboard API), a class of twelve learners in four languages
whose class-view CSV is `kb quiz-report`'s byte for byte, bad files and codes one by one, hostile
texts and names, dropping files, file://, axe-core and narrow screens."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from builder.load import load_project
from builder.render import site_key
from builder.results import read_result_code
from tests.browser.conftest import Watched
from tests.browser.test_quiz import AXE
from tests.conftest import make_project, run_cli

pytestmark = pytest.mark.browser

VECTORS = json.loads((Path(__file__).parent.parent / "vectors" / "quiz_results.json")
                     .read_text(encoding="utf-8"))
HOSTILE = "<img src=x onerror=alert(1)>"


def class_url(server: str, lang: str) -> str:
    return f"{server}/{lang}/quizzes/class/index.html"


def quiz_url(server: str, lang: str, quiz: str = "basics") -> str:
    return f"{server}/{lang}/quizzes/{quiz}/index.html"


def take(page: Page, quiz: str, plan: dict[str, list[str]]) -> None:
    """Answer the questions the page asks (a drawn quiz asks some) and check."""
    for question, options in plan.items():
        if page.locator(f".kb-question[data-question={question}]").is_hidden():
            continue
        for option in options:
            page.check(f"#{quiz}--{question}--{option}")
    page.locator(f"#quiz-{quiz} button[type=submit]").click()
    expect(page.locator("[data-kb-share]")).to_be_visible()


def download_result(page: Page, folder: Path, name: str, pseudonym: str = "") -> Path:
    """Download the shared result as `name` (the page names it `<quiz>-<lang>-result.json`)."""
    if pseudonym:
        page.locator("[data-share-name]").fill(pseudonym)
    with page.expect_download() as info:
        page.locator("[data-action=share-file]").click()
    form = page.locator("form.kb-quiz")
    assert info.value.suggested_filename == (f"{form.get_attribute('data-kb-quiz')}-"
                                             f"{form.get_attribute('data-lang')}-result.json")
    path = folder / name
    info.value.save_as(path)
    return path


def quiz_report_csv(root: Path, files: list[Path], lang: str, out: Path) -> str:
    """The CSV of `kb quiz-report FILES --lang LANG -o OUT`, run as a trainer runs it."""
    subprocess.run([sys.executable, "-m", "builder", "quiz-report", *map(str, files),
                    "--lang", lang, "-o", str(out / f"report-{lang}.html"), "--root", str(root)],
                   check=True, capture_output=True)
    return (out / f"report-{lang}.csv").read_bytes().decode("utf-8")


def class_csv(page: Page) -> str:
    with page.expect_download() as info:
        page.locator("[data-action=csv]").click()
    return Path(info.value.path()).read_bytes().decode("utf-8")


def strings(page: Page) -> dict[str, str]:
    return json.loads(page.locator("[data-kb-class]").get_attribute("data-i18n") or "{}")


def serious_axe_violations(page: Page) -> list[Any]:
    page.add_script_tag(content=AXE)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


# -- The shared vectors ---------------------------------------------------------------------------

def test_the_shared_vectors(server: str, open_page: Callable[..., Watched]) -> None:
    """kb-results.js gives, bit for bit after rounding, the figures worked out by hand."""
    w = open_page()
    w.page.goto(class_url(server, "en"))
    got = w.page.evaluate("""v => {
      const k = window.kbResults, quizzes = [v.quiz], langs = v.languages;
      const error = f => { try { f(); return null; } catch (e) { return e.key || String(e); } };
      return {
        codes: v.codes.map(c => [k.resultCode(v.quiz, c.lang, c.answers),
                                 k.readCode(quizzes, langs, c.code)]),
        badCodes: v.bad_codes.map(c => error(() => k.readCode(quizzes, langs, c.code))),
        badFiles: v.bad_files.map(c => error(() => k.readFile(quizzes, langs, c.text))),
        goodFiles: v.good_files.map(c => k.readFile(quizzes, langs, c.text)),
        files: v.codes.map(c => k.resultFile(v.quiz, c.lang, c.answers, "  Ola ")),
        classes: v.classes.map(c => k.quizStats(v.quiz, c.results)),
      };
    }""", VECTORS)
    quiz = VECTORS["quiz"]
    assert [c for c, _ in got["codes"]] == [c["code"] for c in VECTORS["codes"]]
    assert [r for _, r in got["codes"]] == [
        {"quiz": quiz["id"], "version": quiz["version"], "lang": c["lang"], "name": None,
         "answers": c["answers"]} for c in VECTORS["codes"]]
    assert got["badCodes"] == [c["key"] for c in VECTORS["bad_codes"]]
    assert got["badFiles"] == [c["key"] for c in VECTORS["bad_files"]]
    assert got["goodFiles"] == [c["result"] for c in VECTORS["good_files"]]
    # A file the page writes is one it reads back, with the name trimmed.
    for document, case in zip(got["files"], VECTORS["codes"], strict=True):
        assert document["name"] == "Ola" and document["answers"] == case["answers"]
    for stats, case in zip(got["classes"], VECTORS["classes"], strict=True):
        want = case["expected"]
        questions = {q["question"]: {k: q[k] for k in want["questions"]["q1"]}
                     for q in stats["questions"]}
        assert questions == want["questions"], case["name"]
        assert [q["number"] for q in stats["questions"]] == [1, 2, 3, 4, 5]
        # In the page's order: the largest share first, ties by id.
        assert [(m["misconception"], [m["fell"], m["exposed"]])
                for m in stats["misconceptions"]] == list(want["misconceptions"].items())
        for name in ("distribution", "mean", "median", "passed"):
            assert stats[name] == want[name], (case["name"], name)
        assert stats["learners"] == len(case["results"])
    assert w.errors == []


# -- Sharing a result -----------------------------------------------------------------------------

def test_sharing_after_show_solution_keeps_the_earned_result(
        server: str, open_page: Callable[..., Watched], tmp_path: Path,
        built_base: Path) -> None:
    w = open_page()
    page = w.page
    page.goto(quiz_url(server, "da"))
    share = page.locator("[data-kb-share]")
    expect(share).to_be_hidden()  # nothing checked yet
    take(page, "basics", {"colour": ["b"], "fruits": ["a"]})
    code = page.locator("[data-share-code]").input_value()
    page.locator("[data-action=solution]").click()
    # The solution is shown beside the answers, the score and the result shared the earned ones.
    expect(page.locator("[data-summary]")).to_contain_text("Løsningen vises")
    expect(page.locator("[data-summary] .kb-quiz__score")).not_to_contain_text("100")
    expect(share).to_be_visible()
    expect(page.locator("[data-share-note]")).to_be_visible()
    assert page.locator("[data-share-code]").input_value() == code
    document = json.loads(download_result(page, tmp_path, "shared.json").read_text(
        encoding="utf-8"))
    assert document == {"format": "kb-quiz-result", "quiz": "basics",
                        "version": document["version"], "lang": "da",
                        "answers": {"colour": ["b"], "fruits": ["a"], "floats": [], "spot": []},
                        "score": 12}  # 0 + 1/2 + 0 + 0 of 4
    project, _ = load_project(built_base.parent)
    decoded = read_result_code(project, project.config.codes, code)
    assert dict(decoded.answers) == {"colour": {"b"}, "fruits": {"a"}, "floats": set(),
                                     "spot": set()}
    # After a reload the solution is shown again: nothing earned is known, nothing is offered.
    page.reload()
    expect(page.locator("[data-summary] .kb-quiz__score")).to_be_visible()
    expect(share).to_be_hidden()
    # Trying again hides it until the next check.
    page.locator("[data-action=retry]").click()
    take(page, "basics", {"colour": ["a"]})
    expect(page.locator("[data-share-note]")).to_be_hidden()
    page.locator("[data-action=retry]").click()
    expect(share).to_be_hidden()
    assert w.errors == [] and w.foreign == []


def test_copying_the_code_with_and_without_the_clipboard(
        server: str, browser: Browser, built_base: Path) -> None:
    with_clipboard = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = with_clipboard.new_page()
    page.goto(quiz_url(server, "en"))
    take(page, "basics", {"colour": ["a"], "floats": ["true"]})
    code = page.locator("[data-share-code]").input_value()
    assert code.startswith("basics.") and code.count(".") == 4
    page.get_by_role("button", name="Copy the code").click()
    expect(page.locator("[data-share-copied]")).to_have_text("Copied.")
    assert page.evaluate("navigator.clipboard.readText()") == code
    with_clipboard.close()
    # Plain http has no Clipboard API: the code is selected and the reader told to copy it.
    plain = browser.new_context()
    plain.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', "
                          "{get: () => undefined})")
    page = plain.new_page()
    page.goto(quiz_url(server, "pl"))
    take(page, "basics", {"colour": ["a"]})
    page.locator("[data-action=share-copy]").click()
    project, _ = load_project(built_base.parent)
    by_hand = ("The code is selected: press Ctrl+C (⌘C on a Mac) to copy it. On a phone, touch "
               "and hold the code, then choose Copy.")
    hint = project.translations("pl").gettext(by_hand)
    assert hint != by_hand
    expect(page.locator("[data-share-copied]")).to_have_text(hint)
    selected = page.evaluate("""() => { const i = document.querySelector('[data-share-code]');
      return [document.activeElement === i, i.value.slice(i.selectionStart, i.selectionEnd)]; }""")
    assert selected == [True, page.locator("[data-share-code]").input_value()]
    plain.close()


# -- A class of twelve ----------------------------------------------------------------------------

# (language, quiz, answers, shared as): a file (with a pseudonym, or none), or the code.
LEARNERS: list[tuple[str, str, dict[str, list[str]], str | None]] = [
    ("pl", "basics", {"colour": ["a"], "fruits": ["a", "b"], "floats": ["true"], "spot": ["a"]},
     "Ola"),
    ("nl", "basics", {"colour": ["b"], "fruits": ["a", "c"], "floats": ["false"], "spot": ["b"]},
     "code"),
    ("da", "basics", {"colour": ["a"], "fruits": ["a"], "floats": ["true"]}, HOSTILE),
    ("en", "basics", {"colour": ["c"], "fruits": ["a", "b", "c"], "floats": ["true"],
                      "spot": ["a"]}, None),
    ("pl", "basics", {"colour": ["b"], "fruits": ["b"], "floats": ["false"], "spot": ["a"]},
     "code"),
    ("nl", "basics", {"colour": ["a"], "fruits": ["a", "b"], "spot": ["b"]}, None),
    ("da", "shuffled", {"colour": ["a"], "fruits": ["a", "b"], "floats": ["true"], "spot": ["a"]},
     None),
    ("en", "shuffled", {"colour": ["b"], "fruits": ["c"], "floats": ["false"], "spot": ["b"]},
     "code"),
    ("pl", "shuffled", {"colour": ["a"], "fruits": ["a"], "floats": ["true"], "spot": ["b"]},
     "=cmd|' /C calc'!A0"),
    ("nl", "shuffled", {"colour": ["c"], "fruits": ["a", "b"], "floats": ["false"],
                        "spot": ["a"]}, "code"),
    ("da", "basics", {"colour": ["a"], "fruits": ["a", "b"], "floats": ["true"], "spot": ["a"]},
     None),
    ("en", "basics", {"colour": ["b"], "fruits": ["a", "b"]}, "solution"),
]


@pytest.fixture(scope="module")
def room(server: str, browser: Browser, built_base: Path,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[list[Path], list[str]]]:
    """Twelve learners, each in their own browser: the files they downloaded (in the order
    handed in) and the codes they copied."""
    folder = tmp_path_factory.mktemp("room")
    project, _ = load_project(built_base.parent)
    files: list[Path] = []
    codes: list[str] = []
    for n, (lang, quiz, plan, shared) in enumerate(LEARNERS, start=1):
        context = browser.new_context()
        # A fixed draw for the quiz that draws, so that a failure can be replayed.
        key = f"kb-quiz:v1:{site_key(project)}:{lang}:{quiz}"
        state = json.dumps({"v": 1, "seed": n * 7919, "answers": {}})
        context.add_init_script(f"try {{ if (!localStorage.getItem({json.dumps(key)})) "
                                f"localStorage.setItem({json.dumps(key)}, {json.dumps(state)}); }}"
                                " catch (e) {}")
        page = context.new_page()
        page.goto(quiz_url(server, lang, quiz))
        take(page, quiz, plan)
        if shared == "solution":
            page.locator("[data-action=solution]").click()
        if shared == "code":
            codes.append(page.locator("[data-share-code]").input_value())
        else:
            files.append(download_result(page, folder, f"{n:02d}-{quiz}-{lang}-result.json",
                                         shared if shared not in (None, "solution") else ""))
        context.close()
    yield files, codes


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_a_class_of_twelve_gives_the_csv_of_kb_quiz_report(
        lang: str, room: tuple[list[Path], list[str]], server: str, built_base: Path,
        open_page: Callable[..., Watched], tmp_path: Path) -> None:
    files, codes = room
    solution = json.loads(files[-1].read_text(encoding="utf-8"))
    assert solution["score"] == 25 and "name" not in solution  # earned before the solution
    w = open_page()
    page = w.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(class_url(server, lang))
    page.set_input_files("#class-files", [str(f) for f in files])
    page.fill("#class-codes", "\n".join(["", *codes, "  "]))
    page.locator(".kb-class__input button[type=submit]").click()
    expect(page.locator("[data-kb-class] section.kb-class__quiz")).to_have_count(2)
    assert page.locator("[data-errors] li").count() == 0
    project, _ = load_project(built_base.parent)
    t = project.translations(lang)
    expect(page.locator("[data-count]")).to_have_text(
        t.ngettext("%(num)d learner", "%(num)d learners", 12) % {"num": 12} + " · "
        + t.ngettext("%(num)d quiz", "%(num)d quizzes", 2) % {"num": 2})
    # The browser reads the codes after the files, as the command line reads a file of codes
    # given last.
    (tmp_path / "codes.txt").write_text("\n".join(codes) + "\n", encoding="utf-8")
    expected = quiz_report_csv(built_base.parent, [*files, tmp_path / "codes.txt"], lang,
                               tmp_path)
    got = class_csv(page)
    assert got == expected
    assert got.startswith("\ufeff") and got.count("\r\n") == 1 + 4 + 4
    # Names are never shown, and a name or a text is never markup.
    text = page.locator("article").inner_text()
    assert "Ola" not in text and "calc" not in text and HOSTILE not in text
    assert page.locator("article img").count() == 0 and dialogs == []
    # The questions most people missed first, each linked to its presenter screen.
    basics = page.locator("section.kb-class__quiz[data-quiz=basics]")
    links = basics.locator(".kb-class__present a")
    assert links.count() == 4
    hrefs = [links.nth(i).get_attribute("href") for i in range(4)]
    assert sorted(hrefs) == [f"../basics/present/index.html#q{n}" for n in (1, 2, 3, 4)]
    facilities = basics.locator(".kb-class__question").evaluate_all(
        "qs => qs.map(q => parseInt(q.querySelector('.kb-class__figures span:nth-child(2)')"
        ".textContent.split(': ')[1], 10))")
    assert facilities == sorted(facilities)
    assert w.errors == [] and w.foreign == []


def test_the_class_figures_on_screen(room: tuple[list[Path], list[str]], server: str,
                                     open_page: Callable[..., Watched], built_base: Path) -> None:
    """The basics quiz of the room, in Polish: 8 learners (6 by file, 2 by code; the file of
    the learner who showed the solution counts what they had earned)."""
    files, codes = room
    w = open_page()
    page = w.page
    page.goto(class_url(server, "pl"))
    basics = [f for f in files if "-basics-" in f.name]
    page.set_input_files("#class-files", [str(f) for f in basics])
    page.fill("#class-codes", "\n".join(c for c in codes if c.startswith("basics.")))
    page.locator(".kb-class__input button[type=submit]").click()
    section = page.locator("section.kb-class__quiz[data-quiz=basics]")
    t = load_project(built_base.parent)[0].translations("pl")
    expect(section.locator(".kb-class__about").first).to_have_text(
        t.ngettext("%(num)d learner", "%(num)d learners", 8) % {"num": 8} + " · "
        + t.gettext("Languages: %(languages)s")
        % {"languages": "Polski (2), Dansk (2), English (2), Nederlands (2)"})
    expect(section.locator(".kb-class__indicative")).to_have_count(0)
    # colour: a a c a b a b b: 4 of 8 right; the wrong option chosen most is B, a card.
    colour = section.locator(".kb-class__question", has=page.locator(
        "a[href$='#q1']"))
    expect(colour.locator(".kb-class__figures")).to_contain_text("50%")
    expect(colour.locator(".kb-class__wrong")).to_contain_text("B: Łodzią (3)")
    card = colour.locator(".kb-class__wrong a")
    expect(card).to_have_text("Jabłko to rodzaj łodzi.")
    assert card.get_attribute("href") == "../../misconceptions.html#apple-is-a-boat"
    rows = colour.locator("tbody tr").evaluate_all(
        "rs => rs.map(r => [...r.cells].map(c => c.textContent.trim()))")
    assert rows == [["A ✓ Poprawna odpowiedź", "Owocem", "4"], ["B", "Łodzią", "3"],
                    ["C", "Lampą", "1"], ["–", "Brak odpowiedzi", "0"]]
    # The misconception's row: fell for it (chose B in colour, or missed spot).
    misconception = section.locator(".kb-class__table").last.locator("tbody tr")
    expect(misconception).to_have_count(1)
    assert w.errors == []


def test_the_share_code_round_trips_into_the_class_view(
        server: str, open_page: Callable[..., Watched]) -> None:
    learner = open_page().page
    learner.goto(quiz_url(server, "nl"))
    take(learner, "basics", {"colour": ["b"], "fruits": ["a", "b"], "floats": ["false"]})
    code = learner.locator("[data-share-code]").input_value()
    w = open_page()
    page = w.page
    page.goto(class_url(server, "da"))
    # Read case-insensitively and with white space removed.
    page.fill("#class-codes", "  " + code.upper().replace(".", ". ", 1))
    page.locator(".kb-class__input button[type=submit]").click()
    section = page.locator("section.kb-class__quiz[data-quiz=basics]")
    expect(section).to_be_visible()
    expect(section.locator(".kb-class__about").first).to_contain_text("Nederlands (1)")
    expect(section.locator(".kb-class__indicative")).to_be_visible()
    # 0 + 1 + 0 + 0 of 4: 25 %, the score the learner saw.
    expect(section.locator(".kb-class__overview tbody tr").first).to_contain_text("25")
    assert w.errors == [] and w.foreign == []


# -- Bad input ------------------------------------------------------------------------------------

def test_bad_files_and_codes_are_refused_one_by_one(
        server: str, open_page: Callable[..., Watched], tmp_path: Path,
        built_base: Path) -> None:
    project, _ = load_project(built_base.parent)
    basics = next(q for q in project.quizzes if q.id == "basics")
    good = {"format": "kb-quiz-result", "quiz": "basics", "version": basics.version,
            "lang": "pl", "answers": {"colour": ["a"]}, "score": 100}
    bad = {
        "notes.txt": ("notJson", "{ not json"),
        "assessment.json": ("notResult", json.dumps({**good, "format": "kb-assessment-answers"})),
        "other.json": ("unknownQuiz", json.dumps({**good, "quiz": "other"})),
        "old.json": ("otherVersion", json.dumps({**good, "version": "00000000"})),
        "swedish.json": ("badLanguage", json.dumps({**good, "lang": "sv"})),
        f"{HOSTILE}.json": ("badAnswers", json.dumps({**good, "answers": {HOSTILE: ["a"]}})),
        "tampered.json": ("badScore", json.dumps({**good, "answers": {"colour": ["b"]}})),
        "named.json": ("badName", json.dumps({**good, "name": "x" * 61})),
        "empty.txt": ("noResults", " \n\n"),
        "latin1.json": ("unreadable", None),
        "huge.json": ("notJson", None),
    }
    paths = []
    for name, (_, text) in bad.items():
        path = tmp_path / name
        if name == "latin1.json":
            path.write_bytes(json.dumps({**good, "name": "Zoë"}, ensure_ascii=False)
                             .encode("latin-1"))
        elif name == "huge.json":
            path.write_text(json.dumps({**good, "pad": "x" * 1_000_000}), encoding="utf-8")
        else:
            path.write_text(text or "", encoding="utf-8")
        paths.append(str(path))
    (tmp_path / "good.json").write_text(json.dumps(good), encoding="utf-8")
    paths.append(str(tmp_path / "good.json"))
    for lang in ("en", "da"):
        w = open_page()
        page = w.page
        dialogs: list[str] = []
        page.on("dialog", lambda d, dialogs=dialogs: (dialogs.append(d.message), d.dismiss()))
        page.goto(class_url(server, lang))
        i18n = strings(page)
        page.set_input_files("#class-files", paths)
        expect(page.locator("section.kb-class__quiz")).to_have_count(1)  # good.json
        errors = page.locator("[data-errors] li").all_text_contents()
        assert errors == [i18n[key].replace("%(source)s", name).replace("%(max)s", "60")
                          for name, (key, _) in bad.items()], lang
        # Each key its own message; a file name is text, never markup.
        keys = {key for key, _ in bad.values()}
        assert len({i18n[key] for key in keys}) == len(keys)
        assert page.locator("[data-errors] img, article img").count() == 0 and dialogs == []
        # Codes, line by line (blank lines count in the numbering, and are skipped).
        page.fill("#class-codes", "\n".join([
            "basics.00000000.pl.1111.abcd",  # its check does not match
            VECTORS["bad_codes"][7]["code"],  # a quiz this site does not have
            "", "not a code"]))
        page.locator(".kb-class__input button[type=submit]").click()
        line = i18n["line"]
        assert page.locator("[data-errors] li").all_text_contents() == [
            i18n[key].replace("%(source)s", line.replace("%(num)s", str(n)))
            for n, key in ((1, "badCode"), (2, "unknownQuiz"), (4, "badCode"))]
        if lang == "en":
            assert page.locator("[data-errors] li").first.inner_text() == (
                "line 1: not a quiz result code, or mistyped.")
        expect(page.locator("section.kb-class__quiz")).to_have_count(1)
        assert w.errors == [] and w.foreign == []


def test_hostile_texts_stay_text(browser: Browser, tmp_path: Path) -> None:
    """Titles, options and cards that would break an attribute or spell a tag are shown as the
    text they are, on the quiz page's share block, in the class view and in its CSV."""
    root = make_project("base", tmp_path)
    breaker = '" onmouseover="alert(1)" x="'
    entities = "&lt;img src=x onerror=alert(2)&gt;"
    quiz = root / "quizzes" / "basics.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8")
                    .replace("title: Fruit basics", f"title: '{breaker}'")
                    .replace("c: A lamp}", f"c: \"{entities}\"}}"), encoding="utf-8")
    card = root / "glossary" / "misconceptions" / "apple-is-a-boat.yml"
    card.write_text(card.read_text(encoding="utf-8").replace(
        "claim: An apple is a kind of boat.", f"claim: '{breaker}'"), encoding="utf-8")
    result = run_cli("build", "--root", str(root))
    assert result.exit_code == 0, result.output
    site = root / "site" / "en"
    context = browser.new_context()
    page = context.new_page()
    ran: list[str] = []
    page.on("dialog", lambda d: (ran.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: ran.append(str(e)))
    page.goto((site / "quizzes" / "basics" / "index.html").as_uri())
    take(page, "basics", {"colour": ["c"], "fruits": ["c"]})
    code = page.locator("[data-share-code]").input_value()
    page.goto((site / "quizzes" / "class" / "index.html").as_uri())  # from file:// too
    page.fill("#class-codes", code)
    page.locator(".kb-class__input button[type=submit]").click()
    section = page.locator("section.kb-class__quiz")
    expect(section.locator("h3")).to_have_text(breaker)
    expect(section).to_contain_text(f"C: {entities} (1)")
    expect(section.locator(".kb-class__table").last).to_contain_text(breaker)
    for target in section.locator("h3, td, th").all():
        target.hover()
    assert page.locator("[onmouseover], [onerror], article img").count() == 0
    assert ran == []
    context.close()


def test_dropping_files_adds_them(server: str, open_page: Callable[..., Watched],
                                  built_base: Path) -> None:
    project, _ = load_project(built_base.parent)
    basics = next(q for q in project.quizzes if q.id == "basics")
    result = {"format": "kb-quiz-result", "quiz": "basics", "version": basics.version,
              "lang": "nl", "answers": {"colour": ["a"], "fruits": ["a", "b"]}, "score": 100}
    w = open_page()
    page = w.page
    page.goto(class_url(server, "nl"))
    page.evaluate("""([result, bad]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([JSON.stringify(result)], "a.json", {type: "application/json"}));
      dt.items.add(new File([bad], "b.json", {type: "application/json"}));
      const target = document.querySelector("[data-drop]");
      for (const type of ["dragenter", "dragover", "drop"]) {
        target.dispatchEvent(new DragEvent(type, {dataTransfer: dt, bubbles: true, cancelable: true}));
      }
    }""", [result, json.dumps({**result, "version": "00000000"})])
    expect(page.locator("section.kb-class__quiz[data-quiz=basics]")).to_be_visible()
    expect(page.locator("[data-errors] li")).to_have_text(
        [strings(page)["otherVersion"].replace("%(source)s", "b.json")])
    page.locator("[data-action=clear]").click()
    expect(page.locator("[data-results]")).to_be_hidden()
    assert w.errors == []


# -- Accessibility and small screens --------------------------------------------------------------

@pytest.mark.parametrize("lang", ["pl", "en"])
def test_axe_and_a_narrow_screen(lang: str, room: tuple[list[Path], list[str]], server: str,
                                 open_page: Callable[..., Watched]) -> None:
    files, codes = room
    w = open_page()
    page = w.page
    page.goto(class_url(server, lang))
    assert serious_axe_violations(page) == []
    page.set_input_files("#class-files", [str(f) for f in files])
    page.fill("#class-codes", "\n".join(codes))
    page.locator(".kb-class__input button[type=submit]").click()
    expect(page.locator("section.kb-class__quiz")).to_have_count(2)
    assert serious_axe_violations(page) == []
    page.goto(quiz_url(server, lang))
    take(page, "basics", {"colour": ["b"]})
    assert serious_axe_violations(page) == []
    for url in (quiz_url(server, lang), class_url(server, lang)):
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(url)
        if "class" in url:
            page.set_input_files("#class-files", [str(f) for f in files])
            expect(page.locator("section.kb-class__quiz")).to_have_count(2)
        else:
            take(page, "basics", {"colour": ["b"]})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
    assert w.errors == [] and w.foreign == []
