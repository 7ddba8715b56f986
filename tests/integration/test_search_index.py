"""The search index of the real site, as the offline plugin inlines it (`search/search_index.js`):
a quiz's prompts are findable, its options, feedback and explanations are not (or searching a
question's words would show its answer)."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

LANGS = ("en", "pl", "nl", "da")
QUIZZES = sorted(p.stem for p in (REPO / "quizzes").glob("*.yml"))


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("real-search") / "site"
    result = run_cli("build", "--root", str(REPO), "--site-dir", str(site))
    assert result.exit_code == 0, result.output
    return site


class _QuizText(HTMLParser):
    """The quiz page's text in three parts: inside `data-search-exclude` elements, the legends
    (the prompts), and the rest."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool, bool]] = []
        self.excluded: list[str] = []
        self.prompts: list[str] = []
        self.rest: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("input", "br", "img", "meta", "link", "hr"):
            return
        outer = self.stack[-1] if self.stack else ("", False, False)
        self.stack.append((tag, outer[1] or "data-search-exclude" in dict(attrs),
                           outer[2] or tag == "legend"))
        if tag == "legend":
            self.prompts.append("")

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        _, excluded, legend = self.stack[-1] if self.stack else ("", False, False)
        if excluded:
            self.excluded.append(data)
        elif legend:
            self.prompts[-1] += data
        else:
            self.rest.append(data)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.casefold()) if len(w) > 3 and not w.isdigit()}


def _index(site: Path, lang: str) -> list[dict[str, str]]:
    script = (site / lang / "search/search_index.js").read_text(encoding="utf-8")
    assert script.startswith("var __index = ")
    return json.loads(script.removeprefix("var __index = ").rstrip().rstrip(";"))["docs"]


def _plain(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


@pytest.mark.parametrize("lang", LANGS)
def test_quiz_answers_stay_out_of_the_search_index(lang: str, real_site: Path) -> None:
    docs = _index(real_site, lang)
    assert QUIZZES
    for quiz in QUIZZES:
        page = f"quizzes/{quiz}/index.html"
        parsed = _QuizText()
        parsed.feed((real_site / lang / page).read_text(encoding="utf-8"))
        indexed = _plain(" ".join(d["title"] + " " + d["text"] for d in docs
                                  if d["location"].split("#")[0] == page))
        # Words only the options, feedback and explanations hold (not the intro, nor the menus).
        secret = _words(" ".join(parsed.excluded)) - _words(" ".join(parsed.rest + parsed.prompts))
        assert len(secret) > 20, (quiz, secret)
        assert secret.isdisjoint(_words(indexed)), (quiz, sorted(secret & _words(indexed))[:20])
        # Every prompt is findable, word for word.
        assert len(parsed.prompts) >= 5
        for prompt in parsed.prompts:
            assert " ".join(prompt.split()) in indexed, (quiz, prompt)
