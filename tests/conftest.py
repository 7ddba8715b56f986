"""Shared fixtures: tiny projects under tests/roots/, each a scenario.

`base` is a complete, valid project in four languages. Every other root is an overlay: its files
are copied over a copy of `base`, and the paths listed in its `_delete` file are removed. The
repository's own catalogues (`locales/`) are copied in, so fixtures use the real interface strings.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from builder.cli import main

REPO = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"


def make_project(name: str, dest: Path) -> Path:
    """Materialise the fixture project `name` in `dest` and return its root."""
    project = dest / name
    shutil.copytree(ROOTS / "base", project)
    shutil.copytree(REPO / "locales", project / "locales")
    if name != "base":
        overlay = ROOTS / name
        delete = overlay / "_delete"
        shutil.copytree(overlay, project, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("_delete"))
        if delete.exists():
            for rel in delete.read_text().split():
                (project / rel).unlink()
    return project


@pytest.fixture
def project(tmp_path: Path) -> Callable[[str], Path]:
    return lambda name: make_project(name, tmp_path)


def run_cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="session")
def built_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `base` fixture built once into site/ for the integration and browser tests."""
    root = make_project("base", tmp_path_factory.mktemp("built"))
    result = run_cli("build", "--root", str(root))
    assert result.exit_code == 0, result.output
    return root / "site"
