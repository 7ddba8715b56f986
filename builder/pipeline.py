"""The whole build, top-down: load → validate → compile → build → assemble.

Each stage is one call, timed and announced in one line through `report`.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from builder.assemble import replace_site, write_chooser
from builder.build import build_sites
from builder.compile import compile_all
from builder.load import load_project
from builder.model import Project
from builder.problems import BuildError, Problem
from builder.validate import format_coverage, validate

Report = Callable[[str], None]


@contextmanager
def stage(name: str, report: Report) -> Iterator[None]:
    start = time.perf_counter()
    yield
    report(f"{name:<10}{time.perf_counter() - start:6.2f}s")


def check(root: Path, report: Report) -> tuple[Project, list[Problem]]:
    """Load and validate; report the coverage table. Problems are returned, not raised."""
    with stage("load", report):
        project, problems = load_project(root)
    with stage("validate", report):
        problems = sorted({*problems, *validate(project)})
    report(format_coverage(project, problems))
    return project, problems


def build(root: Path, site: Path, report: Report, jobs: int | None = None) -> Project:
    """Build every language into `site`; on any problem raise BuildError and leave `site` as it was."""
    project, problems = check(root, report)
    if problems:
        raise BuildError(problems)
    # Beside the target, so that the finished site is moved in by a rename on the same disk.
    site.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=site.parent))
    try:
        out = work / "site"
        with stage("compile", report):
            staged = compile_all(project, work / "staging", out)
        with stage("mkdocs", report):
            build_sites(staged, jobs)
        with stage("assemble", report):
            write_chooser(project, out)
            replace_site(out, site)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return project
