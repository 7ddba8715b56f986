"""The self-assessment and the team view in Chromium: the shared vectors (scores, too few
answers, disagreement, comparisons, team files), taking it in Polish, storage, download and import,
a team of three languages, bad files, identical answers as two members, keep on this computer,
team files saved and loaded again, two sessions side by side with CSVs byte for byte the command
line's, printing, axe-core; on a phone (390x844) in every language: no sideways scrolling,
readable charts with a scale and a legend, 44 px tap targets, copying on a plain-http intranet,
printing without import notes or stranded headings, stored answers kept one by one and storage
that fails said so."""

from __future__ import annotations

import datetime
import functools
import io
import json
import re
import subprocess
import threading
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Page, Route, expect
from pypdf import PdfReader

from builder.assessment import read_team_file, share_code, team_file
from builder.load import load_project
from tests.browser.conftest import Watched, _QuietHandler
from tests.conftest import ROOTS, run_cli
from tests.unit.test_assessment import VECTOR_INSTRUMENT, VECTORS
from tests.unit.test_report import EXPECTED_CSV_PL, MEMBERS, team_file_text, write_members

pytestmark = pytest.mark.browser

AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


TEAM_TABLE = "table:has([data-table])"
COMPARE_TABLE = "table:has([data-compare-table])"


def page_url(server: str, lang: str, team: bool = False) -> str:
    return f"{server}/{lang}/assessment/{'team/' if team else ''}index.html"


def fill(page: Page, answers: dict[str, Any]) -> None:
    for statement, value in answers.items():
        page.check(f"#{statement}--{value}")


def table(page: Page, selector: str) -> list[list[str]]:
    return page.locator(selector).evaluate(
        "t => [...t.rows].map(r => [...r.cells].map(c => c.textContent.trim()))")


@pytest.fixture(scope="module")
def tr(built_base: Path) -> Callable[[str, str], str]:
    """An interface string as the built site shows it in a language (its catalogue's, or the
    English msgid where the catalogue has none yet)."""
    project, _ = load_project(built_base.parent)
    return lambda lang, msgid: project.translations(lang).gettext(msgid)


def test_the_shared_vectors(server: str, open_page: Callable[..., Watched]) -> None:
    """kb-assessment.js gives the figures that builder/assessment.py gives (tests/unit)."""
    w = open_page()
    w.page.goto(page_url(server, "da"))
    got = w.page.evaluate("""v => {
      const k = window.kbAssessment, s = v.structure, out = {profiles: [], teams: [], codes: [], bad: []};
      out.needed = v.needed.cases.map(c => k.needed(c[0]));
      v.profiles.forEach(c => out.profiles.push(Object.fromEntries(
        k.profile(s, c.answers).map(r => [r.id, [r.score, r.level, r.answered, r.tooFew]]))));
      v.teams.forEach(c => out.teams.push(Object.fromEntries(
        k.team(s, c.members.map(i => v.profiles[i].answers)).map(r => [r.id, {scores: r.scores,
          answered: r.answered, mean: r.mean, low: r.low, high: r.high, sd: r.sd,
          disagree: r.disagree, level: r.level, too_few: r.tooFew}]))));
      out.comparisons = v.comparisons.map(c => Object.fromEntries(
        k.compare(s, c.before, c.after).map(r => [r.id, {before: r.before, after: r.after,
          change: r.change, tenths: r.tenths,
          shown: r.tenths === null ? null : k.signed(r.tenths, ".", "\u2212"),
          trend: r.trend, level_before: r.levelBefore, level_after: r.levelAfter}])));
      v.codes.forEach(c => out.codes.push([k.shareCode(s, c.answers), k.readCode(s, c.code)]));
      const error = f => { try { f(); return null; } catch (e) { return [e.key, e.member || null]; } };
      v.bad_codes.forEach(c => out.bad.push(error(() => k.readCode(s, c.code))));
      v.bad_files.forEach(c => out.bad.push(error(() => k.readFile(s, c.text))));
      out.badTeams = v.bad_team_files.map(c => error(() => k.readTeam(s, c.text)));
      out.good = v.good_files.map(c => k.readFile(s, c.text));
      out.goodTeams = v.good_team_files.map(c => k.readTeam(s, c.text));
      // A saved session reads back as it was, and a single answer file is a session of one.
      const saved = k.teamFile(s, v.good_team_files[0].members, "2026-12-02", "Q4 workshop");
      out.roundTrip = [saved, k.readAny(s, JSON.stringify(saved)),
                       k.readAny(s, JSON.stringify(k.answerFile(s, v.codes[0].answers)))];
      return out;
    }""", VECTORS)
    assert got["needed"] == [want for _, want in VECTORS["needed"]["cases"]]
    assert got["profiles"] == [c["expected"] for c in VECTORS["profiles"]]
    for result, case in zip(got["teams"], VECTORS["teams"], strict=True):
        for dimension, want in case["expected"].items():
            for name in ("mean", "sd"):
                if want[name] is not None:
                    assert result[dimension][name] == pytest.approx(want[name], rel=1e-12)
            assert {k: v for k, v in result[dimension].items() if k not in ("mean", "sd")} == {
                k: v for k, v in want.items() if k not in ("mean", "sd")}, case["name"]
    for result, case in zip(got["comparisons"], VECTORS["comparisons"], strict=True):
        for dimension, want in case["expected"].items():
            change = result[dimension].pop("change")
            assert change == (None if want["change"] is None else pytest.approx(want["change"]))
            assert result[dimension] == {k: v for k, v in want.items() if k != "change"}, (
                case["name"], dimension)
    assert got["codes"] == [[c["code"], c["answers"]] for c in VECTORS["codes"]]
    assert got["bad"] == [[c["error"], None] for c in [*VECTORS["bad_codes"],
                                                       *VECTORS["bad_files"]]]
    assert got["badTeams"] == [[c["error"], c.get("member")] for c in VECTORS["bad_team_files"]]
    assert got["good"] == [c["answers"] for c in VECTORS["good_files"]]
    assert got["goodTeams"] == [{"members": c["members"], "label": c["label"], "saved": c["saved"]}
                                for c in VECTORS["good_team_files"]]
    saved, again, single = got["roundTrip"]
    first = VECTORS["good_team_files"][0]
    assert saved == team_file(VECTOR_INSTRUMENT, first["members"], datetime.date(2026, 12, 2),
                              "Q4 workshop")
    assert again == {"members": first["members"], "label": "Q4 workshop", "saved": "2026-12-02"}
    assert single == {"members": [VECTORS["codes"][0]["answers"]], "label": None, "saved": None}
    assert w.errors == []


