"""Build stage: run MkDocs once per language, the languages in parallel processes.

Each MkDocs runs in a process of its own (`builder._mkdocs`, which dies with the builder), all
started and watched from the calling thread; if the builder stops, they are killed.
A failure MkDocs reports in every language is reported once; a warning about a hand-written page
names its file under `content/`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from builder.compile import StagedLanguage
from builder.problems import BuildError, Problem

_TAIL = 20
"""How many lines of a failed MkDocs run's output to show."""
_DOC_FILE_RE = re.compile(r"^(?:WARNING|ERROR)\s+-\s+Doc file '([^']+)' (.*)$")


def build_sites(staged: list[StagedLanguage], jobs: int | None = None,
                origins: dict[str, str] | None = None) -> None:
    """Build every staged language; raise BuildError naming what failed. `origins` maps each
    page to its source (`content/<lang>/about.md`), so that a warning names the file to change."""
    limit = jobs or len(staged) or 1
    pending = list(staged)
    running: list[tuple[subprocess.Popen[bytes], StagedLanguage, Path]] = []
    outputs: dict[str, tuple[int, str]] = {}
    try:
        while pending or running:
            while pending and len(running) < limit:
                lang = pending.pop(0)
                log = lang.config_file.with_name("mkdocs.log")
                with log.open("wb") as out:
                    # No --quiet: it raises the log level above WARNING, and --strict then
                    # counts nothing.
                    process = subprocess.Popen(
                        [sys.executable, "-m", "builder._mkdocs", "build", "--strict",
                         "--config-file", str(lang.config_file)],
                        stdout=out, stderr=subprocess.STDOUT,
                        env={**os.environ, "KB_PARENT": str(os.getpid())})
                running.append((process, lang, log))
            for entry in list(running):
                process, lang, log = entry
                if process.poll() is not None:
                    running.remove(entry)
                    outputs[lang.lang] = (process.returncode,
                                          log.read_text(encoding="utf-8", errors="replace"))
            if running:
                time.sleep(0.02)
    finally:
        for process, _, _ in running:
            process.kill()
            process.wait()
    failures = _problems(outputs, origins or {})
    if failures:
        raise BuildError(failures)


def _problems(outputs: dict[str, tuple[int, str]], origins: dict[str, str]) -> list[Problem]:
    failed = {lang: _warnings_and_errors(text) for lang, (code, text) in outputs.items() if code}
    if not failed:
        return []
    problems: list[Problem] = []
    # The same failure in every language (a theme or plugin problem) is reported once.
    shapes = {lang: [line.replace(f"/{lang}/", "/<lang>/") for line in lines]
              for lang, lines in failed.items()}
    groups: dict[tuple[str, ...], list[str]] = {}
    for lang, shape in shapes.items():
        groups.setdefault(tuple(shape), []).append(lang)
    for langs in groups.values():
        lines = failed[langs[0]]
        named = [_doc_problem(line, langs, origins) for line in lines]
        problems.extend(p for p in named if p is not None)
        # "Aborted with 1 warnings in strict mode!" adds nothing to the warnings named above.
        rest = [line for line, p in zip(lines, named, strict=True)
                if p is None and not (any(named) and line.startswith("Aborted"))]
        if rest or not any(named):
            detail = "\n    ".join(rest[-_TAIL:]) or f"exit status {outputs[langs[0]][0]}"
            problems.append(Problem("mkdocs.yml", f"mkdocs build ({', '.join(langs)})",
                                    f"failed:\n    {detail}"))
    return problems


def _doc_problem(line: str, langs: list[str], origins: dict[str, str]) -> Problem | None:
    match = _DOC_FILE_RE.match(line)
    if not match:
        return None
    doc, message = match.groups()
    source = origins.get(doc, f"(generated page {doc})")
    if len(langs) == 1:
        source = source.replace("<lang>", langs[0])
    field = f"mkdocs ({', '.join(langs)})" if source.endswith(doc) else f"{doc} ({', '.join(langs)})"
    return Problem(source, field, message)


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
