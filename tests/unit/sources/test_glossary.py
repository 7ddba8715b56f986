"""Glossary concepts: every mistake in a concept file, named by file and field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import problem_lines

EXPECTED = {
    "unknown-field": [
        "glossary/apple.yml: colour: unknown field (allowed: id, related, confused_with, "
        "sources, tags, en, pl, nl, da)",
        "glossary/apple.yml: pl.plural: unknown field (allowed: term, synonyms, forms, "
        "definition, example, notes)",
    ],
    "missing-field": [
        "glossary/apple.yml: id: missing required field",
        "glossary/apple.yml: pl.definition: missing required field",
    ],
    "wrong-type": [
        "glossary/apple.yml: da: expected a mapping of fields, got a text",
        "glossary/apple.yml: en.synonyms: expected a list of single-line texts, got a text",
        "glossary/apple.yml: pl.term: expected a single-line text, got a list",
        "glossary/apple.yml: related: expected a list of lowercase slugs, got a text",
        "glossary/apple.yml: tags[1]: expected a lowercase slug, got a number (put it in quotes "
        "if it is a text)",
    ],
    "missing-language": [
        "glossary/apple.yml: da: missing language section (every entry needs en, pl, nl, da)",
    ],
    "empty-text": [
        "glossary/apple.yml: nl.example: is empty",
        "glossary/apple.yml: pl.definition: is empty",
    ],
    "bad-id": [
        "glossary/Bad_Name.yml: id: 'Bad_Name' is not a lowercase slug (a-z, 0-9, single "
        "hyphens)",
    ],
    "path-traversal": [
        "glossary/escape.yml: id: '../../etc/passwd' does not match the file name 'escape'",
        "glossary/escape.yml: id: '../../etc/passwd' is not a lowercase slug (a-z, 0-9, single "
        "hyphens)",
    ],
    "id-mismatch": [
        "glossary/apple.yml: id: 'pear' does not match the file name 'apple'",
    ],
    "duplicate-id": [
        "glossary/apple.yml: id: duplicate id 'apple' (also glossary/apple.yaml)",
    ],
    "duplicate-term": [
        "glossary/pear.yml: en.synonyms[0]: duplicate term 'Apple' (also in glossary/apple.yml)",
        "glossary/pear.yml: pl.term: duplicate term 'Łódź' (also in glossary/boat.yml)",
    ],
    "unknown-reference": [
        "glossary/lamp.yml: confused_with[1]: unknown concept 'nothing'",
        "glossary/lamp.yml: related[0]: unknown concept 'pear'",
        "glossary/lamp.yml: related[1]: a concept cannot refer to itself",
    ],
    "raw-html": [
        "glossary/lamp.yml: en.definition: raw HTML is not allowed; use Markdown",
        "glossary/lamp.yml: pl.example: raw HTML is not allowed; use Markdown",
    ],
    "unicode-duplicate": [
        "glossary/fig.yml: en.term: duplicate term 'ﬁg' (also in glossary/fig-tree.yml)",
        "glossary/pear.yml: da.term: duplicate term 'båd' (also in glossary/boat.yml)",
    ],
    "size-text": [
        "glossary/boat.yml: en.definition: is 5,008 characters long; the limit is 1,200",
    ],
    "size-first-sentence": [
        "glossary/boat.yml: en.definition: its first sentence is 412 characters long; it is "
        "every link's tooltip, keep it under 300",
    ],
    "source-descriptions": [
        "glossary/apple.yml: sources[2].da: missing the da text (every described source needs "
        "one in each language: en, pl, nl, da)",
        "glossary/apple.yml: sources[3].cite: missing required field",
        "glossary/apple.yml: sources[4].dk: language 'dk' is not configured in project.yml "
        "(configured: en, pl, nl, da); 'dk' is a country code, the language is 'da'",
        "glossary/apple.yml: sources[5].en: is empty",
        "glossary/apple.yml: sources[5].note: unknown field (allowed: cite, en, pl, nl, da)",
        "glossary/apple.yml: sources[5].sv: language 'sv' is not configured in project.yml "
        "(configured: en, pl, nl, da)",
        "glossary/apple.yml: sources[6].en: must be a single line",
        "glossary/apple.yml: sources[7]: expected a citation (a single-line text) or a described "
        "source (a mapping such as `{cite: …, en: …, pl: …}`), got a number (put it in quotes if "
        "it is a text)",
        "glossary/apple.yml: sources[8]: expected a citation (a single-line text) or a described "
        "source (a mapping such as `{cite: …, en: …, pl: …}`), got a list",
    ],
}


@pytest.mark.parametrize("scenario", sorted(EXPECTED))
def test_each_mistake_is_reported_exactly(scenario: str, project: Callable[[str], Path]) -> None:
    assert problem_lines(project(scenario)) == EXPECTED[scenario]



# -- Sources -----------------------------------------------------------------------------------------

DESCRIBED = """\
sources:
  - "Fixture, A. (2020). A source."
  - cite: "Survey, B. (2021). Buyers asked."
    en: What the survey found, see [[plum]].
    pl: Co wykazało badanie, zob. [[plum|śliwka]].
    nl: >-
      Wat het onderzoek
      vond.
    da: Hvad undersøgelsen fandt.
