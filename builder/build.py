"""Build stage: run MkDocs once per language, the languages in parallel processes."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from builder.compile import StagedLanguage
from builder.problems import BuildError, Problem

_TAIL = 20
"""How many lines of a failed MkDocs run's output to show."""


def build_sites(staged: list[StagedLanguage], jobs: int | None = None) -> None:
    """Build every staged language; raise BuildError naming each language that failed."""
    with ThreadPoolExecutor(max_workers=jobs or len(staged) or 1) as pool:
        results = list(pool.map(_run_mkdocs, staged))
    failures = [problem for problem in results if problem is not None]
    if failures:
        raise BuildError(failures)


def _run_mkdocs(lang: StagedLanguage) -> Problem | None:
    # A thread only waits here: each MkDocs build is its own process, so they run in parallel.
    result = subprocess.run(
        # No --quiet: it raises the log level above WARNING, and --strict then counts nothing.
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "--config-file", str(lang.config_file)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode == 0:
        return None
    output = _warnings_and_errors(result.stderr + result.stdout)
    detail = "\n    ".join(output[-_TAIL:]) or f"exit status {result.returncode}"
    return Problem("mkdocs.yml", f"mkdocs build ({lang.lang})", f"failed:\n    {detail}")


def _warnings_and_errors(output: str) -> list[str]:
    """MkDocs' log without its INFO and DEBUG entries (which may span several lines)."""
    kept: list[str] = []
    keep = True
    for line in output.splitlines():
        level = line.split(" ", 1)[0]
        if level in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL", "Aborted"):
            keep = level not in ("DEBUG", "INFO")
        if keep and line.strip():
            kept.append(line)
    return kept
