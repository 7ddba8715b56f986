"""The whole build, top-down: load → validate → handouts → exports → compile → build → assemble.

Each stage is one call, timed and announced in one line through `report`. A build holds a lock
on its target site, so two builds of one site never interleave; it first clears what a killed
build left behind.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from builder import exports, handouts
from builder.assemble import recover, replace_site, write_chooser
from builder.build import Engine, MkDocs, build_sites
from builder.compile import StagedLanguage, compile_language, staged_languages
from builder.load import load_project
from builder.model import Project
from builder.problems import BuildError, Problem
from builder.render import contexts
from builder.slim import slim
from builder.sources import KINDS
from builder.validate import format_coverage, validate

Report = Callable[[str], None]
ENGINES = ("mkdocs", "zensical")
"""The site generators the compiled languages can be built with (docs/engines.md)."""
LOCK_WAIT = 600
"""Seconds a build waits for another build of the same site before it gives up."""


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


def build(root: Path, site: Path, report: Report, jobs: int | None = None,
          engine: str = "mkdocs") -> Project:
    """Build every language into `site`; on any problem raise BuildError and leave `site` as it was."""
    # Beside the target, so that the finished site is moved in by a rename on the same disk.
    site.parent.mkdir(parents=True, exist_ok=True)
    with site_lock(site, report):
        clear_leftovers(site)
        project, problems = check(root, report)
        if problems:
            raise BuildError(problems)
        work = Path(tempfile.mkdtemp(prefix=f".build-{site.name}-", dir=site.parent))
        try:
            out = work / "site"
            ctxs = contexts(project)
            with stage("handouts", report):
                printed = handouts.prepare(project, list(ctxs.values()), project.root, jobs)
            with stage("exports", report):
                exported, warnings = exports.export_all(project, ctxs=ctxs,
                                                        into=out / exports.DOWNLOADS_DIR)
            for warning in warnings:
                report(f"warning: {warning}")
            staged = staged_languages(project, work / "staging", out)

            def compile_one(lang: StagedLanguage) -> None:
                compile_language(ctxs[lang.lang], lang.config_file.parent, lang.site_dir,
                                 printed, exported)

            # Each language compiles in its engine's process, while another builds.
            runner = MkDocs() if engine == "mkdocs" else _zensical(work / "zensical-theme")
            start = time.perf_counter()
            compiled = build_sites(staged, jobs, page_origins(project), compile_one, runner)
            report(f"{'compile':<10}{sum(compiled.values()):6.2f}s")
            report(f"{'':<10}(within {engine}, in each language's process: "
                   + ", ".join(f"{lang} {seconds:.2f}s" for lang, seconds in compiled.items())
                   + ")")
            report(f"{engine:<10}{time.perf_counter() - start:6.2f}s")
            with stage("assemble", report):
                slim(out, project.config.codes)
                write_chooser(project, out)
                replace_site(out, site)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return project


def _zensical(theme: Path) -> Engine:
    from builder.zensical import Zensical  # Zensical itself is imported only by its processes

    return Zensical(theme)


def page_origins(project: Project) -> dict[str, str]:
    """Every page of the site → the source it comes from."""
    return {page: origin for kind in KINDS for page, origin in kind.origins(project.inventory).items()}


@contextmanager
def site_lock(site: Path, report: Report, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold `.<site>.lock` beside the site. The kernel releases it when the holder dies, so a
    killed build never leaves a stale lock."""
    path = site.with_name(f".{site.name}.lock")
    with path.open("a+") as lock:
        deadline = time.monotonic() + wait
        announced = False
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not announced:
                    lock.seek(0)
                    holder = lock.read().strip() or "another process"
                    report(f"waiting for the other build of {site} ({holder}) to finish")
                    announced = True
                if time.monotonic() > deadline:
                    raise BuildError([Problem(str(site), "(lock)", f"another build has held "
                                              f"{path.name} for over {wait:.0f} s; stop it, or "
                                              "wait and build again")]) from None
                time.sleep(0.2)
        lock.seek(0)
        lock.truncate()
        lock.write(f"process {os.getpid()}, started {time.strftime('%H:%M:%S')}\n")
        lock.flush()
        try:
            yield
        finally:
            lock.seek(0)
            lock.truncate()
            fcntl.flock(lock, fcntl.LOCK_UN)


def clear_leftovers(site: Path) -> None:
    """Work folders of builds that were killed (no other build of this site runs: we hold its
    lock), and a site half swapped."""
    recover(site)
    for folder in site.parent.glob(f".build-{site.name}-*"):
        shutil.rmtree(folder, ignore_errors=True)
