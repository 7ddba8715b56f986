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


def test_files_written_as_they_are_made_keep_their_names_and_sizes(tmp_path: Path) -> None:
    """The build writes each export as it is made (`into`) and keeps it without its bytes: the
    same files, byte for byte, and the downloads page the same."""
    project, problems = load_project(make_project("base", tmp_path))
    assert not problems
    ctxs = contexts(project)
    held, _ = export_all(project, ctxs=ctxs)
    written, _ = export_all(project, ctxs=ctxs, into=tmp_path / "downloads")
    assert [(f.name, f.format, f.lang) for f in written] == [
        (f.name, f.format, f.lang) for f in held]
    assert all(f.data == b"" and f.size == len(h.data) for f, h in zip(written, held, strict=True))
    assert {f.name: f.data for f in held} == {
        p.name: p.read_bytes() for p in (tmp_path / "downloads").iterdir()}
    assert [o.text for o in downloads.outputs(ctxs["pl"], written)] == [
        o.text for o in downloads.outputs(ctxs["pl"], held)]
