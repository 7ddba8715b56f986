"""Checks across sources: links in every author text, pages in every language, the navigation,
and cascades (the root problem is reported, not its knock-on effects)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from builder.load import load_project
from builder.validate import format_coverage, validate
from tests.conftest import problem_lines

# many-problems: problems in several files and of several kinds are all reported in one run.
# site-and-content: a broken mkdocs.yml does not hide the content's problems.
# cascade-*: a missing language folder is one problem, not one per page; a broken catalogue
# template is one problem, not one per msgid of every language.
EXPECTED = {
    "unknown-link": [
        "content/nl/about.md: line 3: unknown concept 'peer' in [[peer]]",
        "content/nl/about.md: line 5: unknown concept 'Lamp' in [[Lamp]] (did you mean 'lamp'?)",
        "glossary/lamp.yml: en.definition: unknown concept 'sun' in [[sun]]",
    ],
    # A label may run over a line break, not over a blank line; a [[ left open is named.
    "unclosed-link": [
        "content/pl/about.md: line 6: a [[ that starts no concept link, so it would be shown as "
        "it is: write [[concept-id]] or [[concept-id|label]], closed within the paragraph",
        "content/pl/about.md: line 8: a [[ that starts no concept link, so it would be shown as "
        "it is: write [[concept-id]] or [[concept-id|label]], closed within the paragraph",
        "glossary/lamp.yml: en.definition: a [[ that starts no concept link, so it would be "
        "shown as it is: write [[concept-id]] or [[concept-id|label]], closed within the "
        "paragraph",
    ],
    "many-problems": [
        "content/nl/about.md: (file): missing translation of a page that exists in en, pl, da",
        "glossary/apple.yml: da: missing language section (every entry needs en, pl, nl, da)",
        "glossary/apple.yml: pl.example: missing required field",
        "glossary/broken.yml: line 1, column 5: invalid YAML: a [ opens here and is never "
        "closed; if it is part of a text, put the text in quotes",
    ],
    "site-and-content": [
        "glossary/lamp.yml: da: missing language section (every entry needs en, pl, nl, da)",
        "glossary/lamp.yml: en.definition: missing required field",
        "glossary/lamp.yml: en.example: missing required field",
        "glossary/lamp.yml: nl: missing language section (every entry needs en, pl, nl, da)",
        "glossary/lamp.yml: pl: missing language section (every entry needs en, pl, nl, da)",
        "mkdocs.yml: line 1, column 12: invalid YAML: a [ opens here and is never closed; if it "
        "is part of a text, put the text in quotes",
    ],
    "cascade-language-folder": [
        "content/da: (folder): missing language folder",
    ],
    "cascade-broken-template": [
        'locales/messages.pot: line 2: a string that is not closed (a missing " at the end, or '
        'a " inside it that should be written \\")',
    ],
}


@pytest.mark.parametrize("scenario", sorted(EXPECTED))
def test_each_mistake_is_reported_exactly(scenario: str, project: Callable[[str], Path]) -> None:
    assert problem_lines(project(scenario)) == EXPECTED[scenario]


def test_base_fixture_is_valid(project: Callable[[str], Path]) -> None:
    assert problem_lines(project("base")) == []


def test_references_to_a_broken_file_are_not_a_second_error(
        project: Callable[[str], Path]) -> None:
    # apple.yml refers to plum, pages and quizzes link it; a broken plum.yml reports itself only.
    root = project("base")
    (root / "glossary" / "plum.yml").write_text("id: plum\nen: [\n", encoding="utf-8")
    assert problem_lines(root) == [
        "glossary/plum.yml: line 2, column 5: invalid YAML: a [ opens here and is never closed; "
        "if it is part of a text, put the text in quotes"]


def test_a_broken_files_references_are_still_checked(project: Callable[[str], Path]) -> None:
    root = project("base")
    lamp = root / "glossary" / "lamp.yml"
    lamp.write_text(lamp.read_text(encoding="utf-8").replace("id: lamp\n", "id: lamp\n"
                    "related: [sun]\ncolour: red\n"), encoding="utf-8")
    assert problem_lines(root) == [
        "glossary/lamp.yml: colour: unknown field (allowed: id, related, confused_with, sources, "
        "tags, en, pl, nl, da)",
        "glossary/lamp.yml: related[0]: unknown concept 'sun'",
    ]


def test_a_broken_quiz_is_not_also_a_missing_page(project: Callable[[str], Path]) -> None:
    root = project("base")
    (root / "quizzes" / "basics.yml").write_text("id: basics\n", encoding="utf-8")
    lines = problem_lines(root)
    assert all(line.startswith("quizzes/basics.yml: ") for line in lines), lines


def test_coverage_table_counts_concepts_and_pages_per_language(
        project: Callable[[str], Path]) -> None:
    root = project("many-problems")
    loaded, problems = load_project(root)
    table = format_coverage(loaded, sorted({*problems, *validate(loaded)}))
    assert table.splitlines() == [
        "language              concepts     pages",
        "en English                 7/8       3/3",
        "pl Polski                  6/8       3/3",
        "nl Nederlands              7/8       2/3",
        "da Dansk                   6/8       3/3",
    ]


def test_a_concept_is_not_both_related_and_confused_with(project: Callable[[str], Path]) -> None:
    root = project("base")
    apple = root / "glossary" / "apple.yml"
    apple.write_text(apple.read_text(encoding="utf-8").replace(
        "confused_with: [boat]", "confused_with: [plum]"), encoding="utf-8")
    assert problem_lines(root) == [
        "glossary/apple.yml: confused_with[0]: 'plum' is also in related; keep it in one list"]


def test_a_misspelt_field_or_language_is_one_problem(project: Callable[[str], Path]) -> None:
    root = project("base")
    boat = root / "glossary" / "boat.yml"
    boat.write_text(boat.read_text(encoding="utf-8").replace("  definition:", "  defintion:", 1)
                    .replace("da:\n", "dk:\n").replace("related: [", "related: ["),
                    encoding="utf-8")
    apple = root / "glossary" / "apple.yml"
    apple.write_text(apple.read_text(encoding="utf-8").replace("related: [plum]",
                                                               "related: [plumm]"), encoding="utf-8")
    assert problem_lines(root) == [
        "glossary/apple.yml: related[0]: unknown concept 'plumm' (did you mean 'plum'?)",
        "glossary/boat.yml: dk: language 'dk' is not configured in project.yml (configured: en, "
        "pl, nl, da); 'dk' is a country code, the language is 'da'",
        "glossary/boat.yml: en.defintion: unknown field (did you mean 'definition'? allowed: "
        "term, synonyms, forms, definition, example, notes)",
    ]


def test_a_kind_s_entry_page_must_be_in_the_nav(project: Callable[[str], Path]) -> None:
    root = project("base")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - quizzes/index.md\n", ""),
                      encoding="utf-8")
    assert problem_lines(root) == [
        "mkdocs.yml: nav: 'quizzes/index.md' is not listed, so readers cannot reach the quizzes "
        "pages; add `- quizzes/index.md`"]
