"""The load stage, property-based: any mutation of a valid project ends in problems that each name
a file and a place, never in a traceback.

Hypothesis mutates one source of the `base` fixture at a time, as text (characters YAML, Markdown
and gettext give a meaning to, inserted, deleted or replaced anywhere) or as data (a value of
another type, a key removed or added, at any depth), then loads and validates the project.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.load import load_project
from builder.problems import BuildError, Problem
from builder.validate import validate
from tests.conftest import make_project

SOURCES = ("glossary/apple.yml", "glossary/misconceptions/apple-is-a-boat.yml",
           "quizzes/basics.yml", "quizzes/assessment/fruit-habits.yml", "content/pl/about.md",
           "content/da/index.md", "mkdocs.yml", "project.yml",
           "locales/pl/LC_MESSAGES/messages.po", "locales/messages.pot")
YAML_SOURCES = tuple(s for s in SOURCES if s.endswith(".yml"))
TRICKY = ":-[]{}#&*!|>'\"\t\n%<\\`@,?=~ ąłćøåé\u0301\ufeff\u00a0\x00\x07\r"

values = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10**6) | st.floats(allow_nan=True)
    | st.text(TRICKY + "abc", max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.text("abcdeflnp-", min_size=1, max_size=8) | st.booleans() | st.integers(0, 3),
        inner, max_size=3),
    max_leaves=6)


@pytest.fixture(scope="module")
def root() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp())
    yield make_project("base", folder)
    shutil.rmtree(folder)


def _check(root: Path) -> list[Problem]:
    try:
        project, problems = load_project(root)
    except BuildError as error:  # only project.yml stops the load
        assert all(p.path == "project.yml" for p in error.problems), error.problems
        return error.problems
    return [*problems, *validate(project)]


def _assert_named(root: Path, problems: list[Problem]) -> None:
    for problem in problems:
        assert problem.path and problem.field and problem.message, problem
        assert "Traceback" not in problem.message
        assert "\n" not in problem.field
        path = root / problem.path
        # A problem names a file or folder that exists, or one that should (a missing translation).
        assert path.exists() or path.is_symlink() or path.parent.is_dir(), problem


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=st.sampled_from(SOURCES), where=st.floats(0, 1), cut=st.integers(0, 40),
       insert=st.text(TRICKY + "ab1", max_size=12))
def test_any_text_mutation_gives_named_problems(root: Path, source: str, where: float, cut: int,
                                                insert: str) -> None:
    path = root / source
    original = path.read_bytes()
    text = original.decode("utf-8")
    at = int(where * len(text))
    try:
        path.write_text(text[:at] + insert + text[at + cut:], encoding="utf-8", errors="surrogatepass")
        _assert_named(root, _check(root))
    finally:
        path.write_bytes(original)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, (*prefix, i))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=st.sampled_from(YAML_SOURCES), pick=st.floats(0, 1), action=st.sampled_from(
    ("replace", "delete", "add")), value=values)
def test_any_data_mutation_gives_named_problems(root: Path, source: str, pick: float, action: str,
                                                value: Any) -> None:
    path = root / source
    original = path.read_bytes()
    data = yaml.load(original, Loader=yaml.SafeLoader)  # mkdocs.yml's tags are not used here
    paths = [p for p in _paths(data) if p]
    target = paths[int(pick * (len(paths) - 1))]
    parent: Any = data
    for key in target[:-1]:
        parent = parent[key]
    if action == "replace":
        parent[target[-1]] = value
    elif action == "delete":
        del parent[target[-1]]
    elif isinstance(parent, dict):
        parent["unexpected"] = value
    else:
        parent.append(value)
    try:
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        _assert_named(root, _check(root))
    finally:
        path.write_bytes(original)