def test_taking_it_in_polish(server: str, open_page: Callable[..., Watched],
                             tr: Callable[[str, str], str]) -> None:
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
        # One answer of two is too few for a score: not "strong, 100".
        ["Dzielenie się", tr("pl", "Too few answers"), "–", "1/2"]]
    # The radar: one axis per dimension and one point per dimension scored, as inline SVG.
    radar = page.locator("[data-radar]")
    assert radar.locator("line.kb-radar__axis").count() == 3
    assert radar.locator("circle").count() == 2
    assert radar.locator("text.kb-radar__label").all_text_contents() == [
        "Mycie", "Przechowywanie", "Dzielenie się"]
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
                                   tmp_path: Path, tr: Callable[[str, str], str]) -> None:
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
    # Washing: 100, 50, 75 has an sd of 20.4 but a range of two scale points: they disagree.
    # Ania answered one of the two sharing statements: too few, so she counts in no figure.
    assert table(page, TEAM_TABLE)[1:] == [
        ["Mycie", "75,0", "50–100", "20,4", "Mocna strona", "⚠ Rozbieżne oceny"],
        ["Przechowywanie", "44,0", "13–75", "31,0", "Wymaga uwagi", "⚠ Rozbieżne oceny"],
        ["Dzielenie się", "44,0", "13–75", "31,0", "Wymaga uwagi", "⚠ Rozbieżne oceny"]]
    too_few = tr("pl", "Too few answers (%(answered)s/%(total)s)")
    assert table(page, ".kb-heatmap") == [
        ["Obszar", "A", "B", "C"], ["Mycie", "100", "50", "75"],
        ["Przechowywanie", "75", "13", "–"],
        ["Dzielenie się", too_few % {"answered": 1, "total": 2}, "13", "75"]]
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
    # The same answers twice are two members (two people can answer alike); the page says so,
    # in case one person was loaded twice.
    expect(page.locator("[data-count]")).to_have_text("Team of 3 members")
    assert page.locator("[data-errors] li").all_text_contents() == [
        "line 2: not a share code of this self-assessment, or mistyped."]
    assert page.locator("[data-messages] p").all_text_contents() == [
        "Added: A, B, C.",
        "line 5: the same answers as member A; counted as another member. If the same person "
        "was loaded twice, remove one."]
    assert table(page, ".kb-heatmap")[1] == ["Washing", "100", "50", "100"]
    good = {"format": "kb-assessment-answers", "instrument": "fruit-habits", "version": 1}
    team = {"format": "kb-assessment-team", "instrument": "fruit-habits", "version": 1,
            "saved": "2026-09-15"}
    bad_files = {
        "notes.txt": "not json",
        "old.json": json.dumps({**good, "version": 0, "answers": {"wash": 3}}),
        "<img src=x onerror=alert(1)>.json": json.dumps({**good, "answers": {"wash": 3, "x": 1}}),
        "tampered.json": json.dumps({**good, "answers": {"wash": "<b>5</b>"}}),
        "chris.json": json.dumps({**good, "answers": MEMBERS["chris-en.json"]}),
        "other-team.json": json.dumps({**team, "instrument": "other", "members": [{"wash": 3}]}),
        "old-team.json": json.dumps({**team, "version": 0, "members": [{"wash": 3}]}),
        "label.json": json.dumps({**team, "label": "x" * 81, "members": [{"wash": 3}]}),
        "date.json": json.dumps({**team, "saved": "2026-02-30", "members": [{"wash": 3}]}),
        "nobody.json": json.dumps({**team, "members": []}),
        "member.json": json.dumps({**team, "members": [{"wash": 3}, {"<b>x</b>": 3}]}),
        "huge.json": json.dumps({**good, "answers": {"wash": 3}, "pad": "x" * 1_000_000}),
    }
    paths = []
    for name, text in bad_files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    page.set_input_files("#team-files", paths)
    expect(page.locator("[data-count]")).to_have_text("Team of 4 members")
    assert page.locator("[data-errors] li").all_text_contents() == [
        "notes.txt: not a JSON file.",
        "old.json: answers to another version of this self-assessment.",
        "<img src=x onerror=alert(1)>.json: an answer is out of range or names an unknown "
        "statement.",
        "tampered.json: an answer is out of range or names an unknown statement.",
        "other-team.json: not a team file of this self-assessment.",
        "old-team.json: answers to another version of this self-assessment.",
        "label.json: the team file's label must be 1 to 80 characters.",
        "date.json: the team file's date is not a date (yyyy-mm-dd).",
        "nobody.json: the team file holds no members.",
        "member.json: member 2 of the team file has answers out of range, to unknown "
        "statements, or none.",
        "huge.json: too large for an answer file or a team file."]
    # Imported text is never markup: no element was created from a file name or a value.
    assert page.locator("img, b").count() == 0 and dialogs == []
    assert w.errors == [] and w.foreign == []


