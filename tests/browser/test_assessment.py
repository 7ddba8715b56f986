"""The self-assessment and the team view in Chromium: the shared vectors, taking it in Polish,
storage, download and import, a team of three languages, bad files, printing, axe-core."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from builder.assessment import share_code
from builder.load import load_project
from tests.browser.conftest import Watched
from tests.conftest import ROOTS
from tests.unit.test_assessment import VECTORS
from tests.unit.test_report import EXPECTED_CSV_PL, MEMBERS

pytestmark = pytest.mark.browser

AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def page_url(server: str, lang: str, team: bool = False) -> str:
    return f"{server}/{lang}/assessment/{'team/' if team else ''}index.html"


def fill(page: Page, answers: dict[str, Any]) -> None:
    for statement, value in answers.items():
        page.check(f"#{statement}--{value}")


def table(page: Page, selector: str) -> list[list[str]]:
    return page.locator(selector).evaluate(
        "t => [...t.rows].map(r => [...r.cells].map(c => c.textContent.trim()))")


def test_the_shared_vectors(server: str, open_page: Callable[..., Watched]) -> None:
    """kb-assessment.js gives the figures that builder/assessment.py gives (tests/unit)."""
    w = open_page()
    w.page.goto(page_url(server, "da"))
    got = w.page.evaluate("""v => {
      const k = window.kbAssessment, s = v.structure, out = {profiles: [], teams: [], codes: [], bad: []};
      v.profiles.forEach(c => out.profiles.push(Object.fromEntries(
        k.profile(s, c.answers).map(r => [r.id, [r.score, r.level, r.answered]]))));
      v.teams.forEach(c => out.teams.push(Object.fromEntries(
        k.team(s, c.members.map(i => v.profiles[i].answers)).map(r => [r.id, {scores: r.scores,
          mean: r.mean, low: r.low, high: r.high, sd: r.sd, disagree: r.disagree, level: r.level}]))));
      v.codes.forEach(c => out.codes.push([k.shareCode(s, c.answers), k.readCode(s, c.code)]));
      const error = f => { try { f(); return null; } catch (e) { return e.key; } };
      v.bad_codes.forEach(c => out.bad.push(error(() => k.readCode(s, c.code))));
      v.bad_files.forEach(c => out.bad.push(error(() => k.readFile(s, c.text))));
      out.good = v.good_files.map(c => k.readFile(s, c.text));
      return out;
    }""", VECTORS)
    assert got["profiles"] == [c["expected"] for c in VECTORS["profiles"]]
    for result, case in zip(got["teams"], VECTORS["teams"], strict=True):
        for dimension, want in case["expected"].items():
            for name in ("mean", "sd"):
                if want[name] is not None:
                    assert result[dimension][name] == pytest.approx(want[name], rel=1e-12)
            assert {k: v for k, v in result[dimension].items() if k not in ("mean", "sd")} == {
                k: v for k, v in want.items() if k not in ("mean", "sd")}
    assert got["codes"] == [[c["code"], c["answers"]] for c in VECTORS["codes"]]
    assert got["bad"] == [c["error"] for c in [*VECTORS["bad_codes"], *VECTORS["bad_files"]]]
    assert got["good"] == [c["answers"] for c in VECTORS["good_files"]]
    assert w.errors == []


def test_taking_it_in_polish(server: str, open_page: Callable[..., Watched]) -> None:
    w = open_page()
    page = w.page
    page.goto(page_url(server, "pl"))
    expect(page.locator("[data-progress]")).to_have_text("Odpowiedzi: 0 z 7.")
    # Labels are real: clicking the text chooses the answer.
    page.get_by_label("zawsze").first.click()
    fill(page, MEMBERS["ania-pl.json"])
    expect(page.locator("[data-progress]")).to_have_text("Odpowiedzi: 7 z 7.")
    expect(page.locator("[data-results]")).to_be_hidden()  # no results on change
    page.get_by_role("button", name="Pokaż wyniki").click()
    results = page.locator("[data-results]")
    expect(results).to_be_visible()
    assert page.evaluate("document.activeElement.id") == "assessment-results"
    assert table(page, ".kb-results__table") == [
        ["Obszar", "Wynik", "Poziom", "Odpowiedzi"],
        ["Mycie", "100", "Mocna strona", "2/2"],
        ["Przechowywanie", "75", "Mocna strona", "3/3"],
        ["Dzielenie się", "100", "Mocna strona", "1/2"]]
    # The radar: one axis and one point per dimension scored, drawn as inline SVG.
    radar = page.locator("[data-radar]")
    assert radar.locator("line.kb-radar__axis").count() == 3
    assert radar.locator("circle").count() == 3
    assert radar.locator("text").all_text_contents() == ["Mycie", "Przechowywanie",
                                                         "Dzielenie się"]
    # Next steps, weakest first, with glossary links resolved for this page.
    steps = page.locator("[data-steps] .kb-step")
    expect(steps.first.locator("h3")).to_contain_text("Przechowywanie")
    expect(steps.first.locator("h3")).to_contain_text("Mocna strona · 75 na 100")
    link = steps.first.get_by_role("link", name="jabłek")
    assert link.get_attribute("href") == "../glossary/apple/index.html"
    expect(page.locator("[data-note]")).to_be_hidden()
    assert w.errors == [] and w.foreign == []


def test_reload_keeps_the_answers_and_reset_clears_them(
        server: str, open_page: Callable[..., Watched]) -> None:
    page = open_page().page
    page.goto(page_url(server, "pl"))
    fill(page, {"wash": 2, "bowl": "dont-know"})
    page.reload()
    assert page.is_checked("#wash--2") and page.is_checked("#bowl--dont-know")
    expect(page.locator("[data-results]")).to_be_hidden()
    page.get_by_role("button", name="Pokaż wyniki").click()
    expect(page.locator("[data-note]")).to_be_visible()  # not every statement answered
    page.reload()
    expect(page.locator("[data-results]")).to_be_visible()  # results shown again
    # Answers are stored without language: the Danish page shows them too.
    page.goto(page_url(server, "da"))
    assert page.is_checked("#wash--2")
    page.get_by_role("button", name="Slet mine svar").click()
    expect(page.locator("[data-results]")).to_be_hidden()
    page.reload()
    assert page.locator("input:checked").count() == 0


def test_stored_data_that_is_broken_or_old_is_ignored(
        server: str, open_page: Callable[..., Watched]) -> None:
    w = open_page()
    w.page.goto(page_url(server, "en"))
    key = w.page.evaluate("""() => { const f = document.querySelector('[data-kb-assessment]');
      return ['kb-assessment', 'v1', f.dataset.site, 'fruit-habits', 1].join(':'); }""")
    for bad in ["{not json", '{"v": 1, "answers": {"wash": 9}}', '{"v": 0, "answers": {}}',
                '{"v": 1, "answers": {"<img src=x onerror=alert(1)>": 3}}']:
        w.page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, bad])
        w.page.reload()
        assert w.page.locator("input:checked").count() == 0
    assert w.errors == []


def download_answers(page: Page, server: str, lang: str, answers: dict[str, Any],
                     folder: Path, name: str) -> Path:
    page.goto(page_url(server, lang))
    fill(page, answers)
    page.locator(".kb-assessment button[type=submit]").click()
    with page.expect_download() as info:
        page.locator("[data-action=download]").click()
    path = folder / name
    info.value.save_as(path)
    return path


def test_a_team_of_three_languages(server: str, open_page: Callable[..., Watched],
                                   tmp_path: Path) -> None:
    """Members answer in Polish, Danish and English; the Polish team view combines them and its
    CSV is the one the command line writes (tests/unit/test_report.py)."""
    files = []
    for (name, answers), lang in zip(MEMBERS.items(), ("pl", "da", "en"), strict=True):
        member = open_page().page  # each member in their own browser
        files.append(download_answers(member, server, lang, answers, tmp_path, name))
    document = json.loads(files[1].read_text(encoding="utf-8"))
    assert document == {"format": "kb-assessment-answers", "instrument": "fruit-habits",
                        "version": 1, "answers": MEMBERS["bo-da.json"]}
    w = open_page()
    page = w.page
    page.goto(page_url(server, "pl", team=True))
    page.set_input_files("#team-files", [str(f) for f in files])
    expect(page.locator("[data-count]")).to_have_text("Zespół: 3 osoby")
    expect(page.locator("[data-messages]")).to_have_text("Dodano: A, B, C.")
    assert table(page, ".kb-results__table")[1:] == [
        ["Mycie", "75,0", "50–100", "20,4", "Mocna strona", "Zgodne oceny"],
        ["Przechowywanie", "44,0", "13–75", "31,0", "Wymaga uwagi", "⚠ Rozbieżne oceny"],
        ["Dzielenie się", "62,7", "13–100", "36,6", "Mocna strona", "⚠ Rozbieżne oceny"]]
    assert table(page, ".kb-heatmap") == [
        ["Obszar", "A", "B", "C"], ["Mycie", "100", "50", "75"],
        ["Przechowywanie", "75", "13", "–"], ["Dzielenie się", "100", "13", "75"]]
    assert page.locator("[data-radar] line.kb-radar__range").count() == 3
    expect(page.locator("[data-steps] .kb-step h3").first).to_contain_text("Przechowywanie")
    with page.expect_download() as info:
        page.get_by_role("button", name="Pobierz tabelę (CSV)").click()
    csv = Path(info.value.path()).read_bytes().decode("utf-8")
    assert csv == EXPECTED_CSV_PL
    # Removing a member recomputes the team.
    page.get_by_role("button", name="Usuń C").click()
    expect(page.locator("[data-count]")).to_have_text("Zespół: 2 osoby")
    assert w.errors == [] and w.foreign == []


def test_share_codes_and_bad_files_one_by_one(server: str, open_page: Callable[..., Watched],
                                              tmp_path: Path) -> None:
    project, _ = load_project(ROOTS / "base")
    assert project.assessment is not None
    codes = [share_code(project.assessment, answers) for answers in MEMBERS.values()]
    w = open_page()
    page = w.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(page_url(server, "en", team=True))
    page.fill("#team-codes", "\n".join([codes[0], "not-a-code", "", codes[1], codes[0]]))
    page.get_by_role("button", name="Add the codes").click()
    expect(page.locator("[data-count]")).to_have_text("Team of 2 members")
    assert page.locator("[data-errors] li").all_text_contents() == [
        "line 2: not a share code of this self-assessment, or mistyped.",
        "line 5: these answers are already loaded."]
    good = {"format": "kb-assessment-answers", "instrument": "fruit-habits", "version": 1}
    bad_files = {
        "notes.txt": "not json",
        "old.json": json.dumps({**good, "version": 0, "answers": {"wash": 3}}),
        "<img src=x onerror=alert(1)>.json": json.dumps({**good, "answers": {"wash": 3, "x": 1}}),
        "tampered.json": json.dumps({**good, "answers": {"wash": "<b>5</b>"}}),
        "chris.json": json.dumps({**good, "answers": MEMBERS["chris-en.json"]}),
    }
    paths = []
    for name, text in bad_files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    page.set_input_files("#team-files", paths)
    expect(page.locator("[data-count]")).to_have_text("Team of 3 members")
    assert sorted(page.locator("[data-errors] li").all_text_contents()) == sorted([
        "notes.txt: not a JSON file.",
        "old.json: answers to another version of this self-assessment.",
        "<img src=x onerror=alert(1)>.json: an answer is out of range or names an unknown "
        "statement.",
        "tampered.json: an answer is out of range or names an unknown statement."])
    # Imported text is never markup: no element was created from a file name or a value.
    assert page.locator("img, b").count() == 0 and dialogs == []
    assert w.errors == [] and w.foreign == []


def test_the_report_prints_on_one_page(server: str, open_page: Callable[..., Watched]) -> None:
    page = open_page().page
    page.goto(page_url(server, "nl"))
    fill(page, MEMBERS["bo-da.json"])
    page.locator(".kb-assessment button[type=submit]").click()
    page.emulate_media(media="print")
    expect(page.locator(".kb-assessment")).to_be_hidden()
    expect(page.locator("[data-results] .kb-results__table")).to_be_visible()
    assert len(PdfReader(io.BytesIO(page.pdf(format="A4"))).pages) == 1


@pytest.mark.parametrize("lang", ["en", "pl", "nl", "da"])
def test_axe_finds_no_serious_violations(lang: str, server: str,
                                         open_page: Callable[..., Watched], tmp_path: Path) -> None:
    w = open_page()
    path = download_answers(w.page, server, lang, MEMBERS["ania-pl.json"], tmp_path, "a.json")
    pages = {"assessment": None, "team": path}
    for name, upload in pages.items():
        if upload:
            w.page.goto(page_url(server, lang, team=True))
            w.page.set_input_files("#team-files", [str(upload)])
            expect(w.page.locator("[data-results]")).to_be_visible()
        w.page.add_script_tag(content=AXE)
        result = w.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], name
    assert w.errors == [] and w.foreign == []


def test_keyboard_only(server: str, open_page: Callable[..., Watched]) -> None:
    page = open_page().page
    page.goto(page_url(server, "en"))
    page.locator("#wash--1").focus()
    page.keyboard.press("ArrowRight")  # radio group: arrows move and choose
    assert page.is_checked("#wash--2")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    page.keyboard.press("Enter")
    expect(page.locator("[data-results]")).to_be_visible()
    assert page.evaluate("document.activeElement.id") == "assessment-results"
