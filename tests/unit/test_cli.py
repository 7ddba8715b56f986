"""The command line: stage lines, clear errors without tracebacks, and a site never damaged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_cli


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_build_prints_one_line_per_stage(project: Callable[[str], Path]) -> None:
    root = project("base")
    result = run_cli("build", "--root", str(root))
    assert result.exit_code == 0, result.output
    stages = [line.split()[0] for line in result.output.splitlines()
              if line.rstrip().endswith("s") and line.split()[-1][:-1].replace(".", "").isdigit()]
    assert stages == ["load", "validate", "compile", "mkdocs", "assemble"]
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
    assert "pl Polski                  7/7       2/2" in result.output


def test_site_dir_elsewhere(project: Callable[[str], Path], tmp_path: Path) -> None:
    root = project("base")
    site = tmp_path / "elsewhere" / "deep" / "site"
    result = run_cli("build", "--root", str(root), "--site-dir", str(site))
    assert result.exit_code == 0, result.output
    assert (site / "index.html").is_file() and (site / "da/glossary/eel/index.html").is_file()
    assert not (root / "site").exists()
    assert not list(site.parent.glob(".build-*"))
