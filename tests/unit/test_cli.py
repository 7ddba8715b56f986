"""The command line: stage lines, clear errors without tracebacks, and a site never damaged.

Every fixture scenario of every module's exact-message table is also built here: each bad input
ends in exit status 1, its problems, no traceback, at most a screenful, and the last good site
untouched.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli import SCREENFUL, main, problem_lines
from builder.problems import Problem
from tests.conftest import run_cli
from tests.unit import test_validate
from tests.unit.sources import (
    test_assessment,
    test_files,
    test_glossary,
    test_misconceptions,
    test_pages,
    test_quizzes,
    test_site,
    test_yamlio,
)

SCENARIOS = {**test_assessment.EXPECTED, **test_files.EXPECTED, **test_glossary.EXPECTED,
             **test_misconceptions.EXPECTED, **test_pages.EXPECTED, **test_quizzes.EXPECTED,
             **test_site.EXPECTED, **test_yamlio.FIXTURES, **test_validate.EXPECTED}


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_build_prints_one_line_per_stage(project: Callable[[str], Path]) -> None:
    root = project("base")
    result = run_cli("build", "--root", str(root))
    assert result.exit_code == 0, result.output
    stages = [line.split()[0] for line in result.output.splitlines()
              if line.rstrip().endswith("s") and line.split()[-1][:-1].replace(".", "").isdigit()]
    assert stages == ["load", "validate", "handouts", "exports", "compile", "mkdocs", "assemble"]
    assert not list(root.glob(".build-*")), "the work folder is removed"


def test_invalid_sources_leave_the_last_good_site(project: Callable[[str], Path]) -> None:
    root = project("base")
    assert run_cli("build", "--root", str(root)).exit_code == 0
    before = snapshot(root / "site")
    (root / "glossary" / "lamp.yml").write_text("id: lamp\nen: {term: x}\n", encoding="utf-8")
    result = run_cli("build", "--root", str(root))
    assert result.exit_code == 1
    assert "glossary/lamp.yml: en.definition: missing required field" in result.output
    assert "Traceback" not in result.output
    assert snapshot(root / "site") == before


def test_a_failing_mkdocs_build_is_reported_and_leaves_the_site(
        project: Callable[[str], Path]) -> None:
    root = project("base")
    assert run_cli("build", "--root", str(root)).exit_code == 0
    before = snapshot(root / "site")
    broken = project("broken-link")
    (root / "content/pl/about.md").write_bytes((broken / "content/pl/about.md").read_bytes())
    result = run_cli("build", "--root", str(root))
    assert result.exit_code == 1
    assert ("content/pl/about.md: mkdocs (pl): contains a link 'nowhere.md', but the target "
            "is not found among documentation files." in result.output)
    assert "nowhere.md" in result.output
    assert "Traceback" not in result.output
    assert snapshot(root / "site") == before
    assert not list(root.glob(".build-*"))


def test_missing_project_configuration(tmp_path: Path) -> None:
    result = run_cli("check", "--root", str(tmp_path))
    assert result.exit_code == 1
    assert "project.yml: (file): missing or empty; it declares the languages" in result.output
    assert "Traceback" not in result.output


def test_broken_mkdocs_yml(project: Callable[[str], Path]) -> None:
    root = project("base")
    (root / "mkdocs.yml").write_text("site_name: [x\n", encoding="utf-8")
    result = run_cli("build", "--root", str(root))
    assert result.exit_code == 1
    assert ("mkdocs.yml: line 1, column 12: invalid YAML: a [ opens here and is never closed"
            in result.output)
    assert "Traceback" not in result.output


def test_check_passes_on_the_base_fixture(project: Callable[[str], Path]) -> None:
    result = run_cli("check", "--root", str(project("base")))
    assert result.exit_code == 0
    assert "No problems found." in result.output
    assert "pl Polski                  7/7       3/3" in result.output


def test_site_dir_elsewhere(project: Callable[[str], Path], tmp_path: Path) -> None:
    root = project("base")
    site = tmp_path / "elsewhere" / "deep" / "site"
    result = run_cli("build", "--root", str(root), "--site-dir", str(site))
    assert result.exit_code == 0, result.output
    assert (site / "index.html").is_file() and (site / "da/glossary/eel/index.html").is_file()
    assert not (root / "site").exists()
    assert not list(site.parent.glob(".build-*"))


@pytest.mark.parametrize("scenario", sorted(s for s, lines in SCENARIOS.items() if lines))
def test_every_bad_input_fails_clearly_and_leaves_the_site(
        scenario: str, project: Callable[[str], Path], tmp_path: Path) -> None:
    root = project(scenario)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    result = run_cli("build", "--root", str(root), "--site-dir", str(site))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    problems = [line for line in result.output.splitlines() if ": " in line
                and not line.startswith(("load ", "validate "))]
    assert problems == SCENARIOS[scenario]
    assert len(problems) <= SCREENFUL
    count = len(SCENARIOS[scenario])
    assert f"{count} problem{'s' if count > 1 else ''} found." in result.output
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the last good site"
    assert not list(tmp_path.glob(".build-*"))


@pytest.mark.parametrize("scenario", sorted(s for s, lines in SCENARIOS.items() if not lines))
def test_unusual_but_valid_inputs_build(scenario: str, project: Callable[[str], Path]) -> None:
    root = project(scenario)
    result = run_cli("build", "--root", str(root))
    assert result.exit_code == 0, result.output


def test_a_bom_and_windows_line_ends_keep_the_front_matter(project: Callable[[str], Path]) -> None:
    root = project("encoding-bom")
    assert run_cli("build", "--root", str(root)).exit_code == 0
    assert "<title>O tym zestawie (BOM) - " in (root / "site/pl/about.html").read_text("utf-8")
    assert "<title>Over deze set (CRLF) - " in (root / "site/nl/about.html").read_text("utf-8")


def load_problems(root: Path) -> list[Problem]:
    from builder.load import load_project
    from builder.validate import validate

    project, problems = load_project(root)
    return sorted({*problems, *validate(project)})


def _limited(limit: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return apply


@pytest.mark.parametrize("scenario", ["yaml-alias-bomb", "yaml-bomb-9", "yaml-deep",
                                      "yaml-deep-10000", "size-file", "size-text", "size-wide-text",
                                      "size-asset"])
def test_hostile_sizes_are_refused_within_two_gigabytes(
        scenario: str, project: Callable[[str], Path]) -> None:
    root = project(scenario)
    # A hang guard, not a speed target (the benchmark measures how fast they are refused).
    result = subprocess.run([sys.executable, "-m", "builder", "check", "--root", str(root)],
                            capture_output=True, text=True, timeout=120,
                            preexec_fn=_limited(2 * 1024**3), check=False)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert "problem" in result.stderr.splitlines()[-1]


def test_many_problems_fit_on_a_screen(project: Callable[[str], Path]) -> None:
    root = project("base")
    for concept in (root / "glossary").glob("*.yml"):
        text = concept.read_text(encoding="utf-8")
        concept.write_text(text[:text.index("\nda:")] + "\n", encoding="utf-8")
    for page in (root / "content" / "da").iterdir():
        page.write_text("# Side\n" + "".join(f"[[x{i}]]\n" for i in range(30)),
                        encoding="utf-8")
    for lang in ("en", "pl", "nl", "da"):
        for n in range(40):
            (root / "content" / lang / f"page{n}.md").write_text(f"# Page\n\n[[y{n}]]\n",
                                                                encoding="utf-8")
    result = run_cli("check", "--root", str(root))
    lines = result.output.splitlines()[7:-1]
    assert len(lines) == SCREENFUL
    assert lines[:6] == [
        "content/da/about.md: line 2: unknown concept 'x0' in [[x0]]",
        "content/da/about.md: line 3: unknown concept 'x1' in [[x1]]",
        "content/da/about.md: line 4: unknown concept 'x2' in [[x2]]",
        "content/da/about.md: line 5: unknown concept 'x3' in [[x3]]",
        "content/da/about.md: line 6: unknown concept 'x4' in [[x4]]",
        "content/da/about.md: … and 25 more in this file",
    ]
    assert lines[-1] == "… and 140 more lines (`--all` lists every problem)"
    assert result.output.splitlines()[-1] == "258 problems found."
    grouped = problem_lines([p for p in load_problems(root) if p.path.startswith("glossary/")])
    assert grouped == ["glossary/ (7 files: apple.yml, boat.yml, eel.yml, …): da: missing "
                       "language section (every entry needs en, pl, nl, da)"]
    everything = run_cli("check", "--all", "--root", str(root))
    assert "glossary/zebra.yml: da: missing language section" in everything.output
    assert "content/da/index.md: line 31: unknown concept 'x29' in [[x29]]" in everything.output


def test_an_unexpected_error_is_one_line_naming_the_file(
        project: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from builder.sources.glossary import Glossary

    def broken(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(Glossary, "build", broken)
    root = project("base")
    result = CliRunner().invoke(main, ["check", "--root", str(root)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        "kb: unexpected error while processing glossary/apple.yml: RuntimeError: a bug. This is "
        "a bug in the builder; `kb --debug` shows the traceback. The site was left as it was.")
    assert "Traceback" not in result.output
    debug = CliRunner().invoke(main, ["--debug", "check", "--root", str(root)])
    assert isinstance(debug.exception, RuntimeError)


def test_an_interrupted_build_says_so(project: Callable[[str], Path],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from builder import pipeline

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "staged_languages", interrupt)
    root = project("base")
    result = CliRunner().invoke(main, ["build", "--root", str(root)])
    assert result.exit_code == 130
    assert "Interrupted; the site was left as it was." in result.output
    assert not list(root.glob(".build-*"))


def test_the_kb_command_is_installed() -> None:
    kb = Path(sys.executable).parent / "kb"
    result = subprocess.run([str(kb), "--help"], capture_output=True, text=True, check=False,
                            env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 0
    assert "build" in result.stdout


def test_export_writes_every_format(project: Callable[[str], Path], tmp_path: Path) -> None:
    root = project("base")
    out = tmp_path / "out"
    result = run_cli("export", "--root", str(root), "-o", str(out))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([
        *(f"quizzes-{lang}.moodle.xml" for lang in ("en", "pl", "nl", "da")),
        "quizzes.multilang.moodle.xml",
        *(f"quizzes-{lang}.gift" for lang in ("en", "pl", "nl", "da")),
        *(f"{quiz}-{lang}.scorm.zip" for quiz in ("basics", "shuffled")
          for lang in ("en", "pl", "nl", "da")),
        "glossary.tbx", "glossary.csv",
        *(f"glossary-{lang}.apkg" for lang in ("en", "pl", "nl", "da"))])
    assert f"Wrote {len(names)} files" in result.output
    assert not (root / "site").exists(), "kb export builds no site"


def test_export_one_format(project: Callable[[str], Path], tmp_path: Path) -> None:
    result = run_cli("export", "--root", str(project("base")), "-o", str(tmp_path / "g"),
                     "--format", "gift")
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in (tmp_path / "g").iterdir()) == [".gift"] * 4


def test_export_unknown_format(project: Callable[[str], Path]) -> None:
    result = run_cli("export", "--root", str(project("base")), "--format", "pdf")
    assert result.exit_code == 2
    assert "'pdf': the formats are moodle, gift, scorm, tbx, csv, anki" in result.output
    assert "Traceback" not in result.output


def test_export_refuses_invalid_sources(project: Callable[[str], Path], tmp_path: Path) -> None:
    result = run_cli("export", "--root", str(project("missing-field")), "-o", str(tmp_path / "x"))
    assert result.exit_code == 1
    assert "missing required field" in result.output
    assert not (tmp_path / "x").exists()
