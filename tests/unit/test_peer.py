"""scripts/peer.py: the benchmark's peer project (Material + static-i18n + mkdocs-quiz) holds the
synthetic project's content. Cheap checks only: no virtual environment, no MkDocs build."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import load_script

peer = load_script("peer")
synthetic = load_script("synthetic")
N = 20
LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
ANSWER = re.compile(r"^- \[([x ])\] (.*)$")


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = peer.write_peer_project(N, tmp_path_factory.mktemp("peer") / "project")
    return config.parent / "docs"


def test_pins_match_our_mkdocs_and_material() -> None:
    pins = dict(line.split("==") for line in peer.PEER_REQUIREMENTS)
    assert pins["mkdocs"] == importlib.metadata.version("mkdocs")
    assert pins["mkdocs-material"] == importlib.metadata.version("mkdocs-material")
    assert pins["mkdocs-static-i18n"] == "1.3.1"
    assert pins["mkdocs-quiz"] == "1.7.1"


def test_config_has_the_plugins_and_languages(docs: Path) -> None:
    config = yaml.safe_load((docs.parent / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "nav" not in config
    assert config["theme"] == {"name": "material", "font": False}
    plugins = [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    assert plugins == ["search", "i18n", "mkdocs_quiz"]
    i18n = config["plugins"][1]["i18n"]
    assert i18n["docs_structure"] == "suffix"
    assert [(lang["locale"], lang["default"], lang["build"]) for lang in i18n["languages"]] == [
        ("en", True, True), ("pl", False, True), ("nl", False, True), ("da", False, True)]


def test_a_page_per_concept_quiz_and_index_per_language(docs: Path) -> None:
    for lang in synthetic.LANGS:
        assert len(list((docs / "glossary").glob(f"c*.{lang}.md"))) == N
        assert len(list((docs / "quizzes").glob(f"quiz-*.{lang}.md"))) == N // 10
        for index in ("index", "glossary/index", "quizzes/index"):
            assert (docs / f"{index}.{lang}.md").is_file()
        glossary = (docs / "glossary" / f"index.{lang}.md").read_text(encoding="utf-8")
        assert {target for _, target in LINK.findall(glossary)} == {
            f"{synthetic.concept_id(i)}.md" for i in range(N)}


def test_quiz_pages_mark_the_right_answer_as_mkdocs_quiz_does(docs: Path) -> None:
    quizzes = list(synthetic.quizzes_of(N))
    for quiz in quizzes:
        for lang in synthetic.LANGS:
            page = (docs / "quizzes" / f"{quiz['id']}.{lang}.md").read_text(encoding="utf-8")
            assert "<!-- mkdocs-quiz intro -->" in page and "<!-- mkdocs-quiz results -->" in page
            blocks = re.findall(r"^<quiz>\n(.*?)\n</quiz>$", page, re.MULTILINE | re.DOTALL)
            assert len(blocks) == len(quiz["questions"])
            # `[[…]]` inside <quiz> would make it a fill-in-the-blank question.
            assert "[[" not in page
            for block, question in zip(blocks, quiz["questions"], strict=True):
                text = question[lang]
                lines = block.splitlines()
                answers = [(i, m) for i, line in enumerate(lines) if (m := ANSWER.match(line))]
                right = [m[2] for _, m in answers if m[1] == "x"]
                if question["type"] == "true-false":
                    labels = peer.LABELS[lang]
                    assert [m[2] for _, m in answers] == [labels["True"], labels["False"]]
                    assert right == [labels["True" if question["answer"] else "False"]]
                    feedback = [text["feedback"]["true"], text["feedback"]["false"]]
                else:
                    key = next(o["id"] for o in question["options"] if o.get("correct"))
                    assert [m[2] for _, m in answers] == [text["options"][o] for o in "abc"]
                    assert right == [text["options"][key]]
                    feedback = [text["feedback"][o] for o in "abc"]
                # Each option's feedback is the blockquote right under it; the explanation
                # follows the answers after a blank line (mkdocs-quiz's content section).
                assert [lines[i + 1] for i, _ in answers] == [f"> {f}" for f in feedback]
                assert lines[answers[-1][0] + 2] == ""
                assert lines[answers[-1][0] + 3].endswith(text["explanation"].split("]] ", 1)[1])


def test_links_resolve_to_pages_of_the_same_language(docs: Path) -> None:
    count = 0
    for page in docs.rglob("*.md"):
        lang = page.suffixes[-2].lstrip(".")
        for _, target in LINK.findall(page.read_text(encoding="utf-8")):
            # static-i18n's suffix structure: `c00001.md` is the linking page's language's file.
            resolved = (page.parent / target).with_suffix(f".{lang}.md")
            assert resolved.is_file(), f"{page}: {target}"
            count += 1
    assert count > 4 * N * 2


def _words(markdown: str) -> list[str]:
    text = LINK.sub(r"\1", markdown)
    return re.sub(r"^#+ ", "", text, flags=re.MULTILINE).split()


def test_concept_pages_hold_the_synthetic_texts_word_for_word(docs: Path) -> None:
    concepts = list(synthetic.concepts_of(N))
    terms = {c.id: c.terms for c in concepts}
    for concept in concepts:
        for lang in synthetic.LANGS:
            notes = re.sub(r"\[\[(c\d+)\]\]", lambda m: terms[m[1]][lang], concept.notes[lang])  # noqa: B023
            labels = peer.LABELS[lang]
            expected = [*concept.terms[lang].split(), *concept.definition[lang].split(),
                        labels["Example"], *concept.example[lang].split(),
                        labels["Notes"], *notes.split()]
            page = docs / "glossary" / f"{concept.id}.{lang}.md"
            words = _words(page.read_text(encoding="utf-8"))
            # The title is capitalised as our builder does; otherwise the same words.
            assert [w.casefold() for w in words] == [w.casefold() for w in expected]
            assert len(words) == len(expected)


def test_site_files_are_counted_to_their_language() -> None:
    assert peer.site_owner(Path("glossary/c00001/index.html")) == "en"
    assert peer.site_owner(Path("index.html")) == "en"
    assert peer.site_owner(Path("pl/glossary/c00001/index.html")) == "pl"
    assert peer.site_owner(Path("da/index.html")) == "da"
    assert peer.site_owner(Path("assets/javascripts/bundle.js")) == "shared"
    assert peer.site_owner(Path("search/search_index.json")) == "shared"
    assert peer.site_owner(Path("sitemap.xml")) == "shared"
