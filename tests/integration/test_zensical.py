"""`kb build --engine zensical`: the base fixture built by Zensical holds what the MkDocs build
is checked for (the same tests, on this site), keeps search per language and offline, and a
broken link is reported as the MkDocs build reports it, naming the source."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.zensical import _inherited, _problems
from tests.conftest import make_project, run_cli
from tests.integration import test_build
from tests.unit.test_cli import snapshot

SAME_AS_MKDOCS = (
    test_build.test_every_page_declares_its_language,
    test_build.test_language_selector_leads_to_the_same_page,
    test_build.test_titles_are_in_each_language,
    test_build.test_polish_glossary_order,
    test_build.test_danish_glossary_order,
    test_build.test_nothing_is_loaded_from_another_host,
    test_build.test_root_chooser_names_each_language_in_itself,
)


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project("base", tmp_path_factory.mktemp("zensical"))
    result = run_cli("build", "--root", str(root), "--engine", "zensical")
    assert result.exit_code == 0, result.output
    assert "zensical " in result.output and "mkdocs " not in result.output
    return root / "site"


@pytest.mark.parametrize("check", SAME_AS_MKDOCS, ids=lambda check: check.__name__)
def test_what_the_mkdocs_build_holds(zensical_site: Path, check: Callable[[Path], None]) -> None:
    check(zensical_site)


@pytest.mark.parametrize("where", [*test_build.LANGS, ""])
def test_the_404_pages_are_the_builders(zensical_site: Path, where: str) -> None:
    test_build.test_the_404_pages_need_no_path(zensical_site, where)


def test_every_page_of_the_mkdocs_build(zensical_site: Path, built_base: Path) -> None:
    def pages(site: Path, lang: str) -> set[str]:
        return {p.relative_to(site / lang).as_posix() for p in (site / lang).rglob("*.html")}

    for lang in test_build.LANGS:
        assert pages(zensical_site, lang) == pages(built_base, lang), lang


def test_search_is_per_language_and_offline(zensical_site: Path) -> None:
    for lang in test_build.LANGS:
        index = json.loads((zensical_site / lang / "search.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lang]
        titles = {item["title"] for item in index["items"]}
        assert {"pl": "Jabłko", "da": "Æble", "nl": "Appel", "en": "Apple"}[lang] in titles
        # From file://, the index comes as a script (Zensical's offline mode).
        inline = (zensical_site / lang / "search.js").read_text(encoding="utf-8")
        assert inline.startswith("var __index")
    # Material's search partial and lunr shim are left out: Zensical's search is its own.
    assert not (zensical_site / "pl/assets/javascripts/workers/kb-search.js").exists()


def test_the_quiz_page_is_the_builders(zensical_site: Path) -> None:
    text = (zensical_site / "pl/quizzes/basics/index.html").read_text(encoding="utf-8")
    assert "<fieldset" in text and 'type="radio"' in text and "kb-quiz.js" in text
    assert "Sprawdź odpowiedzi" in text


def test_a_broken_link_names_its_file_and_leaves_the_site(
        project: Callable[[str], Path]) -> None:
    root = project("base")
    assert run_cli("build", "--root", str(root), "--engine", "zensical").exit_code == 0
    before = snapshot(root / "site")
    broken = project("broken-link")
    (root / "content/pl/about.md").write_bytes((broken / "content/pl/about.md").read_bytes())
    result = run_cli("build", "--root", str(root), "--engine", "zensical")
    assert result.exit_code == 1
    assert "content/pl/about.md: zensical (pl), line 3: page does not exist" in result.output
    assert "Traceback" not in result.output
    assert snapshot(root / "site") == before


def test_inherit_is_resolved_as_mkdocs_does(tmp_path: Path) -> None:
    (tmp_path / "base.yml").write_text(
        "site_name: Base\nnav: [a.md, b.md]\ntheme: {name: material, font: false}\n"
        "markdown_extensions: [toc]\n", encoding="utf-8")
    (tmp_path / "child.yml").write_text(
        "INHERIT: base.yml\nnav: [a.md]\ntheme: {language: pl}\n", encoding="utf-8")
    assert _inherited(tmp_path / "child.yml") == {
        "site_name": "Base", "nav": ["a.md"],  # replaced, not appended to
        "theme": {"name": "material", "font": False, "language": "pl"},
        "markdown_extensions": ["toc"]}


def test_a_failure_without_a_warning_shows_its_error_not_the_traceback() -> None:
    output = ("Build started\nTraceback (most recent call last):\n  File \"x.py\", line 1\n"
              "    build()\nRuntimeError: unknown method: map has no method named get\n")
    [problem] = _problems("pl", 1, output, {})
    assert str(problem) == ("mkdocs.yml: zensical build (pl): failed:\n    Build started\n"
                            "    RuntimeError: unknown method: map has no method named get")


def test_without_zensical_installed_the_build_says_how_to_install_it(
        project: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "zensical" else real(name, *a))
    result = run_cli("build", "--root", str(project("base")), "--engine", "zensical")
    assert result.exit_code == 1
    assert "pyproject.toml: zensical: not installed in this environment: pip install -e " \
           "'.[zensical]'" in result.output