# -- Sessions: kept on this computer, team files, two sessions side by side -----------------------

KEY = "kb-team:v1:post-purchase-dissonance:fruit-habits:1"
"""Where "Keep on this computer" stores the team view's session (site, instrument, version)."""
HOSTILE = '<img src=x onerror=alert(1)> Q3 "workshop"'
BEFORE = [
    # Last quarter, worked out by hand in tests/unit/test_report.py: washing 50, 50; storing 25,
    # 50; sharing 75, 75.
    {"wash": 3, "skip-washing": 3, "fridge": 2, "bowl": 2, "forget": 4, "share": 4, "offer": 4},
    {"wash": 3, "skip-washing": 3, "fridge": 3, "bowl": 3, "forget": 3, "share": 4, "offer": 4}]


def stored(page: Page) -> Any:
    return page.evaluate("k => JSON.parse(localStorage.getItem(k))", KEY)


def test_keep_on_this_computer(server: str, open_page: Callable[..., Watched],
                               tmp_path: Path) -> None:
    """Off by default; while ticked the members and the earlier session survive a reload, a
    language switch and Back; unticking forgets them."""
    files = write_members(tmp_path)
    before = tmp_path / "q3.json"
    before.write_text(team_file_text(BEFORE, label=HOSTILE), encoding="utf-8")
    w = open_page()
    page = w.page
    page.goto(page_url(server, "en", team=True))
    keep = page.get_by_label("Keep on this computer")
    expect(keep).not_to_be_checked()
    page.set_input_files("#team-files", files)
    expect(page.locator("[data-count]")).to_have_text("Team of 3 members")
    assert stored(page) is None  # a shared computer keeps nothing
    page.reload()
    expect(page.locator("[data-results]")).to_be_hidden()
    expect(keep).not_to_be_checked()
    page.set_input_files("#team-files", files)
    keep.check()
    page.set_input_files("#team-before", [str(before)])
    expect(page.locator("[data-compare]")).to_be_visible()
    kept = stored(page)
    assert kept["v"] == 1 and kept["members"] == list(MEMBERS.values())
    assert kept["before"] == {"members": BEFORE, "label": HOSTILE, "saved": "2026-09-15"}
    page.reload()
    expect(page.locator("[data-count]")).to_have_text("Team of 3 members")
    expect(keep).to_be_checked()
    expect(page.locator("[data-messages]")).to_contain_text("Kept on this computer: A, B, C.")
    expect(page.locator("[data-compare]")).to_be_visible()
    expect(page.locator("[data-before-status]")).to_contain_text(HOSTILE)
    # Answers hold no language: the Polish team view shows the same session.
    page.locator("a.md-select__link[hreflang=pl]").evaluate("a => a.click()")
    page.wait_for_url("**/pl/assessment/team/index.html")
    expect(page.locator("[data-count]")).to_have_text("Zespół: 3 osoby")
    expect(page.locator("#team-keep")).to_be_checked()
    page.go_back()
    page.wait_for_url("**/en/assessment/team/index.html")
    expect(page.locator("[data-count]")).to_have_text("Team of 3 members")
    expect(page.locator("[data-compare]")).to_be_visible()
    # Removing a member is kept too.
    page.get_by_role("button", name="Remove C").click()
    assert len(stored(page)["members"]) == 2
    keep.uncheck()
    assert stored(page) is None
    expect(page.locator("[data-count]")).to_have_text("Team of 2 members")  # still on screen
    page.reload()
    expect(page.locator("[data-results]")).to_be_hidden()
    expect(keep).not_to_be_checked()
    assert page.locator("img").count() == 0
    assert w.errors == [] and w.foreign == []


