"""Each kind of bad input is a fixture project; `kb check` reports exactly these lines."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from builder.load import load_project
from builder.validate import format_coverage, validate
from tests.conftest import run_cli

EXPECTED = {
    "yaml-syntax": [
        "glossary/broken.yml: line 4, column 15: invalid YAML: a quoted text starts here and is "
        "never closed (a missing \" or ')",
    ],
    "duplicate-key": [
        "glossary/lamp.yml: line 2, column 1: invalid YAML: duplicate key 'id'",
    ],
    "unknown-field": [
        "glossary/apple.yml: colour: unknown field "
        "(allowed: id, related, confused_with, sources, tags, en, pl, nl, da)",
        "glossary/apple.yml: pl.plural: unknown field "
        "(allowed: term, synonyms, forms, definition, example, notes)",
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
        "glossary/Bad_Name.yml: id: 'Bad_Name' is not a lowercase slug (a-z, 0-9, single hyphens)",
    ],
    "path-traversal": [
        "glossary/escape.yml: id: '../../etc/passwd' does not match the file name 'escape'",
        "glossary/escape.yml: id: '../../etc/passwd' is not a lowercase slug "
        "(a-z, 0-9, single hyphens)",
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
    "unconfigured-language": [
        "content/de: (folder): language 'de' is not configured in project.yml "
        "(configured: en, pl, nl, da)",
        "glossary/lamp.yml: de: language 'de' is not configured in project.yml "
        "(configured: en, pl, nl, da)",
    ],
    "raw-html": [
        "glossary/lamp.yml: en.definition: raw HTML is not allowed; use Markdown",
        "glossary/lamp.yml: pl.example: raw HTML is not allowed; use Markdown",
    ],
    "missing-page": [
        "content/da/about.md: (file): missing translation of a page that exists in en, pl, nl",
    ],
    "missing-title": [
        "content/nl/about.md: title: no `# Heading` and no `title:` in front matter",
    ],
    "unknown-link": [
        "content/nl/about.md: line 3: unknown concept 'peer' in [[peer]]",
        "content/nl/about.md: line 5: unknown concept 'Lamp' in [[Lamp]]",
        "glossary/lamp.yml: en.definition: unknown concept 'sun' in [[sun]]",
    ],
    "bad-misconception": [
        "glossary/misconceptions/wrong.yml: concept: unknown concept 'pear'",
        "glossary/misconceptions/wrong.yml: confused_with[1]: unknown concept 'sun'",
        "glossary/misconceptions/wrong.yml: en.why_wrong: unknown concept 'moon' in [[moon]]",
    ],
    "quiz-single-two-correct": [
        "quizzes/bad.yml: questions[0].options: a single question needs exactly one correct "
        "option, found 2",
    ],
    "quiz-multiple-no-correct": [
        "quizzes/bad.yml: questions[0].options: a multiple question needs at least one correct "
        "option",
    ],
    "quiz-unknown-feedback": [
        f"quizzes/bad.yml: questions[0].{lang}.feedback.c: unknown option 'c' (expected: a, b)"
        for lang in ("da", "en", "nl", "pl")
    ],
    "quiz-missing-language": [
        "quizzes/bad.yml: da: missing language section (every entry needs en, pl, nl, da)",
        "quizzes/bad.yml: questions[0].da: missing language section "
        "(every question needs en, pl, nl, da)",
        "quizzes/bad.yml: questions[0].xx: language 'xx' is not configured in project.yml "
        "(configured: en, pl, nl, da)",
    ],
    "quiz-unknown-reference": [
        f"quizzes/bad.yml: questions[0].{lang}.explanation: unknown concept 'pear' in [[pear]]"
        for lang in ("da", "en", "nl", "pl")
    ],
    "assessment-missing-language": [
        "quizzes/assessment/fruit-habits.yml: dimensions[1].da: missing language section "
        "(every dimension needs en, pl, nl, da)",
    ],
    "assessment-bad-structure": sorted([
        "quizzes/assessment/fruit-habits.yml: bands[1]: bands must cover 0 to 100 in order "
        "without gaps: expected from 45",
        "quizzes/assessment/fruit-habits.yml: dimensions[0].en.bands.developing.message: "
        "missing required field",
        "quizzes/assessment/fruit-habits.yml: dimensions[0].en.bands.developing.recommendations: "
        "give two or three next steps, not 1",
        "quizzes/assessment/fruit-habits.yml: dimensions[1].statements[1].id: duplicate "
        "statement id 'wash' (also in dimensions[0]); answer files key answers by statement id",
        "quizzes/assessment/fruit-habits.yml: dimensions[1].en.statements.freezer: unknown "
        "statement 'freezer' (expected: fridge, wash, forget)",
        "quizzes/assessment/fruit-habits.yml: dimensions[2].bands: level 'superb' is not one of "
        "the instrument's levels (attention, developing, strong)",
        *(f"quizzes/assessment/fruit-habits.yml: dimensions[1].{lang}.statements.{key}: {message}"
          for lang in ("da", "en", "nl", "pl") for key, message in (
              ("bowl", "unknown statement 'bowl' (expected: fridge, wash, forget)"),
              ("wash", "missing"))),
        *(f"quizzes/assessment/fruit-habits.yml: dimensions[2].{lang}.bands.{key}: {message}"
          for lang in ("da", "en", "nl", "pl") for key, message in (
              ("strong", "unknown level 'strong' (expected: attention, superb)"),
              ("superb", "missing"))),
    ]),
    "assessment-unknown-link": [
        "quizzes/assessment/fruit-habits.yml: dimensions[0].en.bands.attention.recommendations[1]: "
        "link to 'nowhere.md#top': no page 'nowhere.md' in content/en/ (link pages by file name, "
        "e.g. practices.md)",
        "quizzes/assessment/fruit-habits.yml: en.intro: unknown concept 'pear' in [[pear]]",
    ],
    "assessment-two-instruments": [
        "quizzes/assessment: (folder): holds 2 instruments (fruit-habits.yml, other.yml); the "
        "site has one assessment, keep one file",
    ],
    "quiz-unknown-page": [
        f"quizzes/bad.yml: questions[0].{lang}.explanation: link to 'nowhere.md': no page "
        f"'nowhere.md' in content/{lang}/ (link pages by file name, e.g. practices.md)"
        for lang in ("da", "en", "nl", "pl")
    ],
    "quiz-bad-bands": [
        "quizzes/bad.yml: results[1]: bands must cover 0 to 100 in order without gaps: "
        "expected from 60",
    ],
    "quiz-unknown-misconception": [
        "quizzes/bad.yml: questions[0].options[1].misconception: unknown misconception "
        "'apples-are-pears'",
    ],
    # Problems in several files and of several kinds are all reported in one run.
    "many-problems": [
        "content/nl/about.md: (file): missing translation of a page that exists in en, pl, da",
        "glossary/apple.yml: da: missing language section (every entry needs en, pl, nl, da)",
        "glossary/apple.yml: pl.example: missing required field",
        "glossary/broken.yml: line 1, column 5: invalid YAML: a [ opens here and is never closed; "
        "if it is part of a text, put the text in quotes",
    ],
}


def problem_lines(root: Path) -> list[str]:
    project, problems = load_project(root)
    return [str(p) for p in sorted({*problems, *validate(project)})]


def test_base_fixture_is_valid(project: Callable[[str], Path]) -> None:
    assert problem_lines(project("base")) == []


@pytest.mark.parametrize("scenario", sorted(EXPECTED))
def test_each_bad_input_is_reported_exactly(scenario: str,
                                            project: Callable[[str], Path]) -> None:
    assert problem_lines(project(scenario)) == EXPECTED[scenario]


@pytest.mark.parametrize("scenario", sorted(EXPECTED))
def test_check_command_lists_every_problem_and_fails(scenario: str,
                                                     project: Callable[[str], Path]) -> None:
    result = run_cli("check", "--root", str(project(scenario)))
    assert result.exit_code == 1
    for line in EXPECTED[scenario]:
        assert line in result.output
    count = len(EXPECTED[scenario])
    assert f"{count} problem{'s' if count > 1 else ''} found." in result.output
    assert "Traceback" not in result.output


def test_references_to_a_broken_file_are_not_a_second_error(
        project: Callable[[str], Path]) -> None:
    # apple.yml refers to plum; a broken plum.yml reports its own problem only.
    root = project("base")
    (root / "glossary" / "plum.yml").write_text("id: plum\nen: [\n", encoding="utf-8")
    lines = problem_lines(root)
    assert len(lines) == 1
    assert lines[0].startswith("glossary/plum.yml: line 2, column 5: invalid YAML")


def test_coverage_table_counts_concepts_and_pages_per_language(
        project: Callable[[str], Path]) -> None:
    root = project("many-problems")
    loaded, problems = load_project(root)
    table = format_coverage(loaded, sorted({*problems, *validate(loaded)}))
    assert table.splitlines() == [
        "language              concepts     pages",
        "en English                 7/8       2/2",
        "pl Polski                  6/8       2/2",
        "nl Nederlands              7/8       1/2",
        "da Dansk                   6/8       2/2",
    ]


def test_a_concept_is_not_both_related_and_confused_with(project: Callable[[str], Path]) -> None:
    root = project("base")
    apple = root / "glossary" / "apple.yml"
    apple.write_text(apple.read_text(encoding="utf-8").replace(
        "confused_with: [boat]", "confused_with: [plum]"), encoding="utf-8")
    assert problem_lines(root) == [
        "glossary/apple.yml: confused_with[0]: 'plum' is also in related; keep it in one list"]
