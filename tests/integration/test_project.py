"""The project's own content: valid, complete in every language, and buildable."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.load import load_project
from builder.validate import coverage, validate
from tests.conftest import REPO, run_cli

CORE = ("cognitive-dissonance", "post-purchase-dissonance", "buyers-remorse")


def test_the_real_project_has_no_problems() -> None:
    project, problems = load_project(REPO)
    assert [str(p) for p in [*problems, *validate(project)]] == []


def test_every_concept_and_page_exists_in_every_language() -> None:
    project, problems = load_project(REPO)
    rows, concepts, pages = coverage(project, problems)
    assert {r.lang for r in rows} == {"en", "pl", "nl", "da"}
    for row in rows:
        assert (row.concepts, row.pages) == (concepts, pages), row.lang
    ids = {c.id for c in project.concepts}
    assert set(CORE) <= ids
    for concept in project.concepts:
        assert set(concept.texts) == {"en", "pl", "nl", "da"}


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("real") / "site"
    result = run_cli("build", "--root", str(REPO), "--site-dir", str(site))
    assert result.exit_code == 0, result.output
    return site


def test_the_real_project_builds_four_sites(real_site: Path) -> None:
    for lang in ("en", "pl", "nl", "da"):
        for concept in CORE:
            assert (real_site / lang / "glossary" / concept / "index.html").is_file()
    text = (real_site / "pl/glossary/post-purchase-dissonance/index.html").read_text("utf-8")
    assert '<html lang="pl"' in text
    assert "Dysonans pozakupowy" in text
    assert not list(REPO.glob(".build-*"))
