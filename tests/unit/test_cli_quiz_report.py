"""`kb quiz-report`: learners' result files and codes in, the class report and its CSV out; every
bad file named at once, in red, with nothing written and no traceback."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from builder.cli import main
from tests.conftest import run_cli
from tests.unit.test_class_report import EXPECTED_CSV_EN
from tests.unit.test_results import VECTORS

VERSION = VECTORS["quiz"]["version"]
SCORES = (60, 80, 60, 40, 60, 33)
"""Class 1's percentages, as each learner's quiz page showed them."""


def result_text(lang: str, answers: dict[str, list[str]], score: int, **extra: object) -> str:
    return json.dumps({"format": "kb-quiz-result", "quiz": "vectors", "version": VERSION,
                       "lang": lang, **extra, "answers": answers, "score": score})


def write_class(folder: Path) -> list[str]:
    """Class 1 of the vectors: four result files (two with a name) and a file of two codes, in
    the learners' order."""
    results = VECTORS["classes"][0]["results"]
    paths = []
    for i, (result, score) in enumerate(zip(results[:4], SCORES, strict=False)):
        path = folder / f"learner-{i + 1}-{result['lang']}-result.json"
        name = {"name": f"Pupil{i} <b>Secret</b>"} if i % 2 else {}
        path.write_text(result_text(result["lang"], result["answers"], score, **name),
                        encoding="utf-8")
        paths.append(str(path))
    codes = folder / "codes.txt"
    codes.write_text("vectors.cac09c93.pl.283202.suw9\n\n vectors.cac09c93.PL.2g131t.s2vu \n",
                     encoding="utf-8")
    return [*paths, str(codes)]


def write_bad(folder: Path) -> dict[str, str]:
    """One file per kind of problem → the line `kb quiz-report` prints for it."""
    bad = folder / "bad"
    bad.mkdir()
    answers = {"q1": ["a"]}
    texts: dict[str, str | bytes] = {
        "notes.txt": "{ not json",
        "other.json": json.dumps({"format": "kb-assessment-answers", "answers": {}}),
        "unknown.json": result_text("pl", answers, 100).replace('"vectors"', '"gone"'),
        "old.json": result_text("pl", answers, 100).replace(VERSION, "00000000"),
        "swedish.json": result_text("sv", answers, 100),
        "tampered.json": result_text("pl", {"<script>alert(1)</script>": ["a"]}, 100),
        "cheat.json": result_text("pl", answers, 99),
        "long-name.json": result_text("pl", answers, 100, name="x" * 61),
        "deep.json": '{"format": "kb-quiz-result", "answers": ' + "[" * 100_000 + "]" * 100_000
                     + "}",
        "latin1.json": result_text("pl", answers, 100).replace(
            '"lang"', '"name": "Søren", "lang"').encode("latin-1"),
        "codes.txt": "vectors.cac09c93.pl.283202.suw9\nvectors.cac09c93.pl.283202.suw8\n",
        "empty.txt": "\n\n",
    }
    for name, text in texts.items():
        path = bad / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    with (bad / "huge.json").open("wb") as f:
        f.truncate(2_000_000)  # sparse: refused before it is read
    return {
        "notes.txt": "not a JSON file (Expecting property name enclosed in double quotes)",
        "other.json": "not a quiz result file",
        "unknown.json": "a result of a quiz this site does not have ('gone')",
        "old.json": f"a result of version '00000000' of the quiz; this is version '{VERSION}'",
        "swedish.json": "'sv' is not a language of this site",
        "tampered.json": "an answer to an unknown question '<script>alert(1)</script>'",
        "cheat.json": "the score 99 is not the score of the answers (100)",
        "long-name.json": "the name must be text of 1 to 60 characters",
        "deep.json": "not a result file (nested too deeply)",
        "latin1.json": "not UTF-8 text",
        "codes.txt:line 2": "the code is incomplete or mistyped (its check does not match)",
        "empty.txt": "holds neither a result nor a result code",
        "huge.json": "is 2,000,000 bytes; a result file is a few kilobytes",
        "missing.json": "cannot be read (No such file or directory)",
    }


