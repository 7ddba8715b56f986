"""A SCORM package played as a platform plays it: the SCO in frames under a page that offers a
stub of the SCORM 1.2 API (as Moodle's player does, served over http), answered in Chromium;
and the same SCO opened on its own from file://, where it is the plain self-quiz."""

from __future__ import annotations

import functools
import json
import threading
import zipfile
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.browser.conftest import Watched, _QuietHandler

pytestmark = pytest.mark.browser

PLAYER = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script>
  // A stub of the SCORM 1.2 API: records every call and keeps the data model in memory.
  window.calls = [];
  window.cmi = {"cmi.core.lesson_status": "not attempted", "cmi.core.student_name": "Nowak, Anna"};
  function log(name, args, result) { calls.push([name].concat(args)); return result; }
  window.API = {
    LMSInitialize: function (a) { return log("LMSInitialize", [a], "true"); },
    LMSFinish: function (a) { return log("LMSFinish", [a], "true"); },
    LMSGetValue: function (k) { return log("LMSGetValue", [k], cmi[k] || ""); },
    LMSSetValue: function (k, v) { cmi[k] = v; return log("LMSSetValue", [k, v], "true"); },
    LMSCommit: function (a) { return log("LMSCommit", [a], "true"); },
    LMSGetLastError: function () { return "0"; },
    LMSGetErrorString: function () { return ""; },
    LMSGetDiagnostic: function () { return ""; }
  };
</script></head><body><iframe id="frame" src="frame.html" style="width:100%;height:90vh"></iframe>
</body></html>"""
FRAME = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>frame</title></head>
<body><iframe id="sco" title="quiz" src="{sco}/index.html" style="width:100%;height:85vh"></iframe>
</body></html>"""
"""A frame between the player and the SCO, as many platforms have: the SCO must look up."""
LANGS = ("en", "pl", "nl", "da")


@pytest.fixture(scope="module")
def lms(built_base: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("lms")
    for package in (built_base / "downloads").glob("*.scorm.zip"):
        zipfile.ZipFile(package).extractall(folder / package.name.removesuffix(".scorm.zip"))
    (folder / "player.html").write_text(PLAYER, encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", folder
    httpd.shutdown()


def _play(lms: tuple[str, Path], open_page: Callable[..., Watched], sco: str) -> Watched:
    url, folder = lms
    (folder / "frame.html").write_text(FRAME.format(sco=sco), encoding="utf-8")
    watched = open_page()
    watched.page.goto(f"{url}/player.html")
    watched.page.wait_for_function(
        "document.getElementById('frame').contentDocument?.getElementById('sco')"
        "?.contentDocument?.querySelector('.kb-quiz--ready')")
    return watched


def _sco(watched: Watched):  # type: ignore[no-untyped-def]
    return watched.page.frame_locator("#frame").frame_locator("#sco")


def _calls(watched: Watched) -> list[list[str]]:
    return json.loads(watched.page.evaluate("JSON.stringify(calls)"))


def _answer(sco, right: bool) -> None:  # type: ignore[no-untyped-def]
    for question in sco.locator(".kb-question").all():
        correct = (question.get_attribute("data-correct") or "").split()
        options = [o.get_attribute("data-option") for o in question.locator(".kb-option").all()]
        choose = correct if right else [next(o for o in options if o not in correct)]
        for option in choose:
            question.locator(f".kb-option[data-option='{option}'] input").check()
    sco.locator("button[type=submit]").click()


@pytest.mark.parametrize("lang", LANGS)
def test_answers_reach_the_platform(lang: str, lms: tuple[str, Path],
                                    open_page: Callable[..., Watched]) -> None:
    watched = _play(lms, open_page, f"basics-{lang}")
    sco = _sco(watched)
    calls = _calls(watched)
    assert calls[0] == ["LMSInitialize", ""]
    assert ["LMSSetValue", "cmi.core.lesson_status", "incomplete"] in calls

    _answer(sco, right=False)
    cmi = watched.page.evaluate("cmi")
    assert (cmi["cmi.core.score.raw"], cmi["cmi.core.lesson_status"]) == ("0", "failed")
    assert (cmi["cmi.core.score.min"], cmi["cmi.core.score.max"]) == ("0", "100")

    # A shown solution is not the learner's score.
    sco.locator("[data-action=solution]").click()
    cmi = watched.page.evaluate("cmi")
    assert (cmi["cmi.core.score.raw"], cmi["cmi.core.lesson_status"]) == ("0", "failed")

    sco.locator("[data-action=retry]").click()
    _answer(sco, right=True)
    cmi = watched.page.evaluate("cmi")
    assert (cmi["cmi.core.score.raw"], cmi["cmi.core.lesson_status"]) == ("100", "passed")
    assert _calls(watched)[-1] == ["LMSCommit", ""]

    # Leaving the SCO ends the session once, with its time.
    watched.page.evaluate("document.getElementById('frame').remove()")
    calls = _calls(watched)
    assert [c[0] for c in calls].count("LMSFinish") == 1
    assert any(c[:2] == ["LMSSetValue", "cmi.core.session_time"] for c in calls)
    assert watched.errors == [] and watched.foreign == []


def test_pass_mark_decides(lms: tuple[str, Path], open_page: Callable[..., Watched]) -> None:
    """basics passes at 50 %: two of four questions right is a pass, one is not."""
    watched = _play(lms, open_page, "basics-en")
    sco = _sco(watched)
    questions = sco.locator(".kb-question").all()
    for n, question in enumerate(questions):
        correct = (question.get_attribute("data-correct") or "").split()
        wrong = [o.get_attribute("data-option") for o in question.locator(".kb-option").all()
                 if o.get_attribute("data-option") not in correct]
        for option in (correct if n < 2 else wrong[:1]):
            question.locator(f".kb-option[data-option='{option}'] input").check()
    sco.locator("button[type=submit]").click()
    cmi = watched.page.evaluate("cmi")
    assert (cmi["cmi.core.score.raw"], cmi["cmi.core.lesson_status"]) == ("50", "passed")


def test_without_a_platform_it_is_the_self_quiz(lms: tuple[str, Path],
                                                open_page: Callable[..., Watched]) -> None:
    _, folder = lms
    watched = open_page("pl-PL")
    watched.page.goto((folder / "basics-pl" / "index.html").as_uri())
    watched.page.wait_for_selector(".kb-quiz--ready")
    _answer(watched.page, right=True)
    assert "100" in watched.page.locator(".kb-quiz__score").inner_text()
    assert watched.errors == [] and watched.foreign == []


def test_the_packaged_quiz_passes_axe(lms: tuple[str, Path],
                                      open_page: Callable[..., Watched]) -> None:
    from tests.browser.test_pack import _serious

    _, folder = lms
    watched = open_page("da-DK")
    watched.page.goto((folder / "basics-da" / "index.html").as_uri())
    watched.page.wait_for_selector(".kb-quiz--ready")
    _answer(watched.page, right=False)
    assert _serious(watched) == []
