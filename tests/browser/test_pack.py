"""The workshop pack as a trainer uses it: unzipped into a folder (a USB stick), START-HERE.html
opened from file://, a language chosen, a quiz answered; no console error and no request to
another host on the way."""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.load import load_project
from builder.pack import START, write_pack
from tests.browser.conftest import Watched

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def stick(built_base: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    project, _ = load_project(built_base.parent)
    pack = write_pack(project, built_base, tmp_path_factory.mktemp("dist"),
                      datetime.date(2026, 12, 2))
    usb = tmp_path_factory.mktemp("usb")
    zipfile.ZipFile(pack).extractall(usb)
    (folder,) = usb.iterdir()
    return folder


@pytest.mark.parametrize("lang", ["pl", "da"])
def test_from_start_here_to_a_quiz(lang: str, stick: Path,
                                   open_page: Callable[..., Watched]) -> None:
    watched = open_page()
    page = watched.page
    page.goto((stick / START).as_uri())
    page.locator(f"section[lang={lang}] a.open").click()
    page.wait_for_url(f"**/site/{lang}/index.html")
    assert page.locator("html").get_attribute("lang") == lang
    page.goto((stick / "site" / lang / "quizzes" / "basics" / "index.html").as_uri())
    page.wait_for_selector(".kb-quiz--ready")
    for question in page.locator(".kb-question").all():
        for option in (question.get_attribute("data-correct") or "").split():
            question.locator(f".kb-option[data-option='{option}'] input").check()
    page.locator("form.kb-quiz button[type=submit]").click()
    assert "100" in page.locator(".kb-quiz__score").inner_text()
    page.goto((stick / START).as_uri())
    page.locator(f"section[lang={lang}] a[href$='downloads.html']").click()
    page.wait_for_url(f"**/site/{lang}/downloads.html")
    page.wait_for_selector("div.kb-downloads a[download]")
    href = page.locator("div.kb-downloads a[download]").first.get_attribute("href") or ""
    assert (stick / "site" / lang / href).resolve().is_file()
    assert watched.errors == [] and watched.foreign == []


def _serious(watched: Watched) -> list[tuple[str, str, list[str]]]:
    import axe_playwright_python

    axe = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    watched.page.add_script_tag(content=axe)
    # No preload: axe would fetch the stylesheets again, which Chromium refuses from file://.
    result = watched.page.evaluate("axe.run(document, {resultTypes: ['violations'], preload: false})")
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [1280, 390])
def test_start_here_and_downloads_pass_axe_and_fit(width: int, stick: Path,
                                                   open_page: Callable[..., Watched]) -> None:
    watched = open_page()
    page = watched.page
    page.set_viewport_size({"width": width, "height": 844})
    pages = [stick / START, *(stick / "site" / lang / "downloads.html"
                              for lang in ("en", "pl", "nl", "da"))]
    for path in pages:
        page.goto(path.as_uri())
        assert _serious(watched) == [], path.name
        # Nothing scrolls sideways, on a phone either.
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    assert watched.errors == [] and watched.foreign == []