def test_what_was_kept_is_checked_entry_by_entry(server: str,
                                                 open_page: Callable[..., Watched]) -> None:
    w = open_page()
    page = w.page
    page.goto(page_url(server, "en", team=True))
    flawed = {"v": 1, "members": [{"wash": 3, "skip-washing": 3}, {"wash": 9},
                                  {"<img src=x onerror=alert(1)>": 1}, [1], {"share": 5, "offer": 2}],
              "before": {"members": [{"wash": 4, "skip-washing": 2}, "x"], "label": "<b>Q3</b>",
                         "saved": "2026-13-01"}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(flawed)])
    page.reload()
    # The valid entries are kept, the page says that something was left out, and the store is
    # rewritten without the flawed ones.
    expect(page.locator("[data-count]")).to_have_text("Team of 2 members")
    assert page.locator("[data-messages] p").all_text_contents() == [
        "Kept on this computer: A, B.",
        "Part of what was kept on this computer could not be read and was left out."]
    expect(page.locator("[data-before-status]")).to_contain_text("<b>Q3</b>")
    assert stored(page) == {"v": 1, "members": [{"wash": 3, "skip-washing": 3},
                                                {"share": 5, "offer": 2}],
                            "before": {"members": [{"wash": 4, "skip-washing": 2}],
                                       "label": "<b>Q3</b>", "saved": None}}
    for broken in ["{not json", '{"v": 2, "members": [{"wash": 3}]}', '"text"',
                   '{"v": 1, "members": {"wash": 3}}']:
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, broken])
        page.reload()
        expect(page.locator("[data-results]")).to_be_hidden()
    assert page.locator("img, b").count() == 0
    assert w.errors == []


def test_storage_that_fails_is_said_so(server: str, open_page: Callable[..., Watched],
                                       tmp_path: Path) -> None:
    w = open_page()
    page = w.page
    page.add_init_script("""Storage.prototype.setItem = function () {
      throw new DOMException("full", "QuotaExceededError"); };""")
    page.goto(page_url(server, "en", team=True))
    page.set_input_files("#team-files", write_members(tmp_path))
    page.get_by_label("Keep on this computer").check()
    expect(page.locator("[data-messages]")).to_have_text(
        "The session could not be kept on this computer: the browser's storage is full or "
        "turned off.")
    expect(page.locator("[data-count]")).to_have_text("Team of 3 members")  # the view still works
    assert w.errors == []


