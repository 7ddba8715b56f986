"""The compile stage: staging folders of plain Markdown and one generated config per language."""

from __future__ import annotations

import gettext
import html
import json
import re
from collections.abc import Callable
from pathlib import Path

import yaml

from builder.compile import SEARCH_SEPARATOR, THEME, compile_all, search_config, theme_strings
from builder.load import load_project


def compiled(project: Callable[[str], Path], tmp_path: Path) -> tuple[Path, Path]:
    root = project("base")
    loaded, problems = load_project(root)
    assert problems == []
    compile_all(loaded, tmp_path / "staging", tmp_path / "out")
    return root, tmp_path / "staging"


def test_content_is_never_written(project: Callable[[str], Path], tmp_path: Path) -> None:
    root, staging = compiled(project, tmp_path)
    written = sorted(p.name for p in (root / "content" / "pl").iterdir())
    assert written == ["about.md", "examples.md", "index.md"]
    assert (staging / "pl" / "docs" / "glossary" / "boat" / "index.md").is_file()


def test_generated_config_per_language(project: Callable[[str], Path], tmp_path: Path) -> None:
    root, staging = compiled(project, tmp_path)
    config = yaml.safe_load((staging / "pl" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["INHERIT"] == str(root / "mkdocs.yml")
    assert config["theme"]["language"] == "pl"
    assert config["site_name"] == "Dysonans pozakupowy"
    assert config["use_directory_urls"] is False
    assert config["nav"] == ["index.md", "about.md", "misconceptions.md", "glossary/index.md",
                             "quizzes/index.md", "assessment/index.md"]
    assert config["plugins"] == [{"search": search_config("pl")}, "offline"]
    assert config["extra"]["alternate"] == [
        {"name": "English", "link": "../en/index.html", "lang": "en"},
        {"name": "Polski", "link": "../pl/index.html", "lang": "pl"},
        {"name": "Nederlands", "link": "../nl/index.html", "lang": "nl"},
        {"name": "Dansk", "link": "../da/index.html", "lang": "da"},
    ]
    # Offline search without a CDN: a local polyfill stops Material adding unpkg's.
    assert config["extra"]["polyfills"] == ["assets/javascripts/iframe-worker.js"]


def test_search_uses_a_stemmer_where_lunr_has_one() -> None:
    stemmed = ["stemmer", "stopWordFilter", "trimmer"]
    assert search_config("nl")["lang"] == ["nl"]
    assert search_config("nl")["pipeline"] == stemmed
    assert search_config("da")["lang"] == ["da"]
    assert search_config("da")["pipeline"] == stemmed
    assert search_config("en")["pipeline"] == stemmed
    # Polish: the theme's vendored lunr-languages stemmer. MkDocs would refuse `lang: [pl]`, so
    # the language reaches Material through the theme's strings instead.
    assert search_config("pl") == {"separator": SEARCH_SEPARATOR, "pipeline": stemmed}
    assert theme_strings("pl", gettext.NullTranslations())["search.config.lang"] == "pl"
    assert "search.config.lang" not in theme_strings("da", gettext.NullTranslations())
    # Without a stemmer at all, no English rules either: its trimmer cuts ś and ż off words.
    assert search_config("xx") == {"lang": ["en"], "separator": SEARCH_SEPARATOR, "pipeline": []}


def test_the_polish_stemmer_is_vendored_with_its_licence() -> None:
    lunr = THEME / "assets/javascripts/lunr"
    assert (lunr / "min/lunr.pl.min.js").read_text("utf-8").startswith(
        "/*!\n * Lunr languages, `Polish` language")
    assert "Snowball JavaScript Library" in (lunr / "min/lunr.stemmer.support.min.js").read_text(
        "utf-8")[:400]
    assert "MOZILLA PUBLIC LICENSE" in (lunr / "LICENSE").read_text("utf-8")


def test_generated_config_translates_the_theme(project: Callable[[str], Path],
                                               tmp_path: Path) -> None:
    _, staging = compiled(project, tmp_path)
    text = (staging / "pl" / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    assert config["plugins"][0]["search"].get("lang") is None
    assert config["extra"]["kb_strings"]["search.config.lang"] == "pl"
    assert config["extra"]["kb_not_found"]["title"] == "Nie znaleziono strony"
    toc = next(e["toc"] for e in config["markdown_extensions"] if isinstance(e, dict) and "toc" in e)
    assert toc == {"permalink": True, "permalink_title": "Odnośnik do tej sekcji"}
    nl = yaml.safe_load((staging / "nl" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert nl["extra"]["kb_strings"] == {"footer": "Voettekst", "header": "Koptekst"}


def test_the_shared_extensions_keep_their_mkdocs_tags(project: Callable[[str], Path],
                                                      tmp_path: Path) -> None:
    """INHERIT replaces the shared list, so the generated one repeats it, tags and all."""
    root = project("base")
    shared = root / "mkdocs.yml"
    shared.write_text(shared.read_text(encoding="utf-8").replace(
        "      permalink: true\n", "      permalink: true\n      slugify: "
        "!!python/object/apply:pymdownx.slugs.slugify\n        kwds:\n          case: lower\n"),
        encoding="utf-8")
    loaded, problems = load_project(root)
    assert problems == []
    compile_all(loaded, tmp_path / "staging", tmp_path / "out")
    text = (tmp_path / "staging/da/mkdocs.yml").read_text(encoding="utf-8")
    assert ("    slugify: !!python/object/apply:pymdownx.slugs.slugify\n      kwds:\n"
            "        case: lower\n    permalink_title: Link til dette afsnit\n") in text


def test_the_search_separator_splits_punctuation_but_not_decimals() -> None:
    words = [w for w in re.split(SEARCH_SEPARATOR, '„Dysonans” (po zakupie): 2.5 raza, tak.') if w]
    assert words == ["Dysonans", "po", "zakupie", "2.5", "raza", "tak"]


def test_nav_titles_are_translated(project: Callable[[str], Path], tmp_path: Path) -> None:
    root = project("base")
    base = root / "mkdocs.yml"
    base.write_text(base.read_text(encoding="utf-8").replace(
        "  - glossary/index.md", "  - Glossary:\n    - glossary/index.md"), encoding="utf-8")
    loaded, _ = load_project(root)
    compile_all(loaded, tmp_path / "staging", tmp_path / "out")
    nav = yaml.safe_load((tmp_path / "staging/da/mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    assert nav[3] == {"Ordliste": ["glossary/index.md"]}


def test_glossary_index_in_polish_and_danish_order(project: Callable[[str], Path],
                                                   tmp_path: Path) -> None:
    _, staging = compiled(project, tmp_path)

    def headings(lang: str) -> list[str]:
        text = (staging / lang / "docs/glossary/index.md").read_text(encoding="utf-8")
        return [line[3:].split(" {")[0] for line in text.splitlines() if line.startswith("## ")]

    assert headings("pl") == ["A", "J", "L", "Ł", "P", "Ś", "W", "Z"]
    assert headings("da") == ["B", "L", "Z", "Æ", "Ø", "Å"]
    assert headings("en") == ["A", "B", "E", "L", "P", "T", "Z"]


def test_concept_page_links_and_translated_headings(project: Callable[[str], Path],
                                                    tmp_path: Path) -> None:
    _, staging = compiled(project, tmp_path)
    page = (staging / "da/docs/glossary/apple/index.md").read_text(encoding="utf-8")
    assert page.startswith('---\ntitle: "Æble"\ndescription: "Et testbegreb ved navn æble."\n---')
    assert "# Æble" in page
    assert "## Beslægtede begreber" in page
    assert '- [blomme](../plum/index.md "Et testbegreb ved navn blomme.")' in page
    assert "## Må ikke forveksles med" in page
    assert "- [båd](../boat/index.md" in page
    assert "## Kilder\n\n- Fixture, A. (2020). A source." in page
    pl_index = (staging / "pl/docs/glossary/index.md").read_text(encoding="utf-8")
    assert "7 pojęć w porządku alfabetycznym." in pl_index
    assert "- *ananas*: zob. [jabłko](apple/index.md)" in pl_index


def test_page_links_resolve_to_each_languages_term(project: Callable[[str], Path],
                                                   tmp_path: Path) -> None:
    _, staging = compiled(project, tmp_path)
    about = (staging / "pl/docs/about.md").read_text(encoding="utf-8")
    assert ('Zobacz [łodzi](glossary/boat/index.md "Pojęcie testowe o nazwie łódź.") i '
            '[jabłko](glossary/apple/index.md "Pojęcie testowe o nazwie jabłko.")') in about
    assert "`[[nope]]`" in about


def test_inflected_forms_are_hidden_but_indexed(project: Callable[[str], Path],
                                                tmp_path: Path) -> None:
    _, staging = compiled(project, tmp_path)
    page = (staging / "pl/docs/glossary/apple/index.md").read_text(encoding="utf-8")
    assert '<p class="kb-forms" hidden>jabłka jabłku jabłkiem</p>' in page


def test_misconception_cards(project: Callable[[str], Path], tmp_path: Path) -> None:
    _, staging = compiled(project, tmp_path)
    cards = (staging / "pl/docs/misconceptions.md").read_text(encoding="utf-8")
    assert "# Błędne przekonania" in cards
    assert ("## <span class=\"kb-myth__label\">Mit:</span> Jabłko to rodzaj łodzi. "
            "{ #apple-is-a-boat .kb-myth }") in cards
    assert '!!! failure "Dlaczego to błąd"' in cards
    assert "Pływa, ale to owoc. Zob. [śliwkę](glossary/plum/index.md" in cards
    assert "**Właściwe pojęcie:** [jabłko](glossary/apple/index.md" in cards
    assert "**Często mylone z:** [łódź](glossary/boat/index.md" in cards
    apple = (staging / "pl/docs/glossary/apple/index.md").read_text(encoding="utf-8")
    assert ("## Częste błędne przekonania\n\n- <span class=\"kb-myth__label\">Mit:</span> "
            "[Jabłko to rodzaj łodzi.]"
            "(../../misconceptions.md#apple-is-a-boat)") in apple


def test_a_quiz_is_a_semantic_form(project: Callable[[str], Path], tmp_path: Path) -> None:
    _, staging = compiled(project, tmp_path)
    page = (staging / "pl/docs/quizzes/basics/index.md").read_text(encoding="utf-8")
    assert page.startswith('---\ntitle: "Podstawy owoców"')
    form = page[page.index("<form"):]
    assert "\n\n" not in form, "a blank line would end the raw HTML block"
    assert form.count("<fieldset>") == 4 and form.count("<legend>") == 4
    assert form.count('type="radio"') == 3 + 2 + 2 and form.count('type="checkbox"') == 3
    # Lettered in the authored order; kb-quiz.js re-letters them after a shuffle.
    assert ('<label for="basics--floats--true" data-search-exclude>'
            '<span class="kb-option__letter" data-letter>A.</span> '
            'Prawda</label>') in form
    assert '<button type="submit" class="md-button md-button--primary">Sprawdź odpowiedzi</button>' in form
    # Concept links inside the form point to .html (MkDocs does not rewrite raw HTML).
    assert '<a href="../../glossary/apple/index.html" title="Pojęcie testowe o nazwie jabłko.">' in form
    assert ('Błędne przekonanie: <a href="../../misconceptions.html#apple-is-a-boat">'
            'Jabłko to rodzaj łodzi.</a>') in form
    # Polish plurals for every possible score, and the pass mark formatted for the locale.
    texts = json.loads(html.unescape(re.search(r'data-score-texts="([^"]+)"', form).group(1)))
    assert texts[0] == "Poprawnie odpowiedziano na 0 pytań z 4."
    assert texts[1] == "Poprawnie odpowiedziano na 1 pytanie z 4."
    assert texts[2] == "Poprawnie odpowiedziano na 2 pytania z 4."
    assert "4 pytania · Próg zaliczenia: 50%" in form
    da = (staging / "da/docs/quizzes/basics/index.md").read_text(encoding="utf-8")
    assert "Bestået ved 50\xa0%" in da  # a non-breaking space, as Danish typesetting wants


def test_author_text_is_escaped_in_the_quiz(project: Callable[[str], Path], tmp_path: Path) -> None:
    root = project("base")
    quiz = root / "quizzes" / "basics.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace(
        "a: A fruit,", 'a: "Fish & chips < 5 *fruit*",'), encoding="utf-8")
    loaded, problems = load_project(root)
    assert problems == []
    compile_all(loaded, tmp_path / "staging", tmp_path / "out")
    page = (tmp_path / "staging/en/docs/quizzes/basics/index.md").read_text(encoding="utf-8")
    assert "Fish &amp; chips &lt; 5 <em>fruit</em>" in page


def test_the_assessment_is_a_form_of_fieldsets(project: Callable[[str], Path],
                                               tmp_path: Path) -> None:
    _, staging = compiled(project, tmp_path)
    page = (staging / "pl" / "docs" / "assessment" / "index.md").read_text(encoding="utf-8")
    assert page.startswith('---\ntitle: "Owocowe nawyki"')
    assert "# Owocowe nawyki" in page
    # Each dimension a fieldset with a legend; each statement one with six labelled radios.
    assert page.count('<fieldset class="kb-dimension"') == 3
    assert page.count('<fieldset class="kb-statement"') == 7
    assert page.count('type="radio" name="wash"') == 6
    assert ('<input type="radio" name="wash" id="wash--5" value="5">'
            '<label for="wash--5">zawsze</label>') in page
    assert 'id="wash--dont-know" value="dont-know"><label for="wash--dont-know">nie wiem</label>' in page
    # Recommendations as inert templates, links pointing to .html files from this folder.
    assert '<template data-step="storing" data-level="attention">' in page
    assert '<a href="../about.html">stronę</a>' in page
    assert 'href="../glossary/apple/index.html"' in page
    # No blank line inside the raw HTML block (Markdown would end it there).
    form = page[page.index("<form"):]
    assert "\n\n" not in form.strip()
    team = (staging / "pl" / "docs" / "assessment" / "team" / "index.md").read_text(encoding="utf-8")
    assert "# Widok zespołu\n\n*Owocowe nawyki*" in team
    assert 'type="file" id="team-files"' in team and '<a href="../../about.html">' in team
