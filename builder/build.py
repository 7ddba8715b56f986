"""Build stage: run MkDocs once per language, the languages in parallel processes.

Each MkDocs runs in a process of its own that dies with the builder, all started and watched
from the calling thread; if the builder stops, they are killed. On Linux the process is a fork
of the builder made after MkDocs, Material and the Markdown extensions are imported (an MkDocs
process spends about 0.4 s importing them), and it may first compile its language (`before`),
so that one language compiles while another is built. Elsewhere it is `python -m
builder._mkdocs`. A failure MkDocs reports in every language is reported once; a warning about
a hand-written page names its file under `content/`.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import re
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, Protocol

from builder import progress
from builder._mkdocs import die_with_parent
from builder.compile import StagedLanguage
from builder.problems import BuildError, Problem

_TAIL = 20
FORKING = hasattr(os, "fork") and sys.platform.startswith("linux")
"""Whether each language's process is a fork of the builder (else a spawned command line)."""
"""How many lines of a failed MkDocs run's output to show."""
_DOC_FILE_RE = re.compile(r"^(?:WARNING|ERROR)\s+-\s+Doc file '([^']+)' (.*)$")


class Engine(Protocol):
    """What runs in each language's process once its staging folder is written."""

    name: str

    def preload(self) -> None:
        """Before the forks: what every process would otherwise import or make itself."""

    def command(self, lang: StagedLanguage) -> list[str]:
        """The command line that builds `lang` (run in its staging folder)."""

    def run(self, lang: StagedLanguage) -> None:
        """Build `lang` in this process (a fork); may exec, or exit through SystemExit."""

    def problems(self, outputs: dict[str, tuple[int, str]],
                 origins: dict[str, str]) -> list[Problem]:
        """The failures in the languages' logs, each naming the source to change."""

    def finish(self, staged: list[StagedLanguage]) -> None:
        """After every language built: put the sites where they belong."""


class MkDocs:
    """MkDocs with Material: its command line, run in the fork itself."""

    name = "mkdocs"

    def preload(self) -> None:
        if FORKING:  # a spawned MkDocs imports everything itself
            _preload()

    def command(self, lang: StagedLanguage) -> list[str]:
        return [sys.executable, "-m", "builder._mkdocs", *_arguments(lang)]

    def run(self, lang: StagedLanguage) -> None:
        from mkdocs.__main__ import cli

        cli.main(args=_arguments(lang), prog_name="mkdocs")  # exits through SystemExit

    def problems(self, outputs: dict[str, tuple[int, str]],
                 origins: dict[str, str]) -> list[Problem]:
        return _problems(outputs, origins)

    def finish(self, staged: list[StagedLanguage]) -> None:
        pass  # MkDocs writes each site in place


def build_sites(staged: list[StagedLanguage], jobs: int | None = None,
                origins: dict[str, str] | None = None,
                before: Callable[[StagedLanguage], None] | None = None,
                engine: Engine | None = None) -> dict[str, float]:
    """Build every staged language with `engine` (MkDocs by default); raise BuildError naming
    what failed. `origins` maps each page to its source (`content/<lang>/about.md`), so that a
    warning names the file to change. `before(lang)` writes a language's staging folder, in its
    own process where there is one. Returns the CPU seconds each language spent in `before`."""
    engine = engine or MkDocs()
    limit = jobs or len(staged) or 1
    forking = FORKING
    engine.preload()
    if forking:
        # What the builder holds now is shared with every fork until written to: keep the
        # collector from walking it (each visit would copy its pages into every fork).
        gc.collect()
        gc.freeze()
    pending = list(staged)
    running: list[tuple[_Run, StagedLanguage, Path]] = []
    outputs: dict[str, tuple[int, str]] = {}
    try:
        while pending or running:
            while pending and len(running) < limit:
                lang = pending.pop(0)
                log = lang.config_file.parent.with_name(f"{lang.lang}-{engine.name}.log")
                log.parent.mkdir(parents=True, exist_ok=True)
                if forking:
                    run: _Run = _Forked(lang, log, before, engine)
                else:
                    if before is not None:
                        before(lang)
                    run = _Spawned(lang, log, engine)
                running.append((run, lang, log))
            for entry in list(running):
                run, lang, log = entry
                if run.poll() is not None:
                    running.remove(entry)
                    outputs[lang.lang] = (run.poll() or 0,
                                          log.read_text(encoding="utf-8", errors="replace"))
            if running:
                time.sleep(0.02)
    finally:
        for run, _, _ in running:
            run.kill()
        if forking:
            gc.unfreeze()
    _crashes(outputs)
    failures = engine.problems(outputs, origins or {})
    if failures:
        raise BuildError(failures)
    engine.finish(staged)
    return {lang: _compile_seconds(text) for lang, (_, text) in outputs.items()}


_COMPILED = "kb-compiled-in "
_CRASHED = "kb-compile-crashed-in "


class CompileCrash(RuntimeError):
    """An unexpected error while a language compiled in its own process."""


