"""The self-assessment instrument: dimensions, statements, bands and levels in every language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import problem_lines

EXPECTED = {
    "assessment-missing-language": [
        "quizzes/assessment/fruit-habits.yml: dimensions[1].da: missing language section (every "
        "dimension needs en, pl, nl, da)",
    ],
    "assessment-bad-structure": [
        "quizzes/assessment/fruit-habits.yml: bands[1]: bands must cover 0 to 100 in order "
        "without gaps: expected from 45",
        "quizzes/assessment/fruit-habits.yml: dimensions[0].en.bands.developing.message: "
        "missing required field",
        "quizzes/assessment/fruit-habits.yml: "
        "dimensions[0].en.bands.developing.recommendations: give two or three next steps, not 1",
        "quizzes/assessment/fruit-habits.yml: dimensions[1].da.statements.bowl: unknown "
        "statement 'bowl' (expected: fridge, wash, forget)",
        "quizzes/assessment/fruit-habits.yml: dimensions[1].da.statements.wash: missing",
        "quizzes/assessment/fruit-habits.yml: dimensions[1].en.statements.bowl: unknown "
        "statement 'bowl' (expected: fridge, wash, forget)",
        "quizzes/assessment/fruit-habits.yml: dimensions[1].en.statements.freezer: unknown "
        "statement 'freezer' (expected: fridge, wash, forget)",
        "quizzes/assessment/fruit-habits.yml: dimensions[1].en.statements.wash: missing",
        "quizzes/assessment/fruit-habits.yml: dimensions[1].nl.statements.bowl: unknown "
        "statement 'bowl' (expected: fridge, wash, forget)",
        "quizzes/assessment/fruit-habits.yml: dimensions[1].nl.statements.wash: missing",
        "quizzes/assessment/fruit-habits.yml: dimensions[1].pl.statements.bowl: unknown "
        "statement 'bowl' (expected: fridge, wash, forget)",
        "quizzes/assessment/fruit-habits.yml: dimensions[1].pl.statements.wash: missing",
        "quizzes/assessment/fruit-habits.yml: dimensions[1].statements[1].id: duplicate "
        "statement id 'wash' (also in dimensions[0]); answer files key answers by statement id",
        "quizzes/assessment/fruit-habits.yml: dimensions[2].bands: level 'superb' is not one of "
        "the instrument's levels (attention, developing, strong)",
        "quizzes/assessment/fruit-habits.yml: dimensions[2].da.bands.strong: unknown level "
        "'strong' (expected: attention, superb)",
        "quizzes/assessment/fruit-habits.yml: dimensions[2].da.bands.superb: missing",
        "quizzes/assessment/fruit-habits.yml: dimensions[2].en.bands.strong: unknown level "
        "'strong' (expected: attention, superb)",
        "quizzes/assessment/fruit-habits.yml: dimensions[2].en.bands.superb: missing",
        "quizzes/assessment/fruit-habits.yml: dimensions[2].nl.bands.strong: unknown level "
        "'strong' (expected: attention, superb)",
        "quizzes/assessment/fruit-habits.yml: dimensions[2].nl.bands.superb: missing",
        "quizzes/assessment/fruit-habits.yml: dimensions[2].pl.bands.strong: unknown level "
        "'strong' (expected: attention, superb)",
        "quizzes/assessment/fruit-habits.yml: dimensions[2].pl.bands.superb: missing",
    ],
    "assessment-two-instruments": [
        "quizzes/assessment: (folder): holds 2 instruments (fruit-habits.yml, other.yml); the "
        "site has one assessment, keep one file",
    ],
    "assessment-unknown-link": [
        "quizzes/assessment/fruit-habits.yml: "
        "dimensions[0].en.bands.attention.recommendations[1]: link to 'nowhere.md#top': no page "
        "'nowhere.md' in content/en/ (link pages by file name, e.g. practices.md)",
        "quizzes/assessment/fruit-habits.yml: en.intro: unknown concept 'pear' in [[pear]]",
    ],
}


@pytest.mark.parametrize("scenario", sorted(EXPECTED))
def test_each_mistake_is_reported_exactly(scenario: str, project: Callable[[str], Path]) -> None:
    assert problem_lines(project(scenario)) == EXPECTED[scenario]