"""


def _with_described_source(root: Path) -> Path:
    apple = root / "glossary" / "apple.yml"
    text = apple.read_text(encoding="utf-8")
    apple.write_text(text.replace('sources: ["Fixture, A. (2020). A source."]\n', DESCRIBED),
                     encoding="utf-8")
    return root


def test_a_source_is_a_citation_or_a_citation_described_in_every_language(
        project: Callable[[str], Path]) -> None:
    from builder.load import load_project
    from builder.sources.glossary import Source

    loaded, problems = load_project(_with_described_source(project("base")))
    assert problems == []
    plain, described = loaded.concept("apple").sources
    assert plain == Source(cite="Fixture, A. (2020). A source.", descriptions={})
    assert plain.description("pl") is None
    assert described.cite == "Survey, B. (2021). Buyers asked."
    assert dict(described.descriptions) == {
        "en": "What the survey found, see [[plum]].", "pl": "Co wykazało badanie, zob. [[plum|śliwka]].",
        "nl": "Wat het onderzoek vond.", "da": "Hvad undersøgelsen fandt."}
    with pytest.raises(AttributeError):
        described.cite = "changed"  # type: ignore[misc]
    # Each description is an author text of its language: links are checked and labelled in it.
    texts = {t.field: t.lang for t in loaded.inventory.texts
             if t.field.startswith("sources") and t.source == "glossary/apple.yml"}
    assert texts == {"sources[0]": None, "sources[1].cite": None, "sources[1].en": "en",
                     "sources[1].pl": "pl", "sources[1].nl": "nl", "sources[1].da": "da"}


def test_a_concept_page_shows_each_source_in_its_language(project: Callable[[str], Path]) -> None:
    from builder.load import load_project
    from builder.render import contexts
    from builder.sources.glossary import KIND

    loaded, _ = load_project(_with_described_source(project("base")))
    pages = {lang: {o.path: o.text for o in KIND.render(ctx)}
             for lang, ctx in contexts(loaded).items()}
    polish = pages["pl"]["glossary/apple/index.md"]
    sources = polish.split("\n## Źródła\n\n")[1]
    assert sources.startswith("- Fixture, A. (2020). A source.\n"
                              "- Survey, B. (2021). Buyers asked.<br>Co wykazało badanie, zob. "
                              "[śliwka](../../glossary/plum/index.md")
    assert "What the survey found" not in polish
    assert "Hvad undersøgelsen fandt." in pages["da"]["glossary/apple/index.md"]


def test_a_broken_source_fails_the_check_without_a_traceback(tmp_path: Path) -> None:
    from tests.conftest import make_project, run_cli

    root = make_project("source-descriptions", tmp_path)
    result = run_cli("check", "--root", str(root))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "glossary/apple.yml: sources[2].da: missing the da text" in result.output