def _crashes(outputs: dict[str, tuple[int, str]]) -> None:
    """Raise a language's compile crash here, within `processing` of what it was working on,
    so that the command line reports it as a bug in one line, as it would in this process."""
    for _, text in outputs.values():
        for line in text.splitlines():
            if line.startswith(_CRASHED):
                what, _, message = line[len(_CRASHED):].partition("\t")
                with progress.processing(what):
                    raise CompileCrash(message)


def _compile_seconds(log: str) -> float:
    for line in log.splitlines():
        if line.startswith(_COMPILED):
            return float(line[len(_COMPILED):])
    return 0.0


class _Run(Protocol):
    def poll(self) -> int | None: ...
    def kill(self) -> None: ...


class _Spawned:
    """The engine's command line (`python -m builder._mkdocs build …`), where there is no fork."""

    def __init__(self, lang: StagedLanguage, log: Path, engine: Engine) -> None:
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                engine.command(lang), stdout=out, stderr=subprocess.STDOUT,
                cwd=lang.config_file.parent,
                env={**os.environ, "KB_PARENT": str(os.getpid()), "NO_COLOR": "1"})

    def poll(self) -> int | None:
        return self.process.poll()

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()


class _Forked:
    """A fork of the builder that compiles its language (`before`) and then builds it with the
    engine (MkDocs' command line in-process), its output in `log`."""

    def __init__(self, lang: StagedLanguage, log: Path,
                 before: Callable[[StagedLanguage], None] | None, engine: Engine) -> None:
        parent = os.getpid()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # or the child would write the parent's buffered output again
        self.pid = os.fork()
        self.code: int | None = None
        if self.pid == 0:
            _child(parent, lang, log, before, engine)  # never returns

    def poll(self) -> int | None:
        if self.code is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.code = os.waitstatus_to_exitcode(status)
        return self.code

    def kill(self) -> None:
        if self.poll() is None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.code = -signal.SIGKILL


def _child(parent: int, lang: StagedLanguage, log: Path,
           before: Callable[[StagedLanguage], None] | None, engine: Engine) -> NoReturn:
    code = 1
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.environ["KB_PARENT"] = str(parent)
        die_with_parent()
        out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(out, 1)
        os.dup2(out, 2)
        os.close(out)
        # The inherited streams may not write to fds 1 and 2 (a test runner's capture does not).
        sys.stdout = open(1, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
        if before is not None:
            # CPU time: the languages' processes share the cores, so wall time would count
            # the others' turns too.
            start = time.process_time()
            try:
                before(lang)
            except Exception as error:  # a bug: the parent reports it as its own (_crashes)
                traceback.print_exc()
                print(f"{_CRASHED}{progress.current() or lang.lang}\t{type(error).__name__}: "
                      f"{error}", flush=True)
                raise
            print(f"{_COMPILED}{time.process_time() - start:.3f}", flush=True)
        os.environ["NO_COLOR"] = "1"
        engine.run(lang)
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)


def _arguments(lang: StagedLanguage) -> list[str]:
    # No --quiet: it raises the log level above WARNING, and --strict then counts nothing.
    return ["build", "--strict", "--config-file", str(lang.config_file)]


def _preload() -> None:
    """What every MkDocs run imports, imported once here before the forks."""
    import material  # noqa: F401
    import mkdocs.__main__
    import mkdocs.commands.build
    import mkdocs.contrib.search  # noqa: F401
    from mkdocs.plugins import get_plugins
    from mkdocs.utils import get_themes

    get_themes()
    for entry in get_plugins().values():
        if entry.name in ("search", "offline", "material/search", "material/offline"):
            entry.load()
    for name in ("markdown.extensions.toc", "markdown.extensions.attr_list",
                 "markdown.extensions.admonition", "markdown.extensions.abbr",
                 "markdown.extensions.def_list", "markdown.extensions.footnotes",
                 "pymdownx.details", "pymdownx.superfences", "pymdownx.slugs"):
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


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
    return page_problem("mkdocs", doc, langs, origins, message)


def page_problem(engine: str, doc: str, langs: list[str], origins: dict[str, str],
                 message: str, where: str = "") -> Problem:
    """An engine's warning about the page `doc`, naming the source to change (`origins`): a
    hand-written page by its file under `content/`, a generated one by its page. `where` ("line
    3") follows the languages."""
    source = origins.get(doc, f"(generated page {doc})")
    if len(langs) == 1:
        source = source.replace("<lang>", langs[0])
    field = f"{engine if source.endswith(doc) else doc} ({', '.join(langs)})"
    return Problem(source, f"{field}, {where}" if where else field, message)


def _warnings_and_errors(output: str) -> list[str]:
    """MkDocs' log without its INFO and DEBUG entries (which may span several lines)."""
    kept: list[str] = []
    keep = True
    for line in output.splitlines():
        if line.startswith((_COMPILED, _CRASHED)):
            continue
        level = line.split(" ", 1)[0]
        if level in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL", "Aborted"):
            keep = level not in ("DEBUG", "INFO")
        if keep and line.strip():
            kept.append(line)
    return kept
