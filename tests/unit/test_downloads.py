"""The downloads page: every file of its language and those with every language, each described
by its own quiz's title."""

from __future__ import annotations

from pathlib import Path

from builder import downloads
from builder.exports import export_all
from builder.load import load_project
from builder.render import contexts
from tests.conftest import make_project


def test_each_package_is_described_by_its_own_quiz(tmp_path: Path) -> None:
    root = make_project("base", tmp_path)
    # A quiz whose id starts with another's: `basics-more-pl.scorm.zip` starts with `basics-`.
    source = (root / "quizzes" / "basics.yml").read_text(encoding="utf-8")
    (root / "quizzes" / "basics-more.yml").write_text(
        source.replace("id: basics", "id: basics-more").replace(
            "title: Podstawy owoców", "title: Więcej o owocach"), encoding="utf-8")
    project, problems = load_project(root)
    assert not problems
    # Whatever order the quizzes were found in: here the shorter id first.
    project.__dict__["quizzes"] = tuple(sorted(project.quizzes, key=lambda q: len(q.id)))
    ctx = contexts(project)["pl"]
    files, _ = export_all(project, ["scorm"], {"pl": ctx})
    described = {f.name: downloads.describe(ctx, f) for f in files}
    assert described == {
        "basics-pl.scorm.zip": "„Podstawy owoców” jako pakiet SCORM 1.2 do dowolnej platformy "
                               "e-learningowej",
        "basics-more-pl.scorm.zip": "„Więcej o owocach” jako pakiet SCORM 1.2 do dowolnej "
                                    "platformy e-learningowej",
        "shuffled-pl.scorm.zip": described["shuffled-pl.scorm.zip"]}
    assert "shuffled" not in described["basics-pl.scorm.zip"]
