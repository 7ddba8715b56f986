"""Shared fixtures: tiny projects under tests/roots/, each a scenario.

`base` is a complete, valid project in four languages. Every other root is an overlay: its files
are copied over a copy of `base`, and the paths listed in its `_delete` file are removed. The
repository's own catalogues (`locales/`) are copied in, so fixtures use the real interface strings.
Scenarios that cannot be files in git (symbolic links out of the project, pipes, files of many
megabytes) are made by the functions in `SETUPS`, on top of the overlay of the same name.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner, Result

from builder.cli import main

REPO = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"

# The fixture projects share one cache of printed handouts: the same handout is printed once per
# test run (per pytest-xdist worker, so that no worker prunes what another is using), however many
# copies of a project build it.
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ["KB_CACHE_DIR"] = tempfile.mkdtemp(
        prefix=f"kb-test-cache-{os.environ['PYTEST_XDIST_WORKER']}-")
else:
    os.environ.setdefault("KB_CACHE_DIR", tempfile.mkdtemp(prefix="kb-test-cache-"))


def load_script(name: str) -> ModuleType:
    """`scripts/<name>.py` as a module, for the tests of the project's scripts."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module

def _write_big(root: Path, rel: str, size: int) -> None:
    """A sparse file of `size` bytes: instant to make, refused before it is read."""
    with (root / rel).open("wb") as f:
        f.truncate(size)


def _padded_boat(root: Path, chars: int, sentence: bool = False) -> None:
    boat = root / "glossary" / "boat.yml"
    text = boat.read_text(encoding="utf-8")
    filler = ("word " * (chars // 5)).strip()
    long = f"A boat that {filler}." if sentence else f"A boat. {filler}."
    boat.write_text(text.replace('"A fixture concept called boat. It exists to test the builder."',
                                 f'"{long}"'), encoding="utf-8")


def _nine_level_bomb(root: Path) -> None:
    lines = [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10 if i else ["lol"] * 10) + "]"
             for i in range(9)]
    (root / "glossary" / "boat.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


SETUPS: dict[str, Callable[[Path], None]] = {
    "yaml-bomb-9": _nine_level_bomb,
    "yaml-deep-10000": lambda root: (root / "glossary" / "boat.yml").write_text(
        "id: boat\ntags: " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8"),
    "size-wide-text": lambda root: (root / "glossary" / "boat.yml").write_text(
        (root / "glossary" / "boat.yml").read_text(encoding="utf-8").replace(
            '"An example with boat."', '"' + "ab " * 300_000 + '"'), encoding="utf-8"),
    "size-file": lambda root: (root / "glossary" / "boat.yml").write_text(
        (root / "glossary" / "boat.yml").read_text(encoding="utf-8")
        + "# padding\n" * 120_000, encoding="utf-8"),
    "size-text": lambda root: _padded_boat(root, 5000),
    "size-first-sentence": lambda root: _padded_boat(root, 400, sentence=True),
    "size-asset": lambda root: _write_big(root, "content/en/film.mp4", 30_000_000),
    "symlink-outside": lambda root: (
        (root / "glossary" / "secret.yml").symlink_to("/etc/hostname"),
        (root / "content" / "en" / "shared").symlink_to("/usr/share/doc")),
    "symlink-dangling": lambda root: (root / "glossary" / "ghost.yml").symlink_to("missing.yml"),
    "symlink-loop": lambda root: (root / "glossary" / "loop.yml").symlink_to("loop.yml"),
    "symlink-inside": lambda root: (
        (root / "shared").mkdir(),
        (root / "glossary" / "lamp.yml").rename(root / "shared" / "lamp.yml"),
        (root / "glossary" / "lamp.yml").symlink_to("../shared/lamp.yml")),
    "special-files": lambda root: (
        os.mkfifo(root / "glossary" / "pipe.yml"),
        (root / "glossary" / "folder.yml").mkdir()),
}


def make_project(name: str, dest: Path) -> Path:
    """Materialise the fixture project `name` in `dest` and return its root."""
    project = dest / name
    shutil.copytree(ROOTS / "base", project)
    shutil.copytree(REPO / "locales", project / "locales")
    if name != "base" and (ROOTS / name).is_dir():
        overlay = ROOTS / name
        delete = overlay / "_delete"
        shutil.copytree(overlay, project, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("_delete"))
        if delete.exists():
            for rel in delete.read_text().split():
                path = project / rel
                shutil.rmtree(path) if path.is_dir() else path.unlink()
    if name in SETUPS:
        SETUPS[name](project)
    elif not (ROOTS / name).is_dir():
        raise ValueError(f"no fixture project {name!r}")
    return project


def loaded_projects(folder: Path, names: tuple[str, ...]) -> dict[str, Any]:
    """The repository's own project and the fixture projects `names`, loaded without a problem
    (the export tests read them)."""
    from builder.load import load_project

    roots = {"repository": REPO, **{name: make_project(name, folder) for name in names}}
    loaded = {}
    for name, root in roots.items():
        project, problems = load_project(root)
        assert not problems, problems
        loaded[name] = project
    return loaded


def problem_lines(root: Path) -> list[str]:
    """What `kb check` reports for the project, as lines."""
    from builder.load import load_project
    from builder.validate import validate

    project, problems = load_project(root)
    return [str(p) for p in sorted({*problems, *validate(project)})]


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