def test_a_session_saved_as_a_team_file_loads_again(
        server: str, open_page: Callable[..., Watched], tmp_path: Path, built_base: Path) -> None:
    files = write_members(tmp_path)
    w = open_page()
    page = w.page
    page.clock.set_fixed_time("2026-12-02T10:00:00")
    page.goto(page_url(server, "pl", team=True))
    page.set_input_files("#team-files", files)
    page.fill("#team-label", HOSTILE)
    with page.expect_download() as info:
        page.locator("[data-action=team-file]").click()
    assert info.value.suggested_filename == "fruit-habits-team-2026-12-02.json"
    path = tmp_path / "saved" / info.value.suggested_filename
    info.value.save_as(path)
    project, _ = load_project(built_base.parent)
    assert project.assessment is not None
    text = path.read_text(encoding="utf-8")
    assert json.loads(text) == team_file(project.assessment, list(MEMBERS.values()),
                                         datetime.date(2026, 12, 2), HOSTILE)
    # builder/assessment.py reads what the browser saved.
    session = read_team_file(project.assessment, text)
    assert (session.label, session.saved, len(session.members)) == (HOSTILE, "2026-12-02", 3)
    heatmap = table(page, ".kb-heatmap")
    with page.expect_download() as info:
        page.locator("[data-action=csv]").click()
    csv = Path(info.value.path()).read_bytes()
    # Another day, another computer: the team file brings the same team back, with its name.
    again = open_page().page
    again.goto(page_url(server, "pl", team=True))
    again.set_input_files("#team-files", [str(path)])
    expect(again.locator("[data-count]")).to_have_text("Zespół: 3 osoby")
    assert table(again, ".kb-heatmap") == heatmap
    expect(again.locator("#team-label")).to_have_value(HOSTILE)
    with again.expect_download() as info:
        again.locator("[data-action=csv]").click()
    assert Path(info.value.path()).read_bytes() == csv
    # And the command line makes the same CSV of it.
    out = tmp_path / "cli" / "report.html"
    result = run_cli("team-report", "--root", str(built_base.parent), str(path), "--lang", "pl",
                     "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "cli" / "report.csv").read_bytes() == csv
    assert again.locator("img").count() == 0
    assert w.errors == [] and w.foreign == []


def test_identical_answers_are_two_members(server: str, open_page: Callable[..., Watched],
                                           tmp_path: Path) -> None:
    ania = MEMBERS["ania-pl.json"]
    files = write_members(tmp_path, {"a.json": ania, "b.json": ania})
    team = tmp_path / "team.json"
    team.write_text(team_file_text([ania, MEMBERS["bo-da.json"], ania]), encoding="utf-8")
    w = open_page()
    page = w.page
    page.goto(page_url(server, "en", team=True))
    page.set_input_files("#team-files", [*files, str(team)])
    expect(page.locator("[data-count]")).to_have_text("Team of 5 members")
    same = "the same answers as member A; counted as another member. If the same person was " \
           "loaded twice, remove one."
    assert page.locator("[data-messages] p").all_text_contents() == [
        "Added: A, B, C, D, E.", f"b.json: {same}", f"team.json, member 1: {same}",
        f"team.json, member 3: {same}"]
    assert table(page, ".kb-heatmap")[1] == ["Washing", "100", "100", "100", "50", "100"]
    # The page offers to remove one, should one person have been loaded twice.
    page.get_by_role("button", name="Remove B").click()
    expect(page.locator("[data-count]")).to_have_text("Team of 4 members")
    assert w.errors == []


def test_two_sessions_side_by_side(server: str, open_page: Callable[..., Watched],
                                   tmp_path: Path, built_base: Path,
                                   tr: Callable[[str, str], str]) -> None:
    """Last quarter's team file as the earlier session, this quarter's members' files: the
    change per dimension in the page, and CSVs byte for byte the command line's."""
    files = write_members(tmp_path)
    before = tmp_path / "q3.json"
    before.write_text(team_file_text(BEFORE, label=HOSTILE), encoding="utf-8")
    w = open_page()
    page = w.page
    page.goto(page_url(server, "pl", team=True))
    page.set_input_files("#team-before", [str(before)])
    expect(page.locator("[data-before-status]")).to_contain_text(HOSTILE)
    expect(page.locator("[data-results]")).to_be_hidden()  # nothing to compare yet
    page.set_input_files("#team-files", files)
    compare = page.locator("[data-compare]")
    expect(compare).to_be_visible()
    expect(compare.locator("[data-compare-about]")).to_contain_text(HOSTILE)
    up, down = tr("pl", "up"), tr("pl", "down")
    assert table(page, COMPARE_TABLE)[1:] == [
        ["Mycie", "50,0", "75,0", "+25,0", f"▲ {up}", "W rozwoju → Mocna strona"],
        ["Przechowywanie", "37,5", "44,0", "+6,5", f"▲ {up}", "Wymaga uwagi → Wymaga uwagi"],
        ["Dzielenie się", "75,0", "44,0", "\u221231,0", f"▼ {down}",
         "Mocna strona → Wymaga uwagi"]]
    # The arrows are for the eye; screen readers read the trend's word.
    arrows = compare.locator("[data-compare-table] [aria-hidden=true]")
    assert arrows.all_text_contents() == ["▲ ", "▲ ", "▼ "]
    expect(page.locator("[data-legend]")).to_be_visible()
    assert page.locator("[data-radar] polygon.kb-radar__before").count() == 1
    downloads = {}
    for action in ("csv", "compare-csv"):
        with page.expect_download() as info:
            page.locator(f"[data-action={action}]").click()
        downloads[action] = (info.value.suggested_filename, Path(info.value.path()).read_bytes())
    assert downloads["compare-csv"][0] == "fruit-habits-team-change.csv"
    out = tmp_path / "cli" / "report.html"
    result = run_cli("team-report", "--root", str(built_base.parent), "--lang", "pl",
                     "--before", str(before), "--after", *files, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "cli" / "report-change.csv").read_bytes() == downloads["compare-csv"][1]
    assert (tmp_path / "cli" / "report.csv").read_bytes() == downloads["csv"][1]
    assert downloads["compare-csv"][1].decode("utf-8").splitlines()[3] == (
        f"Dzielenie się;75,0;44,0;-31,0;{down};Mocna strona;Wymaga uwagi")
    # The CLI report escapes the label as the page inserts it: as text.
    assert HOSTILE not in out.read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt; Q3" in out.read_text(encoding="utf-8")
    page.locator("[data-action=stop]").click()
    expect(compare).to_be_hidden()
    assert page.locator("[data-radar] polygon.kb-radar__before").count() == 0
    assert page.locator("img").count() == 0
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
            before = tmp_path / "q3.json"
            before.write_text(team_file_text(BEFORE), encoding="utf-8")
            w.page.set_input_files("#team-before", [str(before)])
            expect(w.page.locator("[data-compare]")).to_be_visible()
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


# -- Phones, charts, copying, printing and storage, in every language (issue 13) -------------------

LANGS = ["pl", "nl", "da", "en"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 720}
COPY_BY_HAND = ("The code is selected: press Ctrl+C (⌘C on a Mac) to copy it. On a phone, touch "
                "and hold the code, then choose Copy.")
STORE_FAILED = ("Your answers could not be kept in this browser: its storage is full or turned "
                "off. Before you leave this page, see the results and download your answers or "
                "copy the share code.")
STORE_DROPPED = ("Some of the answers kept in this browser could not be read and were left out; "
                 "the others are back. Check the statements that have no answer.")
KEEP_FAILED = ("The session could not be kept on this computer: the browser's storage is full or "
               "turned off.")
RANGE = "Range from the lowest to the highest member's score"
QUOTA = """Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };"""


def results_page(w: Watched, server: str, lang: str, size: dict[str, int]) -> Page:
    """The assessment answered as Bo did and its results shown, at `size`."""
    w.page.set_viewport_size(size)
    w.page.goto(page_url(server, lang))
    fill(w.page, MEMBERS["bo-da.json"])
    w.page.locator(".kb-assessment button[type=submit]").click()
    expect(w.page.locator("[data-results]")).to_be_visible()
    return w.page


def team_page(w: Watched, server: str, lang: str, size: dict[str, int], tmp_path: Path) -> Page:
    """The team view with the three members loaded, at `size`."""
    w.page.set_viewport_size(size)
    w.page.goto(page_url(server, lang, team=True))
    w.page.set_input_files("#team-files", write_members(tmp_path))
    expect(w.page.locator("[data-results]")).to_be_visible()
    return w.page


def chart_text(page: Page) -> list[dict[str, Any]]:
    """Each text of the radar as rendered: its font size in CSS pixels (the computed size times
    the SVG's scale) and its box on screen."""
    return page.locator("[data-radar]").evaluate("""svg => [...svg.querySelectorAll('text')]
      .map(t => { const r = t.getBoundingClientRect();
        return {text: t.textContent, cls: t.getAttribute('class'),
                px: parseFloat(getComputedStyle(t).fontSize) * svg.getScreenCTM().a,
                box: [r.left, r.top, r.right, r.bottom]}; })""")


def overlaps(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def assert_fits_a_phone(page: Page) -> None:
    """No sideways scrolling; every table in a focusable region named after its caption."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    regions = page.locator(".kb-results .kb-table-wrap:visible")
    assert regions.count() >= 1
    for region in regions.all():
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("tabindex") == "0"
        caption = region.locator("caption").text_content() or ""
        assert region.evaluate(
            "r => document.getElementById(r.getAttribute('aria-labelledby')).textContent"
        ) == caption
        assert region.evaluate("r => r.getBoundingClientRect().right") <= PHONE["width"]


def assert_tap_targets(page: Page, scope: str) -> None:
    """Buttons, answer choices and the keep box are at least 44x44 CSS pixels, and a tap near
    a choice's edge reaches its label."""
    sizes = page.locator(scope).evaluate("""root => [...root.querySelectorAll(
        'button, .kb-scale__choice, .kb-choice, input[type=text], input[type=file]')]
      .filter(e => e.getClientRects().length)
      .map(e => { const r = e.getBoundingClientRect();
        return [e.className || e.type, Math.round(r.width), Math.round(r.height)]; })""")
    assert sizes and all(w >= 44 and h >= 44 for _, w, h in sizes), [
        s for s in sizes if s[1] < 44 or s[2] < 44]
    hits = page.locator(scope).evaluate("""root => [...root.querySelectorAll(
        '.kb-scale__choice, .kb-choice')].slice(0, 8).map(c => {
          c.scrollIntoView({block: 'center'});
          const r = c.getBoundingClientRect(), e = document.elementFromPoint(r.right - 4, r.bottom - 4);
          return !!e && (e === c.querySelector('label') || e === c.querySelector('input')); })""")
    assert hits and all(hits)


@pytest.mark.parametrize("lang", LANGS)
def test_results_fit_a_phone(lang: str, server: str, open_page: Callable[..., Watched]) -> None:
    """390x844: the page never scrolls sideways, the table scrolls in its own named region,
    the chart's text is at least 12 px as rendered, every tap target is 44 px."""
    w = open_page()
    page = results_page(w, server, lang, PHONE)
    assert_fits_a_phone(page)
    texts = chart_text(page)
    assert len(texts) == 3 + 4 and min(t["px"] for t in texts) >= 12, texts
    assert_tap_targets(page, ".md-content")
    assert w.errors == [] and w.foreign == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_team_view_fits_a_phone(lang: str, server: str, open_page: Callable[..., Watched],
                                    tmp_path: Path, tr: Callable[[str, str], str]) -> None:
    w = open_page()
    page = team_page(w, server, lang, PHONE, tmp_path)
    assert_fits_a_phone(page)
    # The team table is wider than the phone: it scrolls inside its box, the keyboard can too.
    wrap = page.locator(".kb-table-wrap:has([data-table])")
    assert wrap.evaluate("r => r.scrollWidth > r.clientWidth")
    wrap.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.kb-table-wrap:has([data-table])').scrollLeft > 0")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert min(t["px"] for t in chart_text(page)) >= 12
    assert_tap_targets(page, ".md-content")
    # The legend's items sit inside the figure, each key on the line of its words.
    legend = page.locator("[data-legend]")
    expect(legend.get_by_text(tr(lang, RANGE))).to_be_visible()
    boxes = legend.evaluate("""f => { const box = f.closest('figure').getBoundingClientRect();
      return [...f.querySelectorAll('.kb-radar__item')].filter(i => i.getClientRects().length)
        .map(i => { const r = i.getBoundingClientRect(),
                          k = i.querySelector('.kb-radar__key').getBoundingClientRect(),
                          t = i.lastElementChild.getBoundingClientRect();
          return [r.left >= box.left - 0.5 && r.right <= box.right + 0.5,
                  k.top >= t.top && k.bottom <= t.bottom, k.right <= t.left]; }); }""")
    assert boxes == [[True, True, True]] * 2
    assert w.errors == [] and w.foreign == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_radar_has_a_scale_and_the_team_radar_a_legend(
        lang: str, server: str, open_page: Callable[..., Watched], tmp_path: Path,
        tr: Callable[[str, str], str]) -> None:
    """25/50/75/100 on the chart, readable and clear of every other text, on a phone and a
    laptop; the team radar's legend names the mean and the whiskers (the range), in the page's
    language, and the earlier session only while comparing."""
    for size in (PHONE, DESKTOP):
        for page in (results_page(open_page(), server, lang, size),
                     team_page(open_page(), server, lang, size, tmp_path)):
            texts = chart_text(page)
            assert [t["text"] for t in texts if t["cls"] == "kb-radar__scale"] == [
                "25", "50", "75", "100"]
            assert min(t["px"] for t in texts) >= 12
            for i, a in enumerate(texts):
                for b in texts[i + 1:]:
                    assert not overlaps(a["box"], b["box"]), (size, a, b)
    legend = page.locator("[data-legend]")
    assert legend.locator(".kb-radar__item:visible").all_text_contents() == [
        tr(lang, "Team mean"), tr(lang, RANGE)]
    if lang != "en":
        assert tr(lang, RANGE) != RANGE and tr(lang, "Team mean") != "Team mean"
    assert page.locator("[data-radar] line.kb-radar__range").count() == 3
    before = tmp_path / "q3.json"
    before.write_text(team_file_text(BEFORE), encoding="utf-8")
    page.set_input_files("#team-before", [str(before)])
    expect(legend.locator(".kb-radar__item:visible")).to_have_text(
        [tr(lang, "Team mean"), tr(lang, RANGE), tr(lang, "Earlier session")])


def intranet_address() -> str | None:
    """This machine's first IPv4 address that is not loopback, as `hostname -I` lists them
    (Chromium treats localhost and 127.x as secure contexts, an intranet address over http as
    not)."""
    try:
        listed = subprocess.run(["hostname", "-I"], capture_output=True, text=True, check=True,
                                timeout=10).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return None
    found = [a for a in listed if "." in a and not a.startswith("127.")]
    return found[0] if found else None


@pytest.fixture(scope="module")
def intranet(built_base: Path) -> Iterator[str]:
    """The built site over plain http on a non-loopback address, as on an intranet."""
    address = intranet_address()
    if address is None:
        pytest.skip("this machine has no address but loopback")
    httpd = ThreadingHTTPServer((address, 0),
                                functools.partial(_QuietHandler, directory=str(built_base)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://{address}:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.mark.parametrize("lang", LANGS)
def test_copying_the_code_on_a_plain_http_intranet(lang: str, intranet: str, browser: Browser,
                                                   tr: Callable[[str, str], str]) -> None:
    """No Clipboard API there: the code is selected and the page says how to copy it."""
    context = browser.new_context(viewport=PHONE)
    host = intranet.split("//")[1]
    foreign: list[str] = []

    def guard(route: Route) -> None:
        if route.request.url.startswith(intranet + "/") or route.request.url.startswith(
                ("data:", "blob:")):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_url(intranet, lang))
    assert page.evaluate("window.isSecureContext") is False, host
    fill(page, MEMBERS["bo-da.json"])
    page.locator(".kb-assessment button[type=submit]").click()
    page.locator("[data-action=copy]").click()
    expect(page.locator("[data-copied]")).to_have_text(tr(lang, COPY_BY_HAND))
    if lang != "en":
        assert tr(lang, COPY_BY_HAND) != COPY_BY_HAND
    code = page.locator("[data-code]")
    assert code.evaluate("""i => document.activeElement === i && i.selectionStart === 0
                            && i.selectionEnd === i.value.length && i.value.length > 10""")
    context.close()
    assert errors == [] and foreign == []


def test_copying_the_code_where_the_clipboard_works(browser: Browser, server: str) -> None:
    """localhost is a secure context: the code goes to the clipboard, and the page says so."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(page_url(server, "da"))
    fill(page, MEMBERS["bo-da.json"])
    page.locator(".kb-assessment button[type=submit]").click()
    page.locator("[data-action=copy]").click()
    expect(page.locator("[data-copied]")).to_have_text("Kopieret.")
    assert page.evaluate("navigator.clipboard.readText()") == page.locator(
        "[data-code]").input_value()
    context.close()


def pdf_pages(page: Page, size: dict[str, str]) -> list[str]:
    """The printed page's text, one string per sheet, its white space made single spaces."""
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(**size)))
    return [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages]


@pytest.mark.parametrize("lang", LANGS)
def test_the_team_report_prints_without_notes_or_stranded_headings(
        lang: str, server: str, open_page: Callable[..., Watched], tmp_path: Path,
        tr: Callable[[str, str], str]) -> None:
    w = open_page()
    page = w.page
    page.goto(page_url(server, lang, team=True))
    (tmp_path / "notes.txt").write_text("not json", encoding="utf-8")
    before = tmp_path / "q3.json"
    before.write_text(team_file_text(BEFORE), encoding="utf-8")
    page.set_input_files("#team-before", [str(before)])
    page.set_input_files("#team-files", [*write_members(tmp_path), str(tmp_path / "notes.txt")])
    expect(page.locator("[data-errors] li")).to_have_count(1)
    notes = [*page.locator("[data-messages] p").all_text_contents(),
             *page.locator("[data-errors] li").all_text_contents()]
    headings = [h.strip() for h in page.locator(
        ".kb-team__results h2:visible, .kb-team__results h3:not(.kb-step__title):visible"
    ).all_text_contents()]
    assert len(headings) == 4
    # A4, and short sheets that force page breaks between the report's parts.
    for size in ({"format": "A4"}, {"width": "148mm", "height": "105mm"}):
        sheets = pdf_pages(page, size)
        text = " ".join(sheets)
        for note in notes:  # the import notes stay on screen
            assert re.sub(r"\s+", " ", note) not in text
        assert tr(lang, "Team profile") in text
        where = []
        for heading in headings:
            found = [(i, s.index(heading)) for i, s in enumerate(sheets) if heading in s]
            assert found, (size, heading, sheets)
            i, at = found[0]
            # Not stranded: the sheet goes on past the heading with what it heads.
            assert len(sheets[i][at + len(heading):].strip()) > 40, (size, heading, sheets[i])
            where.append((i, at))
        assert where == sorted(where)  # in the order of the page
        if "height" in size:
            assert len(sheets) > 2
        page.emulate_media(media="screen")
    assert w.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_stored_answers_are_kept_one_by_one(lang: str, server: str,
                                            open_page: Callable[..., Watched],
                                            tr: Callable[[str, str], str]) -> None:
    """Two flawed entries among the stored answers cost only themselves; the page says so in a
    live region and rewrites the store without them."""
    w = open_page()
    page = w.page
    page.set_viewport_size(PHONE)
    page.goto(page_url(server, lang))
    key = page.evaluate("""() => ['kb-assessment', 'v1',
      document.querySelector('[data-kb-assessment]').dataset.site, 'fruit-habits', 1].join(':')""")
    good = {k: v for k, v in MEMBERS["bo-da.json"].items() if k != "wash"}
    flawed = {**good, "wash": 9, "<img src=x onerror=alert(1)>": 3}
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))",
                  [key, {"v": 1, "answers": flawed, "done": True}])
    page.reload()
    assert page.locator("input:checked").count() == len(good) == 6
    assert not page.is_checked("#wash--1")
    note = page.locator("[data-store-note]")
    assert note.get_attribute("role") == "status"
    expect(note).to_have_text(tr(lang, STORE_DROPPED))
    assert page.evaluate("k => JSON.parse(localStorage.getItem(k))", key) == {
        "v": 1, "answers": good, "done": True}
    expect(page.locator("[data-results]")).to_be_visible()
    assert page.locator("img").count() == 0
    if lang != "en":
        assert tr(lang, STORE_DROPPED) != STORE_DROPPED
    assert w.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_full_storage_is_said_so(lang: str, server: str, open_page: Callable[..., Watched],
                                   tmp_path: Path, tr: Callable[[str, str], str]) -> None:
    """setItem throws QuotaExceededError: the assessment and the team view say so, in a live
    region in sight on a phone, and go on working."""
    w = open_page()
    page = w.page
    page.add_init_script(QUOTA)
    page.set_viewport_size(PHONE)
    page.goto(page_url(server, lang))
    page.check("#wash--2")  # the first answer, at the top of the questionnaire
    note = page.locator("[data-store-note]")
    expect(note).to_have_text(tr(lang, STORE_FAILED))
    assert note.get_attribute("role") == "status"
    box = note.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
    fill(page, MEMBERS["bo-da.json"])
    page.locator(".kb-assessment button[type=submit]").click()
    expect(page.locator("[data-results]")).to_be_visible()  # still works
    expect(note).to_have_text(tr(lang, STORE_FAILED))
    if lang != "en":
        assert tr(lang, STORE_FAILED) != STORE_FAILED
    # The team view's "Keep on this computer".
    page.goto(page_url(server, lang, team=True))
    page.set_input_files("#team-files", write_members(tmp_path))
    page.locator("#team-keep").check()
    messages = page.locator("[data-messages]")
    assert messages.get_attribute("aria-live") == "polite"
    expect(messages).to_have_text(tr(lang, KEEP_FAILED))
    expect(page.locator("[data-count]")).to_contain_text("3")  # the view still works
    assert w.errors == []