def test_the_report_and_its_csv(project: Callable[[str], Path], tmp_path: Path) -> None:
    root = project("quiz-vectors")
    out = tmp_path / "out" / "class.html"
    result = run_cli("quiz-report", "--root", str(root), *write_class(tmp_path), "--lang", "en",
                     "-o", str(out))
    assert result.exit_code == 0, result.output
    csv_file = tmp_path / "out" / "class.csv"
    assert f"Wrote {out} and {csv_file} (6 results, 1 quiz)" in result.output
    # The same bytes as the report of the vectors' first class: results in the order given.
    assert csv_file.read_bytes() == EXPECTED_CSV_EN.encode("utf-8")
    html = out.read_text(encoding="utf-8")
    assert "<h2>Fruit check</h2>" in html and "6 learners" in html
    assert '<a href="site/en/quizzes/vectors/present/index.html#q3">' in html
    assert "Pupil" not in html and "Secret" not in html and "Pupil" not in result.output


def test_the_site_url_is_where_links_start(project: Callable[[str], Path],
                                          tmp_path: Path) -> None:
    root = project("quiz-vectors")
    out = tmp_path / "class.html"
    args = ("quiz-report", "--root", str(root), *write_class(tmp_path), "--lang", "pl",
            "-o", str(out))
    result = run_cli(*args, "--site-url", "https://kb.example.org")
    assert result.exit_code == 0, result.output
    assert ('<a href="https://kb.example.org/pl/quizzes/vectors/present/index.html#q3">'
            in out.read_text(encoding="utf-8"))
    out.unlink()
    result = run_cli(*args, "--site-url", "javascript:alert(1)")
    assert result.exit_code == 2 and "--site-url" in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_bad_files_are_all_named_and_nothing_is_written(project: Callable[[str], Path],
                                                       tmp_path: Path) -> None:
    root = project("quiz-vectors")
    good = write_class(tmp_path)
    expected = write_bad(tmp_path)
    bad = [str(tmp_path / "bad" / name.split(":")[0]) for name in expected]
    out = tmp_path / "report.html"
    args = ["quiz-report", "--root", str(root), *good, *bad, "--lang", "da", "-o", str(out)]
    result = CliRunner().invoke(main, args, color=True)
    assert result.exit_code == 1
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    for name, message in expected.items():
        # In red, on stderr, one line each.
        line = f"\x1b[31m{tmp_path / 'bad' / name}: {message}\x1b[0m"
        assert line in result.stderr.splitlines(), (name, result.stderr)
    assert "14 problems in 19 files; nothing written" in result.stderr
    assert not out.exists() and not out.with_suffix(".csv").exists()
    # With --skip-invalid the valid results still make a report (the problems are still listed).
    result = run_cli(*args, "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert f"{tmp_path / 'bad' / 'old.json'}: a result of version" in result.output
    assert "(7 results, 1 quiz)" in result.output  # the good code in bad/codes.txt counts too
    assert out.exists() and out.with_suffix(".csv").exists()
    assert "<script" not in out.read_text(encoding="utf-8")


def test_no_usable_result_writes_nothing(project: Callable[[str], Path], tmp_path: Path) -> None:
    root = project("quiz-vectors")
    notes = tmp_path / "notes.txt"
    notes.write_text("hello\n", encoding="utf-8")
    out = tmp_path / "report.html"
    result = run_cli("quiz-report", "--root", str(root), str(notes), "--lang", "en",
                     "-o", str(out), "--skip-invalid")
    assert result.exit_code == 1
    assert f"{notes}:line 1: not a quiz result code" in result.output
    assert "No usable result; nothing written." in result.output
    assert not out.exists() and "Traceback" not in result.output


def test_an_unknown_language_is_refused(project: Callable[[str], Path], tmp_path: Path) -> None:
    result = run_cli("quiz-report", "--root", str(project("quiz-vectors")),
                     *write_class(tmp_path), "--lang", "sv")
    assert result.exit_code == 2 and "'sv' is not one of en, pl, nl, da" in result.output


def test_files_are_required(project: Callable[[str], Path]) -> None:
    result = run_cli("quiz-report", "--root", str(project("quiz-vectors")), "--lang", "en")
    assert result.exit_code == 2 and "Missing argument 'FILES...'" in result.output
